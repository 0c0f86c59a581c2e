"""lecture.pptx, read back by python-pptx and converted by a real office suite (LibreOffice headless,
Debian's libreoffice-impress) to PDF, whose pages poppler turns into text and pictures.

The oracles: the lecture's numbers written here by hand (f(2) = 6, 6.003, ...), chapters.json, the
narration as lecture.vtt says it (parsed by webvtt-py), and each clip's last frame decoded here by PyAV
from the first frame on (the render decodes from the last keyframe)."""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest
import webvtt
from office import page_png, pdf_pages, pdf_text, to_pdf
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from derivlib.keyfacts import key_facts
from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes.pipeline.publishing.slides import SLIDE_HEIGHT, SLIDE_WIDTH, STILL_BOX, clock

OUT = Path("renders/lecture/480p15")
#: For the lecture's own parameters, worked out by hand: text each chapter's slide must show.
BY_HAND = {
    "The line": ["f(a) = 3a", "slope = 3", "intercept = 0"],
    "A point": ["f(2) = 6"],
    "The nudge": ["f(2.001) = 6.003", "h = 0.001"],
    "The triangle": ["width = 0.001", "height = 0.003"],
    "Slope = derivative": ["0.003 / 0.001 = 3"],
    "Another point": ["f(5) = 15", "f(5.001) = 15.003"],
    "Notation": ["df(a)/da = 3"],
    "The formal definition": ["h = 0.000001: ratio = 3", "h = 0.000000001: ratio = 3"],
    "Closing": ["df(a)/da = 3"],
}


@pytest.fixture(scope="module")
def folder(lecture_project) -> Path:
    return lecture_project / OUT


@pytest.fixture(scope="module")
def deck(folder):
    return Presentation(str(folder / "lecture.pptx"))


@pytest.fixture(scope="module")
def chapters(folder) -> list[dict]:
    return json.loads((folder / "chapters.json").read_text())


@pytest.fixture(scope="module")
def pdf(folder, tmp_path_factory) -> Path:
    return to_pdf(folder / "lecture.pptx", tmp_path_factory.mktemp("pdf"))


def texts(slide) -> list[str]:
    """Every paragraph of the slide's text, title included."""
    return [p.text for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]


def last_frame(movie: Path) -> np.ndarray:
    with av.open(str(movie)) as container:
        frames = [f for f in container.decode(container.streams.video[0])]
    return np.asarray(frames[-1].to_image())


def test_deck_reads_back(deck, chapters, folder):
    """A title slide, one 16:9 slide per chapter, a closing slide; the document's title and subject."""
    assert (deck.slide_width, deck.slide_height) == (SLIDE_WIDTH, SLIDE_HEIGHT)
    assert deck.slide_width * 9 == deck.slide_height * 16
    slides = list(deck.slides)
    assert len(slides) == len(chapters) + 2
    assert slides[0].shapes.title.text == "Derivatives"
    assert "f(a) = 3a" in texts(slides[0])
    assert slides[-1].shapes.title.text == "Summary"
    core = deck.core_properties
    assert core.title == "Derivatives"
    assert (
        core.subject == "The derivative as a slope: f(a) = 3a; slope 3, intercept 0, points 2,5, nudge 0.001"
    )


def test_each_chapter_has_its_title_still_numbers_and_narration(deck, chapters, folder):
    slides = list(deck.slides)[1:-1]
    cues = list(webvtt.read(str(folder / "lecture.vtt")))
    plan = lecture_plan(Params())
    for number, (slide, chapter, part) in enumerate(zip(slides, chapters, plan.parts, strict=True), start=1):
        assert slide.shapes.title.text == f"{number}. {chapter['title']}"
        shown = texts(slide)
        for line in BY_HAND.get(chapter["title"], []):
            assert line in shown, (chapter["title"], line)
        facts = key_facts(part)
        assert facts.equation in shown and all(line in shown for line in facts.numbers)
        # the still: the clip's last frame, stored as the published PNG
        (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        stem = f"{number:02d}-{chapter['scene']}"
        assert picture.image.blob == (folder / "stills" / f"{stem}.png").read_bytes()
        assert np.array_equal(
            np.asarray(Image.open(folder / "stills" / f"{stem}.png")),
            last_frame(folder / "clips" / f"{stem}.mp4"),
        )
        assert (picture.left, picture.top, picture.width, picture.height) == STILL_BOX
        assert picture._element.nvPicPr.cNvPr.get("descr")  # a text alternative
        # the notes: the chapter's start, then what is said in it, as the subtitles say it
        said = [
            c.text for c in cues if chapter["start"] - 0.001 <= _seconds(c.start) < chapter["end"] - 0.001
        ]
        notes = slide.notes_slide.notes_text_frame.text.split("\n")
        assert notes == [f"Starts at {clock(chapter['start'])}.", *said]
        assert said == [timed.cue.text for timed in part.cues]


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def difference(shown: np.ndarray, still: Path) -> float:
    """The mean difference per channel (0 to 255) between a picture and a still resized to it."""
    height, width = shown.shape[:2]
    resized = Image.open(still).convert("RGB").resize((width, height))
    return float(np.abs(shown - np.asarray(resized, dtype=float)).mean())


def test_libreoffice_shows_the_text_and_the_still(pdf, deck, chapters, folder, tmp_path):
    """LibreOffice converts the deck to one PDF page per slide; a chapter's page carries its title and
    key equation as text, and the still's pixels where the slide puts it (no other still fits as well)."""
    assert pdf_pages(pdf) == len(deck.slides)
    width = 1280
    scale = width / SLIDE_WIDTH
    left, top, box_width, box_height = (round(v * scale) for v in STILL_BOX)
    for index in (3, 5, 9):  # "The nudge", "Slope = derivative", "The formal definition"
        chapter = chapters[index - 1]
        text = pdf_text(pdf, index + 1)
        assert f"{index}. {chapter['title']}" in text
        assert key_facts(lecture_plan(Params()).parts[index - 1]).equation in " ".join(text.split())
        page = Image.open(page_png(pdf, index + 1, tmp_path, width)).convert("RGB")
        shown = np.asarray(page.crop((left, top, left + box_width, top + box_height)), dtype=float)

        stills = [folder / "stills" / f"{i:02d}-{c['scene']}.png" for i, c in enumerate(chapters, start=1)]
        differences = [difference(shown, still) for still in stills]
        own = differences[index - 1]
        assert own < 2, own  # the same picture, up to resampling and the PDF's compression
        assert own == min(differences), differences  # and no other chapter's still fits as well
