"""The lecture's slides, lecture.pptx, made with python-pptx.

A 16:9 deck: a title slide; one slide per chapter with its still (the last frame of its clip), its title,
and its key equation and numbers as real text (derivlib.keyfacts, from the chapter's part of the plan);
speaker notes holding the chapter's start and its narration, cue by cue; a closing slide. The document's
title and subject (the parameters) are set, and each still has a text alternative. Everything is in the
lecture's language: its title and narration from its plan, the deck's own words from
scenes/pipeline/publishing/words.py, times with that language's decimal sign.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import get_decimal_symbol

from derivlib.keyfacts import key_facts
from derivlib.languages import SOURCE, language_named
from derivlib.lectures import lecture_named
from derivlib.plan import LecturePlan, Part
from scenes.pipeline.publishing.words import Words, words

__all__ = [
    "SLIDE_HEIGHT",
    "SLIDE_WIDTH",
    "STILL_BOX",
    "ChapterSlide",
    "clock",
    "parameters_line",
    "write_slides",
]


def _inches(inches: float) -> int:
    """EMU, as python-pptx's ``Inches`` counts them. (pptx itself is imported where a deck is written:
    it takes 50 to 80 ms to import, which a render with nothing to do should not pay.)"""
    return int(inches * 914400)


#: 16:9 at PowerPoint's usual widescreen size (13.333 x 7.5 inches)
SLIDE_WIDTH = _inches(40 / 3)
SLIDE_HEIGHT = _inches(7.5)
_MARGIN = _inches(0.5)
_TITLE_HEIGHT = _inches(1.0)
#: Where a chapter's still sits (left, top, width, height in EMU): 16:9, on the left under the title.
STILL_BOX = (_MARGIN, _inches(1.6), _inches(8), _inches(4.5))
_TEXT_LEFT = STILL_BOX[0] + STILL_BOX[2] + _inches(0.3)
_TITLE_SLIDE, _TITLE_ONLY = 0, 5
#: the project's name, as the deck's author and in its comments
_PROJECT = "derivatives-lecture"


@dataclass(frozen=True)
class ChapterSlide:
    """What one chapter's slide shows: its title, its start and end (seconds), its part of the plan
    and its still."""

    title: str
    start: float
    end: float
    part: Part
    still: Path


def clock(seconds: float, language: str = SOURCE) -> str:
    """A time on the lecture's timeline as minutes and seconds, to the tenth, with the decimal sign of
    *language* (CLDR's, through Babel).

    >>> clock(0), clock(72.46), clock(605.04), clock(72.46, "fr")
    ('0:00.0', '1:12.5', '10:05.0', '1:12,5')
    """
    tenths = round(seconds * 10)
    minutes, tenths = divmod(tenths, 600)
    point = get_decimal_symbol(language_named(language).locale)
    return f"{minutes}:{tenths // 10:02d}{point}{tenths % 10}"


def parameters_line(parameters: Mapping[str, str]) -> str:
    """The parameters as one line: 'slope 3, intercept 0, points 2,5, nudge 0.001'."""
    return ", ".join(f"{key} {value}" for key, value in parameters.items())


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    from pptx.util import Emu

    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _title_only(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
    slide.shapes.title.text = title
    _place(slide.shapes.title, _MARGIN, _inches(0.3), SLIDE_WIDTH - 2 * _MARGIN, _TITLE_HEIGHT)
    return slide


def _text_box(slide, left: int, top: int, width: int, height: int, lines: Sequence[tuple[str, int, bool]]):
    """A text box with one paragraph per (text, points, bold)."""
    from pptx.util import Emu, Pt

    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
        paragraph.space_after = Pt(size // 2)
    return box


def chapter_notes(chapter: ChapterSlide, say: Words | None = None) -> str:
    """The speaker notes: the chapter's start, then its narration (in its part's language), one cue a
    line."""
    say = say or words(SOURCE)
    lines = [say("slides.starts", time=clock(chapter.start, say.language))]
    lines += [timed.cue.text for timed in chapter.part.cues]
    return "\n".join(lines)


def write_slides(
    plan: LecturePlan,
    chapters: Sequence[ChapterSlide],
    parameters: Mapping[str, str],
    quality: str,
    version: str,
    path: Path,
) -> None:
    """Write the deck to *path*, in the plan's language."""
    from pptx import Presentation
    from pptx.util import Emu

    say = words(plan.language)
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    params_text = parameters_line(parameters)
    formula = key_facts(plan.parts[0], plan.language).equation  # (the opening's: what the lecture is about)

    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_SLIDE])
    title = lecture_named(plan.lecture).title_in(plan.language)
    slide.shapes.title.text = title
    subtitle = slide.placeholders[1]
    subtitle.text = f"{formula}\n{params_text}"
    _place(slide.shapes.title, _MARGIN, _inches(2.0), SLIDE_WIDTH - 2 * _MARGIN, _inches(1.5))
    _place(subtitle, _MARGIN, _inches(3.8), SLIDE_WIDTH - 2 * _MARGIN, _inches(1.6))

    for number, chapter in enumerate(chapters, start=1):
        facts = key_facts(chapter.part, plan.language)
        slide = _title_only(deck, f"{number}. {chapter.title}")
        left, top, width, height = STILL_BOX
        picture = slide.shapes.add_picture(str(chapter.still), Emu(left), Emu(top), Emu(width), Emu(height))
        picture.name = f"Still {number}"
        picture._element.nvPicPr.cNvPr.set("descr", say("slides.still", title=chapter.title))
        text_width = SLIDE_WIDTH - _TEXT_LEFT - _MARGIN
        lines = [(facts.equation, 26, True)] + [(line, 16, False) for line in facts.numbers]
        _text_box(slide, _TEXT_LEFT, top, text_width, height, lines)
        span = f"{clock(chapter.start, plan.language)} – {clock(chapter.end, plan.language)}"
        _text_box(slide, left, top + height + _inches(0.15), width, _inches(0.5), [(span, 12, False)])
        slide.notes_slide.notes_text_frame.text = chapter_notes(chapter, say)

    slide = _title_only(deck, say("slides.summary"))
    closing = key_facts(plan.part("closing"), plan.language) if plan.has("closing") else None
    lines = [(formula, 28, True)]
    if closing is not None:
        lines.append((closing.equation, 28, True))
    rendered = say("slides.rendered", quality=quality, project=_PROJECT, version=version)
    lines += [(say("slides.parameters", parameters=params_text), 16, False), (rendered, 14, False)]
    _text_box(slide, _MARGIN, _inches(1.6), SLIDE_WIDTH - 2 * _MARGIN, _inches(5), lines)

    core = deck.core_properties
    core.title = title
    core.subject = say("slides.subject", formula=formula, parameters=params_text)
    core.author = _PROJECT
    core.keywords = say("slides.keywords")
    core.comments = say("slides.comments", quality=quality, project=_PROJECT, version=version)
    core.last_modified_by = _PROJECT
    core.language = plan.language
    save_reproducibly(deck, path)


#: Every member of the saved file gets this time (zip's earliest), not the time of writing.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def save_reproducibly(deck, path: Path) -> None:
    """Save the deck so that the same slides give the same bytes: python-pptx stamps each zip member
    with the time of writing, and its template's core properties carry dates of their own (2013); a
    lecture assembled again from the same clips must be byte-identical to the one published."""
    for name in ("created", "modified"):  # dcterms:created, dcterms:modified
        for element in deck.core_properties._element.findall(f"{{http://purl.org/dc/terms/}}{name}"):
            deck.core_properties._element.remove(element)
    buffer = io.BytesIO()
    deck.save(buffer)
    with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(path, "w") as out:
        for member in saved.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            out.writestr(info, saved.read(member.filename))
