"""The drawn curve's pieces: never across a pole, never outside the domain, cut at the window's edge."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from derivlib.curve import Curve
from derivlib.trace import trace


@settings(max_examples=60, deadline=None)
@given(
    st.fractions(min_value=Fraction(-9, 10), max_value=Fraction(9, 10), max_denominator=97),
    st.sampled_from(["20", "1000000"]),
)
def test_no_piece_crosses_a_pole(pole, height):
    """1/(a - c) for poles c anywhere in the window, on the sampling grid or not, with a window so tall
    that the samples either side of the pole are both inside it."""
    c = Decimal(pole.numerator) / Decimal(pole.denominator)
    fn = Curve.parse(f"1/(a - {pole.numerator}/{pole.denominator})")
    window = Decimal(height)
    pieces = trace(fn, Decimal(-1), Decimal(1), -window, window)
    assert len(pieces) == 2
    for piece in pieces:
        sides = {Fraction(a) < pole for a, _ in piece}
        assert len(sides) == 1, "a piece on both sides of the pole"
        assert all(-window <= y <= window for _, y in piece)
    # each branch reaches the window's edge next to the pole
    assert {pieces[0][-1][1], pieces[1][0][1]} == {-window, window}
    assert c is not None


def test_the_domain_is_respected():
    for text, edge in (("log(a)", 0), ("sqrt(a)", 0), ("sqrt(a - 1/3)", Fraction(1, 3))):
        pieces = trace(Curve.parse(text), Decimal(-1), Decimal(2), Decimal(-5), Decimal(5))
        assert len(pieces) == 1
        assert all(Fraction(a) >= edge for a, _ in pieces[0])
        assert Fraction(pieces[0][0][0]) - edge < Fraction(1, 100)  # it starts at the domain's edge
