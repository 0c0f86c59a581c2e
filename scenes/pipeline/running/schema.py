"""What crosses the process boundary, in one place: the job a worker is given (:class:`JobSpec`, its
job.json) and the record of the clip it made (:class:`ClipRecord`, its meta.json). Both are frozen
dataclasses, written and read by the same code; a missing or unknown field is an error that names it.

>>> record = ClipRecord("Opening", 15, 30, 2.0, (CueRecord("opening-aim", "Hi.", 0.0, 2.0, None),))
>>> ClipRecord.from_json(record.to_json()) == record
True
>>> ClipRecord.from_json('{"scene": "Opening", "fps": 15}')
Traceback (most recent call last):
...
scenes.pipeline.running.schema.SchemaError: ClipRecord: missing field(s) cues, duration, frames
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from fractions import Fraction
from pathlib import Path

__all__ = ["ClipRecord", "CueRecord", "JobSpec", "SchemaError", "SpeechSpec"]


class SchemaError(ValueError):
    """A job spec or clip record that is not what this code writes."""


def _checked(cls: type, data: object) -> dict:
    if not isinstance(data, Mapping):
        raise SchemaError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    names = {f.name for f in fields(cls)}
    missing = sorted(names - set(data))
    unknown = sorted(set(data) - names)
    if missing:
        raise SchemaError(f"{cls.__name__}: missing field(s) {', '.join(missing)}")
    if unknown:
        raise SchemaError(f"{cls.__name__}: unknown field(s) {', '.join(unknown)}")
    return dict(data)


def _typed(cls: type, name: str, value: object, *types: type) -> object:
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise SchemaError(
            f"{cls.__name__}.{name}: expected {' or '.join(t.__name__ for t in types)}, got {value!r}"
        )
    return value


class _Json:
    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str):
        try:
            data = json.loads(text)
        except ValueError as err:
            raise SchemaError(f"{cls.__name__}: not JSON ({err})") from None
        return cls.from_dict(data)

    def write(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def read(cls, path: Path):
        return cls.from_json(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class SpeechSpec(_Json):
    """One cue's recorded speech: the WAV, its length and its SHA-256."""

    cue: str
    path: str
    seconds: float
    sha256: str

    @classmethod
    def from_dict(cls, data: object) -> SpeechSpec:
        d = _checked(cls, data)
        for name in ("cue", "path", "sha256"):
            _typed(cls, name, d[name], str)
        _typed(cls, "seconds", d["seconds"], float, int)
        return cls(**d)


@dataclass(frozen=True)
class JobSpec(_Json):
    """One scene to render: which, with which parameters, in which language, at which quality, with
    which speech, and the folders the worker uses (manim's media folder, its LaTeX folder, the shared
    formula cache, and the folder it writes clip.mp4, clip.srt and meta.json into)."""

    scene: str
    #: the lecture (derivlib.lectures) and the beat of it that the scene draws
    lecture: str
    beat: str
    params: dict[str, str]
    #: the language the part is said and drawn in (derivlib.languages: en, de, ...)
    language: str
    #: the SHA-256 of the part of the plan the scene draws (derivlib.parts.BasePart.digest): the worker
    #: builds its part from the parameters and refuses to draw a different one
    part: str
    quality: str
    media: str
    tex: str
    tex_shared: str
    out: str
    encoder_options: dict[str, str]
    speech: tuple[SpeechSpec, ...]
    #: seconds the job may take; past them it ends itself, whatever its parent does
    timeout: float

    @classmethod
    def from_dict(cls, data: object) -> JobSpec:
        d = _checked(cls, data)
        for name in (
            "scene",
            "lecture",
            "beat",
            "language",
            "part",
            "quality",
            "media",
            "tex",
            "tex_shared",
            "out",
        ):
            _typed(cls, name, d[name], str)
        for name in ("params", "encoder_options"):
            _typed(cls, name, d[name], dict)
        _typed(cls, "timeout", d["timeout"], float, int)
        d["speech"] = tuple(SpeechSpec.from_dict(s) for s in _typed(cls, "speech", d["speech"], list, tuple))
        return cls(**d)


@dataclass(frozen=True)
class CueRecord(_Json):
    """A cue as the clip plays it: its start and end in the clip, and its speech's length (None for a
    silent cue; the subtitle ends with the speech)."""

    id: str
    text: str
    start: float
    end: float
    speech: float | None

    @classmethod
    def from_dict(cls, data: object) -> CueRecord:
        d = _checked(cls, data)
        _typed(cls, "id", d["id"], str)
        _typed(cls, "text", d["text"], str)
        _typed(cls, "start", d["start"], float, int)
        _typed(cls, "end", d["end"], float, int)
        if d["speech"] is not None:
            _typed(cls, "speech", d["speech"], float, int)
        return cls(**d)


@dataclass(frozen=True)
class ClipRecord(_Json):
    """What a worker made: the scene's clip, its frame count and rate, its length and its cues."""

    scene: str
    fps: int
    frames: int
    duration: float
    cues: tuple[CueRecord, ...]

    @classmethod
    def from_dict(cls, data: object) -> ClipRecord:
        d = _checked(cls, data)
        _typed(cls, "scene", d["scene"], str)
        _typed(cls, "fps", d["fps"], int)
        _typed(cls, "frames", d["frames"], int)
        _typed(cls, "duration", d["duration"], float, int)
        d["cues"] = tuple(CueRecord.from_dict(c) for c in _typed(cls, "cues", d["cues"], list, tuple))
        return cls(**d)

    @property
    def seconds(self) -> Fraction:
        """The clip's exact length: whole frames at its frame rate."""
        return Fraction(self.frames, self.fps)
