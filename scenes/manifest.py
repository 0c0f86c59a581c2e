"""Which scene draws which beat. The lecture's order is derivlib's BEATS; nothing here repeats it.

>>> [s.name for s in SCENES_IN_ORDER][:3]
['Opening', 'TheLine', 'APoint']
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from derivlib.narration import BEATS, Beat

__all__ = ["SCENES_IN_ORDER", "SceneEntry", "entry_for", "find"]

# beat id -> (module in scenes/, scene class name)
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


@dataclass(frozen=True)
class SceneEntry:
    """A scene of the lecture: its class name, its file and the beat it draws."""

    name: str
    module: str
    beat: Beat
    #: the scene's place in the lecture, from 1
    position: int

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


SCENES_IN_ORDER: tuple[SceneEntry, ...] = tuple(
    SceneEntry(_SCENE_OF_BEAT[b.id][1], _SCENE_OF_BEAT[b.id][0], b, i) for i, b in enumerate(BEATS, start=1)
)
assert set(_SCENE_OF_BEAT) == {b.id for b in BEATS}, "every beat needs exactly one scene"


def entry_for(beat: str) -> SceneEntry:
    """The scene that draws the beat with this id.

    >>> entry_for("triangle").name
    'TheTriangle'
    """
    for entry in SCENES_IN_ORDER:
        if entry.beat.id == beat:
            return entry
    raise KeyError(beat)


def find(name: str) -> SceneEntry:
    """The entry for a scene name, a beat id or a 1-based position in the lecture.

    >>> find("2").name, find("nudge").name, find("thetriangle").name
    ('TheLine', 'TheNudge', 'TheTriangle')
    """
    for entry in SCENES_IN_ORDER:
        if name.lower() in (entry.name.lower(), entry.beat.id, str(entry.position)):
            return entry
    known = ", ".join(e.name for e in SCENES_IN_ORDER)
    raise KeyError(f"no scene named {name!r}; the scenes are {known}")
