"""Running jobs: what the cache lacks is rendered, several jobs at a time, each forked into a process
group of its own under a time limit; a finished job's clip is checked in a process of its own while the
next job already renders, and enters the cache only if it passes.

Where a job runs is the engine's business: by default this machine's own forked processes; another
engine (scenes.pipeline.running.dask_engine) starts a job elsewhere and, once it is done, leaves its files in
the job's staging folder here, to be checked and cached exactly like a local job's. A progress display
(scenes.pipeline.running.progress) is told when each job starts, finishes or fails."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scenes.pipeline.running import worker
from scenes.pipeline.running.cache import Cache, Clip
from scenes.pipeline.running.jobs import Job
from scenes.pipeline.running.processes import Forked, fork, kill
from scenes.pipeline.running.progress import Events
from scenes.pipeline.running.schema import JobSpec, SpeechSpec
from scenes.pipeline.settings import DEFAULT_TIMEOUT, ENCODER_OPTIONS, RenderError
from scenes.pipeline.sound.voice import VoiceReport

__all__ = ["CHECK_FAILED", "Engine", "Report", "run_all", "run_jobs"]

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
    #: a local job's forked process, or another engine's handle (poll() as a process has it, and stop())
    process: Forked
    staged: Path
    tex: Path | None
    log: Path
    started: float = field(default_factory=time.monotonic)
    elapsed: float = 0.0


class Engine:
    """Where jobs run: this machine's forked processes. Another engine overrides the three methods
    (its handles' poll() return 0 once the job's files are in its staging folder, and stop() cancels)."""

    #: jobs started at once; None: as many as run_jobs is asked for
    slots: int | None = None

    def preload(self, modules: Sequence[str]) -> None:
        worker.preload(modules)

    def start(self, job: Job, cache: Cache, timeout: float) -> _Running:
        return _start(job, cache, timeout)

    def stop(self, run: _Running) -> None:
        kill(run.process)

    def timed_locally(self) -> bool:
        """Whether the runner enforces each job's time limit (another engine does so where it runs)."""
        return True

    def seconds(self, run: _Running) -> float:
        """How long a finished job took to render."""
        return run.elapsed


def worker_env(tex: Path) -> dict[str, str]:
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
        language=job.plan.language,
        part=job.part.digest(),
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
    env = worker_env(tex)
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
    if run.tex is not None:
        shutil.rmtree(run.tex, ignore_errors=True)
    shutil.rmtree(run.staged, ignore_errors=True)


def last_line(log: Path) -> str:
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
    events: Events | None = None,
) -> list[Clip]:
    """Render what the cache lacks, *parallel* jobs at a time; return the clips in the jobs' order.
    The first job that fails stops the run (those running finish) with a RenderError.

    Jobs are forked from this process once it has imported what they need (scenes.pipeline.running.worker). A
    finished job's clip is checked (decoded in full, then moved into the cache) in a forked process of
    its own while the next job already runs: the check takes seconds at 1080p and would otherwise hold
    up the next job."""
    clips, failures = _run(jobs, cache, parallel, timeout, say, report, events, Engine(), keep_going=False)
    if failures:
        raise RenderError(next(iter(failures.values())))
    return [clips[i] for i in range(len(jobs))]


def run_all(
    jobs: Sequence[Job],
    cache: Cache,
    *,
    engine: Engine | None = None,
    parallel: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    say: Callable[[str], None] = print,
    report: Report | None = None,
    events: Events | None = None,
) -> tuple[dict[int, Clip], dict[int, str]]:
    """As run_jobs, on *engine*, but a failed job stops nothing else: returns the clips that were made
    (by the job's index) and, for each job that failed, why (one line)."""
    return _run(jobs, cache, parallel, timeout, say, report, events, engine or Engine(), keep_going=True)


def _run(
    jobs: Sequence[Job],
    cache: Cache,
    parallel: int,
    timeout: float,
    say: Callable[[str], None],
    report: Report | None,
    events: Events | None,
    engine: Engine,
    *,
    keep_going: bool,
) -> tuple[dict[int, Clip], dict[int, str]]:
    report = report if report is not None else Report()
    events = events if events is not None else Events()
    clips: dict[int, Clip] = {}
    failures: dict[int, str] = {}
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
    events.planned([job for _, job in todo], cached=len(clips))
    if report.reused:
        say(f"cached, not rendered again: {', '.join(report.reused)}")
    if todo:
        engine.preload(sorted({f"scenes.{job.entry.module}" for _, job in todo}))
    slots = max(1, engine.slots or parallel)
    running: dict[int, _Running] = {}  # jobs rendering
    checking: dict[int, _Running] = {}  # finished jobs whose clips are being checked
    stopped = False  # a job failed and the run does not keep going: start nothing more

    def fail(i: int, run: _Running, why: str) -> None:
        nonlocal stopped
        failures[i] = why
        stopped = stopped or not keep_going
        events.failed(run.job, why)

    try:
        while todo or running or checking:
            while todo and len(running) < slots and not stopped:
                i, job = todo.pop(0)
                running[i] = engine.start(job, cache, timeout)
                events.started(job)
            if stopped and not running and not checking:
                break
            time.sleep(0.05)
            for i, run in list(running.items()):
                code = run.process.poll()
                run.elapsed = time.monotonic() - run.started
                if code is None and run.elapsed > timeout and engine.timed_locally():
                    engine.stop(run)
                    code = "timeout"
                if code is None:
                    continue
                del running[i]
                if code == 0:
                    run.elapsed = engine.seconds(run)
                    if run.tex is not None:
                        shutil.rmtree(run.tex, ignore_errors=True)  # its formulas are in the shared cache
                    run.process = _start_check(run, cache)
                    checking[i] = run
                else:
                    _discard(run)
                    why = f"timed out after {timeout:g} s" if code == "timeout" else last_line(run.log)
                    fail(i, run, f"{run.job.entry.name} failed: {why} (log: {run.log})")
            for i, run in list(checking.items()):
                code = run.process.poll()
                if code is None:
                    continue
                del checking[i]
                clip = cache.lookup(run.job) if code == 0 else None
                if clip is None:
                    _discard(run)
                    fail(
                        i,
                        run,
                        last_line(run.log)
                        if code == CHECK_FAILED
                        else f"{run.job.entry.name}: checking its clip failed (log: {run.log})",
                    )
                    continue
                clips[i] = clip
                report.rendered.append(run.job.entry.name)
                events.finished(run.job, run.elapsed)
                say(f"[{len(clips)}/{total}] {run.job.entry.name} rendered in {run.elapsed:.1f} s")
            if stopped:
                todo.clear()
    finally:
        for run in running.values():  # interrupted: stop, keep nothing of it
            engine.stop(run)
            _discard(run)
        for run in checking.values():
            kill(run.process)
            _discard(run)
    return clips, failures
