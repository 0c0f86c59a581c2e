"""A beat's part in a lecture about a computation graph, and where each variable sits in the picture.

A part holds the graph (its steps and values), the nudge when the beat shows it, and the variable the
beat nudges (its focus). Everything a beat draws or says follows from these by derivlib.graph.

>>> from derivlib.lectures.graphs.params import GraphParams
>>> layout(GraphParams().graph)
{'a': (0, 1.0), 'b': (0, 0.0), 'c': (0, -1.0), 'u': (1, -0.5), 'v': (2, 0.25), 'J': (3, 0.25)}
>>> backward_order(GraphParams().graph)
('v', 'a', 'u', 'b', 'c')
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ...graph import Graph
from ...parts import BasePart
from ..lecture import LectureBeat
from .params import GraphParams

__all__ = ["GraphPart", "backward_order", "crossings", "graph_part", "layout"]


@dataclass(frozen=True)
class GraphPart(BasePart):
    """What a beat of a graph lecture draws: the graph; the nudge and the variable nudged, if any."""

    graph: Graph | None = None
    nudge: Decimal | None = None
    focus: str | None = None


def backward_order(graph: Graph) -> tuple[str, ...]:
    """The variables the derivative lecture nudges, right to left: those the output uses, then those
    they use, and so on (each once)."""
    out: list[str] = []
    todo = [graph.output]
    while todo:
        name = todo.pop(0)
        if name in graph.inputs:
            continue
        for x in graph.step(name).uses:
            if x not in out:
                out.append(x)
                todo.append(x)
    return tuple(out)


def layout(graph: Graph) -> dict[str, tuple[int, float]]:
    """Each variable's column (inputs 0, a step one right of the furthest variable it uses) and height
    (inputs evenly, top to bottom in the order given; a step at the mean height of what it uses, moved
    apart from another step in its column at the same height)."""
    column: dict[str, int] = {}
    height: dict[str, float] = {}
    n = len(graph.inputs)
    for i, name in enumerate(graph.inputs):
        column[name], height[name] = 0, (n - 1) / 2 - i
    for s in graph.steps:
        column[s.name] = 1 + max(column[x] for x in s.uses)
        y = sum(height[x] for x in s.uses) / len(s.uses)
        while any(column[o] == column[s.name] and abs(height[o] - y) < 0.75 for o in height if o in column):
            y -= 1.0
        height[s.name] = y
    return {name: (column[name], height[name]) for name in graph.names}


def crossings(graph: Graph) -> int:
    """How many pairs of arrows cross in :func:`layout`'s picture (arrows from each variable a step uses
    to the step)."""
    place = layout(graph)
    edges = [(place[x], place[s.name]) for s in graph.steps for x in s.uses]
    count = 0
    for i, (p, q) in enumerate(edges):
        for r, t in edges[i + 1 :]:
            if len({p, q, r, t}) == 4 and _cross(p, q, r, t):
                count += 1
    return count


def _cross(p, q, r, t) -> bool:
    def side(a, b, c) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return side(p, q, r) * side(p, q, t) < 0 and side(r, t, p) * side(r, t, q) < 0


def graph_part(params: GraphParams, beat: LectureBeat, position: int, lecture: str) -> GraphPart:
    """A beat's part: 'nudge-k' nudges the k-th variable of :func:`backward_order`."""
    focus, shown = None, beat.beat
    if beat.id.startswith("nudge-"):
        focus = backward_order(params.graph)[int(beat.id.split("-")[1]) - 1]
        shown = replace(shown, title=f"d{params.graph.output}/d{focus}")  # (the chapter names its variable)
    nudge = params.nudge if "nudge" in beat.shows else None
    return GraphPart(beat=shown, position=position, cues=(), lecture=lecture, graph=params.graph, nudge=nudge, focus=focus)
