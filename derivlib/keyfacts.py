"""Each beat's key equation and numbers, as text: what a slide or a page says about a chapter.

Read off the beat's :class:`~derivlib.plan.Part` alone (what the beat shows), every number written by
the one formatting rule, so a slide says exactly what the lecture computes.

>>> from derivlib.params import Params
>>> from derivlib.plan import lecture_plan
>>> plan = lecture_plan(Params())
>>> key_facts(plan.part("slope"))
KeyFacts(equation='0.003 / 0.001 = 3', numbers=('at a = 2', 'height = 0.003', 'width = 0.001', 'slope = derivative = 3'))
>>> key_facts(plan.part("nudge")).equation
'f(2.001) = 6.003'
>>> key_facts(lecture_plan(Params.from_strings(slope="7", points="-3,0.5")).part("point")).equation
'f(-3) = -21'

For a line the derivative is its slope k everywhere; for a curve it is a formula (2a), the triangle's
ratio is only about it, and the facts give the derivative at each point besides the ratio.

>>> curve = lecture_plan(Params.from_strings(function="a^2"))
>>> key_facts(curve.part("slope")).numbers
('at a = 2', 'height = 0.004001', 'width = 0.001', 'ratio = 4.001', 'derivative at a = 2: 4')
>>> key_facts(curve.part("everywhere")).numbers
('df(a)/da = 2a', 'at a = 1: 2', 'at a = 3: 6', 'at a = 5: 10')
>>> from derivlib.lectures import MORE_EXAMPLES
>>> key_facts(lecture_plan(MORE_EXAMPLES.defaults, MORE_EXAMPLES).part("example-2")).numbers[-2:]
('0.012006001 / 0.001 = 12.006001', 'derivative at a = 2: 12')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .calculus import Line, Nudge
from .lectures import MORE_BEATS
from .numbers import format_number
from .plan import SHOWS, Part
from .wording import equals

__all__ = ["DEFINITION_TEXT", "KeyFacts", "key_facts"]

#: The formal definition of the derivative, as plain text (its 0 is the definition's, not a value).
DEFINITION_TEXT = "df(a)/da = lim (h → 0) of (f(a + h) - f(a)) / h"


@dataclass(frozen=True)
class KeyFacts:
    """A beat's key equation and the numbers that go with it, each a short line of text."""

    equation: str
    numbers: tuple[str, ...]


def _n(value: Decimal | Fraction | int) -> str:
    return format_number(value)


def _is(name: str, value: Decimal | Fraction | int) -> str:
    """'name = value', or 'name ≈ value' for a value shown rounded."""
    return f"{name} {equals(value).text}"


def _at(a: Decimal, value: Decimal | Fraction) -> str:
    """'f(a) = value' written at a number: 'f(2) = 6'."""
    return _is(f"f({_n(a)})", value)


def _ratio(n: Nudge) -> str:
    return f"{_n(n.rise)} / {_n(n.run)} {equals(n.ratio).text}"


def key_facts(part: Part) -> KeyFacts:
    """The key equation and numbers of the beat whose part this is.

    >>> from derivlib.params import Params
    >>> from derivlib.plan import lecture_plan
    >>> plan = lecture_plan(Params())
    >>> [key_facts(plan.part(b)).equation for b in ("opening", "point", "notation", "closing")]
    ['f(a) = 3a', 'f(2) = 6', 'df(a)/da = 3', 'df(a)/da = 3']
    >>> key_facts(plan.part("formal")).numbers
    ('df(a)/da = lim (h → 0) of (f(a + h) - f(a)) / h', 'h = 0.001: ratio = 3', 'h = 0.000001: ratio = 3', 'h = 0.000000001: ratio = 3')
    >>> key_facts(plan.part("another")).numbers
    ('at a = 5', 'f(5) = 15', 'f(5.001) = 15.003', '0.003 / 0.001 = 3')
    >>> key_facts(plan.part("everywhere")).numbers[-1]
    'height : width = 3 : 1'
    """
    beat = part.beat.id
    return (_FACTS.get(beat) or _FACTS[beat.split("-")[0]])(part)


def _derivative(part: Part) -> str:
    return f"df(a)/da = {part.function.slope_formula.text}"


def _curved(part: Part) -> bool:
    return not isinstance(part.function, Line)


def _derivative_at(part: Part, a: Decimal) -> str:
    """'derivative at a = 2: 4' (≈ before a rounded value)."""
    return f"derivative at a = {_n(a)}: {_n(part.function.slope_at(a))}"


def _formula(part: Part) -> str:
    return part.formula.text if part.formula is not None else _derivative(part)


def _first(part: Part) -> Nudge:
    assert part.nudges, f"the beat {part.beat.id} shows the nudge"
    return part.nudges[0]


def _line(part: Part) -> KeyFacts:
    fn = part.function
    if _curved(part):
        return KeyFacts(_formula(part), (_derivative(part),))
    return KeyFacts(_formula(part), (_is("slope", fn.slope), _is("intercept", fn.intercept)))


def _point(part: Part) -> KeyFacts:
    (p,) = part.points
    return KeyFacts(_at(p.a, p.f_a), (_is("a", p.a), _is("f(a)", p.f_a)))


def _nudge(part: Part) -> KeyFacts:
    n = _first(part)
    return KeyFacts(_at(n.a_nudged, n.f_nudged), (_is("h", n.h), _is("a + h", n.a_nudged), _at(n.a, n.f_a)))


def _triangle(part: Part) -> KeyFacts:
    n = _first(part)
    equation = f"height : width = {_n(n.rise)} : {_n(n.run)}"
    return KeyFacts(equation, (_is("width", n.run), _is("height", n.rise)))


def _slope(part: Part) -> KeyFacts:
    n = _first(part)
    numbers = (f"at a = {_n(n.a)}", _is("height", n.rise), _is("width", n.run))
    if _curved(part):  # the ratio is only about the derivative
        numbers += (_is("ratio", n.ratio), _derivative_at(part, n.a))
    else:
        numbers += (_is("slope = derivative", n.ratio),)
    return KeyFacts(_ratio(n), numbers)


def _another(part: Part) -> KeyFacts:
    others = part.nudges[1:]
    assert others, "the beat another has a second point"
    numbers = tuple(
        line
        for n in others
        for line in (f"at a = {_n(n.a)}", _at(n.a, n.f_a), _at(n.a_nudged, n.f_nudged), _ratio(n))
        + ((_derivative_at(part, n.a),) if _curved(part) else ())
    )
    return KeyFacts(_ratio(others[0]), numbers)


def _formal(part: Part) -> KeyFacts:
    numbers = tuple(f"h = {_n(n.h)}: {_is('ratio', n.ratio)}" for n in part.shrinking)
    if _curved(part):  # the ratios close in on the derivative at the point
        numbers += (_derivative_at(part, part.shrinking[0].a),)
    return KeyFacts(_derivative(part), (DEFINITION_TEXT, *numbers))


def _everywhere(part: Part) -> KeyFacts:
    if _curved(part):  # the slope changes: where the tangent stops, its slope
        stops = tuple(f"at a = {_n(n.a)}: {_n(part.function.slope_at(n.a))}" for n in part.everywhere)
        return KeyFacts("the slope changes from point to point", (_derivative(part), *stops))
    ratio = f"height : width = {_n(part.function.slope)} : {_n(_first(part).unit)}"
    points = ", ".join(_n(n.a) for n in part.everywhere)
    return KeyFacts(_derivative(part), (f"at a = {points}", ratio))


def _first_point(part: Part) -> KeyFacts:
    n = _first(part)
    numbers = (_at(n.a, n.f_a), _at(n.a_nudged, n.f_nudged), _is("height", n.rise), _derivative_at(part, n.a))
    return KeyFacts(_ratio(n), numbers)


def _changes(part: Part) -> KeyFacts:
    slopes = tuple(f"at a = {_n(n.a)}: slope {_n(part.function.slope_at(n.a))}" for n in part.nudges[:2])
    return KeyFacts("the slope changes from point to point", slopes)


def _example(part: Part) -> KeyFacts:
    n = _first(part)
    numbers = (
        _derivative(part),
        _at(n.a, n.f_a),
        _at(n.a_nudged, n.f_nudged),
        _ratio(n),
        _derivative_at(part, n.a),
    )
    return KeyFacts(_formula(part), numbers)


_FACTS = {
    "opening": lambda part: KeyFacts(_formula(part), ()),
    "line": _line,
    "point": _point,
    "nudge": _nudge,
    "triangle": _triangle,
    "slope": _slope,
    "another": _another,
    "notation": lambda part: KeyFacts(
        _derivative(part), (f"d/da f(a) = {part.function.slope_formula.text}",)
    ),
    "formal": _formal,
    "everywhere": _everywhere,
    "closing": lambda part: KeyFacts(_derivative(part), (_formula(part),)),
    # the second lecture's beats (derivlib.lectures.MORE_BEATS); opening and closing are as above
    "curve": _line,
    "first": _first_point,
    "others": _another,
    "changes": _changes,
    "formula": _everywhere,
    "about": _formal,
    "example": _example,
}
assert set(SHOWS) <= set(_FACTS), "every beat has its key facts"
assert {b.id.split("-")[0] for b in MORE_BEATS} <= set(_FACTS), "every beat has its key facts"
