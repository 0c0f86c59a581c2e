"""Where the lecture's picture looks: axis ranges and ticks that fit the parameters, exactly.

The tick values are numbers on screen, so they are computed here, as exact Decimals, from the points, the
slope and the intercept: every point and its nudge lie inside the x range, the line over that range lies
inside the y range, and the origin is included when it is near enough to matter.

>>> from derivlib.params import Params
>>> v = view(Params())
>>> [format_number(t) for t in v.x.ticks], [format_number(t) for t in v.y.ticks]
(['0', '1', '2', '3', '4', '5', '6', '7'], ['0', '5', '10', '15', '20', '25'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

from .calculus import Function, Line, f
from .numbers import (
    MAX_SIGNIFICANT,
    ParameterError,
    describe,
    exact,
    format_number,
    is_approximate,
    to_decimal,
)

if TYPE_CHECKING:  # (the parameters' shape, described below them)
    from .calculus import Setting as Params

__all__ = ["MAX_ZOOM", "Axis", "View", "everywhere_points", "fit_view", "nice_step", "tangent_stops", "view"]

#: The nudge must be at least this fraction of the x range to be drawn at true scale (a camera zoom
#: beyond this loses the triangle to floating-point rounding in the renderer).
MAX_ZOOM = Decimal(10) ** 9
#: Each side of the data is padded by this fraction of its span ...
PADDING = Decimal("0.1")
#: ... except the right of the a axis, which leaves room for the triangle drawn at the last point.
PADDING_RIGHT = Decimal("0.3")
#: The most ticks an axis gets, by the length of its longest label.
_TICKS_FOR_LABEL_LENGTH = ((3, 7), (5, 5), (8, 4))


@dataclass(frozen=True)
class Axis:
    """One axis: its range [lo, hi], its tick step and its ticks, exact."""

    lo: Decimal
    hi: Decimal
    step: Decimal
    ticks: tuple[Decimal, ...]

    @property
    def span(self) -> Decimal:
        with exact():
            return self.hi - self.lo

    def labels(self) -> tuple[str, ...]:
        """The tick labels, by the one formatting rule.

        >>> from derivlib.params import Params
        >>> view(Params()).x.labels()[:3]
        ('0', '1', '2')
        """
        return tuple(format_number(t) for t in self.ticks)


@dataclass(frozen=True)
class View:
    """The x axis (a) and the y axis (f(a))."""

    x: Axis
    y: Axis


def nice_step(span: Decimal, most: int) -> Decimal:
    """The smallest step of the form 1, 2 or 5 × 10^n that cuts *span* into at most *most* parts.

    >>> nice_step(Decimal(6), 7), nice_step(Decimal(18), 5), nice_step(Decimal("0.004"), 5)
    (Decimal('1'), Decimal('5'), Decimal('0.001'))
    """
    exponent = (span / most).adjusted()
    while True:
        for mantissa in (1, 2, 5):
            step = Decimal(mantissa).scaleb(exponent)
            if span / step <= most:
                return step
        exponent += 1


def _snap(value: Decimal, step: Decimal, rounding: str) -> Decimal:
    with exact():
        return (value / step).to_integral_value(rounding=rounding) * step


def _axis(
    name: str, lo: Decimal, hi: Decimal, *, pad_hi: Decimal = PADDING, half: Decimal | None = None
) -> Axis:
    """An axis around the data [lo, hi]: the origin added when near, padded, snapped to nice ticks.
    Data of a single value get a window of *half* either side (by default half its magnitude).

    >>> _axis("f(a)", Decimal(0), Decimal(18)).ticks[-1]
    Decimal('20')
    >>> _axis("f(a)", Decimal(100), Decimal("100.000000001"))
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: parameters: the f(a) axis cannot be labelled exactly: a tick at 100.0000000002 needs more than 12 significant digits; spread the points or the nudge more widely, or move them nearer to zero
    """
    with exact():
        if lo == hi:  # one value: a window around it
            half = max(abs(lo), Decimal(1)) / 2 if half is None else half
            lo, hi = lo - half, hi + half
        span = hi - lo
        pin_lo = pin_hi = False
        if 0 <= lo <= span:
            lo, pin_lo = Decimal(0), True
        elif -span <= hi <= 0:
            hi, pin_hi = Decimal(0), True
        span = hi - lo
        if not pin_lo:
            lo -= span * PADDING
        if not pin_hi:
            hi += span * pad_hi
        span = hi - lo
    for longest, most in _TICKS_FOR_LABEL_LENGTH:
        step = nice_step(span, most)
        lo_s, hi_s = _snap(lo, step, ROUND_FLOOR), _snap(hi, step, ROUND_CEILING)
        count = int((hi_s - lo_s) / step)
        with exact():
            values = [lo_s + i * step for i in range(count + 1)]
        unreadable = [v for v in values if is_approximate(v)]
        if unreadable:
            raise ParameterError(
                "parameters",
                f"the {name} axis cannot be labelled exactly: a tick at {describe(unreadable[0])} needs more "
                f"than {MAX_SIGNIFICANT} significant digits; spread the points or the nudge more widely, "
                "or move them nearer to zero",
            )
        ticks = tuple(_canon(v) for v in values)
        if max(len(format_number(t)) for t in ticks) <= longest:
            break
    return Axis(lo=_canon(lo_s), hi=_canon(hi_s), step=_canon(step), ticks=ticks)


def _canon(value: Decimal) -> Decimal:
    text = format_number(value)
    return Decimal(text)


#: A curve's values are read at this many points across its points' range to fit the f(a) axis.
CURVE_SAMPLES = 96


def _curve_values(fn: Function, lo: Decimal, hi: Decimal) -> list[Decimal]:
    """A curve's values across [lo, hi] where it is defined, as Decimals of a few more digits than shown."""
    out = []
    with localcontext(Context(prec=20)):  # rounding, not the exact context's traps
        for i in range(CURVE_SAMPLES + 1):
            a = lo + (hi - lo) * i / CURVE_SAMPLES
            try:
                value = Fraction(fn.at(a))
            except (ArithmeticError, ValueError):
                continue
            out.append(Decimal(value.numerator) / Decimal(value.denominator))
    return out


#: A curve's f(a) axis reaches at most this many times the spread of its points' values beyond them
#: (so that near a pole the points stay in view, and the curve runs off the plot's edge).
REACH = 2


def _curve_range(fn: Function, points: Sequence[Decimal], nudge: Decimal, lo: Decimal, hi: Decimal):
    """The values a curve's f(a) axis must show: every point's and nudged point's value, and the curve
    across the a axis as far as it stays within REACH spreads of them.

    >>> from derivlib.params import Params
    >>> inverse = Params.from_strings(function="1/a", points="-1,1")
    >>> [format_number(t) for t in (view(inverse).y.lo, view(inverse).y.hi)]
    ['-6', '6']
    """
    with localcontext(Context(prec=20)):
        values = [Fraction(fn.at(a)) for p in points for a in (p, p + nudge)]
    low, high = min(values), max(values)
    spread = max(high - low, max(abs(low), abs(high)) / 2, Fraction(1, 10**6))
    low_reach, high_reach = low - REACH * spread, high + REACH * spread
    inside = [y for y in _curve_values(fn, lo, hi) if low_reach <= y <= high_reach]
    return [*(to_decimal(v) or Decimal(v.numerator) / Decimal(v.denominator) for v in (low, high)), *inside]


def view(params: Params) -> View:
    """The axes for these parameters.

    >>> from derivlib.params import Params
    >>> v = view(Params.from_strings(slope="-2", intercept="1"))
    >>> v.x.labels(), v.y.labels()
    (('0', '1', '2', '3', '4', '5', '6', '7'), ('-15', '-10', '-5', '0', '5'))
    >>> view(Params.from_strings(slope="0", intercept="4")).y.labels()
    ('0', '1', '2', '3', '4', '5', '6', '7')
    >>> view(Params.from_strings(points="1000000", nudge="0.5")).x.labels()
    ('999990', '999995', '1000000', '1000005', '1000010')
    >>> view(Params.from_strings(points="999997,1000000", nudge="0.5")).x.labels()
    ('999996', '999998', '1000000', '1000002')
    >>> view(Params.from_strings(points="2,5", nudge="0.000000001"))
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: nudge: 0.000000001 is too small to draw at true scale on an axis 7 long (at most 1 : 1000000000)
    """
    return fit_view(params.function, params.points, params.nudge)


def fit_view(fn: Function, points: Sequence[Decimal], nudge: Decimal) -> View:
    """The axes that show *fn* at *points*, each nudged by *nudge*; a ParameterError when no such
    axes can be labelled exactly or the nudge is too small to draw at true scale on them."""
    # The a axis is sized by the points (the last one's nudge included); a single point gets a window
    # ten nudges (at least 1) either side, so its nudge is small in the picture wherever the point is.
    lo, hi = min(points), max(points)
    with exact():
        if lo != hi:
            hi = hi + nudge
        half = max(Decimal(1), 10 * nudge)
    x = _axis("a", lo, hi, pad_hi=PADDING_RIGHT, half=half)
    ys = [f(fn, x.lo), f(fn, x.hi)] if isinstance(fn, Line) else _curve_range(fn, points, nudge, x.lo, x.hi)
    y = _axis("f(a)", min(ys), max(ys))
    zoom = Fraction(x.span) / Fraction(nudge)
    if zoom > MAX_ZOOM:
        raise ParameterError(
            "nudge",
            f"{format_number(nudge)} is too small to draw at true scale on an axis "
            f"{format_number(x.span)} long (at most 1 : {format_number(MAX_ZOOM)})",
        )
    return View(x=x, y=y)


def everywhere_points(v: View, count: int = 4) -> tuple[Decimal, ...]:
    """Points spread evenly along the x axis for 'same slope everywhere', away from its ends.

    >>> from derivlib.params import Params
    >>> [format_number(a) for a in everywhere_points(view(Params()))]
    ['1.4', '2.8', '4.2', '5.6']
    """
    x = v.x
    out = []
    for i in range(1, count + 1):
        value = to_decimal(Fraction(x.lo) + Fraction(x.span) * Fraction(i, count + 1))
        if value is None:
            raise ValueError(f"count={count} does not cut the axis at decimal points")
        out.append(_canon(value))
    return tuple(out)


#: The travelling tangent stops at most this many of the a axis's ticks.
MAX_STOPS = 5


def tangent_stops(fn: Function, v: View, nudge: Decimal | None = None) -> tuple[Decimal, ...]:
    """Where the tangent of 'the slope changes' stops: the a axis's inner ticks where f and its
    derivative are defined and f(a) is inside the f(a) axis (and, given the *nudge*, where the curve's
    own checks pass for it: the nudges a lecture works out there are defined): every one, or every
    second (third, ...) one so that there are at most MAX_STOPS.

    >>> from derivlib.params import Params
    >>> p = Params.from_strings(function="a^2")
    >>> [format_number(a) for a in tangent_stops(p.function, view(p))]
    ['1', '3', '5']
    >>> p = Params.from_strings(function="log(a)", points="0.5,2")
    >>> [format_number(a) for a in tangent_stops(p.function, view(p))]
    ['0.5', '1', '1.5', '2', '2.5']
    """
    usable = []
    for a in v.x.ticks[1:-1]:
        try:
            value, slope = Fraction(fn.at(a)), fn.slope_at(a)
        except (ArithmeticError, ValueError):
            continue
        if slope is not None and Fraction(v.y.lo) <= value <= Fraction(v.y.hi) and _checked(fn, a, nudge):
            usable.append(a)
    step = max(1, -(-len(usable) // MAX_STOPS))  # every tick, or every second, ...: evenly spaced
    return tuple(usable[::step])


def _checked(fn: Function, a: Decimal, nudge: Decimal | None) -> bool:
    """Whether a curve's checks (Curve.check) pass at *a* with *nudge* (a line's always do)."""
    if nudge is None or not hasattr(fn, "check"):
        return True
    try:
        fn.check((a,), nudge)
    except ParameterError:
        return False
    return True
