"""Small file helpers shared by the machinery: checksums and atomic writes."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["PART_PREFIX", "install_file", "sha256_file", "umask", "write_atomically"]

#: A file being written: PART_PREFIX<pid>-<name>...; what a render killed outright leaves of it is swept
#: (scenes.pipeline.running.processes.sweep_abandoned) once that PID is gone.
PART_PREFIX = ".part-"


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def umask() -> int:
    """The process's umask (read without changing it for longer than a moment)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(destination: Path, write: Callable[[Path], object]) -> None:
    """Call write(temporary_path), then move the temporary file onto *destination*: readers see the old
    file or the complete new one, never a half-written one. The temporary file sits in the destination's
    folder (so the move is atomic) and is removed if writing fails or is interrupted."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f"{PART_PREFIX}{os.getpid()}-{destination.name}.", dir=destination.parent
    )
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def install_file(source: Path, destination: Path) -> None:
    """Copy *source* onto *destination* atomically."""
    write_atomically(destination, lambda tmp: shutil.copyfile(source, tmp))
