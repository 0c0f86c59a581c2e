"""Exact numbers in and out: the one parsing rule and the one formatting rule.

Every number this project shows, writes or says passes through :func:`format_number` (and, for a voice,
:func:`spoken_number`, which reads the formatted text aloud). Numbers come in through
:func:`parse_number`, straight from their text into an exact :class:`~decimal.Decimal`, never through
``float``.

>>> format_number(Decimal("2.001") * 3)
'6.003'
>>> spoken_number(parse_number("-21", "slope"))
'minus twenty-one'
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded, localcontext
from fractions import Fraction

from num2words import num2words

__all__ = [
    "APPROX",
    "MAX_DECIMALS",
    "MAX_SIGNIFICANT",
    "TIMES_TEN",
    "ParameterError",
    "describe",
    "exact",
    "format_number",
    "is_approximate",
    "is_plain",
    "parse_number",
    "powers_as_tex",
    "shown_value",
    "spoken_number",
    "to_decimal",
]

#: At most this many significant digits are shown; a value that needs more is rounded and marked.
MAX_SIGNIFICANT = 12
#: At most this many digits are shown after the decimal point; more is rounded and marked.
MAX_DECIMALS = 15
#: The mark in front of a rounded value.
APPROX = "≈"

# Plain decimal notation in ASCII digits: an optional minus, digits, an optional fraction.
# No exponent, no underscores, no "nan"/"inf", no spaces inside.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")

# Exact arithmetic: every operation done in this context raises instead of rounding.
_EXACT = Context(prec=200, traps=[Inexact, Rounded, InvalidOperation, Overflow])


class ParameterError(ValueError):
    """A parameter that cannot be used, with the parameter's name and the reason.

    >>> str(ParameterError("nudge", "must be greater than 0, got 0"))
    'nudge: must be greater than 0, got 0'
    """

    def __init__(self, parameter: str, reason: str):
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


def exact():
    """A context manager in which Decimal arithmetic raises rather than round.

    >>> with exact():
    ...     Decimal("2.001") * 3 + Decimal("0.5")
    Decimal('6.503')
    """
    return localcontext(_EXACT)


def parse_number(text: str, parameter: str) -> Decimal:
    """Parse plain decimal text into an exact Decimal, naming *parameter* when the text is not one.

    >>> parse_number("0.001", "nudge")
    Decimal('0.001')
    >>> parse_number(" -3 ", "points")
    Decimal('-3')
    >>> parse_number("1.00000000000000000000000000001", "slope")  # never rounded to 28 digits
    Decimal('1.00000000000000000000000000001')
    >>> parse_number("1e400", "slope")
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: slope: '1e400' is not a plain decimal number (write it like 2, -0.5 or 0.001)
    >>> parse_number("", "nudge")
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: nudge: empty value; write a number like 2, -0.5 or 0.001
    """
    if not isinstance(text, str):
        raise ParameterError(parameter, f"expected a number, got {text!r}")
    stripped = text.strip()
    if not stripped:
        raise ParameterError(parameter, "empty value; write a number like 2, -0.5 or 0.001")
    if not _NUMBER.match(stripped):
        raise ParameterError(
            parameter, f"{text!r} is not a plain decimal number (write it like 2, -0.5 or 0.001)"
        )
    value = Decimal(stripped)  # exact: a Decimal is made from text without any rounding context
    return value if value else Decimal(0)  # "-0" is just 0 (no arithmetic here: it would round)


def to_decimal(value: Decimal | Fraction | int) -> Decimal | None:
    """The exact Decimal equal to *value*, or None when it has no finite decimal expansion (or one of
    more digits than exact arithmetic keeps).

    >>> to_decimal(Fraction(3, 1000))
    Decimal('0.003')
    >>> to_decimal(Fraction(1, 3)) is None
    True
    """
    if isinstance(value, Decimal):
        return value
    frac = Fraction(value)
    den = frac.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    digits = max(twos, fives)
    scaled = frac.numerator * (10**digits) // frac.denominator
    if len(str(abs(scaled))) > _EXACT.prec:  # more digits than exact arithmetic keeps: a fraction, then
        return None
    with exact():
        return Decimal(scaled).scaleb(-digits)


def _plain(value: Decimal) -> str:
    """Plain notation without exponent or trailing zeros; zero is '0' whatever its sign."""
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _fits(value: Decimal) -> bool:
    """Whether the plain notation of *value* stays within the shown digits (decided without building it)."""
    if value == 0:
        return True
    _, digits, exponent = value.as_tuple()
    while digits[-1] == 0:  # drop trailing zeros: 6.0030000 is shown as 6.003
        digits = digits[:-1]
        exponent += 1
    if exponent >= 0:  # an integer: all of its digits are shown
        return len(digits) + exponent <= MAX_SIGNIFICANT
    return len(digits) <= MAX_SIGNIFICANT and -exponent <= MAX_DECIMALS


def is_plain(value: Decimal | Fraction | int) -> bool:
    """Whether :func:`format_number` writes *value* exactly, in plain decimal notation (as an axis's
    ticks must be).

    >>> is_plain(Decimal("6.003")), is_plain(Fraction(1, 3)), is_plain(Decimal("3E-18"))
    (True, False, False)
    """
    dec = to_decimal(value)
    return dec is not None and _fits(dec)


def is_approximate(value: Decimal | Fraction | int) -> bool:
    """Whether :func:`format_number` has to round *value* (and so marks it with ≈).

    >>> is_approximate(Decimal("6.003")), is_approximate(Fraction(1, 3)), is_approximate(Decimal("3E-18"))
    (False, True, False)
    """
    return format_number(value).startswith(APPROX)


def format_number(value: Decimal | Fraction | int) -> str:
    """The one rule that turns a number into text.

    Plain decimal notation, no exponent, no trailing zeros, no negative zero. A value that needs more than
    MAX_SIGNIFICANT significant digits or MAX_DECIMALS decimals is rounded (half to even) to fit and
    marked with a leading ≈, so a rounded number never passes for an exact one.

    >>> format_number(Decimal("6.0030000"))
    '6.003'
    >>> format_number(Decimal("-0.00"))
    '0'
    >>> format_number(Decimal("1E+3"))
    '1000'
    >>> format_number(Fraction(-21))
    '-21'
    >>> format_number(Fraction(2, 3))
    '≈0.666666666667'
    >>> format_number(Decimal("1000000.000000001"))
    '≈1000000'
    >>> format_number(Decimal("0.1234567890123"))
    '≈0.123456789012'

    A value that is not 0 but would round to 0 is written in scientific notation, with as many
    significant digits as it has (at most MAX_SIGNIFICANT, else rounded and marked), so that a small
    height is never shown as 0:

    >>> format_number(Decimal("-0.000000000000000002999999999")), format_number(Fraction(1, 3 * 10**20))
    ('-2.999999999 × 10⁻¹⁸', '≈3.33333333333 × 10⁻²¹')
    """
    dec = to_decimal(value)
    if dec is not None and _fits(dec):
        return _plain(dec)
    frac = Fraction(value)
    if frac and abs(frac) <= Fraction(1, 2 * 10**MAX_DECIMALS):  # it would round to 0
        return _scientific(frac)
    # Round half to even to at most MAX_SIGNIFICANT significant digits and MAX_DECIMALS decimals.
    with localcontext(Context(prec=MAX_SIGNIFICANT + 60)):
        approx = Decimal(frac.numerator) / Decimal(frac.denominator)
        places = min(MAX_DECIMALS, MAX_SIGNIFICANT - 1 - approx.adjusted()) if approx else MAX_DECIMALS
        rounded = approx.quantize(Decimal(1).scaleb(-places))
        if not _fits(rounded):  # rounding carried into a new digit (999.9995 -> 1000.000)
            rounded = approx.quantize(Decimal(1).scaleb(-(places - 1)))
    return APPROX + _plain(rounded)


def shown_value(value: Decimal | Fraction | int) -> Decimal:
    """The value a reader sees: :func:`format_number`'s text read back, ≈ mark dropped.

    >>> shown_value(Decimal("1000000.000000001"))
    Decimal('1000000')
    >>> shown_value(Fraction(1, 4))
    Decimal('0.25')
    """
    text = format_number(value).removeprefix(APPROX)
    mantissa, times, power = text.partition(TIMES_TEN)
    if not times:
        return Decimal(text)
    return Decimal(mantissa).scaleb(-int(power.removeprefix(_SUPERSCRIPT_MINUS).translate(_FROM_SUPERSCRIPT)))


#: Between a small number's digits and its power of ten: '-3 × 10⁻¹⁸'.
TIMES_TEN = " × 10"
_SUPERSCRIPT_MINUS = "⁻"
_TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


_POWER = re.compile("⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def powers_as_tex(text: str) -> str:
    """A power of ten as :func:`format_number` writes it, in TeX.

    >>> powers_as_tex("-3 × 10⁻¹⁸")
    '-3 × 10^{-18}'
    """
    return _POWER.sub(lambda m: "^{" + m.group(0).replace(_SUPERSCRIPT_MINUS, "-").translate(_FROM_SUPERSCRIPT) + "}", text)


def _scientific(frac: Fraction) -> str:
    """A small nonzero value as 'm × 10⁻ⁿ' (1 <= |m| < 10): exact when m has at most MAX_SIGNIFICANT
    significant digits, otherwise m rounded to them and marked ≈."""
    power = 0
    while abs(frac) * Fraction(10) ** power < 1:
        power += 1
    mantissa = frac * Fraction(10) ** power
    exact_mantissa = to_decimal(mantissa)
    if exact_mantissa is not None and len(exact_mantissa.normalize().as_tuple().digits) <= MAX_SIGNIFICANT:
        text = _plain(exact_mantissa)
    else:
        with localcontext(Context(prec=MAX_SIGNIFICANT + 60)):
            approx = Decimal(mantissa.numerator) / Decimal(mantissa.denominator)
            rounded = approx.quantize(Decimal(1).scaleb(1 - MAX_SIGNIFICANT))
        if abs(rounded) >= 10:  # rounding carried: 9.99...95 -> 10
            rounded, power = rounded / 10, power - 1
        text = APPROX + _plain(rounded)
    return f"{text}{TIMES_TEN}{_SUPERSCRIPT_MINUS}{str(power).translate(_TO_SUPERSCRIPT)}"


def describe(value: Decimal) -> str:
    """A Decimal as text for an error message: plain notation unless its exponent is huge.

    >>> describe(Decimal("1E-10")), describe(Decimal("1E+400"))
    ('0.0000000001', '1E+400')
    """
    if value.is_finite() and value and abs(value.adjusted()) > 40:
        return str(value)
    return format(value, "f") if value.is_finite() else str(value)


_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spoken_number(value: Decimal | Fraction | int) -> str:
    """How a person reads the formatted number aloud.

    The words are read off :func:`format_number`'s text, so what is said is exactly what is shown.

    >>> spoken_number(Decimal("2.001"))
    'two point zero zero one'
    >>> spoken_number(Decimal("15.003"))
    'fifteen point zero zero three'
    >>> spoken_number(-21)
    'minus twenty-one'
    >>> spoken_number(Fraction(2, 3))
    'approximately zero point six six six six six six six six six six six seven'
    >>> spoken_number(Decimal("-3E-18"))
    'minus three times ten to the minus eighteen'
    """
    text, _times, power = format_number(value).partition(TIMES_TEN)
    words = []
    if text.startswith(APPROX):
        words.append("approximately")
        text = text[len(APPROX) :]
    if text.startswith("-"):
        words.append("minus")
        text = text[1:]
    whole, _, fraction = text.partition(".")
    words.append(num2words(int(whole), lang="en").replace(",", "").replace(" and ", " "))
    if fraction:
        words.append("point")
        words.extend(_DIGIT_WORDS[int(d)] for d in fraction)
    if power:
        exponent = int(power.removeprefix(_SUPERSCRIPT_MINUS).translate(_FROM_SUPERSCRIPT))
        words.append(f"times ten to the minus {num2words(exponent, lang='en')}")
    return " ".join(words)
