"""The fourth lecture, "Derivatives with a computation graph" (../shared/lecture/COMPUTATION-GRAPH.md):
the derivative of the output with respect to every variable, by nudges, right to left, and the
backward pass. The graph is a parameter (``--steps``, ``--values``), as for "Computation graph".

>>> [p.beat.id for p in LECTURE.plan(LECTURE.defaults).parts]
['opening', 'nudge-1', 'nudge-2', 'notation', 'nudge-3', 'nudge-4', 'nudge-5', 'backward', 'closing']
"""

from __future__ import annotations

from ...graph import MAX_INPUTS, MAX_STEPS
from ..graphs.params import FLAGS, GraphParams
from ..graphs.part import backward_order, graph_part
from ..lecture import Lecture, beats_from
from .facts import BEAT_FACTS
from .words import BEAT_WORDS, WORDS

__all__ = ["LECTURE"]

#: a beat per variable the output depends on (every variable but the output), right to left
_NUDGES = MAX_INPUTS + MAX_STEPS - 1
_NUDGE = "The {k}th variable from the right nudged: how far the output moves, and the chain rule."
# id, title, summary, what it shows, the scene that draws it
_BEATS = (
    ("opening", "Opening", "The derivative of J with respect to every variable, by nudges, right to left.", "", "graph_derivatives:DerivativesOpening"),
    *(
        (f"nudge-{k}", f"Nudge {k}", _NUDGE.format(k=k), "nudge", "graph_derivatives:NudgeOne")
        for k in range(1, 3)
    ),
    ("notation", "Notation", "In code, dvar names the derivative of the output with respect to var.", "", "graph_derivatives:CodeNotation"),
    *(
        (f"nudge-{k}", f"Nudge {k}", _NUDGE.format(k=k), "nudge", "graph_derivatives:NudgeOne")
        for k in range(3, _NUDGES + 1)
    ),
    ("backward", "The backward pass", "All derivatives on the graph, right to left, each from the ones to its right.", "", "graph_derivatives:BackwardPass"),
    ("closing", "Closing", "Next: the same on logistic regression's cost.", "", "graph_derivatives:DerivativesClosing"),
)


def _active(params: GraphParams) -> tuple[str, ...]:
    count = len(backward_order(params.graph))
    keep = {f"nudge-{k}": k <= count for k in range(1, _NUDGES + 1)}
    return tuple(b[0] for b in _BEATS if keep.get(b[0], True))


LECTURE = Lecture(
    name="graph-derivatives",
    title="Derivatives with a computation graph",
    summary="dJ/d(every variable) by nudges, right to left, and the backward pass (dv = 3, da = 3, du = 3, db = 6, dc = 9)",
    beats=beats_from(_BEATS, BEAT_WORDS, BEAT_FACTS),
    params_type=GraphParams,
    flags=FLAGS,
    defaults_mapping={},
    active=_active,
    part=graph_part,
    words=WORDS,
    prefix="graph-derivatives",
    hints={key: "the graph lectures take a graph: give --steps and --values" for key in ("function", "functions", "slope", "intercept", "points")},
)
