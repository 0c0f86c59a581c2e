"""The course's lectures, in order: the registry. Each lecture is a package of its own
(derivlib/lectures/<package>/, which makes one :class:`~derivlib.lectures.lecture.Lecture`), loaded
when first asked for; adding a lecture is one package, one scenes module and one line here.

>>> [lecture.name for lecture in lectures()]
['derivatives', 'more-examples', 'computation-graph', 'graph-derivatives']
>>> [p.beat.id for p in lecture_named("more-examples").plan(lecture_named("more-examples").defaults).parts][:4]
['opening', 'curve', 'first', 'others']
>>> lecture_named("derivatives") is default_lecture()
True
"""

from __future__ import annotations

import importlib

from ..numbers import ParameterError
from .lecture import Lecture

__all__ = ["REGISTRY", "Lecture", "default_lecture", "lecture_named", "lectures"]

#: Each lecture's name and its package under derivlib/lectures, in the course's order; the first is
#: the default of every command.
REGISTRY: tuple[tuple[str, str], ...] = (
    ("derivatives", "derivatives"),
    ("more-examples", "more_examples"),
    ("computation-graph", "computation_graph"),
    ("graph-derivatives", "graph_derivatives"),
)


def package_of(name: str) -> str:
    """The module of the lecture with this name (its package), for what must cover its code."""
    for lecture, package in REGISTRY:
        if lecture == name:
            return f"{__name__}.{package}"
    known = ", ".join(lecture for lecture, _ in REGISTRY)
    raise ParameterError("lecture", f"no lecture named {name!r}; the lectures are {known}")


def lecture_named(name: str) -> Lecture:
    """The lecture with this name; a ParameterError naming the lectures otherwise."""
    lecture = importlib.import_module(package_of(name)).LECTURE
    assert lecture.name == name, f"{package_of(name)} makes the lecture {lecture.name}"
    return lecture


def lectures() -> tuple[Lecture, ...]:
    """Every lecture, in the course's order."""
    return tuple(lecture_named(name) for name, _ in REGISTRY)


def default_lecture() -> Lecture:
    return lecture_named(REGISTRY[0][0])
