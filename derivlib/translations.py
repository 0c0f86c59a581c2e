"""The lectures' sentences in other languages: gettext catalogs, one per words catalog and language,
in the locale/ folder beside the words.toml they translate (derivlib/lectures/<package>/locale/
<lang>.po, with messages.pot, the template every .po follows), read with Babel.

An entry's msgctxt is the message id ('nudge.moves.up'; a beat's title is 'title:nudge', the lecture's
'lecture:title'), its msgid the English template, its msgstr the translation, with the same named
fields. The English (words.toml and the lectures' beat titles) is the source: ``python -m
derivlib.lectures.messages update`` rewrites messages.pot and each .po to its message set, and
``check`` lists what is missing, stale or wrong (the tests run it). A fuzzy or empty entry is not
used: a sentence without a translation is an error, never English in another language's transcript.

The .po files are read as they are, at run time, not compiled to .mo: the .po is the file under
version control that a translator edits and a reviewer reads, Babel parses all of them in a few
milliseconds, and there is then no compiled copy to build in set-up or to go stale beside it.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from .catalog import Catalog

__all__ = ["entries", "po_path", "translated"]

_TRANSLATED: dict[tuple[Path | None, str, str], Catalog] = {}


def po_path(catalog: Catalog, code: str) -> Path:
    """Where the translation of *catalog* into *code* lives."""
    if catalog.source is None:
        raise ValueError(f"{catalog.name} was not read from a file: it has no locale folder")
    return catalog.source.parent / "locale" / f"{code}.po"


def entries(path: Path) -> dict[str, tuple[str, str]]:
    """The usable entries of a .po file: message id -> (English, translation); fuzzy and empty
    entries left out."""
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        po = read_po(f)
    return {
        m.context: (m.id, m.string)
        for m in po
        if m.id and m.context and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def translated(catalog: Catalog, code: str) -> Catalog:
    """*catalog* in the language *code*: the same shape, its templates and titles from the .po beside
    it, its fallback translated too. A message without a translation is missing (a KeyError when
    asked for), never English."""
    if code == catalog.language:
        return catalog
    key = (catalog.source, catalog.name, code)
    if key not in _TRANSLATED:
        found = entries(po_path(catalog, code))
        tables: dict[str, dict[str, object]] = {}
        for beat, table in catalog.tables.items():
            for cue, value in table.items():
                if isinstance(value, dict):
                    variants = {
                        v: found[f"{beat}.{cue}.{v}"][1] for v in value if f"{beat}.{cue}.{v}" in found
                    }
                    if variants:
                        tables.setdefault(beat, {})[cue] = variants
                elif f"{beat}.{cue}" in found:
                    tables.setdefault(beat, {})[cue] = found[f"{beat}.{cue}"][1]
        others = {k: v[1] for k, v in found.items() if ":" in k}
        fallback = translated(catalog.fallback, code) if catalog.fallback is not None else None
        _TRANSLATED[key] = Catalog(f"{catalog.name} ({code})", tables, fallback, catalog.source, code, others)
    return _TRANSLATED[key]
