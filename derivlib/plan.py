"""The lecture plan: everything a render needs to know, computed once from a lecture's parameters.

:func:`lecture_plan` asks the lecture (derivlib.lectures) for its plan: the beats these parameters
have, each beat's part (what it draws) and its narration cues, and its place in the lecture. With the
lengths of the voice's recordings, :meth:`~derivlib.parts.LecturePlan.voiced` gives each cue its
duration. Everything downstream reads the plan.

>>> plan = lecture_plan(Params())
>>> [p.beat.id for p in plan.parts][:4]
['opening', 'line', 'point', 'nudge']
>>> print(plan.transcript().splitlines()[0])
Opening
"""

from __future__ import annotations

from .lectures import Lecture, default_lecture
from .params import Params
from .parts import LecturePlan, Part, Point, TimedCue

__all__ = ["LecturePlan", "Part", "Point", "TimedCue", "lecture_plan"]


def lecture_plan(
    params: Params | None = None, lecture: Lecture | None = None, language: str | None = None
) -> LecturePlan:
    """The plan of *lecture* (the course's first by default) for *params* (its defaults by default), in
    *language* (English by default: derivlib.languages)."""
    lecture = lecture or default_lecture()
    return lecture.plan(lecture.defaults if params is None else params, language)
