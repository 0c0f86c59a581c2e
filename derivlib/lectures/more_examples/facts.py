"""The key facts of "More derivative examples" beats that are its own (its other beats' facts are the
slope beats': derivlib/lectures/slope/facts.py).

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("more-examples")
>>> plan = lecture.plan(lecture.defaults)
>>> example(plan.part("example-2")).numbers[-2:]
('0.012006001 / 0.001 = 12.006001', 'derivative at a = 2: 12')
"""

from __future__ import annotations

from ...parts import KeyFacts, Part
from ..slope.facts import BEAT_FACTS as SLOPE_FACTS
from ..slope.facts import derivative, derivative_at, first, formula, is_, number, ratio, value_at

__all__ = ["BEAT_FACTS"]


def first_point(part: Part) -> KeyFacts:
    n = first(part)
    numbers = (value_at(n.a, n.f_a), value_at(n.a_nudged, n.f_nudged), is_("height", n.rise), derivative_at(part, n.a))
    return KeyFacts(ratio(n), numbers)


def changes(part: Part) -> KeyFacts:
    slopes = tuple(f"at a = {number(n.a)}: slope {number(part.function.slope_at(n.a))}" for n in part.nudges[:2])
    return KeyFacts("the slope changes from point to point", slopes)


def example(part: Part) -> KeyFacts:
    n = first(part)
    numbers = (
        derivative(part),
        value_at(n.a, n.f_a),
        value_at(n.a_nudged, n.f_nudged),
        ratio(n),
        derivative_at(part, n.a),
    )
    return KeyFacts(formula(part), numbers)


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
