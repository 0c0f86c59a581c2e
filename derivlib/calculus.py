"""The mathematics of the lecture, exact: f, the nudge, the triangle and its slope.

The lecture's function is a :class:`Line` or a :class:`~derivlib.curve.Curve`; each gives its value
(``at``) and its nudge (``nudge``), and the functions here ask the Params (its ``function`` and its
nudge) for them. :func:`formula` writes a line's slope and intercept.

>>> from derivlib.params import Params
>>> n = nudge_at(Params(), Decimal(2))
>>> [format_number(v) for v in (n.f_a, n.a_nudged, n.f_nudged, n.rise, n.run, n.ratio)]
['6', '2.001', '6.003', '0.003', '0.001', '3']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from .numbers import exact, format_number, spoken_number, to_decimal
from .printing import SAID_A

__all__ = [
    "SHRINK",
    "SHRINKING_STEPS",
    "Formula",
    "Function",
    "Line",
    "Nudge",
    "f",
    "formula",
    "nudge_at",
    "nudges",
    "shrinking_nudges",
]

#: Each step of the formal definition's shrinking nudge multiplies it by this factor.
SHRINK = Decimal("0.001")
#: ... and it shows this many nudges, the first the lecture's own.
SHRINKING_STEPS = 3


class Setting(Protocol):
    """What the nudges are computed from: a function, its points and the nudge (the lecture's
    parameters are one; described here, below them, so that nothing here needs their module)."""

    @property
    def function(self) -> Line: ...

    points: tuple[Decimal, ...]
    nudge: Decimal


class Function(Protocol):
    """What the lecture's function is: f(a) = slope · a + intercept."""

    slope: Decimal
    intercept: Decimal


@dataclass(frozen=True)
class Line:
    """The line f(a) = slope · a + intercept.

    >>> Line(Decimal(3), Decimal(0)).at(Decimal("2.001"))
    Decimal('6.003')
    """

    slope: Decimal
    intercept: Decimal

    def at(self, a: Decimal) -> Decimal:
        with exact():
            return self.slope * a + self.intercept

    def slope_at(self, a: Decimal) -> Decimal:
        """The derivative at *a*: a line's slope, the same everywhere."""
        return self.slope

    def nudge(self, a: Decimal, h: Decimal) -> Nudge:
        """The nudge of *a* by *h*, every value exact (see :func:`nudge_at`)."""
        with exact():
            a_nudged = a + h
            f_a = self.at(a)
            f_nudged = self.at(a_nudged)
            rise = f_nudged - f_a
            run = a_nudged - a
        ratio = to_decimal(Fraction(rise) / Fraction(run))
        assert ratio is not None  # a quotient of two decimals whose divisor's value is a decimal
        return Nudge(a=a, h=h, f_a=f_a, a_nudged=a_nudged, f_nudged=f_nudged, rise=rise, run=run, ratio=ratio)

    @property
    def formula(self) -> Formula:
        return formula(self)

    @property
    def slope_formula(self) -> Formula:
        """The derivative's right-hand side: the slope itself.

        >>> Line(Decimal("-2.5"), Decimal(1)).slope_formula
        Formula(text='-2.5', tex='-2.5', spoken='minus two point five')
        """
        k = format_number(self.slope)
        return Formula(text=k, tex=k, spoken=spoken_number(self.slope))

    @property
    def kinds(self) -> tuple[str, ...]:
        """What the narration may say of this function, most specific first (a template's variants are
        chosen by them: derivlib.catalog).

        >>> Line(Decimal(-2), Decimal(0)).kinds, Line(Decimal(0), Decimal(4)).kinds
        (('falling', 'line'), ('flat', 'line'))
        """
        shape = "rising" if self.slope > 0 else "falling" if self.slope < 0 else "flat"
        return (shape, "line")

    def slope_worked_out(self, a: Decimal) -> tuple[str, str]:
        """The derivative at *a*, worked out: a line's slope itself."""
        return format_number(self.slope), spoken_number(self.slope)

    @property
    def notes(self) -> tuple[str, ...]:
        """What a teacher would add when first showing this function: nothing, for a line."""
        return ()

    def worked_at(self, a: Decimal) -> tuple[str, str]:
        """f(a) worked out at a point, before its value: 'k × a + b', as written and as said.

        >>> Line(Decimal(7), Decimal(-1)).worked_at(Decimal(-3))
        ('7 × (-3) - 1', 'seven times minus three minus one')
        """
        k, x = format_number(self.slope), format_number(a)
        text, said = f"{k} × {f'({x})' if a < 0 else x}", f"{spoken_number(self.slope)} times {spoken_number(a)}"
        if self.intercept:
            sign, word = ("+", "plus") if self.intercept > 0 else ("-", "minus")
            b = abs(self.intercept)
            text, said = f"{text} {sign} {format_number(b)}", f"{said} {word} {spoken_number(b)}"
        return text, said


def f(fn, a: Decimal):
    """f(a): the value of *fn* (a Line, a Curve or the lecture's Params) at *a*, exact where it can be.

    >>> from derivlib.params import Params
    >>> f(Params(), Decimal("2.001"))
    Decimal('6.003')
    >>> f(Params.from_strings(slope="7"), Decimal("-2.99"))
    Decimal('-20.93')
    """
    return fn.at(a)


@dataclass(frozen=True)
class Nudge:
    """One point a, nudged by h: the values at both ends and the triangle between them."""

    a: Decimal
    h: Decimal
    f_a: Decimal
    a_nudged: Decimal
    f_nudged: Decimal
    rise: Decimal
    run: Decimal
    ratio: Decimal  # rise / run, computed as an exact fraction

    @property
    def unit(self) -> Decimal:
        """The width measured in widths, as the ratio height : width = ratio : unit writes it.

        >>> from derivlib.params import Params
        >>> nudge_at(Params(), Decimal(2)).unit
        Decimal('1')
        """
        unit = to_decimal(Fraction(self.run) / Fraction(self.run))
        assert unit is not None
        return unit


def nudge_at(params: Setting, a: Decimal, h: Decimal | None = None) -> Nudge:
    """The nudge of *a* by *h* (the parameters' nudge by default), every value exact.

    >>> from derivlib.params import Params
    >>> n = nudge_at(Params.from_strings(slope="7", nudge="0.01"), Decimal(-3))
    >>> [format_number(v) for v in (n.f_a, n.a_nudged, n.f_nudged, n.rise, n.run, n.ratio)]
    ['-21', '-2.99', '-20.93', '0.07', '0.01', '7']
    """
    return params.function.nudge(a, params.nudge if h is None else h)


def nudges(params: Setting) -> tuple[Nudge, ...]:
    """The nudge at every point of the lecture, in order.

    >>> from derivlib.params import Params
    >>> [format_number(n.f_nudged) for n in nudges(Params())]
    ['6.003', '15.003']
    """
    return tuple(nudge_at(params, a) for a in params.points)


def shrinking_nudges(params: Setting, steps: int = SHRINKING_STEPS) -> tuple[Nudge, ...]:
    """The formal definition's sequence at the first point: the nudge, then ever smaller by SHRINK.

    >>> from derivlib.params import Params
    >>> [(format_number(n.h), format_number(n.ratio)) for n in shrinking_nudges(Params())]
    [('0.001', '3'), ('0.000001', '3'), ('0.000000001', '3')]
    """
    a = params.points[0]
    out = []
    h = params.nudge
    for _ in range(steps):
        out.append(nudge_at(params, a, h))
        with exact():
            h = h * SHRINK
    return tuple(out)


@dataclass(frozen=True)
class Formula:
    """The function's definition as text, as TeX, and as spoken words."""

    text: str
    tex: str
    spoken: str


def formula(fn: Function) -> Formula:
    """f(a) = k·a + b, written the way a person writes it.

    >>> from derivlib.params import Params
    >>> formula(Params()).text
    'f(a) = 3a'
    >>> formula(Params.from_strings(slope="-1", intercept="2.5")).text
    'f(a) = -a + 2.5'
    >>> formula(Params.from_strings(slope="0", intercept="-4")).spoken
    'f of eh equals minus four'
    >>> formula(Params.from_strings(slope="0.5", intercept="-4")).tex
    'f(a) = 0.5a - 4'
    """
    k, b = fn.slope, fn.intercept
    text_parts: list[str] = []
    spoken_parts: list[str] = []
    if k:
        if k == 1 or k == -1:
            text_parts.append("a" if k == 1 else "-a")
            spoken_parts.append(SAID_A if k == 1 else f"minus {SAID_A}")
        else:
            text_parts.append(f"{format_number(k)}a")
            spoken_parts.append(f"{spoken_number(k)} {SAID_A}")
    if b or not k:
        if text_parts:
            sign = "+" if b > 0 else "-"
            text_parts.append(f"{sign} {format_number(abs(b))}")
            spoken_parts.append(f"{'plus' if b > 0 else 'minus'} {spoken_number(abs(b))}")
        else:
            text_parts.append(format_number(b))
            spoken_parts.append(spoken_number(b))
    rhs = " ".join(text_parts)
    return Formula(
        text=f"f(a) = {rhs}",
        tex=f"f(a) = {rhs}",
        spoken=f"f of {SAID_A} equals {' '.join(spoken_parts)}",
    )
