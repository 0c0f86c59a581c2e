"""The narration's voice: synthesised once, heard where its subtitle says, as long as the picture, and
replaceable by a lecturer's own recordings."""

from __future__ import annotations

import json
import os
import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import srt
from lecture_render import copy_project, derivatives, ebur128, render

from derivlib.narration import narration
from derivlib.params import Params
from derivlib.wording import PAUSE_SECONDS
from scenes.pipeline.sound.sound import AUDIO_RATE

OUT = Path("renders/lecture/480p15")
FPS = 15


def decoded(path: Path):
    """(video seconds by decoded frames, audio samples at AUDIO_RATE or None)."""
    with av.open(str(path)) as container:
        frames = sum(1 for _ in container.decode(container.streams.video[0]))
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return frames / FPS, None
        resampler = av.AudioResampler(format="s16", layout="mono", rate=AUDIO_RATE)
        chunks = [
            out.to_ndarray().reshape(-1)
            for f in container.decode(container.streams.audio[0])
            for out in resampler.resample(f)
        ]
    return frames / FPS, np.concatenate(chunks).astype(np.float64)


def test_every_clip_and_the_lecture_carry_sound_as_long_as_their_picture(lecture_project):
    folder = lecture_project / OUT
    for movie in [*sorted(folder.glob("clips/*.mp4")), folder / "lecture.mp4"]:
        seconds, sound = decoded(movie)
        assert sound is not None, movie.name
        assert abs(len(sound) / AUDIO_RATE - seconds) <= 2 / FPS, movie.name


def onset(sound: np.ndarray, after: float, threshold: float = 300.0) -> float:
    """The first 5 ms window louder than *threshold* (RMS) at or after *after* seconds."""
    window = AUDIO_RATE // 200
    start = int(after * AUDIO_RATE)
    for i in range(start, len(sound) - window, window):
        if np.sqrt(np.mean(sound[i : i + window] ** 2)) > threshold:
            return i / AUDIO_RATE
    return float("inf")


def test_each_subtitle_starts_with_its_speech(lecture_project):
    """Heard, not just scheduled: in the lecture's decoded sound, speech begins within 0.1 s of each
    subtitle's start, after the silence of the pause before it."""
    _, sound = decoded(lecture_project / OUT / "lecture.mp4")
    subs = list(srt.parse((lecture_project / OUT / "lecture.srt").read_text(encoding="utf-8")))
    for sub in subs:
        t = sub.start.total_seconds()
        heard = onset(sound, max(0.0, t - float(PAUSE_SECONDS) / 2))
        assert abs(heard - t) <= 0.1, (sub.content, t, heard)


def test_cues_last_their_speech_and_a_pause(lecture_project):
    """Read from the output and the WAVs themselves (with Python's wave module, not the project's
    reader): each published subtitle lasts its speech, and the next cue starts 0.4 s after the speech
    ends (to within half a frame where a clip ends: a clip lasts its cues rounded to whole frames)."""
    import itertools

    import webvtt

    from scenes.pipeline.sound.voice import VoiceReport, speech_for
    from scenes.pipeline.sound.voice_settings import VoiceSettings

    report = VoiceReport()  # (which WAV is which cue's; nothing is synthesised: the render made them)
    speech = speech_for(
        narration(Params()), VoiceSettings(), lecture_project / "renders/.cache/voice", report
    )
    assert report.synthesized == []
    lengths = {}
    for cue_id, s in speech.items():
        with wave.open(str(s.path), "rb") as w:
            lengths[cue_id] = w.getnframes() / w.getframerate()
    folder = lecture_project / OUT
    clip_starts = [c["start"] for c in json.loads((folder / "chapters.json").read_text())]
    cues = list(webvtt.read(str(folder / "lecture.vtt")))
    assert [c.identifier for c in cues] == list(lengths)

    def at(stamp):
        hours, minutes, seconds = stamp.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)

    for a, b in itertools.pairwise(cues):
        assert at(a.end) - at(a.start) == pytest.approx(lengths[a.identifier], abs=0.002)
        gap = at(b.start) - at(a.start) - lengths[a.identifier]
        if any(abs(at(b.start) - start) < 0.002 for start in clip_starts):
            assert gap == pytest.approx(0.4, abs=0.5 / FPS + 0.002)
        else:
            assert gap == pytest.approx(0.4, abs=0.002)


def test_a_second_render_synthesises_nothing(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    report = render(project)
    assert report["synthesized"] == []
    assert len(report["voice_reused"]) == len(narration(Params()))


def test_a_silent_render_is_timed_by_the_estimate_and_has_no_sound(tmp_path):
    report = render(tmp_path, "--voice", "none", "APoint")
    assert report["out"] == "renders/voice-none/480p15"
    movie = tmp_path / report["out"] / "clips" / "03-APoint.mp4"
    seconds, sound = decoded(movie)
    assert sound is None
    estimate = sum(Fraction(c.estimated_seconds) for c in narration(Params()) if c.beat == "point")
    assert seconds == round(estimate * FPS) / FPS


def test_missing_espeak_ng_is_one_clear_message(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # no espeak-ng to be found
    result = derivatives(tmp_path, "render", "-q", "l", "--engine", "espeak-ng", "APoint", env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "derivatives: error: voice: espeak-ng is not installed: install it with `apt-get install espeak-ng` "
        "(scripts/setup does), or render without a voice: --engine none"
    ]
    assert not (tmp_path / "renders/lecture").exists()


def write_tone(path: Path, seconds: float, rate: int = 44100, channels: int = 2) -> None:
    """A recording stand-in: a 220 Hz tone in a WAV of another rate and channel count than espeak's."""
    t = np.arange(int(seconds * rate)) / rate
    samples = (8000 * np.sin(2 * np.pi * 220 * t)).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.repeat(samples, channels).tobytes())


def write_extensible_tone(path: Path, seconds: float, rate: int = 48000, channels: int = 2) -> None:
    """A 24-bit WAV in WAVE_FORMAT_EXTENSIBLE, as ffmpeg and most editors write 24-bit and multichannel
    files (Python's `wave` module cannot read these)."""
    t = np.arange(int(seconds * rate)) / rate
    samples = (2_000_000 * np.sin(2 * np.pi * 220 * t)).astype("<i4")
    frames = np.repeat(samples, channels).astype("<i4").view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    block = 3 * channels
    pcm = b"\x01\x00\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"  # KSDATAFORMAT_SUBTYPE_PCM
    fmt = (
        (0xFFFE).to_bytes(2, "little")
        + channels.to_bytes(2, "little")
        + rate.to_bytes(4, "little")
        + (rate * block).to_bytes(4, "little")
        + block.to_bytes(2, "little")
        + (24).to_bytes(2, "little")
        + (22).to_bytes(2, "little")
        + (24).to_bytes(2, "little")
        + (3).to_bytes(4, "little")
        + pcm
    )
    body = (
        b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"data" + len(frames).to_bytes(4, "little")
    )
    path.write_bytes(b"RIFF" + (len(body) + len(frames)).to_bytes(4, "little") + body + frames)


def test_recorded_wavs_replace_the_synthetic_voice(tmp_path):
    recordings = tmp_path / "voice"
    recordings.mkdir()
    cues = [c for c in narration(Params()) if c.beat == "point"]
    lengths = {c.id: 1.0 + 0.25 * i for i, c in enumerate(cues)}
    first, second = lengths
    write_extensible_tone(recordings / f"{first}.wav", lengths[first])  # 24-bit, 48 kHz, extensible
    write_tone(recordings / f"{second}.wav", lengths[second])  # 16-bit, 44.1 kHz
    with av.open(str(recordings / f"{first}.wav")) as container:  # FFmpeg reads it as 24-bit PCM, stereo
        stream = container.streams.audio[0]
        assert (stream.codec_context.name, stream.channels) == ("pcm_s24le", 2)
    report = render(tmp_path, "--recordings", str(recordings), "APoint")
    assert report["synthesized"] == []
    assert report["out"] == "renders/voice-recorded/480p15"
    folder = tmp_path / report["out"] / "clips"
    subs = list(srt.parse((folder / "03-APoint.srt").read_text()))
    start = 0.0
    for sub, cue in zip(subs, cues, strict=True):
        assert sub.start.total_seconds() == pytest.approx(start, abs=0.002)
        assert sub.end.total_seconds() == pytest.approx(start + lengths[cue.id], abs=0.002)
        start += lengths[cue.id] + float(PAUSE_SECONDS)
    seconds, sound = decoded(folder / "03-APoint.mp4")
    assert seconds == round(start * FPS) / FPS
    assert onset(sound, 0.0) < 0.05 and onset(sound, lengths[cues[0].id] + 0.05) == pytest.approx(
        lengths[cues[0].id] + float(PAUSE_SECONDS), abs=0.05
    )
    # mastered like synthetic speech: the tones were at about -19 and -13 LUFS, 48 and 44.1 kHz
    loudness, true_peak = ebur128(folder / "03-APoint.mp4")
    assert -17 <= loudness <= -15 and true_peak <= -1.0, (loudness, true_peak)


def test_a_missing_recording_is_a_clear_error(tmp_path):
    recordings = tmp_path / "voice"
    recordings.mkdir()
    write_tone(recordings / "point-pick.wav", 1.0)
    result = derivatives(tmp_path, "render", "-q", "l", "--recordings", str(recordings), "APoint")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"derivatives: error: recordings: 1 cue(s) have no recording in {recordings}: point-value "
        "(expected <cue id>.wav; `derivatives transcript --with-ids` lists the ids)"
    ]


def test_an_unreadable_recording_is_a_clear_error(tmp_path):
    recordings = tmp_path / "voice"
    recordings.mkdir()
    write_tone(recordings / "point-pick.wav", 1.0)
    (recordings / "point-value.wav").write_bytes(b"not a wav at all")
    result = derivatives(tmp_path, "render", "-q", "l", "--recordings", str(recordings), "APoint")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        f"derivatives: error: recordings: {recordings / 'point-value.wav'} is not a readable WAV file"
    )


def test_a_recording_cut_short_is_refused_not_padded(tmp_path):
    recordings = tmp_path / "voice"
    recordings.mkdir()
    write_tone(recordings / "point-pick.wav", 1.0)
    write_tone(recordings / "point-value.wav", 2.0)
    whole = (recordings / "point-value.wav").read_bytes()
    (recordings / "point-value.wav").write_bytes(whole[: len(whole) // 2])  # the header still says 2 s
    result = derivatives(tmp_path, "render", "-q", "l", "--recordings", str(recordings), "APoint")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"derivatives: error: recordings: {recordings / 'point-value.wav'} is cut short: its header "
        "promises 2.000 s of sound, it holds 1.000 s"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rate", "20"], "rate: "),
        (["--rate", "١٢٠"], "rate: "),  # digits, but not ASCII ones
        (["--rate", "fast"], "rate: "),
        (["--engine", "festival"], "engine: "),
        (["--voice", "en us; rm"], "voice: "),
        (["--engine", "recorded"], "recordings: "),
    ],
)
def test_bad_voice_settings_fail_cleanly(tmp_path, args, message):
    result = derivatives(tmp_path, "render", "-q", "l", *args, "APoint")
    assert result.returncode == 2
    assert result.stderr.startswith(f"derivatives: error: {message}")
    assert not (tmp_path / "renders").exists() or not any((tmp_path / "renders").rglob("*.mp4"))


def test_jobs_takes_ascii_digits_only(tmp_path):
    result = derivatives(tmp_path, "render", "-q", "l", "-j", "٢", "APoint")
    assert result.returncode == 2
    assert "argument -j/--jobs: expected a whole number of at least 1, got '٢'" in result.stderr
    assert not (tmp_path / "renders").exists()


def test_the_variable_a_is_said_as_the_letter_not_the_article():
    """espeak-ng reads a written 'a' as the article ('uh', a#); the variable is said as the letter (eI).
    Read from espeak-ng's own phonemes for the cue 'Now give a a tiny nudge ...'."""
    import subprocess

    (cue,) = [c for c in narration(Params()) if c.id == "nudge-move"]
    assert cue.text.startswith("Now give a a tiny nudge")
    phonemes = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", "en-us", cue.spoken], capture_output=True, text=True, check=True
    ).stdout.split()
    give = phonemes.index("g'Iv")
    assert phonemes[give + 1 : give + 3] == ["'eI", "a#"]  # the variable, then the article
    assert phonemes[phonemes.index("bIk,Vmz") - 1] == "'eI"  # "so that a becomes": the letter again


def test_another_rate_is_said_again_at_that_pace(tmp_path):
    """The same cue at another --rate is synthesised again, not taken from the cache made at the first
    rate: a viewer who asked for a slower voice hears a slower voice. (espeak-ng, two cues, no render.)"""
    from scenes.pipeline.sound.voice import VoiceReport, speech_for
    from scenes.pipeline.sound.voice_settings import VoiceSettings

    cues = [c for c in narration(Params()) if c.beat == "point"]
    cache = tmp_path / "voice"
    normal, slow = VoiceReport(), VoiceReport()
    at_165 = speech_for(cues, VoiceSettings(engine="espeak-ng", rate=165), cache, normal)
    at_100 = speech_for(cues, VoiceSettings(engine="espeak-ng", rate=100), cache, slow)
    assert slow.synthesized == [c.id for c in cues], (
        f"at rate 100 the cues {slow.reused} were taken from the cache made at rate 165: the voice keeps "
        "its old pace"
    )
    for cue in cues:
        assert at_100[cue.id].seconds > 1.3 * at_165[cue.id].seconds, (
            f"{cue.id} lasts {at_100[cue.id].seconds:.2f} s at rate 100 and {at_165[cue.id].seconds:.2f} s at 165"
        )
