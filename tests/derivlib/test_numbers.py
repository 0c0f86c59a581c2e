from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from derivlib.numbers import (
    APPROX,
    MAX_DECIMALS,
    MAX_SIGNIFICANT,
    TIMES_TEN,
    ParameterError,
    format_number,
    is_approximate,
    parse_number,
    shown_value,
    spoken_number,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("6.003"), "6.003"),
        (Decimal("6.0030000"), "6.003"),
        (Decimal("-0.00"), "0"),
        (Decimal("6.00"), "6"),
        (Decimal("15.003"), "15.003"),
        (Decimal("-20.93"), "-20.93"),
        (Decimal("1E+6"), "1000000"),
        (Decimal("0.000000001"), "0.000000001"),
        (Fraction(3, 1000), "0.003"),
        (Fraction(1, 3), APPROX + "0.333333333333"),
        (Fraction(-2, 3), APPROX + "-0.666666666667"),
        (Decimal("1234567.1234567"), APPROX + "1234567.12346"),
        (Decimal("999999999.9995"), APPROX + "1000000000"),
        (Decimal("1000000.000000001"), APPROX + "1000000"),
        # rounded once to 12 digits, never to 13 and then to 12 (...0114999 would become ...0115, then ...012)
        (Decimal("0.12345678901149999"), APPROX + "0.123456789011"),
        (Decimal("-7.7777777777649"), APPROX + "-7.77777777776"),
        # not 0, but 0 at the shown decimals: scientific notation, exact or rounded and marked
        (Decimal("1E-20"), "1 × 10⁻²⁰"),
        (Decimal("-0.000000000000000002999999999"), "-2.999999999 × 10⁻¹⁸"),
        (Fraction(-1, 3 * 10**17), APPROX + "-3.33333333333 × 10⁻¹⁸"),
        (Decimal("0.0000000000000005"), "5 × 10⁻¹⁶"),
        (Decimal("0.0000000000000006"), APPROX + "0.000000000000001"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_float_arithmetic_would_be_wrong():
    # The reason for the whole exact core: in floats, the lecture's rise over run is not 3.
    rise = 2.001 * 3 - 2 * 3
    assert rise / 0.001 != 3
    assert format_number((Decimal("2.001") * 3 - Decimal(2) * 3) / Decimal("0.001")) == "3"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("2.001"), "two point zero zero one"),
        (Decimal("-21"), "minus twenty-one"),
        (Decimal("15.003"), "fifteen point zero zero three"),
        (Decimal("0"), "zero"),
        (Decimal("1234"), "one thousand two hundred thirty-four"),
        (Fraction(1, 3), "approximately zero point " + " ".join(["three"] * 12)),
        (Decimal("-2.5E-18"), "minus two point five times ten to the minus eighteen"),
    ],
)
def test_spoken_number(value, words):
    assert spoken_number(value) == words


@pytest.mark.parametrize(
    "text",
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1e400",
        "1E3",
        "1_000",
        "٣",
        "１",
        "",
        "  ",
        "2.0.1",
        "--2",
        "0x10",
        "1/2",
        "½",
        "2,5",
    ],
)
def test_parse_rejects(text):
    with pytest.raises(ParameterError) as err:
        parse_number(text, "slope")
    assert err.value.parameter == "slope"
    assert str(err.value).startswith("slope: ")


@pytest.mark.parametrize(
    ("text", "value"),
    [("2", 2), ("-0", 0), ("+1.5", Decimal("1.5")), (".5", Decimal("0.5")), ("3.", 3), (" 7 ", 7)],
)
def test_parse_accepts(text, value):
    assert parse_number(text, "x") == value


finite_decimals = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9, places=20
)


@given(finite_decimals)
def test_format_round_trips_or_is_marked(x):
    text = format_number(x)
    if TIMES_TEN in text:  # a nonzero value that plain notation would round to 0
        assert x and abs(x) <= Decimal("0.5").scaleb(-MAX_DECIMALS)
        shown = shown_value(x)
        mantissa = text.removeprefix(APPROX).partition(TIMES_TEN)[0]
        assert 1 <= abs(Decimal(mantissa)) < 10
        assert len(mantissa.lstrip("-").replace(".", "")) <= MAX_SIGNIFICANT
        assert text.startswith(APPROX) == (shown != x) == is_approximate(x)
        assert abs(shown - x) <= Decimal(1).scaleb(x.adjusted() - MAX_SIGNIFICANT + 1)
    elif text.startswith(APPROX):
        assert is_approximate(x)
        shown = Decimal(text[1:])
        digits = len(text[1:].lstrip("-").replace(".", "").lstrip("0"))
        assert digits <= MAX_SIGNIFICANT
        assert len(text.partition(".")[2]) <= MAX_DECIMALS
        # no further from x than rounding to MAX_SIGNIFICANT digits (or MAX_DECIMALS decimals) allows
        unit = max(Decimal(1).scaleb(x.adjusted() - MAX_SIGNIFICANT + 1), Decimal(1).scaleb(-MAX_DECIMALS))
        assert abs(shown - x) <= unit
        assert shown != x
        assert shown != 0, "a nonzero value is never shown as 0"
    else:
        assert not is_approximate(x)
        assert parse_number(text, "x") == x
        assert "e" not in text.lower()
        assert text == "0" or not text.rstrip("0").endswith(".")
        assert text != "-0"


@given(st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**9))
def test_fractions_format_exactly_or_marked(q):
    """Exact text reads back to the value itself; text marked ≈ is the value rounded to what can be
    shown (at most MAX_SIGNIFICANT significant digits and MAX_DECIMALS decimals), off by at most half a
    unit of its last digit, and the value really could not be shown exactly."""
    text = format_number(q)
    if not text.startswith(APPROX):
        assert not is_approximate(q)
        assert Fraction(parse_number(text, "x")) == q
    else:
        assert is_approximate(q)
        shown = parse_number(text.removeprefix(APPROX), "x")
        _, digits, exponent = shown.as_tuple()
        assert len(str(int("".join(map(str, digits))))) <= MAX_SIGNIFICANT
        assert -exponent <= MAX_DECIMALS
        last_digit = Fraction(10) ** exponent
        assert abs(Fraction(shown) - q) <= last_digit / 2
        assert Fraction(shown) != q
