"""Each slide's key facts are about its own point: for a curve the numbers differ from point to point, so
a slide that took another point's numbers would say something a viewer can check is wrong (a² at 2 and
5: the 'another point' slide must say 0.010001 / 0.001 = 10.001, not 4.001). Text only: nothing is
rendered.

The oracle: each value worked out here from the function's own formula in exact fractions (f(a) = a²,
a³), written by the one formatting rule; a few by hand besides. The facts are read through the public
key_facts(part) only, so the test follows the function if keyfacts moves (change the import below)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest

from derivlib.keyfacts import key_facts
from derivlib.lectures import lecture_named
from derivlib.numbers import format_number as fmt
from derivlib.params import Params
from derivlib.plan import lecture_plan

MORE_EXAMPLES = lecture_named("more-examples")

H = Fraction(1, 1000)  # the default nudge


def square(x: Fraction) -> Fraction:
    return x * x


def cube(x: Fraction) -> Fraction:
    return x * x * x


def at(f: Callable, a: int) -> str:
    return f"f({fmt(a)}) = {fmt(f(Fraction(a)))}"


def at_nudged(f: Callable, a: int) -> str:
    x = Fraction(a) + H
    return f"f({fmt(Decimal(x.numerator) / x.denominator)}) = {fmt(f(x))}"


def rise(f: Callable, a: int) -> Fraction:
    return f(Fraction(a) + H) - f(Fraction(a))


def ratio_line(f: Callable, a: int) -> str:
    return f"{fmt(rise(f, a))} / {fmt(H)} = {fmt(rise(f, a) / H)}"


def derivative_line(derivative: Callable, a: int) -> str:
    return f"derivative at a = {fmt(a)}: {fmt(derivative(Fraction(a)))}"


def two_a(x: Fraction) -> Fraction:
    return 2 * x


def three_a_squared(x: Fraction) -> Fraction:
    return 3 * x * x


#: The first lecture for a² at 2 and 5, and the second lecture's defaults (a², a³, log a at 2 and 5).
FIRST = lecture_plan(Params.from_strings(function="a^2", points="2,5"))
SECOND = lecture_plan(MORE_EXAMPLES.defaults, MORE_EXAMPLES)

#: (plan, beat, slide title, the point it is about, its key equation, lines among its numbers)
CASES = [
    (FIRST, "point", "A point", 2, at(square, 2), [f"f(a) = {fmt(4)}"]),
    (FIRST, "nudge", "The nudge", 2, at_nudged(square, 2), [at(square, 2)]),
    (FIRST, "triangle", "The triangle", 2, f"height : width = {fmt(rise(square, 2))} : {fmt(H)}", []),
    (FIRST, "slope", "Slope = derivative", 2, ratio_line(square, 2), [derivative_line(two_a, 2)]),
    (
        FIRST,
        "another",
        "Another point",
        5,
        ratio_line(square, 5),
        ["at a = 5", at(square, 5), at_nudged(square, 5), derivative_line(two_a, 5)],
    ),
    (FIRST, "formal", "The formal definition", 2, None, [derivative_line(two_a, 2)]),
    (
        SECOND,
        "first",
        "At the first point",
        2,
        ratio_line(square, 2),
        [at(square, 2), at_nudged(square, 2), derivative_line(two_a, 2)],
    ),
    (
        SECOND,
        "others",
        "At the other points",
        5,
        ratio_line(square, 5),
        ["at a = 5", at(square, 5), at_nudged(square, 5), derivative_line(two_a, 5)],
    ),
    (SECOND, "changes", "The slope changes", None, None, ["at a = 2: slope 4", "at a = 5: slope 10"]),
    (SECOND, "about", "Why 'about'", 2, None, [derivative_line(two_a, 2)]),
    (
        SECOND,
        "example-2",
        "A second function",
        2,
        "f(a) = a^3",
        [at(cube, 2), at_nudged(cube, 2), ratio_line(cube, 2), derivative_line(three_a_squared, 2)],
    ),
]


@pytest.mark.parametrize(
    ("plan", "beat", "title", "a", "equation", "lines"),
    CASES,
    ids=[f"{plan.lecture}-{beat}" for plan, beat, *_ in CASES],
)
def test_each_slide_says_its_own_points_numbers(plan, beat, title, a, equation, lines):
    facts = key_facts(plan.part(beat))
    where = f"at a = {a}" if a is not None else "at its points"
    if equation is not None:
        assert facts.equation == equation, (
            f"the {title!r} slide's key equation says {facts.equation!r}; a viewer working it out {where} "
            f"gets {equation!r}"
        )
    for line in lines:
        assert line in facts.numbers, (
            f"the {title!r} slide does not say {line!r} ({where}); it says {list(facts.numbers)}"
        )


def test_the_another_point_slide_says_10_001_for_a_squared_at_5():
    """By hand: 5.001² = 25.010001, so the height is 0.010001 and the ratio 10.001; at 2 it was 4.001."""
    for plan, beat in ((FIRST, "another"), (SECOND, "others")):
        facts = key_facts(plan.part(beat))
        said = [facts.equation, *facts.numbers]
        assert facts.equation == "0.010001 / 0.001 = 10.001", (
            f"the slide for a² at 5 ({plan.lecture}, {beat}) says {facts.equation!r}, not 10.001"
        )
        assert not any("4.001" in line for line in said), (
            f"the slide for a² at 5 ({plan.lecture}, {beat}) shows the first point's ratio 4.001: {said}"
        )


@pytest.mark.parametrize("plan", [FIRST, SECOND], ids=lambda p: p.lecture)
def test_the_ratios_closing_in_are_at_the_first_point(plan):
    """The formal definition (first lecture) and 'why about' (second): each shrinking nudge's ratio at 2,
    worked out here: 4 + h."""
    beat = "formal" if plan.lecture == "derivatives" else "about"
    facts = key_facts(plan.part(beat))
    for h in (Fraction(1, 10**3), Fraction(1, 10**6), Fraction(1, 10**9)):
        line = f"h = {fmt(h)}: ratio = {fmt((square(2 + h) - square(Fraction(2))) / h)}"
        assert line in facts.numbers, f"the {beat!r} slide does not say {line!r}: {list(facts.numbers)}"


def test_the_travelling_tangents_stops_each_say_their_own_slope():
    """'Same slope everywhere' on a curve: each stop's slope is 2a at that stop."""
    part = FIRST.part("everywhere")
    facts = key_facts(part)
    stops = [n.a for n in part.everywhere]
    assert len(stops) >= 2
    for a in stops:
        line = f"at a = {fmt(a)}: {fmt(2 * a)}"
        assert line in facts.numbers, f"the 'everywhere' slide does not say {line!r}: {list(facts.numbers)}"
