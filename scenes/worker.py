"""One render job, run in its own process (and process group) by the pipeline.

    python -m scenes.worker JOB.json

JOB.json names the scene, the parameters (as text), the quality, and three folders: media (manim's own
media folder for this job alone), tex (this job's LaTeX cache) and out. On success the worker writes
out/clip.mp4, out/clip.srt (if the scene has subtitles) and out/meta.json (frames, frame rate, the cue
schedule), and exits 0. Anything else is a failure; the pipeline keeps nothing of it.
"""

from __future__ import annotations

import json
import shutil
import sys
from fractions import Fraction
from pathlib import Path


def run(job: dict) -> dict:
    from scenes import encoding

    encoding.install()
    from derivlib.params import Params
    from scenes.manifest import find
    from scenes.render import render_scene
    from scenes.sound import sound_track, write_with_sound
    from scenes.voice import Speech

    params = Params.from_mapping(job["params"])
    entry = find(job["scene"])
    out = Path(job["out"])
    out.mkdir(parents=True, exist_ok=True)
    rendered = render_scene(
        entry,
        params,
        quality=job["quality"],
        media_dir=Path(job["media"]),
        tex_dir=Path(job["tex"]),
        encoder_options=job.get("encoder_options"),
        speech={
            cue: Speech(Path(p), seconds, digest)
            for cue, (p, seconds, digest) in job.get("speech", {}).items()
        },
    )
    if rendered.movie is None:
        raise RuntimeError(f"{entry.name} produced no video")
    scene = rendered.scene
    frames = round(scene.scheduled_time * rendered.fps)
    if scene.speech:
        placements = [(scene.cue_times[c.id][0], scene.speech[c.id].path) for c in scene.narrated]
        track = sound_track(placements, Fraction(frames, rendered.fps))
        write_with_sound(rendered.movie, track, out / "clip.mp4")
    else:
        shutil.move(str(rendered.movie), out / "clip.mp4")
    if rendered.subtitles is not None:
        shutil.move(str(rendered.subtitles), out / "clip.srt")
    meta = {
        "scene": entry.name,
        "fps": rendered.fps,
        "frames": frames,
        "duration": scene.scheduled_time,
        "cues": [
            {
                "id": cue.id,
                "text": cue.text,
                "start": scene.cue_times[cue.id][0],
                "end": scene.cue_times[cue.id][1],
                # the speech's length: the subtitle ends with it (None for a silent cue)
                "speech": scene.speech[cue.id].seconds if cue.id in scene.speech else None,
            }
            for cue in scene.narrated
        ],
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1))
    return meta


def main(argv: list[str]) -> int:
    job = json.loads(Path(argv[0]).read_text())
    run(job)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
