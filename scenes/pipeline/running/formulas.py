"""The shared formula cache: each formula compiled by LaTeX once, whichever job needs it first.

A formula is an SVG named by its TeX's hash. Every job has a private LaTeX folder (manim 0.22 deletes
intermediate files in its LaTeX folder, so shared ones corrupt each other) and draws on the shared cache
through :func:`share_formulas`. Beside each SVG the cache records what it must be: the SHA-256 of the TeX
source it was compiled from and of the SVG itself. An entry is used only when both hold (and it is a
regular file the cache wrote); anything else (an SVG replaced by another, cut short, a link, a record
missing) is removed and compiled again.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from pathlib import Path

from scenes.pipeline.files import PART_PREFIX

__all__ = ["TEX_PREFIX", "share_formulas", "usable"]

#: Each job's private LaTeX folder, in the system's temporary folder: TEX_PREFIX<pid>-<scene>-...
TEX_PREFIX = "derivatives-tex-"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def usable(svg: Path, tex: Path) -> bool:
    """Whether the shared *svg* is what the cache recorded for the TeX source *tex*."""
    record = svg.with_suffix(".json")
    try:
        if svg.is_symlink() or record.is_symlink() or not svg.is_file():
            return False
        data = json.loads(record.read_text(encoding="utf-8"))
        return data["tex_sha256"] == _digest(tex) and data["sha256"] == _digest(svg)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _add(shared: Path, made: Path, tex: Path) -> None:
    """Add a formula this job compiled: the SVG, then its record, each whole (a temporary name, then a
    rename)."""
    theirs = shared / made.name
    part = shared / f"{PART_PREFIX}{os.getpid()}-{made.name}"
    shutil.copyfile(made, part)
    os.replace(part, theirs)
    record = {"tex_sha256": _digest(tex), "sha256": _digest(theirs)}
    part.write_text(json.dumps(record), encoding="utf-8")
    os.replace(part, theirs.with_suffix(".json"))


def share_formulas(shared: Path) -> None:
    """Let this job's LaTeX folder draw on *shared*, the cache of formulas every job adds to.

    A formula that another job already compiled is copied from there instead of being compiled again;
    one this job compiles goes there as soon as LaTeX and dvisvgm have succeeded (copied whole under a
    temporary name, then renamed), and while one job compiles it, a job that needs the same formula
    waits for it (a lock per formula) rather than compiling it twice: scenes running side by side share
    most formulas (the axes' labels, the equations). The job's own folder stays its own."""
    # manim is imported here, not at the top: only a worker that renders loads it
    from manim.mobject.text import tex_mobject
    from manim.utils import tex_file_writing as writing

    compile_svg = writing.tex_to_svg_file
    locks = shared / ".locks"
    locks.mkdir(parents=True, exist_ok=True)

    def tex_to_svg_file(expression, environment=None, tex_template=None):
        template = tex_template if tex_template is not None else writing.config["tex_template"]
        tex = writing.generate_tex_file(expression, environment, template)
        mine = tex.with_suffix(".svg")
        if mine.exists():
            return mine
        theirs = shared / mine.name
        with open(locks / mine.stem, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the job dies, too
            if usable(theirs, tex):
                shutil.copyfile(theirs, mine)
                return mine
            for stale in (theirs, theirs.with_suffix(".json")):  # not what the cache wrote: rebuilt
                stale.unlink(missing_ok=True)
            made = compile_svg(expression, environment, tex_template)
            _add(shared, made, tex)
            return made

    tex_mobject.tex_to_svg_file = tex_to_svg_file
