"""The third lecture, "Computation graph" (../shared/lecture/COMPUTATION-GRAPH.md): a function computed
in small named steps, drawn as a graph, and its forward pass, left to right. The graph is a parameter
(``--steps``, ``--values``).

>>> [p.beat.id for p in LECTURE.plan(LECTURE.defaults).parts]
['opening', 'function', 'steps', 'graph', 'forward', 'why', 'closing']
"""

from __future__ import annotations

from ..graphs.params import FLAGS, GraphParams
from ..graphs.part import graph_part
from ..lecture import Lecture, beats_from
from .facts import BEAT_FACTS
from .words import BEAT_WORDS, WORDS

__all__ = ["LECTURE"]

# id, title, summary; what it shows (nothing but the graph); the scene that draws it
_BEATS = (
    ("opening", "Opening", "Forward pass left to right, backward pass right to left: the graph shows why.", "", "computation_graph:GraphOpening"),
    ("function", "The function", "J as a function of its inputs: J(a, b, c) = 3(a + b·c).", "", "computation_graph:TheFunction"),
    ("steps", "The steps", "J computed in small named steps.", "", "computation_graph:TheSteps"),
    ("graph", "The graph", "Inputs on the left, a box per step, arrows left to right.", "", "computation_graph:TheGraph"),
    ("forward", "Forward pass", "The values flow along the arrows: u, v, then J.", "", "computation_graph:ForwardPass"),
    ("why", "Why it matters", "J is a cost to make small; the next lecture runs the graph backwards.", "", "computation_graph:WhyItMatters"),
    ("closing", "Closing", "One graph, computed left to right; next, derivatives on it.", "", "computation_graph:GraphClosing"),
)

_FUNCTIONS = "the graph lectures take a graph: give --steps and --values (the function's lectures take --function)"

LECTURE = Lecture(
    name="computation-graph",
    title="Computation graph",
    summary="a function in small named steps, drawn as a graph, and its forward pass (J = 3(a + bc))",
    beats=beats_from(_BEATS, BEAT_WORDS, BEAT_FACTS),
    params_type=GraphParams,
    flags=FLAGS,
    defaults_mapping={},
    active=lambda params: tuple(b[0] for b in _BEATS),
    part=graph_part,
    words=WORDS,
    prefix="computation-graph",
    hints={key: _FUNCTIONS for key in ("function", "functions", "slope", "intercept", "points")},
)
