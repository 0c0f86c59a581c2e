"""Each beat's key equation and numbers, as text, for the beats about one function's slope: what a
slide or a page says about a chapter. Read off the beat's part alone, every number written by the one
formatting rule, so a slide says exactly what the lecture computes.

>>> from derivlib.params import Params
>>> from derivlib.plan import lecture_plan
>>> plan = lecture_plan(Params())
>>> slope(plan.part("slope"))
KeyFacts(equation='0.003 / 0.001 = 3', numbers=('at a = 2', 'height = 0.003', 'width = 0.001', 'slope = derivative = 3'))
>>> nudge(plan.part("nudge")).equation
'f(2.001) = 6.003'
>>> point(lecture_plan(Params.from_strings(slope="7", points="-3,0.5")).part("point")).equation
'f(-3) = -21'

For a line the derivative is its slope k everywhere; for a curve it is a formula (2a), the triangle's
ratio is only about it, and the facts give the derivative at each point besides the ratio.

>>> curve = lecture_plan(Params.from_strings(function="a^2"))
>>> slope(curve.part("slope")).numbers
('at a = 2', 'height = 0.004001', 'width = 0.001', 'ratio = 4.001', 'derivative at a = 2: 4')
>>> everywhere(curve.part("everywhere")).numbers
('df(a)/da = 2a', 'at a = 1: 2', 'at a = 3: 6', 'at a = 5: 10')
>>> [BEAT_FACTS[b](plan.part(b)).equation for b in ("opening", "point", "notation", "closing")]
['f(a) = 3a', 'f(2) = 6', 'df(a)/da = 3', 'df(a)/da = 3']
>>> formal(plan.part("formal")).numbers
('df(a)/da = lim (h → 0) of (f(a + h) - f(a)) / h', 'h = 0.001: ratio = 3', 'h = 0.000001: ratio = 3', 'h = 0.000000001: ratio = 3')
>>> another(plan.part("another")).numbers
('at a = 5', 'f(5) = 15', 'f(5.001) = 15.003', '0.003 / 0.001 = 3')
>>> everywhere(plan.part("everywhere")).numbers[-1]
'height : width = 3 : 1'
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ...calculus import Line, Nudge
from ...numbers import format_number
from ...parts import KeyFacts, Part
from ...wording import equals

__all__ = ["BEAT_FACTS", "DEFINITION_TEXT", "derivative", "derivative_at", "first", "formula", "is_", "number", "ratio", "value_at"]

#: The formal definition of the derivative, as plain text (its 0 is the definition's, not a value).
DEFINITION_TEXT = "df(a)/da = lim (h → 0) of (f(a + h) - f(a)) / h"


def number(value: Decimal | Fraction | int) -> str:
    return format_number(value)


def is_(name: str, value: Decimal | Fraction | int) -> str:
    """'name = value', or 'name ≈ value' for a value shown rounded."""
    return f"{name} {equals(value).text}"


def value_at(a: Decimal, value: Decimal | Fraction) -> str:
    """'f(a) = value' written at a number: 'f(2) = 6'."""
    return is_(f"f({number(a)})", value)


def ratio(n: Nudge) -> str:
    return f"{number(n.rise)} / {number(n.run)} {equals(n.ratio).text}"


def derivative(part: Part) -> str:
    return f"df(a)/da = {part.function.slope_formula.text}"


def _curved(part: Part) -> bool:
    return not isinstance(part.function, Line)


def derivative_at(part: Part, a: Decimal) -> str:
    """'derivative at a = 2: 4' (≈ before a rounded value)."""
    return f"derivative at a = {number(a)}: {number(part.function.slope_at(a))}"


def formula(part: Part) -> str:
    return part.formula.text if part.formula is not None else derivative(part)


def first(part: Part) -> Nudge:
    assert part.nudges, f"the beat {part.beat.id} shows the nudge"
    return part.nudges[0]


def line(part: Part) -> KeyFacts:
    fn = part.function
    if _curved(part):
        return KeyFacts(formula(part), (derivative(part),))
    return KeyFacts(formula(part), (is_("slope", fn.slope), is_("intercept", fn.intercept)))


def point(part: Part) -> KeyFacts:
    (p,) = part.points
    return KeyFacts(value_at(p.a, p.f_a), (is_("a", p.a), is_("f(a)", p.f_a)))


def nudge(part: Part) -> KeyFacts:
    n = first(part)
    return KeyFacts(value_at(n.a_nudged, n.f_nudged), (is_("h", n.h), is_("a + h", n.a_nudged), value_at(n.a, n.f_a)))


def triangle(part: Part) -> KeyFacts:
    n = first(part)
    equation = f"height : width = {number(n.rise)} : {number(n.run)}"
    return KeyFacts(equation, (is_("width", n.run), is_("height", n.rise)))


def slope(part: Part) -> KeyFacts:
    n = first(part)
    numbers = (f"at a = {number(n.a)}", is_("height", n.rise), is_("width", n.run))
    if _curved(part):  # the ratio is only about the derivative
        numbers += (is_("ratio", n.ratio), derivative_at(part, n.a))
    else:
        numbers += (is_("slope = derivative", n.ratio),)
    return KeyFacts(ratio(n), numbers)


def another(part: Part) -> KeyFacts:
    others = part.nudges[1:]
    assert others, "the beat another has a second point"
    numbers = tuple(
        line
        for n in others
        for line in (f"at a = {number(n.a)}", value_at(n.a, n.f_a), value_at(n.a_nudged, n.f_nudged), ratio(n))
        + ((derivative_at(part, n.a),) if _curved(part) else ())
    )
    return KeyFacts(ratio(others[0]), numbers)


def formal(part: Part) -> KeyFacts:
    numbers = tuple(f"h = {number(n.h)}: {is_('ratio', n.ratio)}" for n in part.shrinking)
    if _curved(part):  # the ratios close in on the derivative at the point
        numbers += (derivative_at(part, part.shrinking[0].a),)
    return KeyFacts(derivative(part), (DEFINITION_TEXT, *numbers))


def everywhere(part: Part) -> KeyFacts:
    if _curved(part):  # the slope changes: where the tangent stops, its slope
        stops = tuple(f"at a = {number(n.a)}: {number(part.function.slope_at(n.a))}" for n in part.everywhere)
        return KeyFacts("the slope changes from point to point", (derivative(part), *stops))
    ratio = f"height : width = {number(part.function.slope)} : {number(first(part).unit)}"
    points = ", ".join(number(n.a) for n in part.everywhere)
    return KeyFacts(derivative(part), (f"at a = {points}", ratio))


#: Each beat's key facts, by beat id.
BEAT_FACTS = {
    "opening": lambda part: KeyFacts(formula(part), ()),
    "line": line,
    "point": point,
    "nudge": nudge,
    "triangle": triangle,
    "slope": slope,
    "another": another,
    "notation": lambda part: KeyFacts(derivative(part), (f"d/da f(a) = {part.function.slope_formula.text}",)),
    "formal": formal,
    "everywhere": everywhere,
    "closing": lambda part: KeyFacts(derivative(part), (formula(part),)),
}
