"""Publishing: a lecture's files, built in a staging folder beside the destination, swapped in with
signals blocked, so the destination holds the old complete set or the new complete set, never a mix.

Publishing replaces the destination, so it may only replace a folder that this project published: one
whose manifest.json lists every file in it. Anything else (a folder with a file of the user's in it, the
renders folder itself, the cache, a file, a mount point, the current folder) is refused with one line
before anything is rendered, and nothing of it is touched."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from derivlib.numbers import ParameterError
from scenes.pipeline.files import sha256_file
from scenes.pipeline.running.processes import signals_blocked

__all__ = ["OLD_INFIX", "STAGING_INFIX", "check_destination", "is_published", "is_up_to_date", "publish"]

#: A staging folder for OUT: .OUT.staging-<pid>-...; a replaced one on its way out: .OUT.old-<pid>
STAGING_INFIX = ".staging-"
OLD_INFIX = ".old-"


def is_published(folder: Path) -> bool:
    """Whether *folder* is a lecture this project published: its manifest.json lists every file in it."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = set(manifest["files"]) | {"manifest.json"}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    present = {str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir() or p.is_symlink()}
    return present <= listed


def _describe_extra(folder: Path) -> str:
    names = sorted(p.name for p in folder.iterdir())
    return ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")


def check_destination(out: Path) -> None:
    """Refuse (ParameterError 'out') a destination that publishing must not replace or cannot write."""
    shown = str(out)
    resolved = out.resolve()
    if resolved == resolved.parent or os.path.ismount(resolved):
        raise ParameterError("out", f"{shown} is a mount point; give a folder inside it")
    here = Path.cwd().resolve()
    if resolved == here or resolved in here.parents:
        raise ParameterError("out", f"{shown} is the current folder or holds it; give a folder inside it")
    if out.is_symlink():
        raise ParameterError("out", f"{shown} is a link; give the folder itself")
    if out.exists():
        if not out.is_dir():
            raise ParameterError("out", f"{shown} is a file, not a folder; give a new or empty folder")
        if any(out.iterdir()) and not is_published(out):
            raise ParameterError(
                "out",
                f"{shown} holds files this project did not publish ({_describe_extra(out)}); "
                "give a new or empty folder, or one a render published",
            )
    ancestor = resolved.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ParameterError("out", f"{ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise ParameterError("out", f"cannot write in {ancestor}: permission denied")
    try:  # (access() says yes to root in /proc, a read-only mount ...: a folder made and removed says)
        os.rmdir(tempfile.mkdtemp(prefix=f".probe{STAGING_INFIX}", dir=ancestor))
    except OSError as err:
        raise ParameterError("out", f"cannot write in {ancestor}: {err.strerror or err}") from None


def is_up_to_date(out: Path, key: str) -> bool:
    """Whether *out* holds a complete lecture built from exactly these inputs, every file intact."""
    try:
        manifest = json.loads((out / "manifest.json").read_text())
        if manifest.get("inputs") != key:
            return False
        return all(sha256_file(out / name) == entry["sha256"] for name, entry in manifest["files"].items())
    except (OSError, ValueError, KeyError):
        return False


def publish(staging: Path, out: Path) -> None:
    """Swap the staged folder in for *out* (two renames with signals blocked; the old one is removed)."""
    with signals_blocked():
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}{OLD_INFIX}{os.getpid()}")
            os.replace(out, old)
        os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
