from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from derivlib.calculus import f, formula, nudge_at, nudges, shrinking_nudges
from derivlib.numbers import ParameterError, format_number
from derivlib.params import Params


def shown(n):
    return [format_number(v) for v in (n.f_a, n.a_nudged, n.f_nudged, n.rise, n.run, n.ratio)]


def test_default_lecture_values():
    first, second = nudges(Params())
    assert shown(first) == ["6", "2.001", "6.003", "0.003", "0.001", "3"]
    assert shown(second) == ["15", "5.001", "15.003", "0.003", "0.001", "3"]


def test_issue_example_slope_seven():
    p = Params.from_strings(slope="7", points="-3,0.5", nudge="0.01")
    first, second = nudges(p)
    assert shown(first) == ["-21", "-2.99", "-20.93", "0.07", "0.01", "7"]
    assert shown(second) == ["3.5", "0.51", "3.57", "0.07", "0.01", "7"]


def test_negative_and_zero_slope():
    down = nudge_at(Params.from_strings(slope="-2", intercept="1"), Decimal(2))
    assert shown(down) == ["-3", "2.001", "-3.002", "-0.002", "0.001", "-2"]
    flat = nudge_at(Params.from_strings(slope="0", intercept="4"), Decimal(2))
    assert shown(flat) == ["4", "2.001", "4", "0", "0.001", "0"]


def test_shrinking_nudges_keep_the_ratio():
    seq = shrinking_nudges(Params.from_strings(nudge="0.5", slope="-1.5"))
    assert [format_number(n.h) for n in seq] == ["0.5", "0.0005", "0.0000005"]
    assert {n.ratio for n in seq} == {Decimal("-1.5")}


@pytest.mark.parametrize(
    ("slope", "intercept", "text"),
    [
        ("3", "0", "f(a) = 3a"),
        ("1", "0", "f(a) = a"),
        ("-1", "2", "f(a) = -a + 2"),
        ("0", "0", "f(a) = 0"),
        ("2.5", "-1", "f(a) = 2.5a - 1"),
        ("0", "-4", "f(a) = -4"),
    ],
)
def test_formula(slope, intercept, text):
    assert formula(Params.from_strings(slope=slope, intercept=intercept)).text == text


def decimals(bound, places=6):
    return st.decimals(
        min_value=-bound, max_value=bound, places=places, allow_nan=False, allow_infinity=False
    )


valid_params = st.builds(
    lambda k, b, pts, h: (k, b, tuple(pts), h),
    decimals(1000, 4),
    decimals(10**6, 3),
    st.lists(decimals(10**4, 3), min_size=1, max_size=5, unique=True),
    st.decimals(min_value=Decimal("0.000001"), max_value=1, places=6),
)


@given(valid_params)
def test_rise_over_run_is_the_slope_exactly(raw):
    k, b, pts, h = raw
    assume(len({p.normalize() for p in pts}) == len(pts))
    try:
        params = Params(slope=k, intercept=b, points=pts, nudge=h)
    except ParameterError:
        assume(False)
    for n in nudges(params):
        assert Fraction(n.rise) / Fraction(n.run) == Fraction(params.slope)
        assert n.ratio == params.slope
        assert n.f_nudged == f(params, n.a) + params.slope * params.nudge
        assert n.run == params.nudge
