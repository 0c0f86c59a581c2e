"""The narration's sentences as message templates, kept apart from the code that fills them.

Each lecture package keeps its sentences in a ``words.toml`` beside its code: a table per beat, a
template per cue, named fields in braces. Where a sentence depends on the function or on the numbers
(a line rises or falls, a curve is only *about* its tangent), the cue is a table of variants, and the
code that fills it names the variants it would take, most specific first; the catalog picks the first
it has. What decides the choice is asked of the function itself (``Line.kinds``, ``Curve.kinds``) or of
the numbers, never of a type; and a translation supplies other templates under the same ids, nothing
else. A message's id is ``beat.cue`` or ``beat.cue.variant``: the context of a gettext catalog.

The words a lecture writes on screen (titles, "not to scale", the panel's words) are a table of the
same shape, ``[screen]``, whose cues name the words rather than a beat's sentences (``screen.width``,
``screen.next.line``): read with :meth:`Catalog.screen`, translated in the same .po files.

>>> words = Catalog.from_text('''
... [nudge]
... move = "Nudge 𝑎 by {h}."
... [nudge.moves]
... up = "f(a) goes up."
... down = "f(a) goes down."
... ''', "example")
>>> words.template("nudge", "move")
'Nudge 𝑎 by {h}.'
>>> words.template("nudge", "moves", "sideways", "down")
'f(a) goes down.'
>>> words.template("nudge", "moves", "sideways")
Traceback (most recent call last):
...
KeyError: "example has no variant of nudge.moves among ('sideways',)"
>>> sorted(words.ids())
['nudge.move', 'nudge.moves.down', 'nudge.moves.up']
>>> Catalog.from_text('[screen]\\nwidth = "width"', "example", fallback=words).screen("width")
'width'
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["SCREEN", "Catalog"]

#: The table of the words on screen.
SCREEN = "screen"


@dataclass(frozen=True)
class Catalog:
    """A lecture's sentence templates, by beat and cue (and variant), read from TOML; *fallback* is the
    catalog whose beats this one shares (a lecture that reuses another's words). A translation
    (derivlib/translations.py) is a catalog of the same shape in another *language*, read from the
    gettext catalogs in the locale/ folder beside *source*."""

    name: str
    tables: Mapping[str, Mapping[str, object]]
    fallback: Catalog | None = None
    #: the words.toml it was read from (its translations are in locale/ beside it)
    source: Path | None = None
    #: the language of its sentences (derivlib.languages)
    language: str = "en"
    #: its other messages, by id ('title:opening': a beat's title in this language)
    messages: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, name: str, fallback: Catalog | None = None) -> Catalog:
        tables = tomllib.loads(text)
        for beat, table in tables.items():
            if not isinstance(table, dict):
                raise ValueError(f"{name}: [{beat}] must be a table of cues")
            for cue, value in table.items():
                variants = value.values() if isinstance(value, dict) else [value]
                if not all(isinstance(v, str) for v in variants):
                    raise ValueError(f"{name}: {beat}.{cue} must be text or a table of texts")
        return cls(name, tables, fallback)

    @classmethod
    def load(cls, path: Path, fallback: Catalog | None = None) -> Catalog:
        """The catalog in *path* (a package's words.toml)."""
        catalog = cls.from_text(path.read_text(encoding="utf-8"), path.parent.name, fallback)
        return replace(catalog, source=path)

    def template(self, beat: str, cue: str, *variants: str) -> str:
        """The template of *beat*'s cue *cue*: the text itself, or the first of *variants* it has."""
        table = self.tables.get(beat)
        if table is None or cue not in table:
            if self.fallback is not None:
                return self.fallback.template(beat, cue, *variants)
            raise KeyError(f"{self.name} has no sentence {beat}.{cue}")
        value = table[cue]
        if isinstance(value, str):
            return value
        for variant in variants:
            if variant in value:
                return value[variant]
        raise KeyError(f"{self.name} has no variant of {beat}.{cue} among {variants}")

    def screen(self, name: str, *variants: str) -> str:
        """The words on screen called *name* (or the first of its *variants* it has), this catalog's
        or its fallback's: a template whose fields the scene fills with formulas."""
        return self.template(SCREEN, name, *variants)

    def ids(self) -> Iterator[str]:
        """Every message id of this catalog (not its fallback's): 'beat.cue' or 'beat.cue.variant'."""
        for beat, table in self.tables.items():
            for cue, value in table.items():
                if isinstance(value, dict):
                    yield from (f"{beat}.{cue}.{variant}" for variant in value)
                else:
                    yield f"{beat}.{cue}"

    def message(self, message_id: str) -> str:
        """One of its other messages (a title), or its fallback's."""
        if message_id in self.messages:
            return self.messages[message_id]
        if self.fallback is not None:
            return self.fallback.message(message_id)
        raise KeyError(f"{self.name} has no message {message_id}")

    def text(self, message_id: str) -> str:
        """The template with this id."""
        beat, cue, *variant = message_id.split(".")
        value = self.tables[beat][cue]
        return value[variant[0]] if variant else value  # type: ignore[index,return-value]
