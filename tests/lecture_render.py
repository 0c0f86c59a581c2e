"""The whole lecture rendered once per test run, at low quality, by the real command in a temporary
project folder, shared by the run's processes; tests that change things work on copies of it."""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import sys
from pathlib import Path


def derivatives(
    cwd: Path, *args: str, check: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the `derivatives` command in *cwd*, as a user would (with *env* as its environment, if given)."""
    return subprocess.run(
        [sys.executable, "-m", "scenes", *args], capture_output=True, text=True, cwd=cwd, check=check, env=env
    )


def render(cwd: Path, *args: str) -> dict:
    """`derivatives render -q l ARGS`, which must succeed; returns its report."""
    report = cwd / "report.json"
    result = derivatives(cwd, "render", "-q", "l", "-j", "2", "--report", str(report), *args)
    assert result.returncode == 0, result.stderr
    return json.loads(report.read_text())


def shared_render(run: Path, name: str, *args: str) -> Path:
    """*run*/*name*, a project folder where `derivatives render -q l ARGS` rendered the lecture once for
    the test run whose own folder *run* is: the first caller renders it while holding a lock on
    *run*/*name*.lock, later callers (other processes of the run) wait for the lock and find it done.
    A failed render is recorded beside it, so each caller fails with its message, none renders again."""
    cwd, done, failed = run / name, run / f"{name}.done", run / f"{name}.failed"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed (or the process dies)
        if not done.exists() and not failed.exists():
            shutil.rmtree(cwd, ignore_errors=True)  # what a killed render of this run left
            cwd.mkdir()
            try:
                report = render(cwd, *args)
                assert report["published"] and not report["reused"], report
            except BaseException as err:
                failed.write_text(f"{type(err).__name__}: {err}", encoding="utf-8")
                raise
            done.touch()
    if failed.exists():
        raise AssertionError(f"the shared render in {cwd} failed: {failed.read_text(encoding='utf-8')}")
    return cwd


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source / "renders", target / "renders", symlinks=True)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cue_seconds(project: Path, params) -> dict:
    """Each cue's (speech seconds or None, whole duration) for the default voice, read from the voice
    cache that the render filled (nothing is synthesised here: the files are there)."""
    from fractions import Fraction

    from derivlib.narration import narration
    from derivlib.wording import PAUSE_SECONDS
    from scenes.pipeline.sound.voice import VoiceReport, speech_for
    from scenes.pipeline.sound.voice_settings import VoiceSettings

    report = VoiceReport()
    speech = speech_for(narration(params), VoiceSettings(), project / "renders/.cache/voice", report)
    assert report.synthesized == [], "the render synthesised every cue already"
    return {
        cue_id: (Fraction(s.seconds), Fraction(s.seconds) + Fraction(PAUSE_SECONDS))
        for cue_id, s in speech.items()
    }


def ebur128(path: Path) -> tuple[float, float]:
    """A file's sound measured by FFmpeg's EBU R128 meter (its `ebur128` filter, as
    `ffmpeg -i FILE -af ebur128=peak=true -f null -` runs it; here through PyAV's FFmpeg, as Debian's
    ffmpeg command is not installed): integrated loudness in LUFS and true peak in dBTP. Another
    implementation than pyloudnorm's, which the mastering uses."""
    import math

    import av

    integrated, peak = None, 0.0
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        graph = av.filter.Graph()
        source = graph.add_abuffer(template=stream)
        meter = graph.add("ebur128", "peak=true:metadata=1")
        sink = graph.add("abuffersink")
        source.link_to(meter)
        meter.link_to(sink)
        graph.configure()

        def drain():
            nonlocal integrated, peak
            while True:
                try:
                    frame = graph.pull()
                except (av.BlockingIOError, av.EOFError):
                    return
                if "lavfi.r128.I" in frame.metadata:
                    integrated = float(frame.metadata["lavfi.r128.I"])
                    peak = max(peak, float(frame.metadata["lavfi.r128.true_peak"]))

        for frame in container.decode(stream):
            graph.push(frame)
            drain()
        graph.push(None)
        drain()
    assert integrated is not None, f"{path}: the meter measured nothing"
    return integrated, 20 * math.log10(peak) if peak > 0 else -math.inf
