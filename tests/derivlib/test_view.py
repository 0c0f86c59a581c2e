"""The view chosen from the function, without rendering: the points away from the edges, the curve shown
over the a axis (negative values and turning points included), cut off only where it runs off far near
a pole, the origin's axes in view when near, ticks of 1, 2 or 5 × 10^n; and no nonzero number shown as 0."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from derivlib.calculus import nudges, shrinking_nudges
from derivlib.numbers import format_number, shown_value
from derivlib.params import Params
from derivlib.view import MARGIN, view

#: At least eight functions: a cubic with a turning point below 0, 1/a at a positive point, exp at 0, a
#: function negative everywhere, functions whose derivative is 0 at a point, a pole inside the view, the
#: edge of a domain.
FUNCTIONS = {
    "cubic": ("a^3 - 3a", "-1,2", "0.001"),
    "inverse-one": ("1/a", "2", "0.5"),
    "exp": ("exp(a)", "0,1", "0.001"),
    "negative": ("-a^2 - 1", "1,2", "0.001"),
    "flat-at-zero": ("a^2 - 4", "0,3", "0.001"),
    "log": ("log(a)", "0.5,2", "0.001"),
    "root": ("sqrt(a)", "1,4", "0.001"),
    "pole": ("1/(7a - 1)", "-1,1", "0.001"),
    "cube": ("a^3", "2", "0.001"),
    "square": ("(a+1)^2/2", "2,5", "0.001"),
}
CASES = {name: Params.from_strings(function=f, points=p, nudge=h) for name, (f, p, h) in FUNCTIONS.items()}
#: Samples across the a axis for the visibility measures.
SAMPLES = 400


def _values(params: Params) -> list[tuple[Fraction, Fraction | None]]:
    v = view(params)
    out = []
    for i in range(SAMPLES + 1):
        a = Fraction(v.x.lo) + Fraction(v.x.span) * Fraction(i, SAMPLES)
        try:
            out.append((a, Fraction(params.function.at(Decimal(a.numerator) / Decimal(a.denominator)))))
        except (ArithmeticError, ValueError):
            out.append((a, None))
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_no_point_sits_at_an_edge(name):
    """Every point and nudged point is at least MARGIN of the a axis from its ends, and its value at least
    MARGIN of the f(a) axis from the f(a) axis's ends."""
    params = CASES[name]
    v = view(params)
    for n in nudges(params):
        for a, y in ((n.a, n.f_a), (n.a_nudged, n.f_nudged)):
            assert v.x.lo + MARGIN * v.x.span <= a <= v.x.hi - MARGIN * v.x.span, (name, a)
            lo, hi = Fraction(v.y.lo), Fraction(v.y.hi)
            margin = Fraction(MARGIN) * (hi - lo)
            assert lo + margin <= Fraction(y) <= hi - margin, (name, y)


@pytest.mark.parametrize("name", list(CASES))
def test_the_curve_is_shown_over_the_a_axis(name):
    """Where f is defined, the curve is inside the f(a) axis over most of the a axis; where it is not, it
    runs off far (more than half the f(a) axis beyond its end: a pole, or a steep rise), never just
    past the end (the old view cut off a dip below zero that way)."""
    params = CASES[name]
    v = view(params)
    lo, hi = Fraction(v.y.lo), Fraction(v.y.hi)
    span = hi - lo
    defined = [y for _a, y in _values(params) if y is not None]
    inside = [y for y in defined if lo <= y <= hi]
    near_miss = [y for y in defined if lo - span / 2 <= y < lo or hi < y <= hi + span / 2]
    assert len(inside) >= 0.6 * len(defined), name
    assert len(near_miss) <= 0.1 * len(defined), name


def test_a_dip_below_zero_is_shown():
    """a³ − 3a at −1 and 2: the curve turns at (1, −2), between the points; the f(a) axis reaches below
    it, and the a axis crosses at f(a) = 0 inside the view."""
    v = view(CASES["cubic"])
    assert v.y.lo < -2 and v.y.hi > 2
    assert v.y.lo < 0 < v.y.hi


def test_a_function_negative_everywhere_keeps_zero_at_the_top():
    v = view(CASES["negative"])
    assert v.y.hi == 0 and v.y.lo < -5


def test_one_over_a_at_a_positive_point_shows_its_branch():
    """1/a at 2 (nudge 0.5): the view is the branch the point is on, not an empty half for a < 0."""
    v = view(CASES["inverse-one"])
    assert v.x.lo >= 0
    assert v.y.lo == 0 and v.y.hi <= 2


@pytest.mark.parametrize("name", list(CASES))
def test_ticks_step_by_one_two_or_five(name):
    v = view(CASES[name])
    for axis in (v.x, v.y):
        mantissa = axis.step.scaleb(-axis.step.adjusted()).normalize()
        assert mantissa in {1, 2, 5}
        assert list(axis.ticks) == [axis.lo + i * axis.step for i in range(len(axis.ticks))]


@pytest.mark.parametrize("name", list(CASES))
def test_no_nonzero_height_or_ratio_is_shown_as_zero(name):
    """Every nudge's height and ratio, the formal definition's shrinking ones included, shows as a
    nonzero number when it is not 0 (a³ − 3a at −1, nudged by 0.000000001, rises by −2.999999999 × 10⁻¹⁸)."""
    params = CASES[name]
    for n in (*nudges(params), *shrinking_nudges(params)):
        for value in (n.rise, n.ratio):
            if value:
                assert shown_value(value) != 0, (name, format_number(value))


def test_a_tiny_height_in_scientific_notation():
    last = shrinking_nudges(CASES["cubic"])[-1]
    assert format_number(last.rise) == "-2.999999999 × 10⁻¹⁸"
