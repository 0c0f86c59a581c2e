"""No number that the lecture shows or says is typed into scenes/: the scene code places only text that
derivlib made. Layout constants (sizes, buffers, run-time weights) are numbers too, but never text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from scenes.manifest import SCENES_IN_ORDER

ROOT = Path(__file__).resolve().parents[1]
# The scenes and what they draw with: every module of the scene side (the render machinery in
# scenes/pipeline/ shows no lecture numbers of its own: it places files).
SCENE_FILES = sorted(
    p for p in (ROOT / "scenes").glob("*.py") if p.name not in {"__init__.py", "__main__.py"}
)
TEXT_MAKERS = {"math", "text", "MathTex", "Tex", "Text", "MarkupText", "DecimalNumber", "Integer", "fmt"}


def _docstrings(tree):
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


#: the formatting rule's names: what they are handed must be a value derivlib computed, as it is
FORMATTERS = {"fmt", "format_number"}
ARITHMETIC = (ast.Mult, ast.Div, ast.Sub, ast.Pow, ast.FloorDiv, ast.Mod, ast.MatMult)


def typed_numbers(source: str) -> list[str]:
    """Strings with digits (docstrings aside), numeric literals handed to text makers, and numbers
    computed in the scene: arithmetic handed to the formatting rule, or to a text maker (string
    concatenation aside)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if re.search(r"\d", node.value):
                found.append(f"{node.lineno}: string {node.value!r}")
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            computed = (ast.BinOp, ast.UnaryOp) if name in FORMATTERS else ()
            layout = {"font_size", "color", "colors"}  # sizes and colours are layout, not shown numbers
            shown = [*node.args, *(k.value for k in node.keywords if k.arg not in layout)]
            for arg in shown if name in TEXT_MAKERS else []:
                for sub in ast.walk(arg):
                    if isinstance(sub, computed) or (
                        isinstance(sub, ast.BinOp) and isinstance(sub.op, ARITHMETIC)
                    ):
                        found.append(f"{node.lineno}: computed in the scene: {ast.unparse(node)}")
                        break
            if name in TEXT_MAKERS:
                for arg in [
                    *node.args,
                    *(k.value for k in node.keywords if k.arg not in {"font_size", "color", "colors"}),
                ]:
                    for sub in ast.walk(arg):
                        if isinstance(sub, ast.Constant) and isinstance(sub.value, int | float):
                            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_scene_files_are_checked():
    names = {p.name for p in SCENE_FILES}
    assert {"common.py", "plot.py", "style.py", "drawing.py", "triangle.py", "formal.py"} <= names
    assert {f"{e.module}.py" for e in SCENES_IN_ORDER} <= names


def test_no_number_typed_into_scene_text():
    offenders = {p.name: typed_numbers(p.read_text()) for p in SCENE_FILES}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_sees_typed_numbers():
    source = 'def f():\n    """Docstring 6 is fine."""\n    S.math("f(a) = 6")\n    S.math(fmt(n.a), 6)\n    fmt(3)\n'
    found = typed_numbers(source)
    assert len(found) == 3, found
    assert typed_numbers("S.math(fmt(n.a), font_size=40)\nx.next_to(y, buff=0.5)\n") == []


def test_the_check_sees_numbers_computed_in_a_scene():
    for source in ["fmt(n.run * 1000)", "fmt(-n.rise)", "S.math(fmt(n.a + n.h))", "S.math(n.a * 2)"]:
        assert typed_numbers(source), source
    assert typed_numbers('S.math(r"\\frac{" + fmt(n.rise) + "}{" + fmt(n.run) + "}")') == []
