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
import re
import shutil
import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from derivlib.narration import Cue
from derivlib.numbers import ParameterError
from scenes.pipeline.files import sha256_file, write_atomically

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


def wav_seconds(path: Path) -> float:
    """Length of a WAV file; a clear error naming the file when it is not one."""
    try:
        with wave.open(str(path), "rb") as w:
            frames, rate = w.getnframes(), w.getframerate()
    except (wave.Error, EOFError, OSError) as err:
        raise ParameterError("recordings", f"{path} is not a readable WAV file ({err})") from None
    if rate <= 0 or frames <= 0:
        raise ParameterError("recordings", f"{path} holds no audio")
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
        path = cache / f"{key}.wav"
        if path.exists():
            try:
                seconds = wav_seconds(path)
                report.reused.append(cue.id)
            except ParameterError:
                path.unlink()  # a damaged cache entry: synthesise it again
        if not path.exists():
            _synthesize(cue.spoken, settings, path)
            seconds = wav_seconds(path)
            report.synthesized.append(cue.id)
        out[cue.id] = Speech(path, seconds, sha256_file(path))
    return out


def _synthesize(text: str, settings: VoiceSettings, path: Path) -> None:
    def speak(tmp: Path) -> None:
        command = ["espeak-ng", "-v", settings.voice, "-s", str(settings.rate), "-w", str(tmp), "--", text]
        subprocess.run(command, check=True, capture_output=True, text=True)

    try:
        write_atomically(path, speak)
    except subprocess.CalledProcessError as err:
        raise ParameterError(
            "voice", f"espeak-ng failed for voice {settings.voice!r}: {err.stderr.strip()}"
        ) from None


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
        out[cue.id] = Speech(path, wav_seconds(path), sha256_file(path))
    return out
