"""The key facts of "Computation graph"'s beats, for its slides and page: read off each part alone.

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("computation-graph")
>>> plan = lecture.plan(lecture.defaults)
>>> [lecture.key_facts(p).equation for p in plan.parts]
['J(a, b, c) = 3(a + b*c)', 'J(a, b, c) = 3(a + b*c)', 'u = b*c; v = a + u; J = 3v', 'u = b*c; v = a + u; J = 3v', 'J = 33', 'J = 33', 'J = 33']
>>> lecture.key_facts(plan.part("forward")).numbers
('a = 5', 'b = 3', 'c = 2', 'u = 3 × 2 = 6', 'v = 5 + 6 = 11', 'J = 3 × 11 = 33')
>>> lecture.key_facts(plan.part("steps"), "de").numbers
('u verwendet b, c', 'v verwendet a, u', 'J verwendet v')
"""

from __future__ import annotations

from ...parts import KeyFacts
from ...wording import Facts, equals
from ..graphs import terms
from ..graphs.part import GraphPart
from ..graphs.terms import forward_lines

__all__ = ["BEAT_FACTS"]


def _function(part: GraphPart, w: Facts) -> KeyFacts:
    g = part.graph
    return KeyFacts(w.math(terms.function(g).text), tuple(w("input", name=n) for n in g.inputs))


def _steps(part: GraphPart, w: Facts) -> KeyFacts:
    g = part.graph
    uses = tuple(w("uses", name=s.name, names=", ".join(s.uses)) for s in g.steps)
    return KeyFacts(w.math("; ".join(s.text for s in g.steps)), uses)


def _result(part: GraphPart, w: Facts) -> KeyFacts:
    g = part.graph
    result = w.math(f"{g.output} {equals(g.value(g.output)).text}")
    return KeyFacts(result, tuple(map(w.math, forward_lines(g))))


BEAT_FACTS = {
    "opening": _function,
    "function": _function,
    "steps": _steps,
    "graph": _steps,
    "forward": _result,
    "why": _result,
    "closing": _result,
}
