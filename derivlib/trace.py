"""The drawn graph of a function: its points across a window, in pieces that never cross a pole or leave
the domain, cut where they leave the window. Geometry only (no number drawn from here is shown or said),
but computed from derivlib's values, so a drawn curve passes exactly through the lecture's points.

>>> from derivlib.params import Params
>>> pieces = trace(Params.from_strings(function="1/a").function, Decimal(-2), Decimal(2), Decimal(-3), Decimal(3))
>>> len(pieces)  # left and right of the pole at 0
2
>>> [(float(a), float(y)) for a, y in (pieces[0][0], pieces[0][-1], pieces[1][0])]
[(-2.0, -0.5), (-0.3333333333333333, -3.0), (0.3333333333333333, 3.0)]
>>> len(trace(Params.from_strings(function="log(a)").function, Decimal(-1), Decimal(3), Decimal(-5), Decimal(5)))
1
"""

from __future__ import annotations

from decimal import Context, Decimal, localcontext
from fractions import Fraction

__all__ = ["SAMPLES", "gap_between", "trace"]

#: Points across the window (more are added where the curve turns fast or nears a pole).
SAMPLES = 240
#: Halvings of a sample step while looking for a pole or the domain's edge between two samples.
_REFINE = 40

Point = tuple[Decimal, Decimal]


def _value(fn, a: Fraction) -> Decimal | None:
    try:
        value = fn.at(_decimal(a))
    except (ArithmeticError, ValueError):
        return None
    return _decimal(Fraction(value))


def _decimal(value: Fraction) -> Decimal:
    with localcontext(Context(prec=28)):
        return Decimal(value.numerator) / Decimal(value.denominator)


def trace(
    fn, lo: Decimal, hi: Decimal, y_lo: Decimal, y_hi: Decimal, samples: int = SAMPLES
) -> tuple[tuple[Point, ...], ...]:
    """The graph of *fn* over a in [lo, hi], as pieces of points (a, f(a)) within y in [y_lo, y_hi].

    A piece ends where f is undefined (a pole, the edge of the domain) or leaves the window; where it
    leaves, its last point is on the window's edge (by straight-line interpolation between samples, as
    the drawing itself joins them)."""
    lo_f, hi_f = Fraction(lo), Fraction(hi)
    ys_lo, ys_hi = Fraction(y_lo), Fraction(y_hi)
    # Beyond the window a value only matters for where the curve crosses its edge.
    grid = [lo_f + (hi_f - lo_f) * i / samples for i in range(samples + 1)]
    values = [_value(fn, a) for a in grid]
    pieces: list[list[Point]] = []
    current: list[Point] = []

    def inside(y: Decimal | None) -> bool:
        return y is not None and ys_lo <= Fraction(y) <= ys_hi

    def close() -> None:
        nonlocal current
        if len(current) >= 2:
            pieces.append(current)
        current = []

    for i, (a, y) in enumerate(zip(grid, values, strict=True)):
        if i and _broken(fn, grid[i - 1], a, values[i - 1], y, ys_hi - ys_lo):
            if current:  # run on towards the pole until the curve leaves the window
                current += _approach(fn, grid[i - 1], a, ys_lo, ys_hi)
            close()
            if inside(y):  # and come in from it
                current = list(reversed(_approach(fn, a, grid[i - 1], ys_lo, ys_hi)))
            previous = None
        else:
            previous = values[i - 1] if i else None
        if inside(y):
            if not current and previous is not None and not inside(previous):
                current.append(_edge(grid[i - 1], previous, a, y, ys_lo, ys_hi))  # coming in
            current.append((_decimal(a), y))
        elif current and y is not None:
            current.append(_edge(grid[i - 1], values[i - 1], a, y, ys_lo, ys_hi))  # going out
            close()
        else:
            close()
    close()
    return tuple(tuple(p) for p in pieces)


def _edge(a0: Fraction, y0: Decimal, a1: Fraction, y1: Decimal, lo: Fraction, hi: Fraction) -> Point:
    """Where the straight segment from (a0, y0) to (a1, y1) crosses y = lo or y = hi."""
    f0, f1 = Fraction(y0), Fraction(y1)
    target = hi if max(f0, f1) > hi else lo
    t = (target - f0) / (f1 - f0)
    return _decimal(a0 + (a1 - a0) * t), _decimal(target)


def _approach(fn, a_in: Fraction, a_gap: Fraction, lo: Fraction, hi: Fraction) -> list[Point]:
    """From a_in (inside the window) towards a_gap (a pole or the domain's edge): the points on the
    way while the curve stays inside, and its crossing of the window's edge when it leaves."""
    out: list[Point] = []
    y_in = _value(fn, a_in)
    for _ in range(_REFINE):
        mid = (a_in + a_gap) / 2
        ym = _value(fn, mid)
        if ym is None or _broken(fn, a_in, mid, y_in, ym, hi - lo):  # the gap, or across the pole
            a_gap = mid
            continue
        if not lo <= Fraction(ym) <= hi:
            assert y_in is not None
            out.append(_edge(a_in, y_in, mid, ym, lo, hi))
            return out
        a_in, y_in = mid, ym
        out.append((_decimal(mid), ym))
    return out


def _broken(fn, a0: Fraction, a1: Fraction, y0, y1, span: Fraction) -> bool:
    """Whether f has a pole or a gap in its domain between two samples.

    Either sample undefined is a gap. Otherwise, when the value halfway is not between the two
    samples' (as near a pole, or at a turn), the step is halved again and again towards the larger
    jump: a continuous function's jumps shrink with the step until they are far below what can be
    drawn; at a pole they never do."""
    if y0 is None or y1 is None:
        return True
    mid = (a0 + a1) / 2
    ym = _value(fn, mid)
    if ym is None:
        return True
    f0, f1, fm = Fraction(y0), Fraction(y1), Fraction(ym)
    if min(f0, f1) <= fm <= max(f0, f1):  # (near a pole the value halfway is beyond both)
        return False
    invisible = span / 10**6
    for _ in range(_REFINE):
        if abs(fm - f0) >= abs(f1 - fm):
            a1, f1 = mid, fm
        else:
            a0, f0 = mid, fm
        if abs(f1 - f0) < invisible:
            return False
        mid = (a0 + a1) / 2
        ym = _value(fn, mid)
        if ym is None:
            return True
        fm = Fraction(ym)
    return True


def gap_between(fn, a0: Fraction, a1: Fraction, y0, y1, span: Fraction) -> bool:
    """Whether f has a pole or a gap in its domain between a0 and a1, where it is y0 and y1 (None:
    undefined), judged against values spread over *span* (see _broken)."""
    return _broken(fn, a0, a1, y0, y1, span)
