"""Publishing: a lecture's files, built in a staging folder beside the destination, swapped in with
signals blocked, so the destination holds the old complete set or the new complete set, never a mix."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from scenes.pipeline.files import sha256_file
from scenes.pipeline.processes import signals_blocked

__all__ = ["OLD_INFIX", "STAGING_INFIX", "is_up_to_date", "publish"]

#: A staging folder for OUT: .OUT.staging-<pid>-...; a replaced one on its way out: .OUT.old-<pid>
STAGING_INFIX = ".staging-"
OLD_INFIX = ".old-"


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
