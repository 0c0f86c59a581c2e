"""The first lecture, "Derivatives": the derivative as the slope of one function, a line by default
(f(a) = 3a at 2 and 5), or a curve (``--function``). Its words and key facts are the slope beats'
(derivlib/lectures/slope), which later lectures reuse.

>>> [p.beat.id for p in LECTURE.plan(Params.from_strings(points="2")).parts][5:8]
['slope', 'notation', 'formal']
>>> len(LECTURE.plan(Params()).parts)
11
"""

from __future__ import annotations

from ...params import Params
from ..lecture import Flag, Lecture, beats_from
from ..slope.facts import BEAT_FACTS
from ..slope.part import function_part
from ..slope.words import BEAT_WORDS, WORDS

__all__ = ["LECTURE"]

# id, title, summary (../shared/lecture/BEATS.md); what it shows; the scene that draws it
_BEATS = (
    ("opening", "Opening", "Title card: an intuitive feel for derivatives.", "formula", "opening:Opening"),
    ("line", "The line", "The function f(a) = k·a + b plotted on axes a and f(a).", "formula view", "line:TheLine"),
    ("point", "A point", "The first point a and its value f(a), marked on the line.", "formula view points", "point:APoint"),
    ("nudge", "The nudge", "a nudged to a + h; f(a) moves to f(a + h).", "formula view nudges", "nudge:TheNudge"),
    ("triangle", "The triangle", "The green triangle: width h, height f(a + h) - f(a), then true size.", "view nudges", "triangle:TheTriangle"),
    ("slope", "Slope = derivative", "Height over width is the slope, and the slope is the derivative.", "formula view nudges", "slope:SlopeIsDerivative"),
    ("another", "Another point", "The same nudge at the other points: the same slope again.", "view nudges", "another:AnotherPoint"),
    ("notation", "Notation", "df(a)/da = k, or d/da f(a) = k.", "view nudges", "notation:Notation"),
    ("formal", "The formal definition", "The nudge shrinks towards zero; the ratio stays k.", "view nudges shrinking", "formal:FormalDefinition"),
    ("everywhere", "Same slope everywhere", "Triangles all along the line, all k : 1.", "view nudges everywhere", "everywhere:SameSlopeEverywhere"),
    ("closing", "Closing", "Next: a function whose slope changes from point to point.", "formula", "closing:Closing"),
)


def _active(params: Params) -> tuple[str, ...]:
    """The beats a parameter set has: 'another' needs a second point."""
    return tuple(b[0] for b in _BEATS if b[0] != "another" or len(params.points) > 1)


LECTURE = Lecture(
    name="derivatives",
    title="Derivatives",
    summary="the derivative as the slope of one function, a line by default (f(a) = 3a at 2 and 5)",
    beats=beats_from(_BEATS, BEAT_WORDS, BEAT_FACTS),
    params_type=Params,
    flags=(
        Flag("slope", "K", "slope k of f(a) = k·a + b (default 3)"),
        Flag("intercept", "B", "intercept b (default 0)"),
        Flag(
            "function",
            "EXPR",
            "f(a) as an expression such as 'a^2', 'log(a)' or '(a+1)^2/2' instead of a slope and intercept",
        ),
        Flag("points", "A1,A2,...", "1 to 5 distinct points a (default 2,5)"),
        Flag("nudge", "H", "the nudge h, 0 < h <= 1 (default 0.001)"),
    ),
    defaults_mapping={},
    active=_active,
    part=function_part,
    words=WORDS,
    prefix="",
    hints={"functions": "the lecture derivatives shows one function: give it as --function (or --slope)"},
)
