"""The lecture plan: everything a render needs to know, computed once from the parameters.

:func:`lecture_plan` turns the parameters into a frozen :class:`LecturePlan`: the view, the nudges, the
beats these parameters have, each beat's narration cues and its place in the lecture. With the lengths
of the voice's recordings, :meth:`LecturePlan.voiced` gives each cue its duration (the one rule,
:func:`~derivlib.narration.cue_seconds`). Everything downstream reads the plan.

Each beat reads only its own :class:`Part` of the plan: what it draws and what it says. A part holds
only what its beat shows, so a beat that never shows the nudge has the same part whatever the nudge
(unless the nudge changes what it does show, such as the axes), and a render can reuse it.

>>> plan = lecture_plan(Params())
>>> [p.beat.id for p in plan.parts][:4]
['opening', 'line', 'point', 'nudge']
>>> plan.part("point").points
(Point(a=Decimal('2'), f_a=Decimal('6')),)
>>> plan.part("point") == lecture_plan(Params.from_strings(nudge="0.002")).part("point")
True
>>> plan.part("nudge") == lecture_plan(Params.from_strings(nudge="0.002")).part("nudge")
False
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from decimal import Decimal
from fractions import Fraction

from .calculus import Formula, Line, Nudge, nudges, shrinking_nudges
from .curve import Curve
from .lectures import DERIVATIVES, Lecture
from .narration import Beat, Cue, cue_seconds
from .params import Params
from .view import View, everywhere_points, tangent_stops, view

__all__ = ["SHOWS", "LecturePlan", "Part", "Point", "TimedCue", "lecture_plan"]

#: What each beat of the first lecture draws (each lecture says it for its own: derivlib.lectures).
SHOWS = DERIVATIVES.shows


@dataclass(frozen=True)
class Point:
    """A point of the lecture and its value, as a beat shows it before any nudge."""

    a: Decimal
    f_a: Decimal


@dataclass(frozen=True)
class TimedCue:
    """A cue with its voice's length (None when silent) and so its duration in the lecture."""

    cue: Cue
    speech: float | None = None

    @property
    def seconds(self) -> float:
        """How long the cue lasts (see :func:`~derivlib.narration.cue_seconds`)."""
        return cue_seconds(self.cue, self.speech)

    @property
    def id(self) -> str:
        return self.cue.id


@dataclass(frozen=True)
class Part:
    """What one beat draws and says: its cues, the function, and what :data:`SHOWS` lists for it
    (the rest is None or empty)."""

    beat: Beat
    #: the beat's place in the lecture's full order, from 1 (a clip's number)
    position: int
    cues: tuple[TimedCue, ...]
    #: f: the line k·a + b, or a curve
    function: Line | Curve
    formula: Formula | None = None
    view: View | None = None
    points: tuple[Point, ...] = ()
    nudges: tuple[Nudge, ...] = ()
    shrinking: tuple[Nudge, ...] = ()
    everywhere: tuple[Nudge, ...] = ()

    @property
    def seconds(self) -> float:
        """The beat's length: its cues' durations, one after another."""
        total = 0.0
        for timed in self.cues:
            total = total + timed.seconds
        return total

    def describe(self) -> object:
        """The part as plain data (text, numbers as their exact text), for a cache key: equal parts
        describe alike, and a part that draws or says anything differently describes differently."""
        return _plain(self)


@dataclass(frozen=True)
class LecturePlan:
    """The lecture for one parameter set: its parts in order (only the beats these parameters have)."""

    params: Params
    view: View
    parts: tuple[Part, ...]
    #: the lecture's name (derivlib.lectures)
    lecture: str = DERIVATIVES.name

    def part(self, beat: str) -> Part:
        """The part of the beat with this id; a KeyError when these parameters do not have it."""
        for p in self.parts:
            if p.beat.id == beat:
                return p
        raise KeyError(beat)

    def has(self, beat: str) -> bool:
        return any(p.beat.id == beat for p in self.parts)

    def voiced(self, speech: Mapping[str, float]) -> LecturePlan:
        """The same plan with each cue's voice length (cue id to seconds; a cue not in *speech* is
        silent and lasts its estimate)."""
        parts = tuple(
            replace(p, cues=tuple(TimedCue(c.cue, speech.get(c.id)) for c in p.cues)) for p in self.parts
        )
        return replace(self, parts=parts)

    def transcript(self, *, with_ids: bool = False) -> str:
        """The narration as plain text: each beat's title, then its cues, one per line.

        >>> print(lecture_plan(Params()).transcript().splitlines()[0])
        Opening
        """
        blocks = []
        for p in self.parts:
            lines = [p.beat.title]
            lines += [f"[{c.id}] {c.cue.text}" if with_ids else c.cue.text for c in p.cues]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"


def lecture_plan(params: Params, lecture: Lecture = DERIVATIVES) -> LecturePlan:
    """The plan of *lecture* for *params* (silent: every cue lasts its estimate until voiced). Each
    beat draws its own function's numbers (the second lecture's later beats show later functions)."""
    cues = lecture.narrate(params)
    offers: dict[int, dict[str, object]] = {}

    def offered(sub: Params) -> dict[str, object]:
        if id(sub) not in offers:
            v = view(sub)
            all_nudges = nudges(sub)
            offers[id(sub)] = {
                "function": sub.function,
                "formula": sub.function.formula,
                "view": v,
                "points": (Point(all_nudges[0].a, all_nudges[0].f_a),),
                "nudges": all_nudges,
                "shrinking": shrinking_nudges(sub),
                "everywhere": tuple(  # (a curve with no usable tick stops at its own points)
                    sub.function.nudge(a, sub.nudge)
                    for a in (
                        (tangent_stops(sub.curve, v, sub.nudge) or sub.points)
                        if sub.curve
                        else everywhere_points(v)
                    )
                ),
            }
        return offers[id(sub)]

    positions = {b.id: i for i, b in enumerate(lecture.beats, start=1)}
    parts = []
    for b in lecture.active(params):
        offer = offered(lecture.part_params(params, b.id))
        shown = {name: offer[name] for name in lecture.shows[b.id]}
        parts.append(
            Part(
                beat=b,
                position=positions[b.id],
                cues=tuple(TimedCue(c) for c in cues if c.beat == b.id),
                function=offer["function"],
                **shown,
            )
        )
    return LecturePlan(params=params, view=offered(params)["view"], parts=tuple(parts), lecture=lecture.name)


def _plain(value: object) -> object:
    """Dataclasses, tuples and numbers as JSON-ready data; numbers exact (a Decimal by its text)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Curve):  # the expression's text says it all (the derivative follows from it)
        return {"curve": value.text}
    if isinstance(value, Decimal | Fraction):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a plan holds no {type(value).__name__}")
