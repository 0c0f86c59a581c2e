"""The narration's voice: each cue's spoken form (from derivlib) as a WAV file, whose length times the cue.

Engines:
  espeak-ng  an offline synthetic voice (Debian's espeak-ng); WAVs cached by a hash of the text, the
             voice, the rate and espeak-ng's version, so an unchanged cue is never synthesised twice
  recorded   a folder of WAV files named by cue id (`derivatives transcript --with-ids` lists them),
             e.g. a lecturer's own recording of the script
  none       no audio: cues last as long as their words take at a natural pace (derivlib's estimate)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from derivlib.narration import Cue
from derivlib.numbers import ParameterError
from scenes.pipeline.files import sha256_file, write_atomically
from scenes.pipeline.settings import RenderError

ENGINES = ("espeak-ng", "recorded", "none")
DEFAULT_VOICE = "en-us"
DEFAULT_RATE = 165  # words per minute: espeak-ng's own default is 175, a little hurried for a lecture
RATE_RANGE = (80, 450)  # what espeak-ng accepts


@dataclass(frozen=True)
class VoiceSettings:
    """Which voice speaks the narration; validated like the lecture's parameters."""

    engine: str = "espeak-ng"
    voice: str = DEFAULT_VOICE
    rate: int = DEFAULT_RATE
    recordings: Path | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ParameterError("engine", f"{self.engine!r} is not one of {', '.join(ENGINES)}")
        if not re.fullmatch(r"[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)?", self.voice):
            raise ParameterError("voice", f"{self.voice!r} is not a voice name such as en-us or en-gb")
        if (
            not isinstance(self.rate, int)
            or isinstance(self.rate, bool)
            or not (RATE_RANGE[0] <= self.rate <= RATE_RANGE[1])
        ):
            raise ParameterError(
                "rate",
                f"{self.rate!r} is not a whole number of words per minute from {RATE_RANGE[0]} to {RATE_RANGE[1]}",
            )
        if self.engine == "recorded" and self.recordings is None:
            raise ParameterError(
                "recordings", "the recorded engine needs --recordings DIR (WAV files named by cue id)"
            )
        if self.engine != "recorded" and self.recordings is not None:
            raise ParameterError("recordings", "recordings are used with --engine recorded only")

    @property
    def silent(self) -> bool:
        return self.engine == "none"

    def describe(self) -> dict[str, str]:
        """The settings as text (for manifests and cache keys)."""
        out = {"engine": self.engine}
        if self.engine == "espeak-ng":
            out.update(voice=self.voice, rate=str(self.rate))
        if self.engine == "recorded":
            out["recordings"] = str(self.recordings)
        return out

    def variant_suffix(self) -> str:
        """What a render folder's name gets for non-default voice settings ('' for the default)."""
        if self == VoiceSettings():
            return ""
        if self.engine == "none":
            return "voice-none"
        if self.engine == "recorded":
            return "voice-recorded"
        parts = []
        if self.voice != DEFAULT_VOICE:
            parts.append(f"voice-{self.voice.replace('/', '-')}")
        if self.rate != DEFAULT_RATE:
            parts.append(f"rate-{self.rate}")
        return "_".join(parts)


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


def speech_for(cues: Sequence[Cue], settings: VoiceSettings, cache: Path, report: VoiceReport | None = None):
    """Each cue's Speech by cue id (an empty mapping for a silent render)."""
    report = report if report is not None else VoiceReport()
    if settings.silent:
        return {}
    if settings.engine == "recorded":
        return _recorded(cues, settings.recordings)
    version = espeak_version()
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for cue in cues:
        key = hashlib.sha256(
            "\n".join([version, settings.voice, str(settings.rate), cue.spoken]).encode()
        ).hexdigest()[:24]
        speech = _cached(cache, key)
        if speech is not None:
            report.reused.append(cue.id)
        else:
            speech = _synthesize(cue.spoken, settings, cache, key)
            report.synthesized.append(cue.id)
        out[cue.id] = speech
    return out


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


def _synthesize(text: str, settings: VoiceSettings, cache: Path, key: str) -> Speech:
    """Speak *text* into the cache under *key*: the WAV is checked whole (espeak-ng exits 0 on a full
    disk, leaving a WAV cut short) before it is renamed into place, and its checksum and length are
    recorded beside it."""
    wav = cache / f"{key}.wav"
    result: dict[str, float | str] = {}

    def speak(tmp: Path) -> None:
        command = ["espeak-ng", "-v", settings.voice, "-s", str(settings.rate), "-w", str(tmp), "--", text]
        subprocess.run(command, check=True, capture_output=True, text=True)
        try:
            result["seconds"] = wav_seconds(tmp)
        except BadWav as err:
            raise RenderError(
                f"espeak-ng wrote an unusable WAV for voice {settings.voice!r} (is the disk full?): {err}"
            ) from None
        result["sha256"] = sha256_file(tmp)

    try:
        write_atomically(wav, speak)
    except subprocess.CalledProcessError as err:
        lines = [line for line in (err.stderr or "").splitlines() if line.strip()]
        why = f": {lines[0].strip()}" if lines else ""
        raise ParameterError("voice", f"espeak-ng cannot speak with voice {settings.voice!r}{why}") from None
    write_atomically(cache / f"{key}.json", lambda tmp: tmp.write_text(json.dumps(result), encoding="utf-8"))
    return Speech(wav, float(result["seconds"]), str(result["sha256"]))


def _recorded(cues: Sequence[Cue], folder: Path) -> dict[str, Speech]:
    if not folder.is_dir():
        raise ParameterError("recordings", f"{folder} is not a folder")
    missing = [c.id for c in cues if not (folder / f"{c.id}.wav").is_file()]
    if missing:
        raise ParameterError(
            "recordings",
            f"{len(missing)} cue(s) have no recording in {folder}: {', '.join(missing[:5])}"
            + (" ..." if len(missing) > 5 else "")
            + " (expected <cue id>.wav; `derivatives transcript --with-ids` lists the ids)",
        )
    out = {}
    for cue in cues:
        path = (folder / f"{cue.id}.wav").resolve()
        try:
            seconds = wav_seconds(path)
        except BadWav as err:
            raise ParameterError("recordings", str(err)) from None
        out[cue.id] = Speech(path, seconds, sha256_file(path))
    return out
