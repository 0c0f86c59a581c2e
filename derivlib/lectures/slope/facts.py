"""Each beat's key equation and numbers, as text, for the beats about one function's slope: what a
slide or a page says about a chapter. Read off the beat's part alone, every number written by the one
formatting rule, so a slide says exactly what the lecture computes; its words are the [facts] templates
of words.toml (and their translations), its numbers written by the language's rule (derivlib.wording's
Facts).

>>> from derivlib.params import Params
>>> from derivlib.plan import lecture_plan
>>> from .words import WORDS
>>> w = Facts(WORDS)
>>> plan = lecture_plan(Params())
>>> slope(plan.part("slope"), w)
KeyFacts(equation='0.003 / 0.001 = 3', numbers=('at a = 2', 'height = 0.003', 'width = 0.001', 'slope = derivative = 3'))
>>> nudge(plan.part("nudge"), w).equation
'f(2.001) = 6.003'
>>> point(lecture_plan(Params.from_strings(slope="7", points="-3,0.5")).part("point"), w).equation
'f(-3) = -21'

For a line the derivative is its slope k everywhere; for a curve it is a formula (2a), the triangle's
ratio is only about it, and the facts give the derivative at each point besides the ratio.

>>> curve = lecture_plan(Params.from_strings(function="a^2"))
>>> slope(curve.part("slope"), w).numbers
('at a = 2', 'height = 0.004001', 'width = 0.001', 'ratio = 4.001', 'derivative at a = 2: 4')
>>> everywhere(curve.part("everywhere"), w).numbers
('df(a)/da = 2a', 'at a = 1: 2', 'at a = 3: 6', 'at a = 5: 10')
>>> [BEAT_FACTS[b](plan.part(b), w).equation for b in ("opening", "point", "notation", "closing")]
['f(a) = 3a', 'f(2) = 6', 'df(a)/da = 3', 'df(a)/da = 3']
>>> formal(plan.part("formal"), w).numbers
('df(a)/da = lim (h → 0) of (f(a + h) - f(a)) / h', 'h = 0.001: ratio = 3', 'h = 0.000001: ratio = 3', 'h = 0.000000001: ratio = 3')
>>> another(plan.part("another"), w).numbers
('at a = 5', 'f(5) = 15', 'f(5.001) = 15.003', '0.003 / 0.001 = 3')
>>> everywhere(plan.part("everywhere"), w).numbers[-1]
'height : width = 3 : 1'

In another language, the same facts in its words, its numbers by its rule:

>>> from derivlib.translations import translated
>>> de = Facts(translated(WORDS, "de"))
>>> slope(plan.part("slope"), de).numbers
('bei a = 2', 'Höhe = 0,003', 'Breite = 0,001', 'Steigung = Ableitung = 3')
>>> everywhere(plan.part("everywhere"), de).numbers
('bei a = 1,4; 2,8; 4,2; 5,6', 'Höhe : Breite = 3 : 1')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ...calculus import Line, Nudge
from ...numbers import format_number
from ...parts import KeyFacts, Part
from ...wording import Facts, equals

__all__ = [
    "BEAT_FACTS",
    "derivative",
    "derivative_at",
    "first",
    "formula",
    "is_",
    "named",
    "number",
    "ratio",
    "value_at",
]


def number(value: Decimal | Fraction | int) -> str:
    return format_number(value)


def is_(w: Facts, name: str, value: Decimal | Fraction | int) -> str:
    """'name = value' (or 'name ≈ value' for a value shown rounded), for a name in the formulas' own
    notation ('a + h', 'f(a)'): written the same in every language."""
    return w.math(f"{name} {equals(value).text}")


def named(w: Facts, word: str, value: Decimal | Fraction | int) -> str:
    """'height = 0.003': a name in words (the [facts] template *word*) and its value."""
    return w(word, value=equals(value).text)


def value_at(w: Facts, a: Decimal, value: Decimal | Fraction) -> str:
    """'f(a) = value' written at a number: 'f(2) = 6'."""
    return w.math(f"f({number(a)}) {equals(value).text}")


def ratio(w: Facts, n: Nudge) -> str:
    return w.math(f"{number(n.rise)} / {number(n.run)} {equals(n.ratio).text}")


def derivative(w: Facts, part: Part) -> str:
    return w.math(f"df(a)/da = {part.function.slope_formula.text}")


def _curved(part: Part) -> bool:
    return not isinstance(part.function, Line)


def derivative_at(w: Facts, part: Part, a: Decimal) -> str:
    """'derivative at a = 2: 4' (≈ before a rounded value)."""
    return w("derivative_at", a=number(a), value=number(part.function.slope_at(a)))


def formula(w: Facts, part: Part) -> str:
    return w.math(part.formula.text) if part.formula is not None else derivative(w, part)


def first(part: Part) -> Nudge:
    assert part.nudges, f"the beat {part.beat.id} shows the nudge"
    return part.nudges[0]


def line(part: Part, w: Facts) -> KeyFacts:
    fn = part.function
    if _curved(part):
        return KeyFacts(formula(w, part), (derivative(w, part),))
    return KeyFacts(formula(w, part), (named(w, "slope", fn.slope), named(w, "intercept", fn.intercept)))


def point(part: Part, w: Facts) -> KeyFacts:
    (p,) = part.points
    return KeyFacts(value_at(w, p.a, p.f_a), (is_(w, "a", p.a), is_(w, "f(a)", p.f_a)))


def nudge(part: Part, w: Facts) -> KeyFacts:
    n = first(part)
    numbers = (is_(w, "h", n.h), is_(w, "a + h", n.a_nudged), value_at(w, n.a, n.f_a))
    return KeyFacts(value_at(w, n.a_nudged, n.f_nudged), numbers)


def triangle(part: Part, w: Facts) -> KeyFacts:
    n = first(part)
    equation = w("height_to_width", rise=number(n.rise), run=number(n.run))
    return KeyFacts(equation, (named(w, "width", n.run), named(w, "height", n.rise)))


def slope(part: Part, w: Facts) -> KeyFacts:
    n = first(part)
    numbers = (w("at", a=number(n.a)), named(w, "height", n.rise), named(w, "width", n.run))
    if _curved(part):  # the ratio is only about the derivative
        numbers += (named(w, "ratio", n.ratio), derivative_at(w, part, n.a))
    else:
        numbers += (named(w, "slope_derivative", n.ratio),)
    return KeyFacts(ratio(w, n), numbers)


def another(part: Part, w: Facts) -> KeyFacts:
    others = part.nudges[1:]
    assert others, "the beat another has a second point"
    numbers = tuple(
        line
        for n in others
        for line in (
            w("at", a=number(n.a)),
            value_at(w, n.a, n.f_a),
            value_at(w, n.a_nudged, n.f_nudged),
            ratio(w, n),
        )
        + ((derivative_at(w, part, n.a),) if _curved(part) else ())
    )
    return KeyFacts(ratio(w, others[0]), numbers)


def formal(part: Part, w: Facts) -> KeyFacts:
    numbers = tuple(w("h_ratio", h=number(n.h), value=equals(n.ratio).text) for n in part.shrinking)
    if _curved(part):  # the ratios close in on the derivative at the point
        numbers += (derivative_at(w, part, part.shrinking[0].a),)
    return KeyFacts(derivative(w, part), (w("definition", zero=number(0)), *numbers))


def everywhere(part: Part, w: Facts) -> KeyFacts:
    if _curved(part):  # the slope changes: where the tangent stops, its slope
        stops = tuple(
            w("at_value", a=number(n.a), value=number(part.function.slope_at(n.a))) for n in part.everywhere
        )
        return KeyFacts(w("changes"), (derivative(w, part), *stops))
    ratio_ = w("height_to_width", rise=number(part.function.slope), run=number(first(part).unit))
    points = w.listing([number(n.a) for n in part.everywhere])
    return KeyFacts(derivative(w, part), (w("at", a=points), ratio_))


#: Each beat's key facts, by beat id.
BEAT_FACTS = {
    "opening": lambda part, w: KeyFacts(formula(w, part), ()),
    "line": line,
    "point": point,
    "nudge": nudge,
    "triangle": triangle,
    "slope": slope,
    "another": another,
    "notation": lambda part, w: KeyFacts(
        derivative(w, part), (w.math(f"d/da f(a) = {part.function.slope_formula.text}"),)
    ),
    "formal": formal,
    "everywhere": everywhere,
    "closing": lambda part, w: KeyFacts(derivative(w, part), (formula(w, part),)),
}
