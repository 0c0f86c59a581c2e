"""The joined lecture's timeline: where each clip starts (the exact length of the clips before it,
whole frames at their frame rate), the cues on that timeline, the chapters, and the subtitle files.

>>> from scenes.pipeline.running.schema import ClipRecord, CueRecord
>>> a = ClipRecord("A", 15, 30, 2.0, (CueRecord("a-x", "One.", 0.0, 2.0, 1.5),))
>>> b = ClipRecord("B", 15, 16, 1.0, (CueRecord("b-y", "Two.", 0.0, 1.0, None),))
>>> offsets([a, b])
[Fraction(0, 1), Fraction(2, 1), Fraction(46, 15)]
>>> [(c.id, c.start, c.end) for c in lecture_cues([a, b])]
[('a-x', Fraction(0, 1), Fraction(3, 2)), ('b-y', Fraction(2, 1), Fraction(3, 1))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import srt

from scenes.pipeline.running.schema import ClipRecord

__all__ = [
    "Chapter",
    "LanguageVersion",
    "TimedText",
    "chapters",
    "lecture_cues",
    "offsets",
    "write_srt",
    "write_vtt",
]


def offsets(records: Sequence[ClipRecord]) -> list[Fraction]:
    """Where each clip starts on the joined timeline, and (last) where the lecture ends."""
    out = [Fraction(0)]
    for record in records:
        out.append(out[-1] + record.seconds)
    return out


@dataclass(frozen=True)
class TimedText:
    """A cue's subtitle on the joined timeline."""

    id: str
    text: str
    start: Fraction
    end: Fraction


def lecture_cues(records: Sequence[ClipRecord]) -> list[TimedText]:
    """Every cue of the lecture on the joined timeline. A spoken cue's subtitle ends with its speech; a
    silent one lasts until the next cue."""
    out = []
    for record, offset in zip(records, offsets(records), strict=False):
        for cue in record.cues:
            start = Fraction(cue.start)
            end = start + Fraction(cue.speech) if cue.speech is not None else Fraction(cue.end)
            out.append(TimedText(cue.id, cue.text, offset + start, offset + end))
    return out


@dataclass(frozen=True)
class Chapter:
    """One scene of the joined lecture: its title, its scene, its start and end in seconds."""

    title: str
    scene: str
    start: float
    end: float


def chapters(records: Sequence[ClipRecord], titles: Sequence[str]) -> list[Chapter]:
    """A chapter per clip, titled by *titles*; they cover the lecture without gaps."""
    at = offsets(records)
    return [
        Chapter(title, record.scene, float(start), float(end))
        for record, title, start, end in zip(records, titles, at[:-1], at[1:], strict=True)
    ]


@dataclass(frozen=True)
class LanguageVersion:
    """The lecture's words in one language, timed to the video."""

    code: str
    #: the language's name in itself ('Deutsch')
    label: str
    #: every cue on the lecture's timeline, with this language's words
    cues: tuple[TimedText, ...]
    #: each chapter's title, in the chapters' order
    chapters: tuple[str, ...]
    transcript: str

    @property
    def files(self) -> tuple[str, str, str]:
        """Its subtitles (WebVTT, SubRip) and transcript, as named in a published folder."""
        return f"lecture.{self.code}.vtt", f"lecture.{self.code}.srt", f"transcript.{self.code}.txt"


def _timestamp(seconds: Fraction, sep: str) -> str:
    """HH:MM:SS and milliseconds, rounded to the nearest millisecond (never cut: a cue at 2/3 s starts
    at .667, not .666).

    >>> _timestamp(Fraction(2, 3), "."), _timestamp(Fraction(3725, 1), ",")
    ('00:00:00.667', '01:02:05,000')
    """
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"


def write_srt(cues: Sequence[TimedText], path: Path) -> None:
    """SubRip subtitles, composed by the `srt` library."""
    subtitles = [
        srt.Subtitle(
            index=i,
            start=timedelta(seconds=float(c.start)),
            end=timedelta(seconds=float(c.end)),
            content=c.text,
        )
        for i, c in enumerate(cues, start=1)
    ]
    path.write_text(srt.compose(subtitles), encoding="utf-8")


def write_vtt(cues: Sequence[TimedText], path: Path) -> None:
    """WebVTT: a header, then each cue with an id, its times (HH:MM:SS.mmm) and its text."""
    blocks = ["WEBVTT"]
    for c in cues:
        times = f"{_timestamp(c.start, '.')} --> {_timestamp(c.end, '.')}"
        blocks.append(f"{c.id}\n{times}\n{c.text}")
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
