"""What a scene writes, in its language: the lecture's words on screen, from its catalog (the ``[screen]``
table of its words.toml, translated in its .po files), and every formula, its numbers written by the
language's rule (scenes/style.py ``as_tex``). A scene gets its :class:`Writer` from the part it draws
(its ``language``) and types no word and no number of its own.

Words are set with LaTeX (manim's default template: pdflatex reads UTF-8, so é, ß, ç and ã set as
accented letters), inside the formula they belong to (``\\text{...}``); in a language whose script
pdflatex cannot set (its ``screen_font``: Chinese), with Pango in that font, and a formula with words
is then a row of pieces, words and formulas side by side, indexed by part as a MathTex is.

>>> from derivlib.lectures import default_lecture
>>> english, german = Writer(default_lecture(), "en"), Writer(default_lecture(), "de")
>>> english.words_tex(english.words("derivative_at", a="a = 2.5"))
'\\\\text{derivative at }a = 2.5\\\\text{:}'
>>> german.words_tex(german.words("derivative_at", a="a = 2.5"))
'\\\\text{Ableitung bei }a = 2{,}5\\\\text{:}'
>>> english.formula("point", a="2", fa="6"), german.tex(german.formula("point", a="2.001", fa="6.003"))
('(2,\\\\ 6)', '(2{,}001\\\\ |\\\\ 6{,}003)')
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

from manim import DOWN, ORIGIN, RIGHT, WHITE, Line, MathTex, Mobject, Tex, Text, VGroup

from derivlib.languages import language_named
from derivlib.lectures.lecture import Lecture
from scenes.style import PANEL_SIZE, SUBTITLE_SIZE, as_tex

__all__ = ["Over", "PangoText", "Words", "Writer"]

#: The room between the pieces of a row (words set with Pango beside formulas), per point of font size:
#: about TeX's space around a relation.
ROW_GAP = 0.0035
#: manim sets a Text (Pango) about 1.43 times as large as a Tex of the same font size (their capital H
#: measured: 0.407 and 0.284 scene units at 40): Pango's words are set at this fraction of it, so that
#: their Latin letters stand as tall as LaTeX's beside them (a Chinese character then stands a little
#: taller than a capital, as it does in print).
PANGO_SCALE = 0.7
#: TeX's \quad (an em) per point of font size, in scene units; and the spacing commands a row sets as room
QUAD = 0.0104  # (measured: x \quad y is 0.415 wider than x y at 40)
_SPACES = {r"\quad": 1.0, r"\qquad": 2.0}
#: Characters that mean something to LaTeX, as they are written in its text.
_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}
#: Arrows in words, as LaTeX sets them.
_ARROWS = {"→": r"$\rightarrow$", "←": r"$\leftarrow$"}


class PangoText(Text):
    """Words set with Pango, sized in LaTeX's points like the formulas beside them (see PANGO_SCALE):
    its ``font_size`` is the size of a Tex that stands as tall."""

    def __init__(self, text: str, *, font_size: float, **kwargs):
        super().__init__(text, font_size=font_size * PANGO_SCALE, **kwargs)

    @property
    def font_size(self) -> float:
        return Text.font_size.fget(self) / PANGO_SCALE

    @font_size.setter
    def font_size(self, value: float) -> None:
        Text.font_size.fset(self, value * PANGO_SCALE)


@dataclass(frozen=True)
class Words:
    """Words on screen: a template of the lecture's catalog in the scene's language and its fields, each
    a formula in derivlib's notation ('a = 2', a number, a name)."""

    template: str
    fields: Mapping[str, str]

    def pieces(self) -> list[tuple[str, bool]]:
        """Its words and its fields' formulas in order: (text, whether it is a formula)."""
        out = []
        for literal, name, _, _ in string.Formatter().parse(self.template):
            if literal:
                out.append((literal, False))
            if name is not None:
                out.append((self.fields[name], True))
        return out


@dataclass(frozen=True)
class Over:
    """A fraction of words ('height' over 'width')."""

    top: Words
    bottom: Words


def latex_text(words: str) -> str:
    """Words as LaTeX text: its special characters escaped, arrows set as LaTeX's, a line break a new line.

    >>> latex_text("forward pass: 100% →"), latex_text("two\\nlines")
    ('forward pass: 100\\\\% $\\\\rightarrow$', 'two\\\\\\\\lines')
    """
    out = "".join(_ARROWS.get(c, _SPECIAL.get(c, c)) for c in words)
    return out.replace("\n", "\\\\")


Part = str | Words | Over | tuple


class Writer:
    """How a scene writes in one language: its lecture's words on screen, and its numbers."""

    def __init__(self, lecture: Lecture, code: str):
        self.language = language_named(code)
        self.catalog = lecture.words_in(code)
        self.lecture_title = lecture.title_in(code)
        #: the font its words are set in with Pango; '' when LaTeX sets them
        self.font = self.language.screen_font

    # --- what is written ----------------------------------------------------------------------------
    def tex(self, written: str) -> str:
        """derivlib's written math as TeX, its numbers written by this language's rule."""
        return as_tex(written, self.language)

    def words(self, name: str, /, *variants: str, **fields: str) -> Words:
        """The words on screen called *name* (the first of *variants* it has), their fields filled with
        formulas in derivlib's notation."""
        return Words(self.catalog.screen(name, *variants), fields)

    def over(self, top: str, bottom: str) -> Over:
        """The words called *top* over those called *bottom*, as a fraction."""
        return Over(self.words(top), self.words(bottom))

    def formula(self, name: str, /, **fields: str) -> str:
        """A formula of the catalog ('point': the point (a, f(a)) as the language writes it), its fields
        filled, its spaces kept (TeX's ``\\ ``): a part for :meth:`math`."""
        return self.catalog.screen(name).replace(" ", "\\ ").format(**fields)

    def words_tex(self, words: Words, lead: bool = False, trail: bool = False) -> str:
        """Words inside a formula, as TeX: the words as ``\\text{...}``, the fields as formulas; with
        *lead* (*trail*) a space before (after) them, inside their words (a space after a colon is
        wider than one after a letter)."""
        pieces = words.pieces()
        if lead:
            pieces = [(" ", False), *pieces] if pieces[0][1] else [(" " + pieces[0][0], False), *pieces[1:]]
        if trail:
            pieces = (
                [*pieces, (" ", False)] if pieces[-1][1] else [*pieces[:-1], (pieces[-1][0] + " ", False)]
            )
        return "".join(self.tex(t) if formula else rf"\text{{{latex_text(t)}}}" for t, formula in pieces)

    # --- mobjects -----------------------------------------------------------------------------------
    def math(
        self, *parts: Part, font_size: float = PANEL_SIZE, colors: dict[int, str] | None = None
    ) -> Mobject:
        """A formula from derivlib's strings and words of the catalog (a part may be a tuple of them, set
        as one); *colors* maps a part's index to its colour. Words are set apart from the parts beside
        them by a space, except from a relation (=, ≈). In a language set with Pango, a formula with
        words is a row of pieces, one per part."""
        if self.font and any(_has_words(p) for p in parts):
            out = VGroup(*(self._piece(p, font_size) for p in parts)).arrange(RIGHT, buff=ROW_GAP * font_size)
        else:
            # (a relation is spaced by TeX itself)
            apart = [i > 0 for i in range(len(parts))]
            trail = [i + 1 < len(parts) and not _relation(parts[i + 1]) for i in range(len(parts))]
            out = MathTex(*map(self._part_tex, parts, apart, trail), font_size=font_size)
        for index, color in (colors or {}).items():
            out[index].set_color(color)
        return out

    def text(
        self, name: str, *variants: str, font_size: float = SUBTITLE_SIZE, color: str = WHITE
    ) -> Mobject:
        """The words on screen called *name*, on a line (or lines) of their own."""
        return self.set_words(self.catalog.screen(name, *variants), font_size, color)

    def lines(self, name: str, font_size: float = SUBTITLE_SIZE, color: str = WHITE) -> list[Mobject]:
        """The words called *name*, a mobject per line (a scene lays out the lines itself)."""
        return [self.set_words(line, font_size, color) for line in self.catalog.screen(name).split("\n")]

    def title(self, font_size: float, color: str = WHITE) -> Mobject:
        """The lecture's title in this language."""
        return self.set_words(self.lecture_title, font_size, color)

    def set_words(self, words: str, font_size: float, color: str) -> Mobject:
        if self.font:
            return PangoText(words, font=self.font, font_size=font_size, color=color)
        return Tex(latex_text(words), font_size=font_size, color=color)

    # --- pieces -------------------------------------------------------------------------------------
    def _part_tex(self, part: Part, after: bool, before: bool) -> str:
        if isinstance(part, str):
            return self.tex(part)
        if isinstance(part, tuple):
            return " ".join(self._part_tex(p, False, False) for p in part)
        if isinstance(part, Over):
            return rf"\frac{{{self.words_tex(part.top)}}}{{{self.words_tex(part.bottom)}}}"
        return self.words_tex(part, after, before)

    def _piece(self, part: Part, font_size: float) -> Mobject:
        """A part of a row: a formula, or words and formulas side by side."""
        if isinstance(part, str) and part.strip() in _SPACES:  # room, not ink: an empty stretch that wide
            width = _SPACES[part.strip()] * QUAD * font_size
            return Line(ORIGIN, RIGHT * max(width - 2 * ROW_GAP * font_size, 0.0), stroke_opacity=0)
        if isinstance(part, str):
            return MathTex(self.tex(part), font_size=font_size)
        if isinstance(part, Over):  # the words over a rule as long as the longer, over the other words
            top, bottom = self._piece(part.top, font_size), self._piece(part.bottom, font_size)
            rule = Line(ORIGIN, RIGHT * (max(top.width, bottom.width) + 0.1), stroke_width=font_size / 20)
            return VGroup(top, rule, bottom).arrange(DOWN, buff=ROW_GAP * font_size)
        items = [(p, True) for p in part] if isinstance(part, tuple) else part.pieces()
        pieces = [
            self._piece(t, font_size) if formula else self.set_words(t.strip(), font_size, WHITE)
            for t, formula in items
            if formula or t.strip()
        ]
        return VGroup(*pieces).arrange(RIGHT, buff=ROW_GAP * font_size)


def _relation(part: Part) -> bool:
    return isinstance(part, str) and part.lstrip()[:1] in ("=", "≈", "<", ">")


def _has_words(part: Part) -> bool:
    if isinstance(part, tuple):
        return any(_has_words(p) for p in part)
    if isinstance(part, Over):
        return _has_words(part.top) or _has_words(part.bottom)
    return isinstance(part, Words) and any(
        not formula and re.search(r"\w", t) for t, formula in part.pieces()
    )
