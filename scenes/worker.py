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
from pathlib import Path


def run(job: dict) -> dict:
    from derivlib.params import Params
    from scenes.manifest import find
    from scenes.render import render_scene

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
    )
    if rendered.movie is None:
        raise RuntimeError(f"{entry.name} produced no video")
    shutil.move(str(rendered.movie), out / "clip.mp4")
    if rendered.subtitles is not None:
        shutil.move(str(rendered.subtitles), out / "clip.srt")
    scene = rendered.scene
    fps = rendered.fps
    meta = {
        "scene": entry.name,
        "fps": fps,
        "frames": round(scene.scheduled_time * fps),
        "duration": scene.scheduled_time,
        "cues": [
            {
                "id": cue.id,
                "text": cue.text,
                "start": scene.cue_times[cue.id][0],
                "end": scene.cue_times[cue.id][1],
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
