"""The key facts of "More derivative examples" beats that are its own (its other beats' facts are the
slope beats': derivlib/lectures/slope/facts.py).

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("more-examples")
>>> plan = lecture.plan(lecture.defaults)
>>> example(plan.part("example-2"), Facts(lecture.words)).numbers[-2:]
('0.012006001 / 0.001 = 12.006001', 'derivative at a = 2: 12')
>>> lecture.key_facts(plan.part("changes"), "fr")
KeyFacts(equation='la pente change d’un point à l’autre', numbers=('en a = 2 : pente 4', 'en a = 5 : pente 10'))
"""

from __future__ import annotations

from ...parts import KeyFacts, Part
from ...wording import Facts
from ..slope.facts import BEAT_FACTS as SLOPE_FACTS
from ..slope.facts import derivative, derivative_at, first, formula, named, number, ratio, value_at

__all__ = ["BEAT_FACTS"]


def first_point(part: Part, w: Facts) -> KeyFacts:
    n = first(part)
    numbers = (
        value_at(w, n.a, n.f_a),
        value_at(w, n.a_nudged, n.f_nudged),
        named(w, "height", n.rise),
        derivative_at(w, part, n.a),
    )
    return KeyFacts(ratio(w, n), numbers)


def changes(part: Part, w: Facts) -> KeyFacts:
    slopes = tuple(
        w("at_slope", a=number(n.a), value=number(part.function.slope_at(n.a))) for n in part.nudges[:2]
    )
    return KeyFacts(w("changes"), slopes)


def example(part: Part, w: Facts) -> KeyFacts:
    n = first(part)
    numbers = (
        derivative(w, part),
        value_at(w, n.a, n.f_a),
        value_at(w, n.a_nudged, n.f_nudged),
        ratio(w, n),
        derivative_at(w, part, n.a),
    )
    return KeyFacts(formula(w, part), numbers)


#: Each beat's key facts, by beat id ('example' for every example-k beat).
BEAT_FACTS = {
    "opening": SLOPE_FACTS["opening"],
    "curve": SLOPE_FACTS["line"],
    "first": first_point,
    "others": SLOPE_FACTS["another"],
    "changes": changes,
    "formula": SLOPE_FACTS["everywhere"],
    "about": SLOPE_FACTS["formal"],
    "example": example,
    "closing": SLOPE_FACTS["closing"],
}
