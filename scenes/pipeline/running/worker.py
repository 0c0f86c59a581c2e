"""One render job, run in its own process (and process group) by the runner.

The runner forks each job from itself after importing what a job needs once (:func:`preload`), so no job
pays Python's and manim's start-up again (about a second of CPU each); the forked child
(:func:`run_forked`) starts its own session, so its process group holds the job and its LaTeX and
nothing else. The same job also runs on its own, for debugging:

    python -m scenes.pipeline.running.worker JOB.json

JOB.json is a :class:`~scenes.pipeline.running.schema.JobSpec`. On success the worker writes out/clip.mp4,
out/clip.srt (if the scene has subtitles) and out/meta.json (a :class:`~scenes.pipeline.running.schema.ClipRecord`:
frames, frame rate, the cue schedule), and exits 0. Anything else is a failure; the runner keeps nothing
of it.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

from derivlib.lectures import lecture_named
from derivlib.parts import BasePart
from scenes.manifest import entry_for
from scenes.pipeline.running.formulas import share_formulas
from scenes.pipeline.running.processes import limit_life, name_process
from scenes.pipeline.running.scene_render import render_scene
from scenes.pipeline.running.schema import ClipRecord, CueRecord, JobSpec
from scenes.pipeline.sound.sound import sound_track, write_with_sound

__all__ = ["PRELOAD", "main", "preload", "run", "run_forked"]

#: What a job imports, imported once by the runner before it forks jobs.
PRELOAD = (
    "manim",
    "av",
    "cv2",
    "srt",
    "scenes.common",
    "scenes.pipeline.running.encoding",
)


def _install_encoding() -> None:
    # scenes.pipeline.running.encoding imports manim, PyAV and OpenCV (seconds to load): only workers need it
    from scenes.pipeline.running import encoding

    encoding.install()


def part_for(spec: JobSpec) -> BasePart:
    """The job's part of the plan, voiced with its speech: built for its beat alone from the job's
    parameters, in the job's language, and refused (RuntimeError) unless it is the part the render
    planned (its digest)."""
    lecture = lecture_named(spec.lecture)
    params = lecture.params_from(spec.params, source="the job")
    plan = lecture.plan(params, spec.language, only=spec.beat).voiced({s.cue: s.seconds for s in spec.speech})
    part = plan.part(spec.beat)
    if part.digest() != spec.part:
        raise RuntimeError(f"the job's part of beat {spec.beat} is not the one the render planned")
    return part


def run(spec: JobSpec) -> ClipRecord:
    """Render the job's scene and write its clip, subtitles and record into spec.out."""
    part = part_for(spec)
    _install_encoding()
    share_formulas(Path(spec.tex_shared))
    entry = entry_for(spec.beat, spec.lecture)
    out = Path(spec.out)
    out.mkdir(parents=True, exist_ok=True)
    rendered = render_scene(
        entry,
        part,
        quality=spec.quality,
        media_dir=Path(spec.media),
        tex_dir=Path(spec.tex),
        encoder_options=spec.encoder_options,
    )
    if rendered.movie is None:
        raise RuntimeError(f"{entry.name} produced no video")
    scene = rendered.scene
    frames = round(scene.scheduled_time * rendered.fps)
    wavs = {s.cue: Path(s.path) for s in spec.speech}
    if wavs:
        placements = [(scene.cue_times[c.id][0], wavs[c.id]) for c in scene.narrated]
        track = sound_track(placements, Fraction(frames, rendered.fps))
        write_with_sound(rendered.movie, track, out / "clip.mp4")
    else:
        shutil.move(str(rendered.movie), out / "clip.mp4")
    if rendered.subtitles is not None:
        shutil.move(str(rendered.subtitles), out / "clip.srt")
    timed = {c.id: c for c in scene.cues}
    record = ClipRecord(
        scene=entry.name,
        fps=rendered.fps,
        frames=frames,
        duration=scene.scheduled_time,
        cues=tuple(
            CueRecord(
                id=cue.id,
                text=cue.text,
                start=scene.cue_times[cue.id][0],
                end=scene.cue_times[cue.id][1],
                speech=timed[cue.id].speech,
            )
            for cue in scene.narrated
        ),
    )
    record.write(out / "meta.json")
    return record


def preload(scene_modules=()) -> None:
    """Import what jobs need (and *scene_modules*), in a folder without a manim.cfg: manim reads the
    current folder's config when it is first imported, and a job never did (it runs in its own
    folder)."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="derivatives-preload-") as empty:
        os.chdir(empty)
        try:
            for name in (*PRELOAD, *scene_modules):
                importlib.import_module(name)
        finally:
            os.chdir(here)
    _install_encoding()


def run_forked(job_file: Path, cwd: Path, env: dict[str, str]) -> int:
    """A job's body in a forked child (see scenes.pipeline.running.processes.fork): its name, folder and
    environment, then the job."""
    name_process()
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    return main([str(job_file)])


def main(argv: list[str]) -> int:
    spec = JobSpec.read(Path(argv[0]))
    limit_life(spec.timeout)
    run(spec)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
