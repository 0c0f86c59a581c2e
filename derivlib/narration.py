"""The narration of a lecture, as cues: each lecture's beats say their own words (derivlib.lectures);
this is the lecture's whole narration for a parameter set, in order.

>>> [c.text for c in narration(Params()) if c.id == "nudge-move"]
['Now give a a tiny nudge to the right, by 0.001, so that a becomes 2.001.']
"""

from __future__ import annotations

from .lectures import Lecture
from .params import Params
from .plan import lecture_plan
from .wording import WORDS_PER_SECOND, Cue, cue_seconds

__all__ = ["WORDS_PER_SECOND", "Cue", "cue_seconds", "narration"]


def narration(params: Params | None = None, lecture: Lecture | None = None) -> tuple[Cue, ...]:
    """Every cue of *lecture* (the course's first by default) for *params*, in order."""
    return lecture_plan(params, lecture).cues
