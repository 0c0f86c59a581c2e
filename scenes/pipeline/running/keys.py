"""The code a clip depends on, found from the import graph rather than listed by hand.

A clip is made by its scene's module and by the worker that renders it; what they import from this
project (derivlib and scenes, imports inside functions included), and what that imports in turn, is
read from the sources with :mod:`ast` (nothing is imported to find it). A clip's cache key hashes the
source of every module found, so a change to any of them renders the clip again. (A change to a comment
counts as a change: the key hashes the text, not what it compiles to.) Imports under
``if TYPE_CHECKING:`` never run and are not followed.

>>> "scenes.drawing" in closure(["scenes.triangle"])
True
>>> "scenes.pipeline.command.cli" in closure(["scenes.triangle", WORKER])
False
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = ["PACKAGES", "ROOT", "WORKER", "closure", "code_digest", "imports_of", "module_file"]

#: The project's root folder (the one holding derivlib/ and scenes/).
ROOT = Path(__file__).resolve().parents[3]
#: The project's own packages; anything else (manim, the standard library) is versioned elsewhere.
PACKAGES = ("derivlib", "scenes")
#: The module that turns a scene into a clip in a worker process.
WORKER = "scenes.pipeline.running.worker"


@cache  # (as imports_of and code_digest: one process sees one version of the code)
def module_file(name: str) -> Path | None:
    """The source file of a project module or package, or None if *name* is not one."""
    if name.split(".")[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


#: The fields that hold statements (an import is a statement, so only these are walked: the
#: expressions, most of a tree, are skipped, which makes reading the imports three times faster).
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _import_nodes(tree: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        for field in _BODIES:
            stack.extend(getattr(node, field, ()))


@cache
def imports_of(name: str) -> frozenset[str]:
    """The project modules that module *name* imports (anywhere in it), with their parent packages."""
    path = module_file(name)
    if path is None:
        return frozenset()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            # `from package import module` imports the module; `from module import name`, the module
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for target in targets:
            if module_file(target) is not None:
                found.add(target)
    with_parents = set(found)
    for module in found:
        parts = module.split(".")
        with_parents.update(".".join(parts[:i]) for i in range(1, len(parts)))
    with_parents.discard(name)
    return frozenset(with_parents)


def closure(roots: Iterable[str]) -> tuple[str, ...]:
    """Every project module that importing *roots* can load, the roots and their packages included."""
    seen: set[str] = set()
    todo = list(roots)
    for root in list(todo):
        parts = root.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
    while todo:
        name = todo.pop()
        if name in seen or module_file(name) is None:
            continue
        seen.add(name)
        todo.extend(imports_of(name))
    return tuple(sorted(seen))


@cache
def code_digest(modules: tuple[str, ...]) -> str:
    """A SHA-256 of the modules' names and sources."""
    digest = hashlib.sha256()
    for name in modules:
        path = module_file(name)
        assert path is not None, name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
