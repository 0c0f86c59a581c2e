"""Which scene draws which beat, lecture by lecture. A lecture's order is its beats' in
derivlib.lectures; nothing here repeats it.

>>> [s.name for s in SCENES_IN_ORDER][:3]
['Opening', 'TheLine', 'APoint']
>>> [s.stem for s in scenes_of("more-examples")][-3:]
['10-AnotherFunction', '11-AnotherFunction', '12-MoreExamplesClosing']
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from derivlib.beats import Beat
from derivlib.lectures import DERIVATIVES, LECTURES, lecture_named

__all__ = ["SCENES_IN_ORDER", "SceneEntry", "entry_for", "find", "scenes_of"]

# beat id -> (module in scenes/, scene class name), for the first lecture ...
_SCENE_OF_BEAT = {
    "opening": ("opening", "Opening"),
    "line": ("line", "TheLine"),
    "point": ("point", "APoint"),
    "nudge": ("nudge", "TheNudge"),
    "triangle": ("triangle", "TheTriangle"),
    "slope": ("slope", "SlopeIsDerivative"),
    "another": ("another", "AnotherPoint"),
    "notation": ("notation", "Notation"),
    "formal": ("formal", "FormalDefinition"),
    "everywhere": ("everywhere", "SameSlopeEverywhere"),
    "closing": ("closing", "Closing"),
}
# ... and for the second ('example-k' beats are all drawn by one scene, each with its own function)
_MORE_SCENES = {
    "opening": ("examples", "MoreExamplesOpening"),
    "curve": ("examples", "TheCurve"),
    "first": ("examples", "AtTheFirstPoint"),
    "others": ("examples", "AtTheOtherPoints"),
    "changes": ("examples", "TheSlopeChanges"),
    "formula": ("examples", "TheFormula"),
    "about": ("examples", "WhyAbout"),
    "example": ("functions", "AnotherFunction"),
    "closing": ("functions", "MoreExamplesClosing"),
}
_SCENES = {DERIVATIVES.name: _SCENE_OF_BEAT, "more-examples": _MORE_SCENES}


@dataclass(frozen=True)
class SceneEntry:
    """A scene of the lecture: its class name, its file and the beat it draws."""

    name: str
    module: str
    beat: Beat
    #: the scene's place in the lecture, from 1
    position: int
    #: the lecture it belongs to
    lecture: str = DERIVATIVES.name

    @property
    def stem(self) -> str:
        """The name of the scene's clip files: its place and its name.

        >>> find("nudge").stem
        '04-TheNudge'
        """
        return f"{str(self.position).zfill(2)}-{self.name}"

    @property
    def path(self) -> str:
        """The scene's file, relative to the project root, as `manim` takes it."""
        return f"scenes/{self.module}.py"

    def load(self) -> type:
        """Import the scene class (this imports manim)."""
        return getattr(importlib.import_module(f"scenes.{self.module}"), self.name)


def _entries(lecture: str) -> tuple[SceneEntry, ...]:
    table = _SCENES[lecture]
    out = []
    for i, b in enumerate(lecture_named(lecture).beats, start=1):
        module, name = table.get(b.id) or table[b.id.split("-")[0]]
        out.append(SceneEntry(name, module, b, i, lecture))
    return tuple(out)


_BY_LECTURE = {lecture.name: _entries(lecture.name) for lecture in LECTURES}
SCENES_IN_ORDER: tuple[SceneEntry, ...] = _BY_LECTURE[DERIVATIVES.name]


def scenes_of(lecture: str) -> tuple[SceneEntry, ...]:
    """Every scene of a lecture, in its order (a beat a parameter set lacks included)."""
    return _BY_LECTURE[lecture]


def entry_for(beat: str, lecture: str = DERIVATIVES.name) -> SceneEntry:
    """The scene that draws the beat with this id.

    >>> entry_for("triangle").name, entry_for("example-3", "more-examples").stem
    ('TheTriangle', '09-AnotherFunction')
    """
    for entry in _BY_LECTURE[lecture]:
        if entry.beat.id == beat:
            return entry
    raise KeyError(beat)


def find(name: str, lecture: str = DERIVATIVES.name) -> SceneEntry:
    """The entry for a scene name, a beat id or a 1-based position in the lecture.

    >>> find("2").name, find("nudge").name, find("thetriangle").name
    ('TheLine', 'TheNudge', 'TheTriangle')
    >>> find("example-3", "more-examples").position
    9
    """
    for entry in _BY_LECTURE[lecture]:
        if name.lower() in (entry.name.lower(), entry.beat.id, str(entry.position)):
            return entry
    known = ", ".join(e.name for e in _BY_LECTURE[lecture])
    raise KeyError(f"no scene named {name!r}; the scenes are {known}")
