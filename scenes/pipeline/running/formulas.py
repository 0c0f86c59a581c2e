"""The shared formula cache: each formula compiled by LaTeX once, whichever job needs it first.

A formula is an SVG named by its TeX's hash. Every job has a private LaTeX folder (manim 0.22 deletes
intermediate files in its LaTeX folder, so shared ones corrupt each other) and draws on the shared cache
through :func:`share_formulas`. Beside each SVG the cache records what it must be: the SHA-256 of the TeX
source it was compiled from and of the SVG itself. An entry is used only when both hold (and it is a
regular file the cache wrote); anything else (an SVG replaced by another, cut short, a link, a record
missing) is removed and compiled again.

Each formula's LaTeX also starts from a format with the formulas' preamble already read (the document
class and packages: a third of LaTeX's time for a formula), made once per preamble into the same cache
(`formats/`, by :func:`preamble_format`) with the `-ini` LaTeX that manim's own command runs, and used
only while every file it read (the LaTeX kernel's format, each class and package, the TeX binary) is
unchanged: otherwise it is made again. The formula's SVG is byte for byte the one manim's own command
makes (a test compares them).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from scenes.pipeline.files import PART_PREFIX

__all__ = ["TEX_PREFIX", "preamble_format", "share_formulas", "usable"]

#: Each job's private LaTeX folder, in the system's temporary folder: TEX_PREFIX<pid>-<scene>-...
TEX_PREFIX = "derivatives-tex-"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: What reading a damaged record can raise (not JSON, not an object, a field missing or of another kind).
_DAMAGED = (OSError, ValueError, KeyError, TypeError, AttributeError)


def _recorded(path: Path) -> dict | None:
    """The record beside *path*, a file of the shared cache, when *path* is a regular file (not a link)
    with the SHA-256 recorded; None otherwise."""
    record = path.with_suffix(".json")
    try:
        if path.is_symlink() or record.is_symlink() or not path.is_file():
            return None
        data = json.loads(record.read_text(encoding="utf-8"))
        return data if data["sha256"] == _digest(path) else None
    except _DAMAGED:
        return None


def _add_whole(made: Path, theirs: Path, **fields: object) -> None:
    """Add *made* to the shared cache as *theirs*, then its record (*fields* and its SHA-256), each whole
    (a temporary name, then a rename)."""
    part = theirs.with_name(f"{PART_PREFIX}{os.getpid()}-{theirs.name}")
    shutil.copyfile(made, part)
    os.replace(part, theirs)
    part.write_text(json.dumps({**fields, "sha256": _digest(theirs)}), encoding="utf-8")
    os.replace(part, theirs.with_suffix(".json"))


def usable(svg: Path, tex: Path) -> bool:
    """Whether the shared *svg* is what the cache recorded for the TeX source *tex*."""
    data = _recorded(svg)
    try:
        return data is not None and data["tex_sha256"] == _digest(tex)
    except _DAMAGED:
        return False


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
    writing.make_tex_compilation_command = _from_formats(shared, writing.make_tex_compilation_command)

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
            _add_whole(made, shared / made.name, tex_sha256=_digest(tex))
            return made

    tex_mobject.tex_to_svg_file = tex_to_svg_file


_BEGIN = "\\begin{document}"


def _stamp(path: str) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _format_usable(fmt: Path) -> bool:
    """Whether the shared *fmt* is the one recorded, and every file it was made from is unchanged."""
    data = _recorded(fmt)
    try:
        return data is not None and all(_stamp(f) == stamp for f, stamp in data["read"].items())
    except _DAMAGED:
        return False


def preamble_format(shared: Path, compiler: str, preamble: str, tex_dir: Path) -> Path | None:
    """The format of *compiler* (LaTeX) with *preamble* read, from the shared cache or made now (in
    *tex_dir*, the job's own LaTeX folder, then added whole); None when it cannot be made (the formula
    is then compiled from its whole file, as manim does)."""
    key = hashlib.sha256(f"{compiler}\0{preamble}".encode()).hexdigest()[:16]
    memo = (str(shared), key)
    if memo not in _CHECKED:  # (checked once in a job: hashing it takes 8 ms, and a job compiles dozens)
        _CHECKED[memo] = _checked_format(shared, compiler, preamble, tex_dir, key)
    return _CHECKED[memo]


#: The formats this process has found usable or made, by cache and key (a job is one process).
_CHECKED: dict[tuple[str, str], Path | None] = {}


def _checked_format(shared: Path, compiler: str, preamble: str, tex_dir: Path, key: str) -> Path | None:
    formats = shared / "formats"
    formats.mkdir(exist_ok=True)
    fmt = formats / f"{key}.fmt"
    with open(shared / ".locks" / f"format-{key}", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _format_usable(fmt):
            return fmt
        source, made = tex_dir / f"{key}.ini", tex_dir / f"{key}.fmt"
        source.write_text(preamble + "\\dump\n", encoding="utf-8")
        command = [
            compiler,
            "-ini",
            "-recorder",
            f"-jobname={key}",
            "-interaction=batchmode",
            "-halt-on-error",
            f"-output-directory={tex_dir.as_posix()}",
            "&latex",
            source.as_posix(),
        ]
        run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tex_dir)
        binary = shutil.which(compiler)
        if run.returncode != 0 or not made.is_file() or binary is None:
            return None
        own = tex_dir.resolve()  # (its source, read from the job's folder, is not what it depends on)
        lines = (tex_dir / f"{key}.fls").read_text().splitlines()
        read = {line[6:] for line in lines if line.startswith("INPUT /") and line != "INPUT /dev/null"}
        read = {f for f in read if not Path(f).is_relative_to(own)} | {os.path.realpath(binary)}
        _add_whole(made, fmt, read={f: _stamp(f) for f in sorted(read)})
        return fmt


def _from_formats(shared: Path, make_command: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """manim's LaTeX command, made to start from the preamble's format: the formula's file without its
    preamble (blank lines in its place, so LaTeX's line numbers in an error are the file's), under the
    formula's own name."""

    def command(tex_compiler: str, output_format: str, tex_file: Path, tex_dir: Path) -> list[str]:
        plain = make_command(tex_compiler, output_format, tex_file, tex_dir)
        if tex_compiler != "latex" or output_format != ".dvi":
            return plain
        preamble, begin, body = tex_file.read_text(encoding="utf-8").partition(_BEGIN)
        fmt = preamble_format(shared, tex_compiler, preamble, tex_dir) if begin else None
        if fmt is None:
            return plain
        rest = tex_file.with_suffix(".body")
        rest.write_text("\n" * preamble.count("\n") + begin + body, encoding="utf-8")
        return [
            plain[0],
            f"-fmt={fmt.as_posix()}",
            f"-jobname={tex_file.stem}",
            *plain[1:-1],
            rest.as_posix(),
        ]

    return command
