"""Which scene draws which beat, lecture by lecture, as each lecture declares it (each beat names its
scene: derivlib.lectures); nothing here repeats it or names a lecture.

>>> [s.name for s in SCENES_IN_ORDER][:3]
['Opening', 'TheLine', 'APoint']
>>> [s.stem for s in scenes_of("more-examples")][-3:]
['10-AnotherFunction', '11-AnotherFunction', '12-MoreExamplesClosing']
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

from derivlib.lectures import default_lecture, lecture_named
from derivlib.parts import Beat

__all__ = ["SCENES_IN_ORDER", "SceneEntry", "entry_for", "find", "scenes_of"]


@dataclass(frozen=True)
class SceneEntry:
    """A scene of the lecture: its class name, its file and the beat it draws."""

    name: str
    module: str
    beat: Beat
    #: the scene's place in the lecture, from 1
    position: int
    #: the lecture it belongs to
    lecture: str

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


@cache
def scenes_of(lecture: str | None = None) -> tuple[SceneEntry, ...]:
    """Every scene of a lecture (the course's first by default), in its order (a beat a parameter set
    lacks included)."""
    own = lecture_named(lecture) if lecture else default_lecture()
    out = []
    for i, b in enumerate(own.beats, start=1):
        module, name = b.scene.split(":")
        out.append(SceneEntry(name, module, b.beat, i, own.name))
    return tuple(out)


SCENES_IN_ORDER: tuple[SceneEntry, ...] = scenes_of()


def entry_for(beat: str, lecture: str | None = None) -> SceneEntry:
    """The scene that draws the beat with this id.

    >>> entry_for("triangle").name, entry_for("example-3", "more-examples").stem
    ('TheTriangle', '09-AnotherFunction')
    """
    for entry in scenes_of(lecture):
        if entry.beat.id == beat:
            return entry
    raise KeyError(beat)


def find(name: str, lecture: str | None = None) -> SceneEntry:
    """The entry for a scene name, a beat id or a 1-based position in the lecture.

    >>> find("2").name, find("nudge").name, find("thetriangle").name
    ('TheLine', 'TheNudge', 'TheTriangle')
    >>> find("example-3", "more-examples").position
    9
    """
    for entry in scenes_of(lecture):
        if name.lower() in (entry.name.lower(), entry.beat.id, str(entry.position)):
            return entry
    known = ", ".join(e.name for e in scenes_of(lecture))
    raise KeyError(f"no scene named {name!r}; the scenes are {known}")
