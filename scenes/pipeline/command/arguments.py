"""The command line's parameters and voice settings: their flags, a config file's keys under them, and
the lecture plan and voice they make. Bad input raises ParameterError naming the parameter."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

from derivlib.config import load_config
from derivlib.languages import CODES, SOURCE, language_named
from derivlib.lectures import default_lecture, lecture_named, lectures
from derivlib.lectures.lecture import Flag
from derivlib.numbers import ParameterError
from derivlib.plan import LecturePlan
from scenes.pipeline.sound.voice_settings import DEFAULT_RATE, VoiceSettings

__all__ = [
    "LANGUAGE_KEY",
    "PARAMETER_KEYS",
    "VOICE_KEYS",
    "add_parameter_flags",
    "add_voice_flags",
    "join_negative_values",
    "language_from_args",
    "params_from_args",
    "plan_from_args",
    "variant_settings",
    "voice_from_args",
]


def _flags() -> dict[str, tuple[Flag, list[str]]]:
    """Every lecture's parameters, each once, with the lectures that take it, in the course's order."""
    out: dict[str, tuple[Flag, list[str]]] = {}
    for lecture in lectures():
        for flag in lecture.flags:
            out.setdefault(flag.key, (flag, []))[1].append(lecture.name)
    return out


#: the parameters some lecture takes (each lecture says which: derivlib.lectures)
PARAMETER_KEYS = tuple(_flags())
_VALUE_FLAGS = tuple(f"--{name}" for name in (*PARAMETER_KEYS, "lecture", "config", "out", "rate", "voice"))


def add_parameter_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("lecture parameters (default: the lecture's own)")
    first = default_lecture().name
    group.add_argument(
        "--lecture",
        metavar="NAME",
        default=first,
        help=f"which lecture: {', '.join(lecture.name for lecture in lectures())} (default {first})",
    )
    every = len(lectures())
    for flag, takers in _flags().values():
        where = "" if len(takers) == every else f" [{', '.join(takers)}]"
        group.add_argument(f"--{flag.key}", metavar=flag.metavar, help=flag.help + where)
    group.add_argument(
        "--language",
        metavar="CODE",
        help=f"the language the lecture is said and written in: {', '.join(CODES)} (default {SOURCE}; "
        "TOML key language); a render in another language is narrated by espeak-ng's voice for it, "
        "unless --voice gives a Piper model FILE.onnx for it",
    )
    group.add_argument(
        "--config",
        metavar="FILE.toml",
        help="a TOML file with any of the keys slope, intercept, points, nudge (and voice, rate, engine, "
        "recordings, language); flags override it",
    )


VOICE_KEYS = ("voice", "rate", "engine", "recordings")
#: the key (and flag) of the language the lecture is said and written in (derivlib.languages)
LANGUAGE_KEY = "language"


def _config_and_flags(args: argparse.Namespace) -> tuple[dict[str, object], dict[str, object]]:
    """The lecture's and the voice's settings: a config file's (if any), overridden by flags."""
    values: dict[str, object] = {}
    if args.config is not None:
        values.update(load_config(args.config))
        known = (*PARAMETER_KEYS, *VOICE_KEYS, LANGUAGE_KEY)
        for key in values:
            if key not in known:
                raise ParameterError(
                    key, f"unknown key in {args.config}; known keys are {', '.join(sorted(known))}"
                )
    for name in (*PARAMETER_KEYS, *VOICE_KEYS, LANGUAGE_KEY):
        given = getattr(args, name, None)
        if given is not None:
            values[name] = given
    voice = {k: values.pop(k) for k in (*VOICE_KEYS, LANGUAGE_KEY) if k in values}
    return values, voice


def params_from_args(args: argparse.Namespace) -> object:
    """The lecture's parameters from a config file (if any) overridden by flags; raises ParameterError."""
    values, _ = _config_and_flags(args)  # (voice settings are read by the commands that speak)
    return lecture_named(args.lecture).params_from(values, source=args.config or "config")


def language_from_args(args: argparse.Namespace) -> str:
    """The language the command was given (config file, then --language; English by default)."""
    _, given = _config_and_flags(args)
    code = given.get(LANGUAGE_KEY, SOURCE)
    if not isinstance(code, str):
        raise ParameterError(LANGUAGE_KEY, f"expected a language code such as de, got {code!r}")
    return language_named(code.strip()).code


def plan_from_args(args: argparse.Namespace) -> LecturePlan:
    """The lecture plan for the lecture, parameters and language the command was given; raises
    ParameterError."""
    lecture = lecture_named(args.lecture)
    return lecture.plan(params_from_args(args), language_from_args(args))


def voice_from_args(args: argparse.Namespace) -> VoiceSettings:
    """The voice settings (config file, then flags), in the lecture's language: without an engine, the
    language's default (voice_settings.default_engine). `--voice none` is a silent render."""
    _, given = _config_and_flags(args)
    language = language_from_args(args)
    voice = given.get("voice", "")  # (empty: the engine's own default voice for the language)
    if not isinstance(voice, str):
        raise ParameterError("voice", f"expected a voice name, got {voice!r}")
    engine = given.get("engine")
    if engine is None:
        engine = "none" if voice == "none" else "recorded" if "recordings" in given else ""
    if engine == "none" and voice == "none":
        voice = ""
    rate = given.get("rate", DEFAULT_RATE)
    if isinstance(rate, str):
        if not re.fullmatch(r"[0-9]{1,9}", rate.strip()):  # (int() of 5000 digits would raise)
            raise ParameterError("rate", f"{rate!r} is not a whole number of words per minute")
        rate = int(rate)
    elif not isinstance(rate, int) or isinstance(rate, bool):
        raise ParameterError("rate", f"{rate!r} is not a whole number of words per minute")
    recordings = given.get("recordings")
    if recordings is not None and not isinstance(recordings, str):
        raise ParameterError("recordings", f"expected a folder's path as text, got {recordings!r}")
    return VoiceSettings(
        engine=str(engine),
        voice=voice,
        rate=rate,
        recordings=Path(str(recordings)) if recordings else None,
        language=language,
    )


def join_negative_values(argv: Sequence[str]) -> list[str]:
    """Let `--points -3,0.5` mean `--points=-3,0.5`: argparse would take '-3,0.5' for an option."""
    out: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _VALUE_FLAGS and i + 1 < len(args) and args[i + 1].startswith("-") and args[i + 1] != "--":
            nxt = args[i + 1]
            if not nxt.startswith("--"):
                out.append(f"{arg}={nxt}")
                i += 2
                continue
        out.append(arg)
        i += 1
    return out


def add_voice_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "narration voice (default: piper's joe in English, espeak-ng's voice in another language; 165 words a minute)"
    )
    group.add_argument(
        "--voice",
        metavar="NAME",
        help="piper: joe or a model FILE.onnx; espeak-ng: en-us, en-gb, fr-be, ... (of the lecture's "
        "language); none for a silent render",
    )
    group.add_argument("--rate", metavar="WPM", help="speaking rate in words per minute (80 to 450)")
    group.add_argument("--engine", metavar="ENGINE", help="piper (the default), espeak-ng, recorded or none")
    group.add_argument(
        "--recordings",
        metavar="DIR",
        help="a folder of WAV files named by cue id, <cue id>.wav (in another language <cue id>.<lang>.wav; "
        "engine recorded)",
    )


def variant_settings(values: dict[str, object]) -> tuple[LecturePlan, VoiceSettings]:
    """A batch variant's plan and voice from its config-file keys, by the rules of `render --config`."""
    args = argparse.Namespace(
        config=None,
        lecture=values.get("lecture") or default_lecture().name,
        **{k: values.get(k) for k in (*PARAMETER_KEYS, *VOICE_KEYS, LANGUAGE_KEY)},
    )
    return plan_from_args(args), voice_from_args(args)
