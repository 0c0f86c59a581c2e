"""What a render is asked for, beyond the lecture's parameters: quality, encoder settings, versions,
and the folder a variant is published in."""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from derivlib.languages import SOURCE
from derivlib.lectures import default_lecture, lecture_named
from derivlib.params import Params
from scenes.pipeline.errors import RenderError

if TYPE_CHECKING:  # (only its name is read here)
    from scenes.pipeline.sound.voice_settings import VoiceSettings

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENCODER_OPTIONS",
    "QUALITIES",
    "RenderError",
    "manim_version",
    "output_folder",
    "project_version",
    "variant_name",
]

#: -q letters, as manim's own -q flag takes them, and the folder name each renders into.
QUALITIES = {
    "l": ("low_quality", "480p15"),
    "m": ("medium_quality", "720p30"),
    "h": ("high_quality", "1080p60"),
    "p": ("production_quality", "1440p60"),
    "k": ("fourk_quality", "2160p60"),
}
#: x264 settings for every clip. The encoder is the critical path of a render (a worker's main thread
#: spends most of its time waiting for the encoder thread). Measured on one 1080p60 scene (TheNudge,
#: 2 cores): x264's default preset 28.7 s, veryfast 26.6 s, ultrafast 19.8 s; ultrafast's files are about
#: twice veryfast's (under 1 MB for 20 s here: the picture is mostly still) and look the same at crf 23.
ENCODER_OPTIONS = {"preset": "ultrafast", "crf": "23"}
#: Seconds a scene's render may take.
DEFAULT_TIMEOUT = 1800.0
#: The port `derivatives serve` listens on unless given another.
DEFAULT_PORT = 8000


@cache  # (each costs a look through the installed packages' metadata, and every clip's key asks)
def project_version() -> str:
    try:
        return metadata.version("derivatives-lecture")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


@cache
def manim_version() -> str:
    return metadata.version("manim")


#: How a function's text is written in a folder name: each sign as a word or letter, so that the name
#: needs no quoting in a shell and no two functions share a folder (the words form a prefix-free code
#: with the names the grammar knows and the letter a: see tests/test_variant_names.py).
_SLUG = {" ": "", "+": "plus", "-": "m", "*": "x", "/": "div", "^": "pow"}


def function_slug(text: str) -> str:
    """A function's text (derivlib's canonical form) as part of a folder name.

    >>> function_slug("a^3 - 2a + 1"), function_slug("log(a)"), function_slug("1/a")
    ('apow3m2aplus1', 'log(a)', '1diva')
    """
    return "".join(_SLUG.get(ch, ch) for ch in text)


def variant_name(
    params: Params,
    voice: VoiceSettings | None = None,
    lecture: str | None = None,
    language: str | None = None,
) -> str:
    """The folder of a parameter set (and language, and voice) under renders/: 'lecture' for the first
    lecture's own, otherwise a readable name of what differs; another lecture's folders start with its
    name. A lecture in another language than English names it after the parameters, `language-<code>`
    (the voice's own language when *language* is not given), so it never shares the English folder; its
    voice is named only where it is not that language's default voice.

    >>> from scenes.pipeline.sound.voice import VoiceSettings
    >>> variant_name(Params())
    'lecture'
    >>> variant_name(Params.from_strings(slope="-7", points="-3,0.5", nudge="0.01"))
    'slope-m7_points-m3,0.5_nudge-0.01'
    >>> variant_name(Params.from_strings(slope="2"), VoiceSettings(engine="none"))
    'slope-2_voice-none'
    >>> variant_name(Params(), VoiceSettings(rate=200))
    'rate-200'
    >>> variant_name(Params.from_strings(function="(a+1)^2/2", points="2"))
    'function-(aplus1)pow2div2_points-2'
    >>> more = lecture_named("more-examples")
    >>> variant_name(more.defaults, lecture=more.name)
    'more-examples'
    >>> variant_name(more.params_from({"functions": "a^2, exp(a)", "nudge": "0.01"}, source="-"), lecture=more.name)
    'more-examples_functions-apow2,exp(a)_nudge-0.01'
    >>> variant_name(Params(), VoiceSettings(language="fr")), variant_name(Params(), language="pt-BR")
    ('language-fr', 'language-pt-BR')
    >>> variant_name(Params.from_strings(nudge="0.01"), VoiceSettings(engine="none", language="de"))
    'nudge-0.01_language-de_voice-none'
    >>> variant_name(more.defaults, VoiceSettings(rate=200, language="de"), more.name)
    'more-examples_language-de_rate-200'
    """
    if language is None:
        language = voice.language if voice is not None else SOURCE
    elif voice is not None and voice.language != language:
        raise ValueError(f"a voice speaking {voice.language} for a lecture in {language}")
    own = lecture_named(lecture) if lecture else default_lecture()
    parts = [own.prefix] if own.prefix else []
    if params != own.defaults:
        default = own.defaults.as_strings()
        parts += [
            f"{key}-{_slug(key, value)}"
            for key, value in params.as_strings().items()
            if value != default.get(key)
        ]
    if language != SOURCE:
        parts.append(f"language-{language}")
    suffix = voice.variant_suffix() if voice is not None else ""
    if suffix:
        parts.append(suffix)
    return "_".join(parts) or "lecture"


def _slug(key: str, value: str) -> str:
    """A parameter's text in a folder name: every sign as a word or letter (a graph's '=' as eq, its
    steps' ';' as ','), whatever the lecture.

    >>> _slug("steps", "u = b*c; J = 3u"), _slug("values", "a=-5,b=3")
    ('ueqbxc,Jeq3u', 'aeqm5,beq3')
    """
    return function_slug(value.replace("=", "eq").replace(";", ","))


def output_folder(
    params: Params,
    voice: VoiceSettings,
    quality: str,
    renders: Path = Path("renders"),
    lecture: str | None = None,
    language: str | None = None,
) -> Path:
    """Where a render of the whole lecture is published: renders/<variant>/<quality>."""
    return renders / variant_name(params, voice, lecture, language) / QUALITIES[quality][1]
