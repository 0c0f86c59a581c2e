"""The layers and their rules: derivlib is the exact core (it never imports manim or scenes); the scenes
draw on derivlib and never on the render machinery (scenes/pipeline/); the machinery builds on both.
The import graph has no cycle, imports inside functions included; no module is longer than about 400
lines; a scene reads only its part of the lecture plan."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGES = ("derivlib", "scenes")
MAX_LINES = 400


def project_modules() -> dict[str, pathlib.Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


MODULES = project_modules()


def _imports(name: str, path: pathlib.Path, typing: bool = False) -> set[str]:
    """The project modules *name* imports anywhere in its source (inside functions too), except under
    `if TYPE_CHECKING:`, which never runs (with *typing*, those too). Written here, apart from
    scenes.pipeline.running.keys, as a second reading of the same sources."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    nodes = [tree]
    while nodes:
        node = nodes.pop()
        if not typing and isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            nodes.extend(node.orelse)
            continue
        nodes.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}
#: the same with the imports made only for type checking: a type lives where what it needs lies below it
TYPED_GRAPH = {name: _imports(name, path, typing=True) for name, path in MODULES.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle():
    assert _cycle(GRAPH) is None


def test_no_cycle_through_type_checking_imports():
    assert _cycle(TYPED_GRAPH) is None


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_imports_inside_functions():
    # scenes.pipeline.running.worker imports the encoder patch inside a function (it loads manim)
    assert "scenes.pipeline.running.encoding" in GRAPH["scenes.pipeline.running.worker"]


def test_derivlib_imports_nothing_of_the_presentation():
    for name, imports in GRAPH.items():
        if name.startswith("derivlib"):
            assert not {m for m in imports if m.startswith("scenes")}, name
    for path in (ROOT / "derivlib").rglob("*.py"):
        text = path.read_text()
        assert "import manim" not in text and "from manim" not in text, path


def test_scenes_import_nothing_of_the_machinery():
    scene_side = [n for n in GRAPH if n.startswith("scenes") and not n.startswith("scenes.pipeline")]
    assert "scenes.triangle" in scene_side and "scenes.common" in scene_side
    for name in scene_side:
        if name == "scenes.__main__":  # the `python -m scenes` entry point: nothing imports it
            continue
        assert not {m for m in GRAPH[name] if m.startswith("scenes.pipeline")}, name


def test_importing_derivlib_does_not_import_manim():
    code = (
        "import sys, derivlib, derivlib.numbers, derivlib.params, derivlib.calculus, derivlib.narration\n"
        "import derivlib.plan\nderivlib.plan.lecture_plan(derivlib.params.Params()).transcript()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'scenes', 'cairo', 'numpy'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_scene_file_loads_none_of_the_machinery():
    code = (
        "import sys, scenes.triangle, scenes.formal\n"
        "print(sorted(m for m in sys.modules if m.startswith('scenes.pipeline')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_command_line_starts_without_the_heavy_libraries():
    """A render with nothing to do (or a bad flag) answers before any of these is needed: each is
    imported where it is used (pptx alone took 50 to 80 ms of the 0.5 s an up-to-date render took)."""
    code = (
        "import sys, scenes.pipeline.command.cli\n"
        "heavy = ('manim', 'numpy', 'av', 'PIL', 'pptx', 'piper', 'onnxruntime', 'dask', 'distributed', 'wsgiref')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_too_long(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it along a real seam"


def test_scenes_read_only_their_part_of_the_plan():
    """The scenes read what they draw from self.part (what their beat shows); the parameters
    themselves are only the default plan's source, in scenes/common.py."""
    for path in (ROOT / "scenes").glob("*.py"):
        if path.name == "common.py":
            continue
        assert "params" not in path.read_text(), path
