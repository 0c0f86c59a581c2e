"""The key facts of "Derivatives with a computation graph"'s beats, for its slides and page.

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("graph-derivatives")
>>> plan = lecture.plan(lecture.defaults)
>>> lecture.key_facts(plan.part("nudge-4"))
KeyFacts(equation='dJ/db = dJ/du · du/db = 3 · 2 = 6', numbers=('b: 3 → 3.001', 'u: 6 → 6.002', 'v: 11 → 11.002', 'J: 33 → 33.006', '0.006 / 0.001 = 6'))
>>> lecture.key_facts(plan.part("backward")).numbers
('dv = 3', 'da = 3', 'du = 3', 'db = 6', 'dc = 9')
>>> lecture.key_facts(plan.part("nudge-4"), "es").numbers[-2:]
('J: 33 → 33,006', '0,006 / 0,001 = 6')
"""

from __future__ import annotations

from ...graph import combine
from ...numbers import format_number
from ...parts import KeyFacts
from ...wording import Facts, equals, factor
from ..graphs import terms
from ..graphs.part import GraphPart, backward_order
from ..graphs.terms import forward_lines

__all__ = ["BEAT_FACTS"]


def _opening(part: GraphPart, w: Facts) -> KeyFacts:
    return KeyFacts(w.math(terms.function(part.graph).text), tuple(map(w.math, forward_lines(part.graph))))


def _nudge(part: GraphPart, w: Facts) -> KeyFacts:
    g, x, h = part.graph, part.focus, part.nudge
    moved, d = g.nudged(x, h), g.backward()
    lines = tuple(f"{y}: {format_number(g.value(y))} → {format_number(moved[y])}" for y in (x, *g.downstream(x)))
    rise = combine(moved[g.output], g.value(g.output), "-")
    ratio = f"{format_number(rise)} / {format_number(h)} {equals(combine(rise, h, '/')).text}"
    users = [s.name for s in g.steps if x in s.uses]
    name = terms.d_of(g.output, x).text
    if users == [g.output] or len(users) > 1:
        equation = f"{name} {equals(d[x]).text}"
    else:
        y = users[0]
        chain = f"{terms.d_of(g.output, y).text} · {terms.d_of(y, x).text}"
        worked = f"{factor(d[y]).text} · {factor(g.local(y, x).value).text}"
        equation = f"{name} = {chain} = {worked} {equals(d[x]).text}"
    return KeyFacts(w.math(equation), tuple(map(w.math, (*lines, ratio))))


def _codes(part: GraphPart, w: Facts) -> tuple[str, ...]:
    d = part.graph.backward()
    return tuple(w.math(f"d{n} {equals(d[n]).text}") for n in backward_order(part.graph))


def _notation(part: GraphPart, w: Facts) -> KeyFacts:
    g = part.graph
    x = backward_order(g)[0]
    means = w("means", code=f"d{x}", derivative=terms.d_of(g.output, x).text)
    return KeyFacts(means, _codes(part, w)[:2])


def _backward(part: GraphPart, w: Facts) -> KeyFacts:
    return KeyFacts(w("backward"), _codes(part, w))


BEAT_FACTS = {
    "opening": _opening,
    "nudge": _nudge,
    "notation": _notation,
    "backward": _backward,
    "closing": _backward,
}
