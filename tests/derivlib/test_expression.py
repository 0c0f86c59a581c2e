"""The function parameter's grammar, values and derivatives: examples, refusals, and properties over
random expressions."""

from __future__ import annotations

import time
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from derivlib.expression import (
    Add,
    Call,
    Div,
    Inexact,
    Mul,
    Neg,
    Num,
    Pow,
    Sub,
    Var,
    approximate,
)
from derivlib.grammar import parse
from derivlib.numbers import ParameterError
from derivlib.symbolic import derivative

EXAMPLES = {
    "a^2": ("a^2", "2a"),
    "3a": ("3a", "3"),
    "a**3 - 2*a + 1": ("a^3 - 2a + 1", "3a^2 - 2"),
    "log(a)": ("log(a)", "1/a"),
    "ln(a)": ("log(a)", "1/a"),
    "exp(a)": ("exp(a)", "exp(a)"),
    "sqrt(a)": ("sqrt(a)", "1/(2sqrt(a))"),
    "1/a": ("1/a", "-1/a^2"),
    "(a+1)^2/2": ("(a + 1)^2/2", "a + 1"),
    "2(a+1)": ("2(a + 1)", "2"),
    "-a^2": ("-a^2", "-2a"),
    "0.5a": ("0.5a", "0.5"),
}


@pytest.mark.parametrize("text", list(EXAMPLES))
def test_examples_read_and_differentiate_as_a_textbook_writes_them(text):
    f = parse(text)
    assert (f.text, derivative(f).text) == EXAMPLES[text]


def test_exact_where_the_mathematics_is_exact():
    assert parse("a^2").at(Fraction("2.001")) == Fraction("4.004001")
    assert parse("(a+1)^2/2").at(Fraction(3)) == 8
    assert parse("sqrt(a)").at(Fraction("2.25")) == Fraction("1.5")
    assert parse("log(a)").at(Fraction(1)) == 0 and parse("exp(a)").at(Fraction(0)) == 1
    with pytest.raises(Inexact):
        parse("log(a)").at(Fraction(2))
    with pytest.raises(ZeroDivisionError):
        parse("1/a").at(Fraction(0))
    with pytest.raises(ValueError, match="log is defined for positive values only"):
        parse("log(a)").at(Fraction(-1))
    assert str(approximate(parse("exp(a)"), Decimal(1), 30)) == "2.71828182845904523536028747135"


BAD = [
    ("__import__('os')", "unknown name '__import__' at column 1"),
    ("a.real", "unexpected text at column 2, found '.'"),
    ("lambda: 1", "unknown name 'lambda' at column 1"),
    ("'a'", 'unexpected "\'" at column 1'),
    ("[a for a in b]", "unexpected '[' at column 1"),
    ("sin(a)", "unknown name 'sin' at column 1"),
    ("a +* 2", "expected a number, a, a function or '(' at column 4, found '*'"),
    ("(a + 1", "expected ')' at column 7, found the end"),
    ("log a", "log needs its argument in parentheses at column 5, found 'a'"),
    ("9^9^9^9", "the exponent 387420489 is beyond the bound"),
    ("a^0.5", "an exponent must be a whole number from -12 to 12"),
    ("a^a", "an exponent must be a whole number"),
    ("a" + " + a" * 60, "longer than 200 characters"),
    ("(" * 30 + "a" + ")" * 30, "nested more than 24 deep"),
    ("-" * 30 + "a", "nested more than 24 deep"),
    ("1e5", "unknown name 'e' at column 2"),
    ("", "empty"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[t[:20] for t, _ in BAD])
def test_anything_but_arithmetic_is_refused_at_once(text, message):
    started = time.monotonic()
    with pytest.raises(ParameterError) as caught:
        parse(text)
    assert time.monotonic() - started < 0.5
    assert str(caught.value).startswith("function: ")
    assert message in str(caught.value)


# --- properties -------------------------------------------------------------------------------------------
numbers = st.fractions(min_value=-5, max_value=5, max_denominator=4).map(Num)


def rational_exprs(depth: int = 3):
    """Random polynomial and rational expressions of a."""
    leaves = st.one_of(numbers, st.just(Var()))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.builds(Add, inner, inner),
            st.builds(Sub, inner, inner),
            st.builds(Mul, inner, inner),
            st.builds(Div, inner, inner),
            st.builds(Neg, inner),
            st.builds(Pow, inner, st.integers(-3, 3)),
        ),
        max_leaves=8,
    )


def with_functions():
    leaves = st.one_of(numbers, st.just(Var()))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.builds(Add, inner, inner),
            st.builds(Mul, inner, inner),
            st.builds(Pow, inner, st.integers(0, 3)),
            st.builds(Call, st.sampled_from(["log", "exp", "sqrt"]), inner),
        ),
        max_leaves=6,
    )


points = st.fractions(min_value=Fraction(1, 4), max_value=4, max_denominator=8)


def _value(f, a):
    try:
        return f.at(a)
    except (ZeroDivisionError, ValueError, Inexact):
        return None


@settings(max_examples=200, deadline=None)
@given(rational_exprs(), points)
def test_the_ratio_approaches_the_derivative_exactly(f, a):
    """For rational functions, exactly: the difference quotient's error shrinks with h (by at least
    ten times when h shrinks a thousand times), and for a line it is the derivative itself."""
    try:
        d = derivative(f)
    except ZeroDivisionError:  # a denominator that is 0 for every a: Curve.parse refuses it
        assume(False)
    values = [_value(f, a + h) for h in (Fraction(0), Fraction(1, 10**6), Fraction(1, 10**9))]
    slope = _value(d, a)
    assume(None not in values and slope is not None)
    f0, f1, f2 = values
    error1 = abs((f1 - f0) * 10**6 - slope)
    error2 = abs((f2 - f0) * 10**9 - slope)
    assert error2 <= error1 / 10 or error2 == 0
    if not error2:
        assert error1 == 0 or slope == (f2 - f0) * 10**9


@settings(max_examples=100, deadline=None)
@given(with_functions(), points)
def test_the_ratio_approaches_the_derivative_with_log_exp_and_sqrt(f, a):
    d = derivative(f)
    try:
        with localcontext() as ctx:
            ctx.prec = 60
            x = Decimal(a.numerator) / Decimal(a.denominator)
            f0 = approximate(f, x, 60)
            slope = approximate(d, x, 60)
            q1 = (approximate(f, x + Decimal("1e-8"), 60) - f0) / Decimal("1e-8")
            q2 = (approximate(f, x + Decimal("1e-11"), 60) - f0) / Decimal("1e-11")
    except (ArithmeticError, ValueError):
        assume(False)
    assume(abs(slope) < 10**6 and abs(f0) < 10**6)
    assert abs(q2 - slope) <= abs(q1 - slope) / 10 + Decimal("1e-30")


@settings(max_examples=200, deadline=None)
@given(st.one_of(rational_exprs(), with_functions()), points)
def test_what_is_printed_reads_back_to_the_same_function(f, a):
    """The printed form (the function's and its derivative's) parses back to equal values."""
    try:
        slope = derivative(f)
    except ZeroDivisionError:  # 0 as a denominator whatever a is: Curve.parse refuses it ('divides by zero')
        assume(False)
    for g in (f, slope):
        try:
            again = parse(g.text)
        except ParameterError as err:  # a derivative may hold a power past what a user may type (a^13)
            assume("beyond the bound" not in str(err))
            raise
        try:
            with localcontext() as ctx:
                ctx.prec = 60
                x = Decimal(a.numerator) / Decimal(a.denominator)
            expected = approximate(g, x, 40)
        except (ArithmeticError, ValueError):
            continue
        assert approximate(again, x, 40) == expected
