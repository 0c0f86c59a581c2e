"""One render job, run in its own process (and process group) by the pipeline.

The pipeline forks each job from itself after importing what a job needs once (`preload`), so no job
pays Python's and manim's start-up again (about a second of CPU each); the forked child (`run_forked`)
starts its own session, so its process group holds the job and its LaTeX and nothing else. The same
job also runs on its own, for debugging:

    python -m scenes.worker JOB.json

JOB.json names the scene, the parameters (as text), the quality, and three folders: media (manim's own
media folder for this job alone), tex (this job's LaTeX cache) and out. On success the worker writes
out/clip.mp4, out/clip.srt (if the scene has subtitles) and out/meta.json (frames, frame rate, the cue
schedule), and exits 0. Anything else is a failure; the pipeline keeps nothing of it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import traceback
from fractions import Fraction
from pathlib import Path


def share_formulas(shared: Path) -> None:
    """Let this job's LaTeX folder draw on *shared*, the cache of formulas every job adds to.

    A formula (an SVG named by its TeX's hash, so its name fixes its content) that another job already
    compiled is copied from there instead of being compiled again; one this job compiles goes there as
    soon as LaTeX and dvisvgm have succeeded (copied whole under a temporary name, then renamed), and
    while one job compiles it, a job that needs the same formula waits for it (a lock per formula) rather
    than compiling it twice: scenes running side by side share most formulas (the axes' labels, the
    equations). The job's own folder stays its own (manim 0.22 deletes its intermediate files there)."""
    import fcntl

    from manim.mobject.text import tex_mobject
    from manim.utils import tex_file_writing as writing

    from scenes.pipeline import PART_PREFIX

    compile_svg = writing.tex_to_svg_file
    locks = shared / ".locks"
    locks.mkdir(parents=True, exist_ok=True)

    def tex_to_svg_file(expression, environment=None, tex_template=None):
        template = tex_template if tex_template is not None else writing.config["tex_template"]
        mine = writing.generate_tex_file(expression, environment, template).with_suffix(".svg")
        if mine.exists():
            return mine
        theirs = shared / mine.name
        with open(locks / mine.stem, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the job dies, too
            if theirs.exists():
                shutil.copyfile(theirs, mine)
                return mine
            made = compile_svg(expression, environment, tex_template)
            part = shared / f"{PART_PREFIX}{os.getpid()}-{made.name}"
            shutil.copyfile(made, part)
            os.replace(part, theirs)
            return made

    tex_mobject.tex_to_svg_file = tex_to_svg_file


def run(job: dict) -> dict:
    from scenes import encoding

    encoding.install()
    if job.get("tex_shared"):
        share_formulas(Path(job["tex_shared"]))
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


#: What a job imports, imported once by the pipeline before it forks jobs.
PRELOAD = (
    "manim",
    "av",
    "cv2",
    "srt",
    "scenes.common",
    "scenes.encoding",
    "scenes.render",
    "scenes.sound",
    "scenes.voice",
)
#: The name a forked job carries (its /proc comm; `pgrep -x scenes.worker` lists running jobs).
PROCESS_NAME = "scenes.worker"


def preload(scene_modules=()) -> None:
    """Import what jobs need (and *scene_modules*), in a folder without a manim.cfg: manim reads the
    current folder's config when it is first imported, and a job never did (it runs in its own
    folder)."""
    import importlib
    import tempfile

    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="derivatives-preload-") as empty:
        os.chdir(empty)
        try:
            for name in (*PRELOAD, *scene_modules):
                importlib.import_module(name)
        finally:
            os.chdir(here)
    from scenes import encoding

    encoding.install()


def fork(body, log_fd: int) -> int:
    """Run body() in a child process forked from this one and return the child's PID. The child has a
    session (and so a process group) of its own, default signal handling, no input, *log_fd* as its
    output, and ends with body()'s return value as its exit code (1 if it raises) without ever
    returning into the caller's code. Signals stay blocked across the fork until the child has its own
    handlers: a Ctrl-C at that moment must not run the parent's clean-up code in the child."""
    blocked = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    for stream in (sys.stdout, sys.stderr):  # nothing buffered here is written twice by the child
        stream.flush()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        raise
    if pid:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        return pid
    code = 1
    try:
        os.setsid()
        for sig in blocked:
            signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log_fd, 1)
        os.dup2(log_fd, 2)
        os.close(null)
        code = body()
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        os._exit(code if isinstance(code, int) else 1)


def run_forked(job_file: str, cwd: str, env: dict[str, str]) -> int:
    """A job's body in a forked child (see fork): its name, folder and environment, then the job."""
    try:
        with open("/proc/self/comm", "w") as comm:
            comm.write(PROCESS_NAME)
    except OSError:  # pragma: no cover - not Linux
        pass
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    return main([job_file])


def main(argv: list[str]) -> int:
    job = json.loads(Path(argv[0]).read_text())
    run(job)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
