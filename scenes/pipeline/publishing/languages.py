"""The lecture's words in every language, on the English voice's timeline: for each language
(derivlib.languages) its subtitles (lecture.<lang>.vtt, lecture.<lang>.srt) and transcript
(transcript.<lang>.txt), each cue at the times the video gives it, and what the page needs to switch
its captions and transcript to that language.

The translated plan has the same cues (the same ids, in the same order) as the plan the video was
made from; only their words differ. A cue without its words in a language is an error, never a gap.

>>> from fractions import Fraction
>>> from derivlib.wording import Cue
>>> english = [TimedText("a-x", "Nudge a by 0.001.", Fraction(0), Fraction(3, 2))]
>>> in_language(english, [Cue("a-x", "a", "Verschieben wir a um 0,001.", "")])
[TimedText(id='a-x', text='Verschieben wir a um 0,001.', start=Fraction(0, 1), end=Fraction(3, 2))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from derivlib.languages import CODES, languages
from derivlib.lectures import lecture_named
from derivlib.plan import LecturePlan
from derivlib.wording import Cue
from scenes.pipeline.publishing.timeline import LanguageVersion, TimedText, write_srt, write_vtt

__all__ = [
    "LanguageVersion",
    "in_language",
    "language_versions",
    "plans_in_every_language",
    "write_language_files",
]


def in_language(cues: Sequence[TimedText], words: Sequence[Cue]) -> list[TimedText]:
    """The timed cues with the words of another language's cues (matched by id)."""
    texts = {c.id: c.text for c in words}
    missing = [c.id for c in cues if c.id not in texts]
    if missing or len(texts) != len(cues):
        raise ValueError(f"the translated lecture's cues are not the video's: {missing or sorted(texts)}")
    return [replace(c, text=texts[c.id]) for c in cues]


def plans_in_every_language(plan: LecturePlan) -> list[LecturePlan]:
    """The lecture of *plan* in every language (the source first; *plan* itself for its own), with the
    beats *plan* has (all of its lecture's for its parameters, or those of a plan made for fewer)."""
    lecture = lecture_named(plan.lecture)
    beats = {p.beat.id for p in plan.parts}

    def said_in(code: str) -> LecturePlan:
        other = lecture.plan(plan.params, code)
        return replace(other, parts=tuple(p for p in other.parts if p.beat.id in beats))

    return [plan if code == plan.language else said_in(code) for code in CODES]


def language_versions(
    plan: LecturePlan, beats: Sequence[str], cues: Sequence[TimedText]
) -> list[LanguageVersion]:
    """The lecture of *plan* in every language, its cues timed as *cues* (the video's) and its chapters
    those of the video's *beats* (the beat ids of its clips, in order)."""
    out = []
    for language, said in zip(languages(), plans_in_every_language(plan), strict=True):
        titles = {p.beat.id: p.beat.title for p in said.parts}
        out.append(
            LanguageVersion(
                language.code,
                language.label,
                tuple(in_language(cues, said.cues)),
                tuple(titles[b] for b in beats),
                said.transcript(),
            )
        )
    return out


def write_language_files(versions: Sequence[LanguageVersion], folder: Path) -> None:
    """Each language's subtitles and transcript in *folder*."""
    for version in versions:
        vtt, srt, transcript = version.files
        write_vtt(version.cues, folder / vtt)
        write_srt(version.cues, folder / srt)
        (folder / transcript).write_text(version.transcript, encoding="utf-8")
