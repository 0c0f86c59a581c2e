"""Which voice speaks a lecture, and in which language: the settings of `--engine`, `--voice`, `--rate`,
`--recordings` and `--language`, validated like the lecture's parameters (a ParameterError naming the
parameter), and the part of a render folder's name they make.

The default voice is the language's: Piper's bundled English voice (joe) for English; for another
language, espeak-ng's voice for it (derivlib.languages: `Language.espeak`), unless a Piper model
(FILE.onnx) for that language is given. A voice of another language than the lecture's is refused
before anything is said (scenes.pipeline.sound.voice: an espeak-ng voice once espeak-ng has it, a Piper model
by the voice its config phonemizes with).

>>> VoiceSettings().engine, VoiceSettings().voice
('piper', 'joe')
>>> french = VoiceSettings(language="fr")
>>> french.engine, french.voice, french.variant_suffix()
('espeak-ng', 'fr-fr', '')
>>> VoiceSettings(voice="fr-be", language="fr").variant_suffix()
'voice-fr-be'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from derivlib.languages import SOURCE, language_named
from derivlib.numbers import ParameterError
from scenes.pipeline.sound import piper_voice

__all__ = [
    "DEFAULT_ENGINE",
    "DEFAULT_RATE",
    "DEFAULT_VOICE",
    "DEFAULT_VOICES",
    "ENGINES",
    "RATE_RANGE",
    "VoiceSettings",
    "default_engine",
]

ENGINES = ("piper", "espeak-ng", "recorded", "none")
#: The engine of an English lecture when none is given (another language's: default_engine).
DEFAULT_ENGINE = "piper"
#: Each synthesising engine's voice for English when none is given (espeak-ng's for another language
#: is that language's: derivlib.languages).
DEFAULT_VOICES = {"piper": piper_voice.DEFAULT_VOICE, "espeak-ng": language_named(SOURCE).espeak}
DEFAULT_VOICE = DEFAULT_VOICES[DEFAULT_ENGINE]
#: words per minute: espeak-ng's own pace is 175 and Piper's joe's about 194, a little hurried for a lecture
DEFAULT_RATE = 165
RATE_RANGE = (80, 450)  # what espeak-ng accepts


def default_engine(language: str, voice: str = "") -> str:
    """The engine when none is given: Piper for English or for a Piper voice (an installed one or a
    model file), espeak-ng for another language (Piper's bundled voice speaks English only).

    >>> default_engine("en"), default_engine("de"), default_engine("de", "mine-de.onnx")
    ('piper', 'espeak-ng', 'piper')
    """
    piper = language == SOURCE or voice in piper_voice.VOICES or piper_voice.is_model_path(voice)
    return "piper" if piper else "espeak-ng"


@dataclass(frozen=True)
class VoiceSettings:
    """Which voice speaks the narration, in which language; validated like the lecture's parameters.
    An empty engine is the language's default engine (with the voice given), an empty voice the
    engine's default voice for the language (none for the engines that do not synthesise)."""

    engine: str = ""
    voice: str = ""
    rate: int = DEFAULT_RATE
    recordings: Path | None = None
    #: the language it speaks: the lecture's (derivlib.languages)
    language: str = SOURCE

    def __post_init__(self) -> None:
        language = language_named(self.language)  # (a ParameterError naming `language` otherwise)
        if not self.engine:
            object.__setattr__(self, "engine", default_engine(self.language, self.voice))
        if self.engine not in ENGINES:
            raise ParameterError("engine", f"{self.engine!r} is not one of {', '.join(ENGINES)}")
        if not self.voice:
            own = {"piper": piper_voice.DEFAULT_VOICE, "espeak-ng": language.espeak}
            object.__setattr__(self, "voice", own.get(self.engine, ""))
        if self.engine == "espeak-ng" and not re.fullmatch(r"[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)?", self.voice):
            raise ParameterError(
                "voice", f"{self.voice!r} is not an espeak-ng voice name such as en-us or en-gb"
            )
        if self.engine == "piper" and not (
            self.voice in piper_voice.VOICES
            or (piper_voice.is_model_path(self.voice) and "\0" not in self.voice)
        ):
            raise ParameterError(
                "voice",
                f"{self.voice!r} is not a Piper voice: {', '.join(piper_voice.VOICES)}, or a Piper model "
                "FILE.onnx with FILE.onnx.json beside it (espeak-ng's voices need --engine espeak-ng)",
            )
        if self.engine in ("recorded", "none"):
            object.__setattr__(self, "voice", "")
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
        if self.engine in DEFAULT_VOICES:
            out.update(voice=self.voice, rate=str(self.rate))
        if self.engine == "recorded":
            out["recordings"] = str(self.recordings)
        return out

    def variant_suffix(self) -> str:
        """What a render folder's name gets for voice settings other than the language's default
        ('' for the default; the language itself is named by the folder: settings.variant_name).

        >>> VoiceSettings().variant_suffix(), VoiceSettings(engine="espeak-ng", rate=200).variant_suffix()
        ('', 'engine-espeak-ng_rate-200')
        """
        default = VoiceSettings(language=self.language)
        if self == default:
            return ""
        if self.engine == "none":
            return "voice-none"
        if self.engine == "recorded":
            return "voice-recorded"
        parts = [] if self.engine == default.engine else [f"engine-{self.engine}"]
        if self.voice != VoiceSettings(engine=self.engine, language=self.language).voice:
            name = piper_voice.variant_name(self.voice) if self.engine == "piper" else self.voice
            parts.append(f"voice-{name.replace('/', '-')}")
        if self.rate != DEFAULT_RATE:
            parts.append(f"rate-{self.rate}")
        return "_".join(parts)
