"""What a lecture plan is made of: beats, their parts, timed cues, key facts, and the plan itself.

A :class:`LecturePlan` (made by :func:`derivlib.plan.lecture_plan`) is a lecture's parts in order. Each
beat reads only its own part: what it draws and what it says. A part holds only what its beat shows,
so a beat that never shows the nudge has the same part whatever the nudge (unless the nudge changes
what it does show, such as the axes), and a render can reuse it. :class:`BasePart` is what every
lecture's parts share (the render machinery reads only that); :class:`Part` is the part of a lecture
about one function of a (a lecture of another shape defines its own part type).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from decimal import Decimal
from fractions import Fraction

from .calculus import Formula, Line, Nudge
from .curve import Curve
from .view import View
from .wording import Cue, cue_seconds

__all__ = ["BasePart", "Beat", "KeyFacts", "LecturePlan", "Part", "Point", "TimedCue"]


@dataclass(frozen=True)
class Beat:
    """One beat of a lecture: an id, a title and a one-line summary."""

    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class KeyFacts:
    """A beat's key equation and the numbers that go with it, each a short line of text: what a slide
    or a page says about a chapter."""

    equation: str
    numbers: tuple[str, ...]


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
class BasePart:
    """What one beat draws and says, as every lecture's parts have it: the beat, its place, its cues.
    A lecture's own part type adds what its beats draw."""

    beat: Beat
    #: the beat's place in the lecture's full order, from 1 (a clip's number)
    position: int
    cues: tuple[TimedCue, ...]
    #: the lecture's name (derivlib.lectures)
    lecture: str
    #: the language it is drawn and said in (derivlib.languages): its words, its beat's title, how its
    #: numbers are written on screen; part of what it describes, so each language has its own cache key
    language: str = "en"

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

    def digest(self) -> str:
        """A SHA-256 of :meth:`describe`: what a job is told its part is, to refuse any other."""
        return hashlib.sha256(json.dumps(self.describe(), sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Part(BasePart):
    """A beat of a lecture about a function of a: the function, and what the lecture's ``shows`` lists
    for the beat (the rest is None or empty)."""

    #: f: the line k·a + b, or a curve
    function: Line | Curve | None = None
    formula: Formula | None = None
    view: View | None = None
    points: tuple[Point, ...] = ()
    nudges: tuple[Nudge, ...] = ()
    shrinking: tuple[Nudge, ...] = ()
    everywhere: tuple[Nudge, ...] = ()
    #: every function the lecture shows, in order (its opening names them)
    functions: tuple[Line | Curve, ...] = ()


@dataclass(frozen=True)
class LecturePlan:
    """The lecture for one parameter set: its parts in order (only the beats these parameters have).
    With the lengths of the voice's recordings, :meth:`voiced` gives each cue its duration (the one
    rule, :func:`~derivlib.wording.cue_seconds`)."""

    #: the lecture's parameters (its own parameter type)
    params: object
    parts: tuple[BasePart, ...]
    #: the lecture's name (derivlib.lectures)
    lecture: str
    #: the language its words and beat titles are in (derivlib.languages)
    language: str = "en"

    def part(self, beat: str) -> BasePart:
        """The part of the beat with this id; a KeyError when these parameters do not have it."""
        for p in self.parts:
            if p.beat.id == beat:
                return p
        raise KeyError(beat)

    def has(self, beat: str) -> bool:
        return any(p.beat.id == beat for p in self.parts)

    @property
    def cues(self) -> tuple[Cue, ...]:
        """Every cue of the lecture, in order."""
        return tuple(timed.cue for p in self.parts for timed in p.cues)

    def voiced(self, speech: Mapping[str, float]) -> LecturePlan:
        """The same plan with each cue's voice length (cue id to seconds; a cue not in *speech* is
        silent and lasts its estimate)."""
        parts = tuple(
            replace(p, cues=tuple(TimedCue(c.cue, speech.get(c.id)) for c in p.cues)) for p in self.parts
        )
        return replace(self, parts=parts)

    def transcript(self, *, with_ids: bool = False) -> str:
        """The narration as plain text: each beat's title, then its cues, one per line."""
        blocks = []
        for p in self.parts:
            lines = [p.beat.title]
            lines += [f"[{c.id}] {c.cue.text}" if with_ids else c.cue.text for c in p.cues]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"


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
