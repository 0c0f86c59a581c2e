"""The lecture's web page (index.html in each published folder) and the index of everything rendered
(renders/index.html).

The page is one self-contained file: its style and script are inlined from assets/ and the cues and
chapters are embedded as JSON, from which the script makes the caption and chapter tracks (browsers
refuse <track> files on pages opened from disk). It links only files of its own folder, and its
Content-Security-Policy lets it load nothing else: it works opened from disk or served.

Every text that reaches the page is escaped (parameters come from users): HTML by :func:`html.escape`,
the embedded JSON with ``<``, ``>`` and ``&`` as JSON escapes, so no text can close its element.

>>> human_size(999), human_size(12_345), human_size(999_960), human_size(1_234_567)
('999 B', '12.3 kB', '1.0 MB', '1.2 MB')
>>> human_size(12_345, "de")
'12,3 kB'
>>> embedded_json({"text": "</script><b>"})
'{"text": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path

from babel.numbers import format_decimal

from derivlib.languages import SOURCE, language_named
from scenes.pipeline.publishing.slides import clock, parameters_line
from scenes.pipeline.publishing.timeline import Chapter, LanguageVersion, TimedText
from scenes.pipeline.publishing.words import Words, words

__all__ = [
    "ASSETS",
    "DOWNLOADS",
    "PageInputs",
    "embedded_json",
    "html_head",
    "human_size",
    "lecture_page",
    "read_asset",
]

ASSETS = Path(__file__).with_name("assets")
#: The downloads a page offers, in order: file name, what it is (its message in scenes/pipeline/publishing/words.toml)
#: and its format's name (the same in every language).
DOWNLOADS = (
    ("lecture.mp4", "downloads.video", "MP4 · H.264 · AAC"),
    ("lecture.vtt", "downloads.subtitles", "WebVTT"),
    ("lecture.srt", "downloads.subtitles", "SubRip"),
    ("transcript.txt", "downloads.transcript", ""),
    ("lecture.pptx", "downloads.slides", "PowerPoint"),
    ("chapters.json", "downloads.chapters", "JSON"),
)
#: Playback speeds offered; 1 is selected.
SPEEDS = ("0.5", "0.75", "1", "1.25", "1.5", "1.75", "2")


def human_size(size: int, language: str = SOURCE) -> str:
    """A file size for people, in SI units with one decimal, its decimal sign the language's.

    >>> human_size(999), human_size(3000), human_size(6_125_000, "fr"), human_size(3000, "de")
    ('999 B', '3.0 kB', '6,1 MB', '3,0 kB')
    """
    if size < 1000:
        return f"{size} B"
    unit, scale = next(
        ((u, s) for u, s in (("kB", 10**3), ("MB", 10**6)) if round(size / s, 1) < 1000), ("GB", 10**9)
    )
    # (not a number of the lecture: Babel's pattern keeps the one decimal, 3,0 as 3.0)
    shown = format_decimal(
        round(Decimal(size) / scale, 1), format="0.0", locale=language_named(language).locale
    )
    return f"{shown} {unit}"


def embedded_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no text in it can close the element."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def read_asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def html_head(title: str, style: str, script: str | None, language: str = SOURCE) -> str:
    scripts = _csp_hash(script) if script is not None else "'none'"
    policy = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {scripts}; "
        "img-src 'self' data:; media-src 'self'; base-uri 'none'; form-action 'none'"
    )
    return (
        f'<!doctype html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        f"<title>{escape(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'  # no request for /favicon.ico
        f"<style>{style}</style>\n</head>\n"
    )


@dataclass(frozen=True)
class PageInputs:
    """What a lecture's page shows. *folder* holds the files it links (their sizes are read there)."""

    folder: Path
    formula: str
    parameters: Mapping[str, str]
    voice: Mapping[str, str]
    quality: str
    versions: Mapping[str, str]
    #: each chapter's cues on the lecture's timeline, chapter by chapter
    cues: Sequence[Sequence[TimedText]]
    chapters: Sequence[Chapter]
    #: each chapter's still, relative to the folder (the first is the video's poster)
    stills: Sequence[str]
    #: the lecture's title (derivlib.lectures)
    title: str
    #: the lecture's words in every language: the page's caption-language menu and its transcript
    #: switch between them
    languages: Sequence[LanguageVersion] = ()
    #: the language the lecture is said in: the page's own words, its captions and transcript at first
    language: str = SOURCE


def _seek_button(start: float, label: str, data: str = "") -> str:
    return (
        f'<button type="button" class="seek" data-start="{start!r}"{data}>'
        f'<span class="time">{clock(start)[:-2]}</span><span>{escape(label)}</span></button>'
    )


def _lang(inputs: PageInputs) -> str:
    """The lang attribute of what the language menu switches: the lecture's language at first."""
    return f' lang="{escape(inputs.language)}"'


def _chapters(inputs: PageInputs, say: Words) -> str:
    items = "".join(
        f"<li>{_seek_button(c.start, f'{i}. {c.title}')}</li>" for i, c in enumerate(inputs.chapters, start=1)
    )
    return (
        '<nav class="chapters" aria-labelledby="chapters-heading">'
        f'<h2 id="chapters-heading">{escape(say("page.chapters"))}</h2>'
        f'<ol id="chapters" class="plain"{_lang(inputs)}>{items}</ol></nav>'
    )


def _transcript(inputs: PageInputs, say: Words) -> str:
    blocks = []
    for chapter, cues in zip(inputs.chapters, inputs.cues, strict=True):
        items = "".join(
            "<li>" + _seek_button(float(c.start), c.text, f' data-id="{escape(c.id)}"') + "</li>"
            for c in cues
        )
        blocks.append(f'<h3>{escape(chapter.title)}</h3><ol class="plain">{items}</ol>')
    return (
        '<section class="transcript" aria-labelledby="transcript-heading">'
        f'<h2 id="transcript-heading">{escape(say("page.transcript"))}</h2>'
        f'<p class="hint">{escape(say("page.hint"))}</p>'
        f'<div id="transcript" tabindex="-1"{_lang(inputs)}>{"".join(blocks)}</div></section>'
    )


def _link(folder: Path, name: str, label: str, language: str = SOURCE) -> str:
    size = (folder / name).stat().st_size
    return (
        f'<a href="{escape(name)}" download data-bytes="{size}">{escape(label)}</a> '
        f'<span class="size">{human_size(size, language)}</span>'
    )


def _details(inputs: PageInputs, say: Words) -> str:
    # (the parameters as the command takes them, its keys and notation: code, in no language)
    rows = [*inputs.parameters.items(), ("quality", inputs.quality), *inputs.voice.items()]
    parameters = "".join(
        f"<dt><code>{escape(k)}</code></dt><dd><code>{escape(v)}</code></dd>" for k, v in rows
    )
    links = [
        f"<li>{_link(inputs.folder, name, say(label, format=kind) if kind else say(label), say.language)}</li>"
        for name, label, kind in DOWNLOADS
    ]
    for version in inputs.languages:  # each language's subtitles and transcript, named in itself
        vtt, srt, transcript = version.files
        files = " · ".join(
            _link(inputs.folder, name, kind, say.language)
            for name, kind in (
                (vtt, "WebVTT"),
                (srt, "SubRip"),
                (transcript, say("downloads.language_transcript")),
            )
        )
        label = f'<span lang="{escape(version.code)}">{escape(version.label)}</span>'
        links.append(
            f'<li class="language">{_filled(say, "page.language_files", label=label, files=files)}</li>'
        )
    return (
        '<div class="details">'
        '<section aria-labelledby="parameters-heading">'
        f'<h2 id="parameters-heading">{escape(say("page.parameters"))}</h2>'
        f'<p class="hint">{escape(say("page.parameters_note"))}</p>'
        f'<dl class="parameters" lang="{SOURCE}" translate="no">{parameters}</dl></section>'
        '<section class="downloads" aria-labelledby="downloads-heading">'
        f'<h2 id="downloads-heading">{escape(say("page.downloads"))}</h2>'
        f'<ul class="plain">{"".join(links)}</ul></section></div>'
    )


def _filled(say: Words, message_id: str, **markup: str) -> str:
    """A message whose fields are markup made here (escaped already): its own words escaped around it."""
    marks = {name: f"\0{i}\0" for i, name in enumerate(markup)}
    text = escape(say(message_id, **marks))
    for name, mark in marks.items():
        text = text.replace(mark, markup[name])
    return text


def _language_menu(inputs: PageInputs, say: Words) -> str:
    """The caption-language menu: each language by its name in itself; the lecture's chosen."""
    if not inputs.languages:
        return ""
    options = "".join(
        f'<option value="{escape(v.code)}" lang="{escape(v.code)}"{" selected" if v.code == inputs.language else ""}>'
        f"{escape(v.label)}</option>"
        for v in inputs.languages
    )
    return f'<label>{escape(say("page.language"))} <select id="caption-language">{options}</select></label>'


def lecture_page(inputs: PageInputs) -> str:
    """The page's HTML, its own words in the lecture's language (scenes/pipeline/publishing/words.py)."""
    say = words(inputs.language)
    point = language_named(inputs.language)
    data = {
        "language": inputs.language,
        "chaptersLabel": say("page.chapters"),
        "cues": [
            {"id": c.id, "text": c.text, "start": float(c.start), "end": float(c.end)}
            for group in inputs.cues
            for c in group
        ],
        "chapters": [{"title": c.title, "start": c.start, "end": c.end} for c in inputs.chapters],
        "languages": [
            {"code": v.code, "label": v.label, "cues": [c.text for c in v.cues], "chapters": list(v.chapters)}
            for v in inputs.languages
        ],
    }
    script = read_asset("page.js")
    speeds = "".join(
        f'<option value="{s}"{" selected" if s == "1" else ""}>{point.number_text(s)}×</option>'
        for s in SPEEDS
    )
    title = say("page.title", title=inputs.title, formula=inputs.formula, quality=inputs.quality)
    poster = f' poster="{escape(inputs.stills[0])}"' if inputs.stills else ""
    versions = ", ".join(f"{k} {v}" for k, v in inputs.versions.items())
    link = f'<a href="lecture.mp4">{escape(say("page.download_it"))}</a>'
    return (
        html_head(title, read_asset("page.css"), script, inputs.language)
        + f'<body>\n<a class="skip" href="#transcript">{escape(say("page.skip"))}</a>\n'
        f"<header><h1>{escape(inputs.title)}</h1><p>{escape(inputs.formula)} · "
        f'<span lang="{SOURCE}" translate="no">{escape(parameters_line(inputs.parameters))}</span> · '
        f"{escape(inputs.quality)}</p></header>\n"
        f'<main class="lecture">\n<section class="player" aria-label="{escape(say("page.player"))}">'
        f'<video id="video" controls preload="metadata" playsinline{poster} '
        f'aria-label="{escape(say("page.video", title=inputs.title, formula=inputs.formula))}">'
        '<source src="lecture.mp4" type="video/mp4">'
        f"<p>{_filled(say, 'page.cannot_play', link=link)}</p></video>"
        f'<div class="settings" role="group" aria-label="{escape(say("page.settings"))}">'
        f'<label><input type="checkbox" id="captions" checked> {escape(say("page.captions"))}</label>'
        f"{_language_menu(inputs, say)}"
        f'<label>{escape(say("page.speed"))} <select id="speed">{speeds}</select></label></div></section>\n'
        f"{_chapters(inputs, say)}\n{_transcript(inputs, say)}\n{_details(inputs, say)}\n</main>\n"
        f"<footer>{escape(say('page.made_by', versions=versions))}</footer>\n"
        f'<script type="application/json" id="lecture-data">{embedded_json(data)}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
