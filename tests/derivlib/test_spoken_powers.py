"""Powers as a teacher says them: a² "a squared", a³ "a cubed", a⁴ "a to the fourth", a⁻¹ "a to the
minus one", a^½ (written sqrt(a)) "the square root of a"; and so the second lecture's a³ example is heard
as "a cubed", its derivative "three a squared". Words only: nothing is rendered.

The oracle is how the words are said in a classroom, written here by hand; the variable a is said as
the letter (derivlib.printing.SAID_A, "eh")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from derivlib.grammar import parse
from derivlib.lectures import lecture_named
from derivlib.params import Params
from derivlib.printing import SAID_A, at_point, spoken

MORE_EXAMPLES = lecture_named("more-examples")

A = SAID_A

#: (function as typed, what a teacher says)
SAID = [
    ("a^2", f"{A} squared"),
    ("a^3", f"{A} cubed"),
    ("a^4", f"{A} to the fourth"),
    ("a^5", f"{A} to the fifth"),
    ("a^12", f"{A} to the twelfth"),
    ("a^-1", f"{A} to the minus one"),
    ("a^-2", f"{A} to the minus two"),
    ("sqrt(a)", f"the square root of {A}"),  # a to the one half: the grammar takes it as sqrt(a)
    ("2a^3", f"two {A} cubed"),
    ("(a + 1)^3", f"the quantity {A} plus one cubed"),
]


@pytest.mark.parametrize(("typed", "said"), SAID, ids=[t for t, _ in SAID])
def test_a_power_is_said_as_a_teacher_says_it(typed, said):
    heard = spoken(parse(typed))
    assert heard == said, f"the narrator says {typed} as {heard!r}; a viewer hears it wrong ({said!r})"


#: (function, its derivative as a teacher says it)
DERIVATIVES_SAID = [
    ("a^2", f"two {A}"),
    ("a^3", f"three {A} squared"),
    ("a^4", f"four {A} cubed"),
    ("a^5", f"five {A} to the fourth"),
]


@pytest.mark.parametrize(("typed", "said"), DERIVATIVES_SAID, ids=[t for t, _ in DERIVATIVES_SAID])
def test_a_derivative_is_said_with_its_power(typed, said):
    heard = Params.from_strings(function=typed).function.slope_formula.spoken
    assert heard == said, f"the derivative of {typed} is said {heard!r} where a teacher says {said!r}"


def test_the_negative_and_half_powers_derivatives_are_said_with_their_powers():
    """1/a and sqrt(a): the derivatives bring in a minus power and the square root."""
    inverse = Params.from_strings(function="a^-1").function.slope_formula.spoken
    assert "squared" in inverse or "to the minus two" in inverse, (
        f"the derivative of a to the minus one is said {inverse!r}: no square of a is heard"
    )
    root = Params.from_strings(function="sqrt(a)").function.slope_formula.spoken
    assert f"the square root of {A}" in root, (
        f"the derivative of the square root of a is said {root!r}: no square root is heard"
    )


@pytest.mark.parametrize(
    ("typed", "at", "said"),
    [
        ("a^2", "2", "two squared"),
        ("a^3", "2", "two cubed"),
        ("a^4", "3", "three to the fourth"),
        ("a^-1", "4", "four to the minus one"),
    ],
)
def test_a_power_worked_out_at_a_point_is_said_with_its_power(typed, at, said):
    _, heard = at_point(parse(typed), Decimal(at))
    assert heard == said, f"{typed} at a = {at} is said {heard!r} where a teacher says {said!r}"


def test_the_second_lectures_cube_example_is_narrated_a_cubed():
    """The second lecture's a³ example: its function cue says 'a cubed' and its derivative 'three a
    squared'; the check at 2 says 'three times two squared'."""
    cues = {c.id: c for c in MORE_EXAMPLES.plan(MORE_EXAMPLES.defaults).cues}
    function = cues["example-2-function"]
    assert "a^3" in function.text, function.text  # the example is the cube (the default functions)
    assert f"equals {A} cubed." in function.spoken, (
        f"the a³ example is narrated {function.spoken!r}: the viewer reads a³ and does not hear 'a cubed'"
    )
    assert f"three {A} squared" in function.spoken, (
        f"the a³ example's derivative 3a² is narrated {function.spoken!r}: 'three a squared' is not heard"
    )
    ratio = cues["example-2-ratio"]
    assert "three times two squared" in ratio.spoken, (
        f"the a³ example's check 3 × 2^2 is narrated {ratio.spoken!r}: 'three times two squared' is not heard"
    )
