"""Processes: jobs forked into sessions (and process groups) of their own, stopped with everything they
started, dying with the render that forked them (even when it is killed outright), and what a render
killed outright left behind, swept once its process is gone."""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "PROCESS_NAME",
    "Forked",
    "alive",
    "die_with",
    "fork",
    "kill",
    "limit_life",
    "name_process",
    "signals_blocked",
    "sweep_abandoned",
]

#: The name a forked job carries (its /proc comm; `pgrep -x scenes.worker` lists running jobs).
PROCESS_NAME = "scenes.worker"
_BLOCKED = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends (for steps that must not be cut in two)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


#: prctl(2): the signal a process gets when the thread that forked it dies
_PR_SET_PDEATHSIG = 1


def _end_group(signum=None, frame=None) -> None:
    """End this process's whole group (a job and the programs it started, such as LaTeX) at once."""
    os.killpg(os.getpgrp(), signal.SIGKILL)


def die_with(parent: int) -> None:
    """Make this forked child end its process group when *parent* dies, however it dies (SIGKILL too),
    and when it gets SIGTERM or SIGALRM (see :func:`limit_life`). Linux's PR_SET_PDEATHSIG sends the
    signal; a parent that died before it was set is caught by the check after it."""
    for sig in (signal.SIGTERM, signal.SIGALRM):
        signal.signal(sig, _end_group)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the runner's own kill still works
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        _end_group()


def limit_life(seconds: float) -> None:
    """End this process's group after *seconds* (and a little), whatever its parent does."""
    signal.alarm(int(seconds) + 10)


def fork(body: Callable[[], int], log_fd: int) -> int:
    """Run body() in a child process forked from this one and return the child's PID. The child has a
    session (and so a process group) of its own, default signal handling but for SIGTERM and SIGALRM,
    which end its whole group, dies with this process (:func:`die_with`), has no input, *log_fd* as its
    output, and ends with body()'s return value as its exit code (1 if it raises) without ever
    returning into the caller's code. Signals stay blocked across the fork until the child has its own
    handlers: a Ctrl-C at that moment must not run the parent's clean-up code in the child. (Not
    :func:`signals_blocked`: the child must unblock inside the block.)"""
    for stream in (sys.stdout, sys.stderr):  # nothing buffered here is written twice by the child
        stream.flush()
    parent = os.getpid()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED)
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
        for sig in _BLOCKED:
            signal.signal(sig, signal.SIG_DFL)
        die_with(parent)
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


def name_process(name: str = PROCESS_NAME) -> None:
    """Give this process the name `ps` and `pgrep -x` show."""
    try:
        with open("/proc/self/comm", "w") as comm:
            comm.write(name)
    except OSError:  # pragma: no cover - not Linux
        pass


class Forked:
    """A process forked from this one: poll() and wait() as subprocess.Popen has them."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode


def kill(process: Forked) -> None:
    """Stop a job and everything it started (its process group); SIGKILL if SIGTERM is not enough."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)  # forked a moment ago: perhaps not yet in its own group
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        process.wait()


def alive(pid: int) -> bool:
    """Whether a process with this PID is running (someone else's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def sweep_abandoned(folder: Path, prefix: str) -> list[Path]:
    """Remove what a render killed outright (SIGKILL, a power cut) left behind in *folder*: entries
    named *prefix* + the PID of their render + ..., whose render is no longer running. Returns them.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> (folder / ".x.staging-999999999-abc").mkdir(); (folder / f".x.staging-{os.getpid()}-d").mkdir()
    >>> [p.name for p in sweep_abandoned(folder, ".x.staging-")]
    ['.x.staging-999999999-abc']
    >>> [p.name for p in folder.iterdir()]  # a running render's folder stays  # doctest: +ELLIPSIS
    ['.x.staging-...-d']
    >>> shutil.rmtree(folder)
    """
    swept = []
    if not folder.is_dir():
        return swept
    for path in folder.glob(f"{glob.escape(prefix)}*"):
        owner = path.name[len(prefix) :].split("-", 1)[0]
        if owner.isdigit() and not alive(int(owner)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            swept.append(path)
    return swept
