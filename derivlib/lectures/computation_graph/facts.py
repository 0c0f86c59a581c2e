"""The key facts of "Computation graph"'s beats, for its slides and page: read off each part alone.

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("computation-graph")
>>> plan = lecture.plan(lecture.defaults)
>>> [lecture.key_facts(p).equation for p in plan.parts]
['J(a, b, c) = 3(a + b*c)', 'J(a, b, c) = 3(a + b*c)', 'u = b*c; v = a + u; J = 3v', 'u = b*c; v = a + u; J = 3v', 'J = 33', 'J = 33', 'J = 33']
>>> lecture.key_facts(plan.part("forward")).numbers
('a = 5', 'b = 3', 'c = 2', 'u = 3 × 2 = 6', 'v = 5 + 6 = 11', 'J = 3 × 11 = 33')
"""

from __future__ import annotations

from ...parts import KeyFacts
from ...wording import equals
from ..graphs import terms
from ..graphs.part import GraphPart
from ..graphs.terms import forward_lines

__all__ = ["BEAT_FACTS"]


def _function(part: GraphPart) -> KeyFacts:
    g = part.graph
    return KeyFacts(terms.function(g).text, tuple(f"input {n}" for n in g.inputs))


def _steps(part: GraphPart) -> KeyFacts:
    g = part.graph
    return KeyFacts("; ".join(s.text for s in g.steps), tuple(f"{s.name} uses {', '.join(s.uses)}" for s in g.steps))


def _result(part: GraphPart) -> KeyFacts:
    g = part.graph
    return KeyFacts(f"{g.output} {equals(g.value(g.output)).text}", forward_lines(g))


BEAT_FACTS = {
    "opening": _function,
    "function": _function,
    "steps": _steps,
    "graph": _steps,
    "forward": _result,
    "why": _result,
    "closing": _result,
}
