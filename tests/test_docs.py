"""The documentation kept true: every relative link and anchor in README.md and docs/ resolves; every
command line in a fenced block of the README and the user guide parses with the real argument parser;
every error the troubleshooting page shows is one the code produces (run, where the page gives the
command; otherwise its fixed words found in a message the code writes)."""

from __future__ import annotations

import ast
import functools
import re
import shlex
import signal
from pathlib import Path

import pytest

from scenes.pipeline.command.arguments import join_negative_values
from scenes.pipeline.command.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
GUIDE = sorted([ROOT / "README.md", *(ROOT / "docs" / "guide").glob("*.md")])
TROUBLESHOOTING = ROOT / "docs" / "guide" / "troubleshooting.md"

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def fenced(text: str) -> list[tuple[str, str]]:
    """(language, body) of each fenced block."""
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(text)]


def prose(text: str) -> str:
    """*text* without its fenced blocks and inline code (where a link is not a link)."""
    return re.sub(r"`[^`\n]*`", "", _FENCE.sub("", text))


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|\*", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for line in _FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        if m := re.match(r"#{1,6} (.+)", line):
            base = slug(m.group(1))
            name, n = base, 0
            while name in found:  # GitHub numbers repeated headings: x, x-1, x-2
                n += 1
                name = f"{base}-{n}"
            found.add(name)
    return found


def links(path: Path) -> list[str]:
    return _LINK.findall(prose(path.read_text(encoding="utf-8")))


def broken_links(path: Path) -> list[str]:
    """The relative links and anchors of *path* that lead nowhere."""
    wrong = []
    for target in links(path):
        if re.match(r"[a-z]+:", target):  # https:, mailto: — not this repository's to check
            continue
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        if not dest.exists():
            wrong.append(f"{target}: no {dest.relative_to(ROOT) if dest.is_relative_to(ROOT) else dest}")
        elif anchor and (dest.suffix != ".md" or anchor not in anchors(dest)):
            wrong.append(f"{target}: no heading #{anchor} in {dest.name}")
    return wrong


def command_lines(path: Path) -> list[str]:
    """The `derivatives ...` command lines of *path*'s fenced shell blocks (a console block's `$` lines)."""
    found = []
    for language, body in fenced(path.read_text(encoding="utf-8")):
        if language not in ("sh", "console", "bash", "shell"):
            continue
        for line in body.splitlines():
            if language == "console":
                if not line.startswith("$ "):
                    continue
                line = line[2:]
            line = line.strip().removeprefix(".venv/bin/")
            if line.startswith("derivatives "):
                found.append(line)
    return found


def argv_of(line: str) -> list[str]:
    return shlex.split(line, comments=True)[1:]


# --- links ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", DOCS, ids=[str(p.relative_to(ROOT)) for p in DOCS])
def test_every_relative_link_and_anchor_resolves(path):
    assert broken_links(path) == []


def test_the_link_check_finds_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "a.md").write_text("# A title\n\n## Some `code` here\n", encoding="utf-8")
    page = tmp_path / "b.md"
    page.write_text(
        "[ok](a.md#some-code-here) [top](a.md#a-title) [gone](c.md) [anchor](a.md#nothing) "
        "`[in code](x.md)`\n\n```sh\n[fenced](y.md)\n```\n",
        encoding="utf-8",
    )
    assert [w.split(":")[0] for w in broken_links(page)] == ["c.md", "a.md#nothing"]


def test_the_docs_link_each_other():
    """The README reaches every page of docs/ (directly or through the user guide's index)."""
    reached, todo = set(), [ROOT / "README.md"]
    while todo:
        page = todo.pop()
        for target in links(page):
            file = target.partition("#")[0]
            if file.endswith(".md") and not re.match(r"[a-z]+:", file):
                dest = (page.parent / file).resolve()
                if dest not in reached and dest.exists():
                    reached.add(dest)
                    todo.append(dest)
    assert {p for p in DOCS if p.parent != ROOT} - reached == set()


# --- command lines -------------------------------------------------------------------------------
COMMANDS = [(path, line) for path in GUIDE for line in command_lines(path)]


def test_the_guide_shows_commands_to_check():
    assert len(COMMANDS) >= 30, "the README and the user guide show command lines in fenced blocks"


@pytest.mark.parametrize(("path", "line"), COMMANDS, ids=[f"{p.name}:{line}" for p, line in COMMANDS])
def test_every_command_line_shown_parses(path, line):
    try:
        build_parser().parse_args(join_negative_values(argv_of(line)))
    except SystemExit as exit:
        pytest.fail(f"{path.name}: `{line}` does not parse (exit {exit.code})")


def test_the_parse_check_refuses_a_flag_that_does_not_exist():
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv_of("derivatives render --colour red"))


# --- the troubleshooting page --------------------------------------------------------------------
def shown_errors() -> tuple[list[tuple[str, str]], list[str]]:
    """The page's (command, the error line it prints) pairs, and the error lines shown without one."""
    runs, lines = [], []
    for language, body in fenced(TROUBLESHOOTING.read_text(encoding="utf-8")):
        rows = body.splitlines()
        if language == "console":
            for i, row in enumerate(rows):
                if row.startswith("$ "):
                    runs.append((row[2:], rows[i + 1]))
        else:
            lines += [row for row in rows if row.startswith("derivatives")]
    return runs, lines


RUNS, LINES = shown_errors()


def test_the_page_shows_errors_to_check():
    assert len(RUNS) >= 20 and len(LINES) >= 4


@pytest.mark.parametrize(("line", "expected"), RUNS, ids=[line for line, _ in RUNS])
def test_every_error_shown_with_its_command_is_what_the_command_prints(
    line, expected, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    handler = signal.getsignal(signal.SIGTERM)
    try:
        status = main(argv_of(line))
    finally:
        signal.signal(signal.SIGTERM, handler)
    printed = capsys.readouterr().err.splitlines()
    assert (status, printed[:1]) == (2, [expected])


def shape(node: ast.AST) -> str | None:
    """The text a string expression makes, what varies as '…': a string, an f-string (its values '…'),
    or strings joined with + (a name or call among them '…'); None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = shape(node.left), shape(node.right)
        if left is not None or right is not None:
            return (left or "…") + (right or "…")
    return None


@functools.cache
def templates() -> list[str]:
    """Every string the project's code writes, in its shape (see shape)."""
    found = []
    for path in [*(ROOT / "derivlib").rglob("*.py"), *(ROOT / "scenes").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (text := shape(node)) is not None:
                found.append(text)
    return found


def produced(line: str, shapes: list[str]) -> bool:
    """Whether the code writes an error line of this shape: 'derivatives: error: NAME: MESSAGE' (NAME
    is the parameter, or the user's unknown key) or 'derivatives: render failed: MESSAGE', MESSAGE's
    fixed words in order in one string of the code ('…' where the page leaves out what varies)."""
    if m := re.fullmatch(r"derivatives: render failed: (.*)", line):
        head, message = "render failed: ", m.group(1)
    else:
        m = re.fullmatch(r"derivatives: error: [\w-]+: (.*)", line)
        assert m, f"not an error line: {line}"
        head, message = "error: ", m.group(1)
    pieces = [p.strip() for p in message.split("…") if p.strip()]
    if not any(head in s for s in shapes):
        return False
    pattern = re.compile(".*".join(re.escape(p) for p in pieces), re.S)
    return any(pattern.search(s) for s in shapes if all(p in s for p in pieces)) if pieces else True


@pytest.mark.parametrize("line", LINES)
def test_every_error_shown_without_a_command_is_one_the_code_writes(line):
    assert produced(line, templates())


def test_the_message_check_refuses_a_message_the_code_does_not_write():
    shapes = templates()
    assert produced("derivatives: error: voice: the Piper voice … is damaged: …", shapes)
    assert not produced("derivatives: error: voice: the Piper voice … is broken: …", shapes)
