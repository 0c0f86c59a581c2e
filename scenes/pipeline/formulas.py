"""The shared formula cache: each formula compiled by LaTeX once, whichever job needs it first.

A formula is an SVG named by its TeX's hash (so its name fixes its content). Every job has a private
LaTeX folder (manim 0.22 deletes intermediate files in its LaTeX folder, so shared ones corrupt each
other) and draws on the shared cache through :func:`share_formulas`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

__all__ = ["PART_PREFIX", "TEX_PREFIX", "share_formulas"]

#: Each job's private LaTeX folder, in the system's temporary folder: TEX_PREFIX<pid>-<scene>-...
TEX_PREFIX = "derivatives-tex-"
#: A formula being copied into the shared LaTeX cache: PART_PREFIX<pid>-<name>
PART_PREFIX = ".part-"


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
        mine = writing.generate_tex_file(expression, environment, template).with_suffix(".svg")
        if mine.exists():
            return mine
        theirs = shared / mine.name
        with open(locks / mine.stem, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the job dies, too
            if theirs.exists():
                shutil.copyfile(theirs, mine)
                return mine
            made = compile_svg(expression, environment, tex_template)
            part = shared / f"{PART_PREFIX}{os.getpid()}-{made.name}"
            shutil.copyfile(made, part)
            os.replace(part, theirs)
            return made

    tex_mobject.tex_to_svg_file = tex_to_svg_file
