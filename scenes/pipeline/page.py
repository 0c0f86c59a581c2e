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
>>> embedded_json({"text": "</script><b>"})
'{"text": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from scenes.pipeline.slides import clock, parameters_line
from scenes.pipeline.timeline import Chapter, LanguageVersion, TimedText

__all__ = ["ASSETS", "DOWNLOADS", "PageInputs", "embedded_json", "html_head", "human_size", "lecture_page", "read_asset"]

ASSETS = Path(__file__).with_name("assets")
#: The downloads a page offers, in order: file name and what it is.
DOWNLOADS = (
    ("lecture.mp4", "Video (MP4, H.264 and AAC)"),
    ("lecture.vtt", "Subtitles (WebVTT)"),
    ("lecture.srt", "Subtitles (SubRip)"),
    ("transcript.txt", "Transcript (plain text)"),
    ("lecture.pptx", "Slides (PowerPoint)"),
    ("chapters.json", "Chapters (JSON)"),
)
#: Playback speeds offered; 1 is selected.
SPEEDS = ("0.5", "0.75", "1", "1.25", "1.5", "1.75", "2")


def human_size(size: int) -> str:
    """A file size for people, in SI units."""
    if size < 1000:
        return f"{size} B"
    for unit, scale in (("kB", 10**3), ("MB", 10**6)):
        if round(size / scale, 1) < 1000:
            return f"{size / scale:.1f} {unit}"
    return f"{size / 10**9:.1f} GB"


def embedded_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no text in it can close the element."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def read_asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def html_head(title: str, style: str, script: str | None) -> str:
    scripts = _csp_hash(script) if script is not None else "'none'"
    policy = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {scripts}; "
        "img-src 'self' data:; media-src 'self'; base-uri 'none'; form-action 'none'"
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
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
    #: the lecture's words in every language (the first, the video's own, is shown first): the page's
    #: caption-language menu and its transcript switch between them
    languages: Sequence[LanguageVersion] = ()


def _seek_button(start: float, label: str, data: str = "") -> str:
    return (
        f'<button type="button" class="seek" data-start="{start!r}"{data}>'
        f'<span class="time">{clock(start)[:-2]}</span><span>{escape(label)}</span></button>'
    )


def _lang(inputs: PageInputs) -> str:
    """The lang attribute of what the language menu switches: the first language's."""
    return f' lang="{escape(inputs.languages[0].code)}"' if inputs.languages else ""


def _chapters(inputs: PageInputs) -> str:
    items = "".join(
        f"<li>{_seek_button(c.start, f'{i}. {c.title}')}</li>" for i, c in enumerate(inputs.chapters, start=1)
    )
    return (
        '<nav class="chapters" aria-labelledby="chapters-heading">'
        f'<h2 id="chapters-heading">Chapters</h2><ol id="chapters" class="plain"{_lang(inputs)}>{items}</ol></nav>'
    )


def _transcript(inputs: PageInputs) -> str:
    blocks = []
    for chapter, cues in zip(inputs.chapters, inputs.cues, strict=True):
        items = "".join(
            "<li>" + _seek_button(float(c.start), c.text, f' data-id="{escape(c.id)}"') + "</li>"
            for c in cues
        )
        blocks.append(f'<h3>{escape(chapter.title)}</h3><ol class="plain">{items}</ol>')
    return (
        '<section class="transcript" aria-labelledby="transcript-heading">'
        '<h2 id="transcript-heading">Transcript</h2>'
        '<p class="hint">Select a line to play from there; the line being spoken is highlighted.</p>'
        f'<div id="transcript" tabindex="-1"{_lang(inputs)}>{"".join(blocks)}</div></section>'
    )


def _link(folder: Path, name: str, label: str) -> str:
    size = (folder / name).stat().st_size
    return (
        f'<a href="{escape(name)}" download data-bytes="{size}">{escape(label)}</a> '
        f'<span class="size">{human_size(size)}</span>'
    )


def _details(inputs: PageInputs) -> str:
    rows = [*inputs.parameters.items(), ("quality", inputs.quality), *inputs.voice.items()]
    parameters = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    links = [f"<li>{_link(inputs.folder, name, label)}</li>" for name, label in DOWNLOADS]
    for version in inputs.languages:  # each language's subtitles and transcript, named in itself
        vtt, srt, transcript = version.files
        files = " · ".join(
            _link(inputs.folder, name, kind)
            for name, kind in ((vtt, "WebVTT"), (srt, "SubRip"), (transcript, "transcript"))
        )
        links.append(f'<li class="language"><span lang="{escape(version.code)}">{escape(version.label)}</span>: {files}</li>')
    return (
        '<div class="details">'
        '<section aria-labelledby="parameters-heading"><h2 id="parameters-heading">Parameters</h2>'
        f'<dl class="parameters">{parameters}</dl></section>'
        '<section class="downloads" aria-labelledby="downloads-heading">'
        f'<h2 id="downloads-heading">Downloads</h2><ul class="plain">{"".join(links)}</ul></section></div>'
    )


def _language_menu(inputs: PageInputs) -> str:
    """The caption-language menu: each language by its name in itself."""
    if not inputs.languages:
        return ""
    options = "".join(
        f'<option value="{escape(v.code)}" lang="{escape(v.code)}"{" selected" if i == 0 else ""}>'
        f"{escape(v.label)}</option>"
        for i, v in enumerate(inputs.languages)
    )
    return f'<label>Language <select id="caption-language">{options}</select></label>'


def lecture_page(inputs: PageInputs) -> str:
    """The page's HTML."""
    data = {
        "language": "en",
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
    speeds = "".join(f'<option value="{s}"{" selected" if s == "1" else ""}>{s}×</option>' for s in SPEEDS)
    title = f"{inputs.title}: {inputs.formula} ({inputs.quality})"
    poster = f' poster="{escape(inputs.stills[0])}"' if inputs.stills else ""
    versions = ", ".join(f"{k} {v}" for k, v in inputs.versions.items())
    return (
        html_head(title, read_asset("page.css"), script)
        + '<body>\n<a class="skip" href="#transcript">Skip to the transcript</a>\n'
        f"<header><h1>{escape(inputs.title)}</h1><p>{escape(inputs.formula)} · "
        f"{escape(parameters_line(inputs.parameters))} · {escape(inputs.quality)}</p></header>\n"
        '<main class="lecture">\n<section class="player" aria-label="Video">'
        f'<video id="video" controls preload="metadata" playsinline{poster} '
        f'aria-label="{escape(f"Lecture video: {inputs.title}, {inputs.formula}")}">'
        '<source src="lecture.mp4" type="video/mp4">'
        '<p>This browser cannot play the video; <a href="lecture.mp4">download it</a>.</p></video>'
        '<div class="settings" role="group" aria-label="Playback settings">'
        '<label><input type="checkbox" id="captions" checked> Captions</label>'
        f"{_language_menu(inputs)}"
        f'<label>Speed <select id="speed">{speeds}</select></label></div></section>\n'
        f"{_chapters(inputs)}\n{_transcript(inputs)}\n{_details(inputs)}\n</main>\n"
        f"<footer>Made by {escape(versions)}.</footer>\n"
        f'<script type="application/json" id="lecture-data">{embedded_json(data)}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
