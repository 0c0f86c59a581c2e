"""A beat's part for a lecture about one function of a: what the beat shows of the function, its
view, its points and their nudges, computed once per function and shared by the beats that show it.

>>> from derivlib.lectures import lecture_named
>>> plan = lecture_named("derivatives").plan(Params())
>>> plan.part("point").points
(Point(a=Decimal('2'), f_a=Decimal('6')),)
>>> plan.part("point") == lecture_named("derivatives").plan(Params.from_strings(nudge="0.002")).part("point")
True
>>> plan.part("nudge") == lecture_named("derivatives").plan(Params.from_strings(nudge="0.002")).part("nudge")
False
"""

from __future__ import annotations

from functools import lru_cache

from ...calculus import nudges, shrinking_nudges
from ...params import Params
from ...parts import Part, Point
from ...view import everywhere_points, tangent_stops, view
from ..lecture import LectureBeat

__all__ = ["SHOWABLE", "function_part"]

#: What a beat about a function may show, beyond its cues and the function (a beat's ``shows``):
#:   formula     f(a) = ... as text and TeX
#:   view        the axes (their ranges and ticks)
#:   points      the first point, without its nudge
#:   nudges      every point with its nudge (the triangle)
#:   shrinking   the formal definition's ever smaller nudges
#:   everywhere  the points of 'same slope everywhere' (a line) or of the travelling tangent (a curve)
#:   functions   every function the lecture shows, in order
SHOWABLE = frozenset({"formula", "view", "points", "nudges", "shrinking", "everywhere", "functions"})


@lru_cache(maxsize=32)
def _offer(params: Params) -> dict[str, object]:
    """Everything a beat may show of these parameters' function, computed once."""
    v = view(params)
    all_nudges = nudges(params)
    # (a curve with no usable tick stops at its own points)
    stops = (tangent_stops(params.curve, v, params.nudge) or params.points) if params.curve else everywhere_points(v)
    return {
        "formula": params.function.formula,
        "view": v,
        "points": (Point(all_nudges[0].a, all_nudges[0].f_a),),
        "nudges": all_nudges,
        "shrinking": shrinking_nudges(params),
        "everywhere": tuple(params.function.nudge(a, params.nudge) for a in stops),
        "functions": (params.function,),
    }


def function_part(params: Params, beat: LectureBeat, position: int, lecture: str) -> Part:
    """The part of *beat* for the function of *params*: what the beat shows, the rest left empty."""
    offer = _offer(params)
    shown = {name: offer[name] for name in beat.shows}
    return Part(
        beat=beat.beat, position=position, cues=(), lecture=lecture, function=params.function, **shown
    )
