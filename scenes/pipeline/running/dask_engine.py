"""The Dask engine: scene jobs on a Dask distributed cluster (`--scheduler tcp://HOST:8786`).

Each job goes to the cluster as one task carrying everything it needs (scenes.pipeline.running.remote); its
clip comes back as bytes into the job's staging folder here and is checked and cached exactly like a
local job's, so the cluster needs no folder shared with this machine. All of a batch's jobs are
submitted at once, longest first (Dask's task priority), and the cluster's scheduler places them.
A worker lost while it runs a job (a crash, a machine gone) is the scheduler's to handle: it runs the
job again on another worker (up to its `allowed-failures`, 3 by default); the render keeps one result
per job, and a clip enters the cache once, whole, or not at all.

`dask[distributed]` is an optional dependency (`pip install 'derivatives-lecture[cluster]'`); it is
imported only when a scheduler is given.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from derivlib.numbers import ParameterError
from scenes.pipeline.running.cache import KEPT, Cache
from scenes.pipeline.running.jobs import Job
from scenes.pipeline.running.remote import RemoteJob, code_of, run_remote
from scenes.pipeline.running.runner import Engine, _Running, job_spec
from scenes.pipeline.settings import manim_version, project_version

__all__ = ["DaskEngine", "check_address"]

_ADDRESS = re.compile(r"(tcp|tls)://[A-Za-z0-9.\-\[\]:]+:[0-9]{1,5}")
#: seconds to wait for the scheduler to answer
CONNECT_TIMEOUT = 10


def check_address(address: str) -> str:
    """A scheduler's address, as `tcp://HOST:PORT` (or tls://); anything else is a ParameterError.

    >>> check_address("tcp://10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    >>> check_address("10.0.0.5")
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: scheduler: '10.0.0.5' is not an address such as tcp://HOST:8786
    """
    if not isinstance(address, str) or not _ADDRESS.fullmatch(address):
        raise ParameterError("scheduler", f"{address!r} is not an address such as tcp://HOST:8786")
    return address


class _Task:
    """A job on the cluster, polled as a process is: 0 once its files are in the staging folder."""

    def __init__(self, future, staged: Path, log: Path):
        self.future = future
        self.staged = staged
        self.log = log
        self.returncode: int | None = None
        self.seconds = 0.0  # how long it ran on its worker

    def poll(self) -> int | None:
        if self.returncode is not None or not self.future.done():
            return self.returncode
        try:
            result = self.future.result()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as err:  # the job's failure, a worker lost too often, a cancelled task
            self.log.write_text(f"{type(err).__name__}: {err}\n", encoding="utf-8")
            self.returncode = 1
            return 1
        for name, data in result.files.items():
            if name in KEPT:  # nothing else is taken from a worker, and no path
                (self.staged / name).write_bytes(data)
        self.log.write_text(
            f"(ran on {result.host} in {result.seconds:.1f} s)\n{result.log}", encoding="utf-8"
        )
        self.seconds = result.seconds
        self.returncode = 0
        return 0

    def stop(self) -> None:
        self.future.cancel()


class DaskEngine(Engine):
    """Jobs on the Dask cluster whose scheduler is at *address*; close() when done."""

    slots = 1_000_000  # everything at once: the scheduler places the tasks

    def __init__(self, address: str):
        check_address(address)
        try:
            # the optional dependency, loaded only for a cluster (seconds to import)
            from distributed import Client
        except ImportError:
            raise ParameterError(
                "scheduler",
                "the Dask engine needs dask[distributed]: pip install 'derivatives-lecture[cluster]'",
            ) from None
        try:
            self.client = Client(address, timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False)
        except (OSError, TimeoutError) as err:
            raise ParameterError("scheduler", f"cannot reach {address}: {err}") from None
        self.address = address

    def preload(self, modules) -> None:
        """Only what each clip's check imports here (PyAV); the workers import what their jobs need."""
        import av  # noqa: F401  (the checks are forked from this process: they find it imported)

    def start(self, job: Job, cache: Cache, timeout: float) -> _Running:
        staged = cache.staging()
        log = cache.logs / f"{job.entry.name}-{job.key}.log"
        here = Path(".")  # (the worker fills in its own folders)
        remote = RemoteJob(
            spec=job_spec(job, here, here, here, timeout),
            speech=tuple(speech.path.read_bytes() for _, speech in job.speech),
            code=code_of(job.entry.module),
            versions=(manim_version(), project_version()),
        )
        future = self.client.submit(
            run_remote,
            remote,
            key=f"derivatives-{job.entry.name}-{job.key}-{uuid.uuid4().hex[:8]}",
            pure=False,
            priority=round(job.estimated_seconds() * 1000),
        )
        return _Running(job, _Task(future, staged, log), staged, None, log)

    def stop(self, run: _Running) -> None:
        run.process.stop()

    def timed_locally(self) -> bool:
        return False  # the worker ends a job past its limit

    def seconds(self, run: _Running) -> float:
        return run.process.seconds  # (not the time it waited for a worker)

    def close(self) -> None:
        self.client.close()
