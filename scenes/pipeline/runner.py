"""Running jobs: what the cache lacks is rendered, several jobs at a time, each forked into a process
group of its own under a time limit; a finished job's clip is checked in a process of its own while the
next job already renders, and enters the cache only if it passes."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scenes.pipeline import worker
from scenes.pipeline.cache import Cache, Clip
from scenes.pipeline.jobs import Job
from scenes.pipeline.processes import Forked, fork, kill
from scenes.pipeline.schema import JobSpec, SpeechSpec
from scenes.pipeline.settings import DEFAULT_TIMEOUT, ENCODER_OPTIONS, RenderError
from scenes.pipeline.voice import VoiceReport

__all__ = ["CHECK_FAILED", "Report", "run_jobs"]

#: A check's exit code when the clip is wrong (its log's last line says how).
CHECK_FAILED = 3


@dataclass
class Report:
    """What a run did, for the user and for tests: which scenes were rendered and which reused."""

    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    published: bool = False
    voice: VoiceReport = field(default_factory=VoiceReport)
    seconds: float = 0.0


@dataclass
class _Running:
    job: Job
    process: Forked
    staged: Path
    tex: Path
    log: Path
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0


def _worker_env(tex: Path) -> dict[str, str]:
    env = dict(os.environ)
    # kpathsea: LaTeX reads no file outside the TeX trees but this job's own LaTeX folder (paranoid mode
    # refuses absolute paths, except below TEXMFOUTPUT), and writes nowhere else either.
    env["openin_any"] = "p"
    env["openout_any"] = "p"
    env["TEXMFOUTPUT"] = str(tex)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def job_spec(job: Job, staged: Path, tex: Path, shared_tex: Path, timeout: float) -> JobSpec:
    """What the worker is told about *job*, with its folders."""
    return JobSpec(
        scene=job.entry.name,
        lecture=job.plan.lecture,
        beat=job.entry.beat.id,
        params=job.plan.params.as_strings(),
        quality=job.quality,
        media=str(staged / "media"),
        tex=str(tex),
        tex_shared=str(shared_tex),
        out=str(staged),
        encoder_options=dict(ENCODER_OPTIONS),
        speech=tuple(SpeechSpec(cue, str(s.path), s.seconds, s.sha256) for cue, s in job.speech),
        timeout=timeout,
    )


def _open_log(path: Path, *, append: bool = False) -> int:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    return os.open(path, flags, 0o666)


def _start(job: Job, cache: Cache, timeout: float) -> _Running:
    staged = cache.staging()
    tex = cache.checkout_tex(job.entry)
    job_file = staged / "job.json"
    job_spec(job, staged, tex, cache.tex, timeout).write(job_file)
    log = cache.logs / f"{job.entry.name}-{job.key}.log"
    env = _worker_env(tex)
    log_fd = _open_log(log)
    try:
        pid = fork(lambda: worker.run_forked(job_file, staged, env), log_fd)
    finally:
        os.close(log_fd)
    return _Running(job, Forked(pid), staged, tex, log)


def _start_check(run: _Running, cache: Cache) -> Forked:
    """Check a finished job's clip and move it into the cache, in a forked process (its log: the job's)."""

    def check() -> int:
        try:
            cache.store(run.job, run.staged)
        except RenderError as err:
            print(err)
            return CHECK_FAILED
        return 0

    log_fd = _open_log(run.log, append=True)
    try:
        return Forked(fork(check, log_fd))
    finally:
        os.close(log_fd)


def _discard(run: _Running) -> None:
    shutil.rmtree(run.tex, ignore_errors=True)
    shutil.rmtree(run.staged, ignore_errors=True)


def _last_line(log: Path) -> str:
    try:
        lines = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    return lines[-1][:300] if lines else "no output"


def run_jobs(
    jobs: Sequence[Job],
    cache: Cache,
    *,
    parallel: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    say: Callable[[str], None] = print,
    report: Report | None = None,
) -> list[Clip]:
    """Render what the cache lacks, *parallel* jobs at a time; return the clips in the jobs' order.

    Jobs are forked from this process once it has imported what they need (scenes.pipeline.worker). A
    finished job's clip is checked (decoded in full, then moved into the cache) in a forked process of
    its own while the next job already runs: the check takes seconds at 1080p and would otherwise hold
    up the next job."""
    report = report if report is not None else Report()
    clips: dict[int, Clip] = {}
    todo: list[tuple[int, Job]] = []
    total = len(jobs)
    for i, job in enumerate(jobs):
        clip = cache.lookup(job)
        if clip is not None:
            clips[i] = clip
            report.reused.append(job.entry.name)
        else:
            todo.append((i, job))
    # Longest first (by narration length): with several jobs at once, the lecture finishes sooner.
    todo.sort(key=lambda item: -item[1].estimated_seconds())
    if report.reused:
        say(f"cached, not rendered again: {', '.join(report.reused)}")
    if todo:
        worker.preload(sorted({f"scenes.{job.entry.module}" for _, job in todo}))
    running: dict[int, _Running] = {}  # jobs rendering
    checking: dict[int, _Running] = {}  # finished jobs whose clips are being checked
    failure: str | None = None
    try:
        while todo or running or checking:
            while todo and len(running) < max(1, parallel) and failure is None:
                i, job = todo.pop(0)
                running[i] = _start(job, cache, timeout)
            if failure is not None and not running and not checking:
                break
            time.sleep(0.05)
            for i, run in list(running.items()):
                code = run.process.poll()
                run.elapsed = time.monotonic() - run.started
                if code is None and run.elapsed > timeout:
                    kill(run.process)
                    code = "timeout"
                if code is None:
                    continue
                del running[i]
                if code == 0:
                    shutil.rmtree(run.tex, ignore_errors=True)  # its formulas are in the shared cache
                    run.process = _start_check(run, cache)
                    checking[i] = run
                else:
                    _discard(run)
                    why = f"timed out after {timeout:g} s" if code == "timeout" else _last_line(run.log)
                    failure = failure or f"{run.job.entry.name} failed: {why} (log: {run.log})"
            for i, run in list(checking.items()):
                code = run.process.poll()
                if code is None:
                    continue
                del checking[i]
                clip = cache.lookup(run.job) if code == 0 else None
                if clip is None:
                    _discard(run)
                    failure = failure or (
                        _last_line(run.log)
                        if code == CHECK_FAILED
                        else f"{run.job.entry.name}: checking its clip failed (log: {run.log})"
                    )
                    continue
                clips[i] = clip
                report.rendered.append(run.job.entry.name)
                say(f"[{len(clips)}/{total}] {run.job.entry.name} rendered in {run.elapsed:.1f} s")
            if failure is not None:
                todo.clear()
    finally:
        for run in (*running.values(), *checking.values()):  # interrupted: stop, keep nothing of it
            kill(run.process)
            _discard(run)
    if failure is not None:
        raise RenderError(failure)
    return [clips[i] for i in range(total)]
