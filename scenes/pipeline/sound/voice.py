"""The narration's voice: each cue's spoken form (from derivlib) as a WAV file, whose length times the cue.

Engines:
  piper      the default: a natural neural voice (Piper, offline, on the CPU; scenes.pipeline.sound.piper_voice)
  espeak-ng  Debian's espeak-ng: a formant synthesizer, many languages, the smallest install
  recorded   a folder of WAV files named by cue id (`derivatives transcript --with-ids` lists them),
             e.g. a lecturer's own recording of the script (in another language, <cue id>.<lang>.wav)
  none       no audio: cues last as long as their words take at a natural pace (derivlib's estimate)

Every cue's speech is mastered (scenes.pipeline.sound.mastering: 48 kHz, -16 LUFS, peaks under -1 dBTP) and
cached in renders/.cache/voice under a hash of the engine and its version, the voice (a Piper model by
its SHA-256), the rate, the mastering and the text (a recording by its SHA-256): never made twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from derivlib.languages import CODES, SOURCE, language_named
from derivlib.narration import Cue
from derivlib.numbers import ParameterError
from scenes.pipeline.errors import RenderError
from scenes.pipeline.files import PART_PREFIX, sha256_file, write_atomically
from scenes.pipeline.sound import piper_voice
from scenes.pipeline.sound.mastering import (
    MASTERING,
    Silent,
    master,
    read_samples,
    resample,
    trim_silence,
    write_wav,
)
from scenes.pipeline.sound.voice_settings import VoiceSettings

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MAX_RECORDING_BYTES",
    "MAX_RECORDING_SECONDS",
    "BadWav",
    "Speech",
    "VoiceReport",
    "check_espeak_voice",
    "check_recordings",
    "espeak_version",
    "recording_name",
    "speech_for",
    "wav_seconds",
]

#: A cue's recording is at most this long (the longest cue, 50 words, is 30 s said slowly): mastering
#: holds about 5 MB a second of it (0.6 GB at most); a larger file is refused before it is decoded.
MAX_RECORDING_SECONDS, MAX_RECORDING_BYTES = 120, 256 << 20


@dataclass(frozen=True)
class Speech:
    """One cue's audio: the WAV file and its length in seconds (from the file's own frame count)."""

    path: Path
    seconds: float
    sha256: str


@dataclass
class VoiceReport:
    synthesized: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    #: what synthesis took (wall-clock seconds, the model's loading included) and the speech it made
    synthesis_seconds: float = 0.0
    speech_seconds: float = 0.0


class BadWav(ValueError):
    """A sound file that cannot be used, and why (one line)."""


def _declared_frames(path: Path) -> int | None:
    """The frames a RIFF/WAVE file's header says its data chunk holds (None when it is not RIFF/WAVE)."""
    with path.open("rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        block_align = None
        while chunk := f.read(8):
            if len(chunk) < 8:
                break
            name, size = chunk[:4], int.from_bytes(chunk[4:], "little")
            if name == b"fmt ":
                fmt = f.read(size)
                if len(fmt) >= 14:
                    block_align = int.from_bytes(fmt[12:14], "little")
                if size % 2:
                    f.read(1)
            elif name == b"data":
                return size // block_align if block_align else None
            else:
                f.seek(size + size % 2, 1)
    return None


def wav_seconds(path: Path) -> float:
    """Length of a sound file, by what really decodes (PyAV reads any WAV: 8 to 32 bits, float, mono or
    more channels, WAVE_FORMAT_EXTENSIBLE). A BadWav when it holds no sound, cannot be read, or is a
    WAV whose header claims more than the file holds (cut short, as by a full disk)."""
    import av  # (PyAV: loaded only when sound is read)

    if path.is_symlink() or not path.is_file():
        raise BadWav(f"{path} is not a regular file")
    try:
        with av.open(str(path)) as container:
            stream = container.streams.audio[0]
            rate = stream.rate
            frames = sum(frame.samples for frame in container.decode(stream))
    except (av.FFmpegError, IndexError, OSError) as err:
        raise BadWav(f"{path} is not a readable WAV file ({err})") from None
    if not rate or frames <= 0:
        raise BadWav(f"{path} holds no sound")
    declared = _declared_frames(path)
    if declared is not None and declared > frames:
        raise BadWav(
            f"{path} is cut short: its header promises {declared / rate:.3f} s of sound, it holds {frames / rate:.3f} s"
        )
    return frames / rate


def espeak_version() -> str:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise ParameterError(
            "voice",
            "espeak-ng is not installed: install it with `apt-get install espeak-ng` (scripts/setup does), "
            "or render without a voice: --engine none",
        )
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout
    return out.split("Data at")[0].strip()


def check_espeak_voice(voice: str, language: str) -> None:
    """Refuse (ParameterError 'voice') an espeak-ng voice that espeak-ng lacks, or that does not speak
    *language* (a lecture in French said by an English voice)."""
    espeak_version()
    done = subprocess.run(
        ["espeak-ng", "-q", "-v", voice, "--", "a"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        why = f": {lines[0]}" if lines else ""
        raise ParameterError("voice", f"espeak-ng cannot speak with voice {voice!r}{why}")
    _check_speaks(voice, language)


def _check_speaks(voice: str, language: str) -> None:
    said = language_named(language)
    if not said.spoken_by(voice):
        raise ParameterError(
            "voice",
            f"the espeak-ng voice {voice!r} does not speak {said.code}, the lecture's language "
            f"(espeak-ng's voice for it is {said.espeak})",
        )


class EspeakSpeaker:
    """Debian's espeak-ng, one process per cue; a voice of another language than the lecture's refused."""

    def __init__(self, settings: VoiceSettings, cache: Path):
        _check_speaks(settings.voice, settings.language)
        self.settings, self.cache = settings, cache
        self.identity = {"engine": "espeak-ng", "version": espeak_version(), "voice": settings.voice}

    def speak(self, text: str, rate: int) -> tuple[np.ndarray, int]:
        fd, name = tempfile.mkstemp(
            prefix=f"{PART_PREFIX}{os.getpid()}-espeak-", suffix=".wav", dir=self.cache
        )
        os.close(fd)
        wav, voice = Path(name), self.settings.voice
        try:
            command = ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(wav), "--", text]
            try:
                subprocess.run(command, check=True, capture_output=True, text=True)
            except subprocess.CalledProcessError as err:
                lines = [line for line in (err.stderr or "").splitlines() if line.strip()]
                why = f": {lines[0].strip()}" if lines else ""
                raise ParameterError("voice", f"espeak-ng cannot speak with voice {voice!r}{why}") from None
            try:
                wav_seconds(wav)  # espeak-ng exits 0 on a full disk, leaving a WAV cut short
            except BadWav as err:
                raise RenderError(
                    f"espeak-ng wrote an unusable WAV for voice {voice!r} (is the disk full?): {err}"
                ) from None
            return read_samples(wav), MASTERING["rate"]
        finally:
            wav.unlink(missing_ok=True)


class PiperEngine:
    """The Piper voice of the settings: its model found and checked now, loaded on the first cue that
    is not cached (once for the whole render)."""

    def __init__(self, settings: VoiceSettings):
        model = piper_voice.find_model(settings.voice, language_named(settings.language))
        self.identity = {
            "engine": "piper",
            "version": piper_voice.engine_version(),
            "voice": model.name,
            "model": model.sha256,
        }
        self._speaker = piper_voice.PiperSpeaker(model)

    def speak(self, text: str, rate: int) -> tuple[np.ndarray, int]:
        return self._speaker.speak(text, rate)


def speech_for(cues: Sequence[Cue], settings: VoiceSettings, cache: Path, report: VoiceReport | None = None):
    """Each cue's Speech by cue id (an empty mapping for a silent render)."""
    report = report if report is not None else VoiceReport()
    if settings.silent:
        return {}
    cache.mkdir(parents=True, exist_ok=True)
    if settings.engine == "recorded":
        return _recorded(cues, settings.recordings, cache, report, settings.language)
    speaker = PiperEngine(settings) if settings.engine == "piper" else EspeakSpeaker(settings, cache)
    out = {}
    for cue in cues:
        head = {**speaker.identity, "rate": settings.rate, "mastering": MASTERING, "text": cue.spoken}
        key = hashlib.sha256(json.dumps(head, sort_keys=True).encode()).hexdigest()[:24]
        speech = _cached(cache, key)
        if speech is not None:
            report.reused.append(cue.id)
        else:
            started = time.monotonic()
            speech = _make(cache, key, lambda text=cue.spoken: _spoken(speaker, text, settings))
            report.synthesis_seconds += time.monotonic() - started
            report.speech_seconds += speech.seconds
            report.synthesized.append(cue.id)
        out[cue.id] = speech
    return out


def _spoken(speaker, text: str, settings: VoiceSettings) -> np.ndarray:
    """A cue's synthetic speech at the mastering's rate, without the silence around it."""
    samples, rate = speaker.speak(text, settings.rate)
    samples = resample(trim_silence(samples, rate), rate)
    if not len(samples):
        raise RenderError(f"{settings.engine} said nothing for {text!r}")
    return samples


def _cached(cache: Path, key: str) -> Speech | None:
    """The cached speech under *key*, if it is what the cache wrote: a regular WAV file whose checksum
    is the one recorded beside it when it was made whole. Anything else is removed (and made again)."""
    wav, record = cache / f"{key}.wav", cache / f"{key}.json"
    try:
        if wav.is_symlink() or record.is_symlink() or not wav.is_file():
            raise ValueError("not a regular file")
        data = json.loads(record.read_text(encoding="utf-8"))
        digest = sha256_file(wav)
        if data["sha256"] != digest or not isinstance(data["seconds"], float):
            raise ValueError("changed since it was made")
        return Speech(wav, data["seconds"], digest)
    except (OSError, ValueError, KeyError, TypeError):
        for path in (wav, record):
            path.unlink(missing_ok=True)
        return None


def _make(cache: Path, key: str, samples) -> Speech:
    """Master the sound that *samples()* returns into the cache under *key*: the WAV is checked whole
    before it is renamed into place, and its checksum, length and measured loudness and true peak are
    recorded beside it. A Silent error when it holds nothing to master."""
    wav = cache / f"{key}.wav"
    result: dict[str, float | str] = {}

    def write(tmp: Path) -> None:
        mastered = master(samples())
        write_wav(mastered.samples, tmp)
        try:
            result["seconds"] = wav_seconds(tmp)
        except BadWav as err:
            raise RenderError(f"a voice file could not be written whole (is the disk full?): {err}") from None
        result.update(
            sha256=sha256_file(tmp),
            loudness_lufs=round(mastered.loudness, 2),
            true_peak_dbtp=round(mastered.true_peak, 2),
        )

    try:
        write_atomically(wav, write)
    except Silent as err:
        raise RenderError(f"the voice said nothing loud enough to master: {err}") from None
    write_atomically(cache / f"{key}.json", lambda tmp: tmp.write_text(json.dumps(result), encoding="utf-8"))
    return Speech(wav, float(result["seconds"]), str(result["sha256"]))


def recording_name(cue_id: str, language: str = SOURCE) -> str:
    """The file of a cue's recording in a recordings folder: '<cue id>.wav' in English (the lecture's
    source), '<cue id>.<language>.wav' in another language, as the subtitles are named (lecture.de.vtt);
    so one folder may hold a lecturer's recordings in several languages, and a recording is never taken
    for another language's.

    >>> recording_name("nudge-move"), recording_name("nudge-move", "pt-BR")
    ('nudge-move.wav', 'nudge-move.pt-BR.wav')
    """
    return f"{cue_id}.wav" if language == SOURCE else f"{cue_id}.{language}.wav"


def check_recordings(cues: Sequence[Cue], folder: Path, language: str = SOURCE) -> list[Path]:
    """Each cue's recording in *language* in *folder* (recording_name), each a whole WAV file; a
    ParameterError otherwise (naming the languages the folder holds recordings in, when it holds
    another's)."""
    if not folder.is_dir():
        raise ParameterError("recordings", f"{folder} is not a folder")
    missing = [c.id for c in cues if not (folder / recording_name(c.id, language)).is_file()]
    if missing:
        others = [
            code
            for code in CODES
            if code != language and any((folder / recording_name(c.id, code)).is_file() for c in cues)
        ]
        held = f"; it holds recordings in {', '.join(others)}, not {language}" if others else ""
        raise ParameterError(
            "recordings",
            f"{len(missing)} cue(s) have no recording in {folder}: {', '.join(missing[:5])}"
            + (" ..." if len(missing) > 5 else "")
            + f" (expected {recording_name('<cue id>', language)}{held}; `derivatives transcript"
            + ("" if language == SOURCE else f" --language {language}")
            + " --with-ids` lists the ids)",
        )
    paths = []
    for cue in cues:
        path = (folder / recording_name(cue.id, language)).resolve()
        try:
            if path.is_file() and path.stat().st_size > MAX_RECORDING_BYTES:  # (not even decoded)
                raise BadWav(f"{path} is larger than {MAX_RECORDING_BYTES >> 20} MB")
            seconds = wav_seconds(path)
        except BadWav as err:
            raise ParameterError("recordings", str(err)) from None
        if seconds > MAX_RECORDING_SECONDS:
            raise ParameterError(
                "recordings",
                f"{path} is {seconds:.1f} s long; a cue's recording is at most {MAX_RECORDING_SECONDS} s",
            )
        paths.append(path)
    return paths


def _recorded(
    cues: Sequence[Cue], folder: Path, cache: Path, report: VoiceReport, language: str
) -> dict[str, Speech]:
    """Each cue's recording (checked whole), mastered like synthetic speech and cached by its SHA-256."""
    out = {}
    for cue, path in zip(cues, check_recordings(cues, folder, language), strict=True):
        head = {"recording": sha256_file(path), "mastering": MASTERING}
        key = hashlib.sha256(json.dumps(head, sort_keys=True).encode()).hexdigest()[:24]
        speech = _cached(cache, key)
        if speech is None:
            try:
                speech = _make(cache, key, lambda path=path: read_samples(path))
            except RenderError as err:
                raise ParameterError("recordings", f"{path}: {err}") from None
        else:
            report.reused.append(cue.id)
        out[cue.id] = speech
    return out
