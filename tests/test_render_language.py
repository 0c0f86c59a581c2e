"""A render in another language, without rendering: the language flows once from the command line, a
TOML file or a batch row into the plan, the voice, the folder and the job (whose worker builds its
part in it, by the digest check); the voice speaks the lecture's language or is refused in one line
naming it; the page and the slides are in the language, their words from the catalog."""

from __future__ import annotations

import json
import re
import wave
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from pptx import Presentation

from derivlib.keyfacts import key_facts
from derivlib.languages import CODES, SOURCE, language_named
from derivlib.lectures import lecture_named, lectures
from derivlib.numbers import ParameterError
from derivlib.params import Params
from scenes.manifest import entry_for, scenes_of
from scenes.pipeline.command.arguments import (
    LANGUAGE_KEY,
    PARAMETER_KEYS,
    VOICE_KEYS,
    variant_settings,
    voice_from_args,
)
from scenes.pipeline.command.batchfile import BatchError, read_batch
from scenes.pipeline.command.cli import build_parser, stills_folder
from scenes.pipeline.publishing.languages import language_versions
from scenes.pipeline.publishing.page import DOWNLOADS, PageInputs, lecture_page
from scenes.pipeline.publishing.slides import ChapterSlide, clock, write_slides
from scenes.pipeline.publishing.timeline import Chapter, TimedText
from scenes.pipeline.publishing.words import WORDS, check, words
from scenes.pipeline.running.jobs import Job
from scenes.pipeline.running.runner import job_spec
from scenes.pipeline.running.schema import JobSpec
from scenes.pipeline.running.worker import part_for
from scenes.pipeline.settings import output_folder, variant_name
from scenes.pipeline.sound.piper_voice import find_model
from scenes.pipeline.sound.voice import check_recordings, recording_name
from scenes.pipeline.sound.voice_check import check_voice
from scenes.pipeline.sound.voice_settings import VoiceSettings

DERIVATIVES = lecture_named("derivatives")


def args(*argv: str):
    return build_parser().parse_args(["render", *argv])


# --- the job ---------------------------------------------------------------------------------------


def test_the_job_carries_the_language_and_its_worker_builds_the_part_in_it(tmp_path):
    plan = DERIVATIVES.plan(DERIVATIVES.defaults, "de")
    job = Job(entry_for("nudge", plan.lecture), plan, "l")
    spec = JobSpec.from_json(job_spec(job, tmp_path, tmp_path, tmp_path, 60.0).to_json())
    assert spec.language == "de"
    part = part_for(spec)
    assert part.digest() == plan.part("nudge").digest()
    assert [c.cue.text for c in part.cues] == [c.cue.text for c in plan.part("nudge").cues]
    said = language_named("de").number_text(str(plan.part("nudge").nudges[0].a_nudged))
    assert said == "2,001" and any(said in c.cue.text for c in part.cues)
    for other in ("en", "fr"):  # the same job told another language: not the part the render planned
        with pytest.raises(RuntimeError, match="not the one the render planned"):
            part_for(JobSpec.from_dict({**json.loads(spec.to_json()), "language": other}))


@pytest.mark.parametrize("lecture", [lecture.name for lecture in lectures()])
def test_every_clip_has_a_key_of_its_own_in_each_language(lecture):
    """A scene's part in French is not its part in English (its words, titles and numbers differ), and
    its clip's cache key differs: a French render never takes an English clip from the cache."""
    chosen = lecture_named(lecture)
    plans = {code: chosen.plan(chosen.defaults, code) for code in CODES}
    for entry in scenes_of(lecture):
        if not plans[SOURCE].has(entry.beat.id):
            continue
        parts = {code: plan.part(entry.beat.id).digest() for code, plan in plans.items()}
        keys = {code: Job(entry, plan, "l").key for code, plan in plans.items()}
        assert len(set(parts.values())) == len(CODES), entry.name
        assert len(set(keys.values())) == len(CODES), entry.name


# --- the voice -------------------------------------------------------------------------------------


def test_another_language_is_said_by_espeak_ngs_voice_for_it_by_default():
    for code in CODES:
        voice = voice_from_args(args("--language", code))
        expected = ("piper", "joe") if code == SOURCE else ("espeak-ng", language_named(code).espeak)
        assert (voice.engine, voice.voice, voice.language) == (*expected, code)
    assert voice_from_args(args("--language", "fr", "--voice", "fr-be")).engine == "espeak-ng"
    assert voice_from_args(args("--language", "de", "--voice", "mine.onnx")).engine == "piper"
    assert voice_from_args(args("--language", "de", "--voice", "none")).silent


def test_a_voice_of_another_language_is_refused_naming_the_voice(tmp_path):
    cues = DERIVATIVES.plan(DERIVATIVES.defaults, "fr").cues
    for argv, why in [
        (("--engine", "espeak-ng", "--voice", "en-us"), "the espeak-ng voice 'en-us' does not speak fr"),
        (("--voice", "joe"), "the Piper voice 'joe' speaks en-us (its config's espeak voice), not fr"),
        (("--engine", "piper"), "the Piper voice 'joe' speaks en-us"),
    ]:
        with pytest.raises(ParameterError) as refused:
            check_voice(voice_from_args(args("--language", "fr", *argv)), cues)
        assert refused.value.parameter == "voice" and why in refused.value.reason, refused.value.reason
        assert "\n" not in str(refused.value)
    # and the other way round: an English lecture said by a German voice
    with pytest.raises(ParameterError, match="does not speak en"):
        check_voice(VoiceSettings(engine="espeak-ng", voice="de"), cues)


def test_a_piper_model_is_taken_for_the_language_its_config_phonemizes(tmp_path):
    """A Piper model of the user's own speaks the language of its config's espeak-ng voice: a model
    for German (here joe's network with a German config: the check reads the config) is taken for a
    German lecture and refused for a French one."""
    joe = find_model("joe")
    model = tmp_path / "de_DE-mine.onnx"
    model.symlink_to(joe.model)
    config = json.loads(joe.config.read_text(encoding="utf-8"))
    config["espeak"]["voice"] = "de"
    Path(f"{model}.json").write_text(json.dumps(config), encoding="utf-8")
    assert find_model(str(model), language_named("de")).name == str(model)
    with pytest.raises(ParameterError) as refused:
        find_model(str(model), language_named("fr"))
    assert refused.value.parameter == "voice" and f"{model}' speaks de" in refused.value.reason
    settings = voice_from_args(args("--language", "de", "--voice", str(model)))
    assert (settings.engine, settings.variant_suffix()) == ("piper", "engine-piper_voice-de_DE-mine")


def _tone(path: Path) -> None:
    t = np.arange(4000) / 8000
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000)
        w.writeframes((0.3 * np.sin(2 * np.pi * 220 * t) * 32767).astype(np.int16).tobytes())


def test_recordings_are_named_by_their_language(tmp_path):
    """A lecturer's recordings of a French lecture are <cue id>.fr.wav; a folder of English ones
    (<cue id>.wav) is refused for it in one line saying so, and the other way round."""
    cues = DERIVATIVES.plan(DERIVATIVES.defaults, "fr").part("point").cues
    cues = [c.cue for c in cues]
    for cue in cues:
        _tone(tmp_path / recording_name(cue.id))
    with pytest.raises(ParameterError) as refused:
        check_recordings(cues, tmp_path, "fr")
    assert refused.value.parameter == "recordings"
    assert "expected <cue id>.fr.wav; it holds recordings in en, not fr" in refused.value.reason
    assert "derivatives transcript --language fr --with-ids" in refused.value.reason
    for cue in cues:
        (tmp_path / recording_name(cue.id)).rename(tmp_path / recording_name(cue.id, "fr"))
    assert [p.name for p in check_recordings(cues, tmp_path, "fr")] == [f"{c.id}.fr.wav" for c in cues]
    with pytest.raises(ParameterError, match="it holds recordings in fr, not en"):
        check_recordings(cues, tmp_path)


# --- the folder ------------------------------------------------------------------------------------


def test_a_language_has_folders_of_its_own():
    english = output_folder(Params(), VoiceSettings(), "l")
    folders = {code: output_folder(Params(), VoiceSettings(language=code), "l") for code in CODES}
    assert folders[SOURCE] == english == Path("renders/lecture/480p15")
    assert folders["pt-BR"] == Path("renders/language-pt-BR/480p15")
    assert len(set(folders.values())) == len(CODES)
    # the default voice of a language is not named; any other voice is, after the language
    silent = VoiceSettings(engine="none", language="fr")
    assert variant_name(Params.from_strings(nudge="0.01"), silent) == "nudge-0.01_language-fr_voice-none"
    more = lecture_named("more-examples")
    assert variant_name(more.defaults, VoiceSettings(voice="de", language="de"), more.name) == (
        "more-examples_language-de"
    )
    with pytest.raises(ValueError):
        variant_name(Params(), VoiceSettings(language="fr"), language="de")
    assert stills_folder("derivatives", "fr") == Path("docs/stills/fr")
    assert stills_folder("derivatives", SOURCE) == Path("docs/stills")


def test_a_batch_row_takes_a_language(tmp_path):
    keys = ("lecture", *PARAMETER_KEYS, *VOICE_KEYS, LANGUAGE_KEY)
    batch = tmp_path / "b.toml"
    batch.write_text(
        '[[variant]]\nvoice = "none"\n\n[[variant]]\nvoice = "none"\nlanguage = "de"\n\n'
        '[[variant]]\nlanguage = "fr"\nengine = "espeak-ng"\nvoice = "en-gb"\n'
    )
    with pytest.raises(BatchError) as refused:
        read_batch(
            batch, settings=variant_settings, settings_keys=keys, default_quality="l", renders=tmp_path
        )
    assert refused.value.lines == [
        "variant 3: voice: the espeak-ng voice 'en-gb' does not speak fr, the lecture's language "
        "(espeak-ng's voice for it is fr-fr)"
    ]
    batch.write_text(batch.read_text().split("\n\n[[variant]]\nlanguage")[0] + "\n")
    variants, _ = read_batch(
        batch, settings=variant_settings, settings_keys=keys, default_quality="l", renders=tmp_path
    )
    assert [(v.plan.language, v.voice.language, v.out.relative_to(tmp_path)) for v in variants] == [
        ("en", "en", Path("voice-none/480p15")),
        ("de", "de", Path("language-de_voice-none/480p15")),
    ]


# --- the page and the slides -----------------------------------------------------------------------


def test_every_word_of_the_page_and_slides_is_translated():
    assert check() == []
    english = {f"{section}.{name}" for section, table in WORDS.tables.items() for name in table}
    for code in CODES:
        say = words(code)
        for message_id in english:
            assert say(message_id, **dict.fromkeys(re.findall(r"\{(\w+)\}", WORDS.text(message_id)), "x"))


def _cues(plan):
    """The plan's cues on a made-up timeline, a second each."""
    return [TimedText(c.id, c.text, Fraction(i), Fraction(i + 1)) for i, c in enumerate(plan.cues)]


def test_the_page_is_in_the_lectures_language(tmp_path):
    plan = DERIVATIVES.plan(DERIVATIVES.defaults, "de")
    cues = _cues(plan)
    versions = language_versions(plan, [p.beat.id for p in plan.parts], cues)
    for name in [name for name, *_ in DOWNLOADS] + [f for v in versions for f in v.files]:
        (tmp_path / name).write_text("x")
    groups, at = [], 0
    for part in plan.parts:
        groups.append(cues[at : at + len(part.cues)])
        at += len(part.cues)
    chapters = [
        Chapter(p.beat.title, p.beat.id, float(g[0].start), float(g[-1].end))
        for p, g in zip(plan.parts, groups, strict=True)
    ]
    page = lecture_page(
        PageInputs(
            folder=tmp_path,
            formula=key_facts(plan.parts[0], "de").equation,
            parameters=plan.params.as_strings(),
            voice={"engine": "none"},
            quality="480p15",
            versions={"derivatives-lecture": "1"},
            cues=groups,
            chapters=chapters,
            stills=[],
            title=DERIVATIVES.title_in("de"),
            languages=versions,
            language="de",
        )
    )
    say = words("de")
    assert page.startswith('<!doctype html>\n<html lang="de">')
    for message_id in ("page.chapters", "page.transcript", "page.parameters", "page.downloads", "page.skip"):
        assert f">{say(message_id)}<" in page, message_id
    assert '<option value="de" lang="de" selected>Deutsch</option>' in page
    assert '<div id="transcript" tabindex="-1" lang="de">' in page
    assert ">1,25×<" in page  # the speed menu's numbers by German's rule
    data = json.loads(re.search(r'id="lecture-data">(.*?)</script>', page).group(1))
    assert data["language"] == "de" and data["chaptersLabel"] == "Kapitel"
    assert [c["text"] for c in data["cues"]] == [c.text for c in plan.cues]
    visible = re.sub(r"<script.*?</script>|<dl.*?</dl>|<[^>]+>", " ", page, flags=re.S)
    english_words = {
        words(SOURCE)(m) for m in ("page.chapters", "page.transcript", "page.downloads", "page.speed")
    }
    assert not [w for w in english_words if re.search(rf"\b{w}\b", visible)]


def test_the_slides_are_in_the_lectures_language(tmp_path):
    from PIL import Image

    plan = DERIVATIVES.plan(DERIVATIVES.defaults, "fr")
    still = tmp_path / "still.png"
    Image.new("RGB", (16, 9)).save(still)
    slides = [ChapterSlide(p.beat.title, 10.0 * i, 10.0 * i + 10, p, still) for i, p in enumerate(plan.parts)]
    write_slides(plan, slides, plan.params.as_strings(), "480p15", "1", tmp_path / "deck.pptx")
    deck = Presentation(str(tmp_path / "deck.pptx"))
    shown = [s for s in deck.slides]
    assert shown[0].shapes.title.text == DERIVATIVES.title_in("fr") == "Les dérivées"
    assert shown[-1].shapes.title.text == words("fr")("slides.summary")
    index = [p.beat.id for p in plan.parts].index("triangle")
    triangle = shown[1 + index]
    texts = [p.text for s in triangle.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    facts = key_facts(plan.part("triangle"), "fr")
    assert facts.equation in texts and all(line in texts for line in facts.numbers)
    assert "hauteur : largeur = 0,003 : 0,001" in texts  # derivlib's numbers, by French rule
    notes = triangle.notes_slide.notes_text_frame.text.split("\n")
    start = words("fr")("slides.starts", time=clock(10.0 * index, "fr"))
    assert start == "Commence à 0:40,0."
    assert notes == [start, *(c.cue.text for c in plan.part("triangle").cues)]
    assert deck.core_properties.language == "fr"
