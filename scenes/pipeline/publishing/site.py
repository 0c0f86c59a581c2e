"""renders/index.html: every lecture rendered so far, by variant and quality, each linked to its page.

A lecture is a folder renders/<variant>/<quality>/ whose manifest.json is a whole lecture's (not the
partial one that single scenes leave). The index is written again after each whole render is
published, and by `derivatives serve` before it serves; it links only files under renders/.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from scenes.pipeline.files import write_atomically
from scenes.pipeline.publishing.page import html_head, read_asset
from scenes.pipeline.publishing.slides import parameters_line
from scenes.pipeline.settings import QUALITIES

__all__ = ["RenderedLecture", "rendered_lectures", "site_index", "write_site_index"]

_QUALITY_ORDER = [name for _, name in QUALITIES.values()]


@dataclass(frozen=True)
class RenderedLecture:
    """One published lecture: its variant and quality folders and what its manifest says."""

    variant: str
    quality: str
    parameters: dict[str, str]
    voice: dict[str, str]
    duration: float


def rendered_lectures(root: Path) -> list[RenderedLecture]:
    """The whole lectures under *root*: the lecture's own first, then variants by name; qualities
    from low to high."""
    found = []
    for manifest_path in root.glob("*/*/manifest.json"):
        folder = manifest_path.parent
        if folder.parent.name.startswith(".") or folder.is_symlink() or folder.parent.is_symlink():
            continue
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if manifest.get("partial") or "index.html" not in manifest["files"]:
                continue
            found.append(
                RenderedLecture(
                    variant=folder.parent.name,
                    quality=folder.name,
                    parameters={str(k): str(v) for k, v in manifest["parameters"].items()},
                    voice={str(k): str(v) for k, v in manifest.get("voice", {}).items()},
                    duration=float(manifest["files"]["lecture.mp4"]["duration"]),
                )
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue  # not a lecture this project published whole (or one being replaced right now)

    def order(lecture: RenderedLecture) -> tuple:
        rank = _QUALITY_ORDER.index(lecture.quality) if lecture.quality in _QUALITY_ORDER else len(QUALITIES)
        return (lecture.variant != "lecture", lecture.variant, rank, lecture.quality)

    return sorted(found, key=order)


def _href(*parts: str) -> str:
    return "/".join(quote(part, safe=",") for part in parts)


def site_index(root: Path) -> str:
    """The index page's HTML."""
    lectures = rendered_lectures(root)
    variants: dict[str, list[RenderedLecture]] = {}
    for lecture in lectures:
        variants.setdefault(lecture.variant, []).append(lecture)
    rows = []
    for variant, versions in variants.items():
        first = versions[0]
        links = " ".join(
            f'<li><a href="{escape(_href(v.variant, v.quality, "index.html"))}">{escape(v.quality)}</a> '
            f'(<a href="{escape(_href(v.variant, v.quality, "lecture.mp4"))}">mp4</a>)</li>'
            for v in versions
        )
        voice = ", ".join(f"{k} {v}" for k, v in first.voice.items())
        rows.append(
            f'<tr><th scope="row">{escape(variant)}</th><td>{escape(parameters_line(first.parameters))}</td>'
            f'<td>{escape(voice)}</td><td><ul class="plain">{links}</ul></td></tr>'
        )
    body = (
        '<table class="renders"><caption class="skip">Rendered lectures</caption><thead><tr>'
        '<th scope="col">Variant</th><th scope="col">Parameters</th><th scope="col">Voice</th>'
        f'<th scope="col">Qualities</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else "<p>Nothing rendered yet: run <code>derivatives render</code>.</p>"
    )
    return (
        html_head("Derivatives: rendered lectures", read_asset("page.css"), None)
        + "<body>\n<header><h1>Derivatives</h1><p>Every lecture rendered here, by variant and quality."
        f'</p></header>\n<main class="index">{body}</main>\n</body>\n</html>\n'
    )


def write_site_index(root: Path) -> Path:
    """Write *root*/index.html (atomically) and return its path."""
    path = root / "index.html"
    text = site_index(root)
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path
