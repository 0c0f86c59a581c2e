"""Every language's subtitles and transcript on the video's timeline, without rendering: the
translated lecture has the video's cues (same ids, same times), each language's words and chapter
titles, and a cue without its words in a language stops the assembly rather than leave a gap."""

from fractions import Fraction

import pytest
import webvtt

from derivlib.languages import CODES, languages
from derivlib.lectures import lectures
from scenes.pipeline.publishing.languages import in_language, language_versions, write_language_files
from scenes.pipeline.publishing.timeline import TimedText


def timed(plan):
    """The plan's cues on a made-up timeline (two seconds each), as the video's would be."""
    return [TimedText(c.id, c.text, Fraction(2 * i), Fraction(2 * i + 1)) for i, c in enumerate(plan.cues)]


@pytest.mark.parametrize("lecture", lectures(), ids=lambda lecture: lecture.name)
def test_each_language_keeps_the_videos_cues_and_times(lecture, tmp_path):
    plan = lecture.plan(lecture.defaults)
    cues = timed(plan)
    beats = [p.beat.id for p in plan.parts]
    versions = language_versions(plan, beats, cues)
    assert [(v.code, v.label) for v in versions] == [(lang.code, lang.label) for lang in languages()]
    write_language_files(versions, tmp_path)
    for version in versions:
        said = lecture.plan(lecture.defaults, version.code)
        assert [(c.id, c.start, c.end) for c in version.cues] == [(c.id, c.start, c.end) for c in cues]
        assert [c.text for c in version.cues] == [c.text for c in said.cues]
        assert version.chapters == tuple(p.beat.title for p in said.parts)
        vtt = webvtt.read(str(tmp_path / f"lecture.{version.code}.vtt"))
        assert [c.text for c in vtt] == [c.text for c in said.cues]
        assert (tmp_path / f"transcript.{version.code}.txt").read_text(encoding="utf-8") == said.transcript()
        assert (tmp_path / f"lecture.{version.code}.srt").is_file()
    assert versions[0].cues == tuple(cues) and len({v.transcript for v in versions}) == len(CODES)


def test_a_cue_missing_in_a_language_is_an_error():
    lecture = lectures()[0]
    plan = lecture.plan(lecture.defaults)
    cues = timed(plan)
    german = lecture.plan(lecture.defaults, "de").cues
    with pytest.raises(ValueError, match="nudge-moves"):
        in_language(cues, [c for c in german if c.id != "nudge-moves"])
    with pytest.raises(ValueError):
        in_language(cues[:-1], german)


def test_a_font_has_chinese_characters():
    """scripts/setup installs a CJK font: without one the Chinese captions and transcript are boxes."""
    import subprocess

    fonts = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=True)
    assert fonts.stdout.strip()
