"""Scenes drawn in another language, from a part of a plan in that language (three stills): the German
nudge writes derivlib's numbers by German's rule (a decimal comma, set as {,} in TeX) and its
"not to scale" in German, in the frame; a Chinese title is set in CJK glyphs that are drawn; no English
word of the catalogs is left on screen; and the scenes type no word of their own."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import manimpango
import numpy as np
import pytest
from babel.numbers import parse_decimal
from test_labels import small_texts
from test_scenes import _apart_and_inside

from derivlib.catalog import SCREEN
from derivlib.languages import SOURCE, language_named
from derivlib.lectures import lecture_named, lectures
from derivlib.lectures.messages import catalogs
from scenes import style as S
from scenes.common import TextBox
from scenes.manifest import entry_for
from scenes.nudge import TheNudge
from scenes.pipeline.running.scene_render import render_scene

ROOT = Path(__file__).resolve().parents[2]
#: (language, lecture, beat): the stills this file renders
STILLS = [
    ("de", "derivatives", "nudge"),
    ("zh-Hans", "derivatives", "opening"),
    ("zh-Hans", "derivatives", "slope"),
]
_rendered: dict = {}


@pytest.fixture(scope="module")
def rendered(media, tex_dir):
    def get(code: str, lecture: str, beat: str):
        if (code, lecture, beat) not in _rendered:
            chosen = lecture_named(lecture)
            part = chosen.plan(chosen.defaults, code).part(beat)
            _rendered[code, lecture, beat] = render_scene(
                entry_for(beat, lecture),
                part,
                quality="l",
                media_dir=media / f"{code}-{lecture}",
                movie=False,
                record_cue_frames=True,
                tex_dir=tex_dir,
            )
        return _rendered[code, lecture, beat]

    return get


def words_of(text: str) -> str:
    """A text on screen without its TeX commands (\\frac, \\text, \\rightarrow ...)."""
    return re.sub(r"\\[A-Za-z]+", " ", text)


def english_words() -> set[str]:
    """Every English word of three letters or more of the screen words and the titles of every lecture
    that a translation does not also use (from the catalogs, not a list typed here)."""
    english, translated = set(), set()
    for lecture in lectures():
        for catalog in catalogs([lecture]):
            for message_id in catalog.ids():
                if message_id.split(".")[0] == SCREEN:
                    english |= set(
                        re.findall(r"[A-Za-z']{3,}", re.sub(r"\{\w+\}", "", catalog.text(message_id)))
                    )
        english |= set(re.findall(r"[A-Za-z']{3,}", lecture.title))
        for code in ("de", "zh-Hans"):
            words = lecture.words_in(code)
            for catalog in catalogs([lecture]):
                for message_id in catalog.ids():
                    table, name, *variant = message_id.split(".")
                    if table == SCREEN:
                        translated |= set(re.findall(r"[A-Za-z']{3,}", words.screen(name, *variant)))
    return english - translated


def english_on_screen(texts) -> set[str]:
    found = set()
    for t in texts:
        words = words_of(t.text)
        found |= {w for w in english_words() if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", words)}
    return found


def test_the_english_check_sees_english():
    """The check finds the English screen words where they are (so its silence below means something)."""
    english = lecture_named("derivatives").words_in(SOURCE)
    shown = [TextBox(english.screen("not_to_scale"), 0, 1, 0, 1), TextBox(r"\text{width}=0.001", 0, 1, 0, 1)]
    assert len(english_words()) > 30
    assert english_on_screen(shown) >= {"scale", "width"}


def test_scenes_type_no_word_and_ask_for_words_the_catalogs_have():
    """Every word a scene writes is a message of the catalogs: no \\text{...} with letters, no Tex or Text
    made in a scene, and every name asked of the writer is a screen message of some lecture."""
    names = {
        message_id.split(".")[1]
        for lecture in lectures()
        for catalog in catalogs([lecture])
        for message_id in catalog.ids()
        if message_id.startswith(SCREEN + ".")
    }
    asked = set()
    for path in sorted((ROOT / "scenes").glob("*.py")):
        if path.name in ("writing.py", "style.py"):
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\\\\?text\{[^}]*[A-Za-z]", source), f"{path.name} types words into a formula"
        assert not re.search(r"\b(Tex|Text|MathTex)\(", source), f"{path.name} sets text itself"
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("words", "text", "lines", "over", "formula")
            ):
                asked |= {
                    a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                }
    assert asked and asked <= names, asked - names


def test_the_german_nudge_writes_numbers_and_words_in_german(rendered):
    """At the end of the beat: derivlib's a + h and f(a + h), read back from the scene's TeX with German's
    number parser, written with a decimal comma set as {,}; no number with a decimal point; and German's
    'not to scale' in the frame, drawn."""
    still = rendered("de", "derivatives", "nudge")
    scene, last = still.scene, still.scene.snapshots[-1]
    n = scene.part.nudges[0]
    maths = [t.text for t in last.texts if "\\" in t.text or "=" in t.text or re.search(r"\d", t.text)]
    written = {m for t in maths for m in re.findall(r"-?\d+(?:\{,\}\d+)?", t)}
    numbers = {parse_decimal(w.replace("{,}", ","), locale="de", strict=True) for w in written}
    assert {n.a_nudged, n.f_nudged} <= numbers
    assert any("{,}" in w for w in written) and not [t for t in maths if re.search(r"\d\.\d", t)]
    assert n.a_nudged != int(n.a_nudged)  # (so the comma is there to be seen)

    note = lecture_named("derivatives").words_in("de").screen("not_to_scale")
    assert note != lecture_named("derivatives").words_in(SOURCE).screen("not_to_scale")
    [box] = [t for t in last.texts if t.text == note and t.opacity > 0]
    left, right, bottom, top = last.view
    assert left <= box.left and box.right <= right and bottom <= box.bottom and box.top <= top
    assert ink(still.last_frame, box, last.view) > 0.02


@pytest.mark.parametrize(("code", "lecture", "beat"), STILLS)
def test_no_english_left_and_the_text_apart_inside_and_readable(rendered, code, lecture, beat):
    scene = rendered(code, lecture, beat).scene
    assert scene.part.language == code
    wrong = {}
    for snap in scene.snapshots:
        scale = (snap.view[1] - snap.view[0]) / S.FRAME_WIDTH
        found = _apart_and_inside(snap, scale) + small_texts(snap) * (snap.moment == "end")
        found += [
            f"English: {w}" for w in sorted(english_on_screen([t for t in snap.texts if t.opacity > 0]))
        ]
        if found:
            wrong[f"{snap.cue} ({snap.moment})"] = found
    assert wrong == {}


def test_a_chinese_title_is_drawn_in_cjk_glyphs(rendered):
    """The opening's title is the lecture's Chinese title, set in the screen font (installed), each of its
    characters a CJK ideograph with an outline of its own (not the same missing-glyph box), with ink."""
    font = language_named("zh-Hans").screen_font
    assert font in manimpango.list_fonts(), f"{font} is not installed (scripts/setup installs fonts-noto-cjk)"
    still = rendered("zh-Hans", "derivatives", "opening")
    title = lecture_named("derivatives").title_in("zh-Hans")
    assert all(unicodedata.name(c).startswith("CJK UNIFIED IDEOGRAPH") for c in title)
    [mob] = [m for m in still.scene.mobjects if getattr(m, "text", None) == title]
    outlines = {c: mob.submobjects[i].points - mob.submobjects[i].get_center() for i, c in enumerate(title)}
    distinct = sorted(set(title))
    assert len(distinct) > 1
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            assert outlines[a].shape != outlines[b].shape or not np.allclose(outlines[a], outlines[b])
    last = still.scene.snapshots[-1]
    [box] = [t for t in last.texts if t.text == title]
    assert ink(still.last_frame, box, last.view) > 0.1


def ink(frame: np.ndarray, box: TextBox, view) -> float:
    """The share of the pixels in *box* (scene units, in the camera's *view*) that are lit."""
    left, right, bottom, top = view
    height, width = frame.shape[:2]
    cols = slice(
        int((box.left - left) / (right - left) * width), int((box.right - left) / (right - left) * width) + 1
    )
    rows = slice(
        int((top - box.top) / (top - bottom) * height), int((top - box.bottom) / (top - bottom) * height) + 1
    )
    patch = frame[rows, cols, :3].astype(int)
    return float((patch.max(axis=2) > 96).mean())


def test_the_numbers_in_a_formula_keep_their_digits():
    """as_tex changes separators only: each language's TeX has the digits of derivlib's text, in order."""
    written = r"\frac{0.003}{0.001} ≈ -1234567.25 × 10⁻¹⁸"
    for code in ("de", "fr", "zh-Hans", "pt-BR", "es"):
        tex = S.as_tex(written, language_named(code))
        assert re.sub(r"\D", "", tex) == re.sub(r"\D", "", S.as_tex(written))
        assert not re.search(r"\d,\d", tex)  # a comma in a number is TeX's {,}
        assert ("567{,}25" in tex) == (code != "zh-Hans") and ("567.25" in tex) == (code == "zh-Hans")


def test_a_scene_is_built_in_a_language():
    """By keyword or by a variant's class attribute (its plan in that language), or from a part of a plan
    in that language; a part of one language with another asked for is refused."""

    class FrenchNudge(TheNudge):
        language = "fr"

    lecture = lecture_named("derivatives")
    assert TheNudge(language="de").part.language == "de"
    assert FrenchNudge().part == lecture.plan(lecture.defaults, "fr").part("nudge")
    chinese = lecture.plan(lecture.defaults, "zh-Hans").part("nudge")
    assert TheNudge(chinese).writer.language.code == "zh-Hans"
    with pytest.raises(ValueError, match="'zh-Hans'"):
        TheNudge(chinese, language="de")
