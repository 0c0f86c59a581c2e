"""The lecture's beats, in order: the one place that sets the lecture's order.

>>> [b.id for b in BEATS][:3]
['opening', 'line', 'point']
"""

from __future__ import annotations

from dataclasses import dataclass

from .params import Params

__all__ = ["BEATS", "Beat", "beats"]


@dataclass(frozen=True)
class Beat:
    """One beat of the lecture (../shared/lecture/BEATS.md): an id, a title and a one-line summary."""

    id: str
    title: str
    summary: str


#: The lecture's beats in order. This is the one place that sets the lecture's order.
BEATS: tuple[Beat, ...] = (
    Beat("opening", "Opening", "Title card: an intuitive feel for derivatives."),
    Beat("line", "The line", "The function f(a) = k·a + b plotted on axes a and f(a)."),
    Beat("point", "A point", "The first point a and its value f(a), marked on the line."),
    Beat("nudge", "The nudge", "a nudged to a + h; f(a) moves to f(a + h)."),
    Beat("triangle", "The triangle", "The green triangle: width h, height f(a + h) - f(a), then true size."),
    Beat("slope", "Slope = derivative", "Height over width is the slope, and the slope is the derivative."),
    Beat("another", "Another point", "The same nudge at the other points: the same slope again."),
    Beat("notation", "Notation", "df(a)/da = k, or d/da f(a) = k."),
    Beat("formal", "The formal definition", "The nudge shrinks towards zero; the ratio stays k."),
    Beat("everywhere", "Same slope everywhere", "Triangles all along the line, all k : 1."),
    Beat("closing", "Closing", "Next: a function whose slope changes from point to point."),
)


def beats(params: Params) -> tuple[Beat, ...]:
    """The beats that these parameters have: 'another' needs a second point.

    >>> [b.id for b in beats(Params.from_strings(points="2"))][5:8]
    ['slope', 'notation', 'formal']
    >>> len(beats(Params()))
    11
    """
    return tuple(b for b in BEATS if b.id != "another" or len(params.points) > 1)
