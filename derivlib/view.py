"""Where the lecture's picture looks: axis ranges and ticks that fit the parameters, exactly.

The tick values are numbers on screen, so they are computed here, as exact Decimals, from the function,
the points and the nudge: every point and its nudge lie inside the a range, at least MARGIN of it from
either end; a line over that range lies inside the f(a) range; a curve's f(a) range is chosen by the rule
of :func:`_curve_range` (its values at the points, its turning points, and the curve as far as it stays
near them: negative values included, clipped near a pole); the origin is included when it is near
enough to matter. Ticks step by 1, 2 or 5 × 10^n.

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
    is_plain,
    to_decimal,
)
from .trace import trace

if TYPE_CHECKING:  # (the parameters' shape, described below them)
    from .calculus import Setting as Params

__all__ = ["MARGIN", "MAX_ZOOM", "Axis", "View", "everywhere_points", "fit_view", "nice_step", "tangent_stops", "view"]

#: The nudge must be at least this fraction of the x range to be drawn at true scale (a camera zoom
#: beyond this loses the triangle to floating-point rounding in the renderer).
MAX_ZOOM = Decimal(10) ** 9
#: Each side of the data is padded by this fraction of its span ...
PADDING = Decimal("0.1")
#: ... except the right of the a axis, which leaves room for the triangle drawn at the last point.
PADDING_RIGHT = Decimal("0.3")
#: No point (nor its value) lies nearer than this fraction of its axis's span to either end.
MARGIN = Decimal("0.05")
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


#: Sizing an axis rounds outwards (a lower end down, an upper end up) where exact arithmetic would need
#: more digits than it keeps (data of far different sizes: a value of 10^-184 beside a window of 1); in
#: every other case these give the exact result, as exact arithmetic did.
_DOWN = Context(prec=200, rounding=ROUND_FLOOR)
_UP = Context(prec=200, rounding=ROUND_CEILING)


def _snap(value: Decimal, step: Decimal, rounding: str) -> Decimal:
    """*value* snapped to a multiple of *step*, down (ROUND_FLOOR) or up (ROUND_CEILING)."""
    with localcontext(Context(prec=400, rounding=rounding)):  # (a rounded quotient keeps its floor)
        return (value / step).to_integral_value() * step


def _axis(
    name: str,
    lo: Decimal,
    hi: Decimal,
    *,
    pad_hi: Decimal = PADDING,
    half: Decimal | None = None,
    keep: Sequence[Decimal] = (),
) -> Axis:
    """An axis around the data [lo, hi]: the origin added when near, padded, widened so that every value
    of *keep* is at least MARGIN of the span from either end, snapped to nice ticks. Data of a single
    value get a window of *half* either side (by default half its magnitude).

    >>> _axis("f(a)", Decimal(0), Decimal(18)).ticks[-1]
    Decimal('20')
    >>> [format_number(t) for t in _axis("a", Decimal(0), Decimal(1), keep=[Decimal(0)]).ticks]
    ['-0.5', '0', '0.5', '1', '1.5']
    >>> _axis("f(a)", Decimal(100), Decimal("100.000000001"))
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: parameters: the f(a) axis cannot be labelled exactly: a tick at 100.0000000002 needs more than 12 significant digits; spread the points or the nudge more widely, or move them nearer to zero
    """
    if lo == hi:  # one value: a window around it
        half = max(abs(lo), Decimal(1)) / 2 if half is None else half
        lo, hi = _DOWN.subtract(lo, half), _UP.add(hi, half)
    span = _UP.subtract(hi, lo)
    pin_lo = pin_hi = False
    if 0 <= lo <= span:
        lo, pin_lo = Decimal(0), True
    elif -span <= hi <= 0:
        hi, pin_hi = Decimal(0), True
    span = _UP.subtract(hi, lo)
    if not pin_lo:
        lo = _DOWN.subtract(lo, _UP.multiply(span, PADDING))
    if not pin_hi:
        hi = _UP.add(hi, _UP.multiply(span, pad_hi))
    if keep:  # (a margin need not be exact: the ends are snapped to ticks next)
        with localcontext(Context(prec=30)):
            room = (hi - lo) * MARGIN
            lo, hi = min(lo, min(keep) - room), max(hi, max(keep) + room)
    return _ticked(name, lo, hi)


def _ticked(name: str, lo: Decimal, hi: Decimal) -> Axis:
    """[lo, hi] snapped outwards to ticks of a nice step, as many as their labels' length allows."""
    span = hi - lo
    for longest, most in _TICKS_FOR_LABEL_LENGTH:
        step = nice_step(span, most)
        lo_s, hi_s = _snap(lo, step, ROUND_FLOOR), _snap(hi, step, ROUND_CEILING)
        unreadable = [] if is_plain(lo_s) else [lo_s]  # (the first tick readable: the others are exact)
        if not unreadable:
            with localcontext(Context(prec=400)):  # (both ends are multiples of step: exact)
                count = int((hi_s - lo_s) / step)
            with exact():
                values = [lo_s + i * step for i in range(count + 1)]
            unreadable = [v for v in values if not is_plain(v)]
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


def _decimal(value) -> Decimal:
    """A value as a Decimal of a few more digits than shown (for sizing the axes only)."""
    value = Fraction(value)
    with localcontext(Context(prec=20)):  # rounding, not the exact context's traps
        return Decimal(value.numerator) / Decimal(value.denominator)


#: A curve is traced at this many points across the a axis to fit the f(a) axis.
CURVE_SAMPLES = 96
#: The f(a) axis shows the curve's turning points within this many spreads of the points' values.
TURN_REACH = 5
#: Where the curve runs off (a pole, a steep rise), the f(a) axis lets this fraction of the a axis's
#: samples at either end of the curve's values run off its end ...
RUN_OFF = Decimal("0.1")
#: ... and never reaches more than this many spreads beyond the points' and turning points' values.
CAP = 6


def _spread(values: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """The lowest and highest of *values*, and their spread: the distance between them, but at least
    half the larger magnitude (values close together are shown against zero's scale)."""
    low, high = min(values), max(values)
    with localcontext(Context(prec=20)):
        return low, high, max(high - low, max(abs(low), abs(high)) / 2, Decimal("0.000001"))


def _samples(fn: Function, lo: Decimal, hi: Decimal) -> list[Decimal]:
    """The curve's values at CURVE_SAMPLES + 1 evenly spaced a across [lo, hi], where it is defined."""
    out = []
    for i in range(CURVE_SAMPLES + 1):
        with localcontext(Context(prec=20)):
            a = lo + (hi - lo) * i / CURVE_SAMPLES
        try:
            out.append(_decimal(fn.at(a)))
        except (ArithmeticError, ValueError):
            continue
    return out


def _turns(fn: Function, lo: Decimal, hi: Decimal, marks: Sequence[Decimal]) -> list[Decimal]:
    """The values where the curve turns over [lo, hi] (a sample above or below both its neighbours in
    one piece of the traced curve: never across a pole)."""
    low, high, spread = _spread(marks)
    with localcontext(Context(prec=20)):
        window = (low - 1000 * spread, high + 1000 * spread)
    pieces = [[y for _a, y in piece] for piece in trace(fn, lo, hi, *window, samples=CURVE_SAMPLES)]
    return [
        piece[i]
        for piece in pieces
        for i in range(1, len(piece) - 1)
        if (piece[i] - piece[i - 1]) * (piece[i + 1] - piece[i]) < 0
    ]


def _without_run_off(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """The lowest and highest of *values*, except that an end where they run off (reach farther beyond
    the value a RUN_OFF fraction of them passes than the middle of them spans) stops at that value."""
    ordered = sorted(values)
    cut = int(len(ordered) * RUN_OFF)
    inner_lo, inner_hi = ordered[cut], ordered[len(ordered) - 1 - cut]
    with localcontext(Context(prec=20)):
        middle = inner_hi - inner_lo
        low = ordered[0] if ordered[0] >= inner_lo - middle else inner_lo
        high = ordered[-1] if ordered[-1] <= inner_hi + middle else inner_hi
    return low, high


def _curve_range(fn: Function, points: Sequence[Decimal], nudge: Decimal, lo: Decimal, hi: Decimal):
    """The values a curve's f(a) axis must show, and those it must keep off its ends.

    The rule: the values at the points and the nudged points (kept off the ends); the curve's turning
    points over the a axis within TURN_REACH spreads of those; and the curve over the whole a axis,
    except where it runs off: there (a pole, a steep rise, a logarithm towards 0) the axis stops where
    a RUN_OFF fraction of the a axis is left beyond it, and never more than CAP spreads from the points'
    and turning points' values (a spread here: their range, at least half their largest magnitude and
    at least what the tangent at a point rises over a quarter of the a axis). So a dip below zero is
    shown, and the curve is clipped only where it runs off far.

    >>> from derivlib.params import Params
    >>> inverse = Params.from_strings(function="1/a", points="-1,1")
    >>> [format_number(t) for t in (view(inverse).y.lo, view(inverse).y.hi)]
    ['-3', '3']
    >>> cubic = Params.from_strings(function="a^3 - 3a", points="-1,2")
    >>> view(cubic).y.lo < -2 < 2 < view(cubic).y.hi
    True
    """
    marks = [_decimal(fn.at(a)) for p in points for a in (p, p + nudge)]
    low, high, spread = _spread(marks)
    turns = [
        t for t in _turns(fn, lo, hi, marks) if low - TURN_REACH * spread <= t <= high + TURN_REACH * spread
    ]
    low, high, spread = _spread([*marks, *turns])
    with localcontext(Context(prec=20)):  # ... or what the tangents at the points rise over a quarter axis
        spread = max(spread, *(abs(_decimal(fn.slope_at(p))) * (hi - lo) / 4 for p in points))
    shown = [min(max(v, low - CAP * spread), high + CAP * spread) for v in _without_run_off(_samples(fn, lo, hi))]
    return [*marks, *turns, *shown], marks


def view(params: Params) -> View:
    """The axes for these parameters.

    >>> from derivlib.params import Params
    >>> v = view(Params.from_strings(slope="-2", intercept="1"))
    >>> v.x.labels(), v.y.labels()
    (('0', '1', '2', '3', '4', '5', '6', '7'), ('-15', '-10', '-5', '0', '5'))
    >>> view(Params.from_strings(slope="0", intercept="4")).y.labels()
    ('0', '1', '2', '3', '4', '5', '6', '7')
    >>> view(Params.from_strings(points="1000000", nudge="0.5")).x.labels()
    ('999996', '999998', '1000000', '1000002', '1000004')
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
    axes can be labelled exactly or the nudge is too small to draw at true scale on them.

    No point and no nudged point lies within MARGIN of the axes' ends (nor its value of the f(a) axis's).
    """
    # The a axis is sized by the points (the last one's nudge included); a single point gets a window
    # four nudges (at least 1) either side, so its nudge is small in the picture wherever the point is.
    lo, hi = min(points), max(points)
    with exact():
        if lo != hi:
            hi = hi + nudge
        half = max(Decimal(1), 4 * nudge)
        ends = [*points, *(p + nudge for p in points)]
    x = _axis("a", lo, hi, pad_hi=PADDING_RIGHT, half=half, keep=ends)
    if isinstance(fn, Line):
        y = _axis("f(a)", min(f(fn, x.lo), f(fn, x.hi)), max(f(fn, x.lo), f(fn, x.hi)))
    else:
        ys, marks = _curve_range(fn, points, nudge, x.lo, x.hi)
        y = _axis("f(a)", min(ys), max(ys), keep=marks)
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
