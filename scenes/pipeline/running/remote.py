"""One job on a machine that shares no folder with the render: a cluster's worker (scenes.pipeline.
dask_engine sends it there).

The job carries everything it needs (:class:`RemoteJob`: the job spec, its cues' speech as bytes, and
what the render's cache key says of the code) and its clip comes back as bytes (:class:`RemoteResult`),
which the render checks and caches exactly like a clip made on its own machine. On the worker the job
runs as a local one does: forked from the worker's process once it has imported manim (the first job
on a worker pays for that, the next ones do not), in a process group of its own, under the job's time
limit, in a folder of its own that is removed afterwards, with formulas shared between the jobs of
that machine (:func:`formula_cache`). A worker whose project differs from the render's (another
version, changed code) refuses the job rather than make a clip the render's cache would file under
the wrong key. A job whose task is cancelled (Ctrl-C in the render, or the render gone) is stopped.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from scenes.manifest import entry_for
from scenes.pipeline.running import worker
from scenes.pipeline.running.cache import KEPT
from scenes.pipeline.running.formulas import TEX_PREFIX
from scenes.pipeline.running.keys import WORKER, closure, code_digest
from scenes.pipeline.running.processes import Forked, fork, kill, sweep_abandoned
from scenes.pipeline.running.runner import last_line, worker_env
from scenes.pipeline.running.schema import JobSpec
from scenes.pipeline.settings import manim_version, project_version

__all__ = ["REMOTE_PREFIX", "RemoteFailure", "RemoteJob", "RemoteResult", "formula_cache", "run_remote"]

#: A remote job's folder, in the worker's temporary folder: REMOTE_PREFIX<pid>-...
REMOTE_PREFIX = "derivatives-remote-"
#: a Dask task's states once its render no longer wants it
_GONE = {"cancelled", "released", "forgotten"}
_preloaded: set[str] = set()
_preloading = threading.Lock()


class RemoteFailure(RuntimeError):
    """A job that failed on the worker; the message is one line."""


@dataclass(frozen=True)
class RemoteJob:
    """Everything a worker needs for one job."""

    #: the job; its folders and speech paths are filled in on the worker
    spec: JobSpec
    #: each cue's speech (its WAV's bytes), in the order of spec.speech
    speech: tuple[bytes, ...]
    #: the digest of the code the job's cache key hashed, and the versions of manim and of the project
    code: str
    versions: tuple[str, str]


@dataclass(frozen=True)
class RemoteResult:
    """A finished job: its files (clip.mp4, clip.srt, meta.json) by name, its log, where it ran."""

    files: dict[str, bytes]
    log: str
    host: str
    seconds: float


def code_of(module: str) -> str:
    """The digest of the code a clip of a scene in *module* is made by (as a job's key hashes it)."""
    return code_digest(closure([f"scenes.{module}", WORKER]))


def formula_cache() -> Path:
    """This machine's formula cache for remote jobs: $DERIVATIVES_WORKER_CACHE/formulas, or
    derivatives-lecture/formulas in the user's cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    base = os.environ.get("DERIVATIVES_WORKER_CACHE")
    if not base:
        base = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "derivatives-lecture")
    folder = Path(base) / "formulas"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _preload(module: str) -> None:
    with _preloading:  # (a worker with several threads runs several jobs at once)
        if module not in _preloaded:
            worker.preload([module])
            _preloaded.add(module)


def _check(job: RemoteJob, host: str) -> None:
    entry = entry_for(job.spec.beat, job.spec.lecture)
    mine = (code_of(entry.module), (manim_version(), project_version()))
    if mine != (job.code, job.versions):
        raise RemoteFailure(
            f"the worker on {host} has other code than the render (manim {mine[1][0]}, project "
            f"{mine[1][1]}, code {mine[0][:12]}; the render: manim {job.versions[0]}, project "
            f"{job.versions[1]}, code {job.code[:12]}): install the same project on the workers"
        )
    if len(job.speech) != len(job.spec.speech):
        raise RemoteFailure(f"{entry.name}: {len(job.spec.speech)} cues, {len(job.speech)} speech files")
    for cue, data in zip(job.spec.speech, job.speech, strict=True):
        if hashlib.sha256(data).hexdigest() != cue.sha256:
            raise RemoteFailure(f"{entry.name}: the speech of {cue.cue} arrived changed")


def _cancelled() -> Callable[[], bool]:
    """Whether the task running this job was cancelled: on a Dask worker, by the render (Ctrl-C) or
    because the render went away; elsewhere, never."""
    try:
        from distributed import get_worker  # (on a Dask worker, where it is imported already)

        worker = get_worker()
        key = worker.get_current_task()
    except (ImportError, ValueError):
        return lambda: False
    return lambda: getattr(worker.state.tasks.get(key), "state", "cancelled") in _GONE


def run_remote(job: RemoteJob) -> RemoteResult:
    """Run *job* here and return its files; raises RemoteFailure (one line) if it fails."""
    started = time.monotonic()
    host = socket.gethostname()
    _check(job, host)
    entry = entry_for(job.spec.beat, job.spec.lecture)
    scratch = Path(tempfile.gettempdir())
    for prefix in (REMOTE_PREFIX, TEX_PREFIX):  # what jobs of a worker killed outright left here
        sweep_abandoned(scratch, prefix)
    folder = Path(tempfile.mkdtemp(prefix=f"{REMOTE_PREFIX}{os.getpid()}-"))
    tex = Path(tempfile.mkdtemp(prefix=f"{TEX_PREFIX}{os.getpid()}-{entry.name}-"))
    try:
        staged, voice = folder / "out", folder / "speech"
        staged.mkdir()
        voice.mkdir()
        speech = []
        for n, (cue, data) in enumerate(zip(job.spec.speech, job.speech, strict=True)):
            wav = voice / f"cue-{n}.wav"
            wav.write_bytes(data)
            speech.append(replace(cue, path=str(wav)))
        spec = replace(
            job.spec,
            media=str(staged / "media"),
            tex=str(tex),
            tex_shared=str(formula_cache()),
            out=str(staged),
            speech=tuple(speech),
        )
        spec.write(folder / "job.json")
        _preload(f"scenes.{entry.module}")
        log = folder / "job.log"
        log_fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            process = Forked(
                fork(lambda: worker.run_forked(folder / "job.json", staged, worker_env(tex)), log_fd)
            )
        finally:
            os.close(log_fd)
        cancelled = _cancelled()
        try:
            while process.poll() is None:
                if time.monotonic() - started > spec.timeout:
                    raise RemoteFailure(f"{entry.name} timed out after {spec.timeout:g} s on {host}")
                if cancelled():
                    raise RemoteFailure(f"{entry.name} was cancelled on {host}")
                time.sleep(0.05)
        finally:
            kill(process)  # (nothing to do once it has ended)
        if process.returncode != 0:
            raise RemoteFailure(f"{entry.name} failed on {host}: {last_line(log)}")
        files = {name: (staged / name).read_bytes() for name in KEPT if (staged / name).is_file()}
        return RemoteResult(files, log.read_text(errors="replace"), host, time.monotonic() - started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(tex, ignore_errors=True)
