"""One real render in another language (the only one of the suite: a scene at low quality, silent):
`derivatives render TheNudge --language de --voice none -q l` publishes the clip in its own folder,
its subtitles German with derivlib's numbers by German's rule; the lecture of that one chapter
assembled from the cache (nothing rendered again) publishes German subtitles, every language's
subtitles on the video's timeline, and a German page; its still is the German picture."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import srt
import webvtt
from lecture_render import derivatives
from PIL import Image

from derivlib.languages import CODES, language_named
from derivlib.lectures import lecture_named
from derivlib.numbers import format_number
from scenes.manifest import entry_for
from scenes.pipeline.command.lecture import render_lecture
from scenes.pipeline.running.scene_render import render_scene
from scenes.pipeline.sound.voice_settings import VoiceSettings

#: the project under test, first on the command's path (a worktree's code, not an installed copy)
ROOT = Path(__file__).resolve().parents[1]
FOLDER = Path("renders/language-de_voice-none/480p15")


def test_a_german_render(tmp_path):
    lecture = lecture_named("derivatives")
    plan = lecture.plan(lecture.defaults, "de", only="nudge")
    german = language_named("de")
    nudged = german.number_text(format_number(plan.part("nudge").nudges[0].a_nudged))
    assert nudged == "2,001"  # (the example: 2.001 in English)

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = derivatives(
        tmp_path, "render", "TheNudge", "--language", "de", "--voice", "none", "-q", "l", env=env
    )
    assert result.returncode == 0, result.stderr
    folder = tmp_path / FOLDER
    assert sorted(p.name for p in (folder / "clips").iterdir()) == ["04-TheNudge.mp4", "04-TheNudge.srt"]
    said = [s.content.replace("\n", " ") for s in srt.parse((folder / "clips/04-TheNudge.srt").read_text())]
    assert said == [c.cue.text for c in plan.part("nudge").cues]
    assert any(nudged in line for line in said) and not any("2.001" in line for line in said)
    # The lecture of that one chapter, from the cache: nothing rendered again, published whole.
    voice = VoiceSettings(engine="none", language="de")
    report = render_lecture(
        plan, "l", folder, voice=voice, cache_root=tmp_path / "renders/.cache", say=lambda _: None
    )
    assert (report.rendered, report.reused, report.published) == ([], ["TheNudge"], True)
    cues = list(webvtt.read(str(folder / "lecture.vtt")))
    assert [c.text for c in cues] == said
    for code in CODES:  # every language, on this video's timeline
        theirs = list(webvtt.read(str(folder / f"lecture.{code}.vtt")))
        assert [(c.identifier, c.start, c.end) for c in theirs] == [
            (c.identifier, c.start, c.end) for c in cues
        ]
    assert (folder / "lecture.de.vtt").read_text() == (folder / "lecture.vtt").read_text()
    english = " ".join(c.text for c in webvtt.read(str(folder / "lecture.en.vtt")))
    assert "2.001" in english and nudged not in english
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.startswith('<!doctype html>\n<html lang="de">')
    assert re.search(r'<option value="de" lang="de" selected>', page)
    assert (folder / "stills/04-TheNudge.png").stat().st_size > 0

    # The picture in German too: the published still (the clip's last frame, decoded) is the German
    # scene's last frame, drawn in process from the German part, and not the English scene's (they
    # differ where the words and numbers are: "2{,}001", "nicht maßstabsgetreu").
    still = np.asarray(Image.open(folder / "stills/04-TheNudge.png").convert("RGB"), dtype=float)
    drawn = {
        code: render_scene(
            entry_for("nudge", "derivatives"),
            lecture.plan(lecture.defaults, code, only="nudge").part("nudge"),
            media_dir=tmp_path / f"media-{code}",
            movie=False,
        )
        .last_frame[..., :3]
        .astype(float)
        for code in ("de", "en")
    }
    off = {code: float(np.abs(still - frame).mean()) for code, frame in drawn.items()}
    assert float(np.abs(drawn["de"] - drawn["en"]).mean()) > 0.2, "the German picture is the English one"
    assert off["de"] < off["en"] / 3, f"the published still is not the German picture: {off}"
