"""The words on screen as catalog messages, without rendering: every lecture finds each of its screen
words in every language (its own catalog's or the one it shares), with the English's fields; and a
part knows the language it is drawn in, which its cache key (describe, digest) tells apart."""

from dataclasses import replace

import pytest

from derivlib.catalog import SCREEN
from derivlib.languages import CODES, SOURCE
from derivlib.lectures import lectures
from derivlib.lectures.messages import catalogs, fields

OTHERS = [code for code in CODES if code != SOURCE]


def screen_ids(lecture):
    """The screen words a lecture's scenes can ask for: its catalog's and its fallbacks' (id, variant)."""
    out = set()
    for catalog in catalogs([lecture]):
        for message_id in catalog.ids():
            table, name, *variant = message_id.split(".")
            if table == SCREEN:
                out.add((name, *variant))
    return out


def test_every_lecture_has_screen_words():
    for lecture in lectures():
        assert screen_ids(lecture), f"{lecture.name} writes no words of its catalog on screen"


@pytest.mark.parametrize("code", OTHERS)
def test_each_lectures_screen_words_in_each_language(code):
    """From each lecture's own catalog in that language (a lecture that shares another's words finds
    those too): the same fields as the English, and not the English's words."""
    for lecture in lectures():
        english, other = lecture.words_in(SOURCE), lecture.words_in(code)
        for name, *variant in screen_ids(lecture):
            mine, theirs = english.screen(name, *variant), other.screen(name, *variant)
            assert fields(theirs) == fields(mine), (lecture.name, name)
            words = [w for w in mine.replace("{", " {").split() if not w.startswith("{") and w.isalpha()]
            if words:
                assert theirs != mine, (lecture.name, name, code)


@pytest.mark.parametrize("lecture", lectures(), ids=lambda lecture: lecture.name)
def test_a_part_is_drawn_in_its_plans_language(lecture):
    """Every part of a plan in a language says so; a part that differs only in its language describes
    and digests differently (two cache keys), and the same beat in the same language alike."""
    english, german = lecture.plan(lecture.defaults), lecture.plan(lecture.defaults, "de")
    assert {p.language for p in english.parts} == {SOURCE}
    assert {p.language for p in german.parts} == {"de"}
    again = lecture.plan(lecture.defaults, "de")
    for mine, theirs, same in zip(english.parts, german.parts, again.parts, strict=True):
        assert mine.describe()["language"] == SOURCE and theirs.describe()["language"] == "de"
        assert replace(mine, language="de").digest() != mine.digest()
        assert theirs.digest() == same.digest()
