"""The languages a lecture is said and written in: English (the source: the lectures' words.toml and
derivlib's own number text) and the translations, each described by a TOML file here (its label in
its own language, its CLDR locale, its espeak-ng voice, how it reads numbers and symbols aloud).
A lecture's sentences in a language are its gettext catalog (derivlib/translations.py).

Numbers: derivlib's formatted text (derivlib/numbers.py format_number) stays the source; a language
only changes its separators and signs, by its CLDR rule through Babel, every digit kept (checked).

>>> de = language_named("de")
>>> de.number_text("2.001"), de.number_text("≈-0.333333333333"), de.number_text("1000000")
('2,001', '≈-0,333333333333', '1.000.000')
>>> language_named("zh-Hans").number_text("2.001"), language_named("en").number_text("2.001")
('2.001', '2.001')
>>> de.numbers_in("f(a) = 0.5a^2 - 1.25"), de.spoken_number("-0.003")
('f(a) = 0,5a^2 - 1,25', 'minus null Komma null null drei')
>>> de.read_formula("f(a) = 0.5a^2")
'f von a gleich null Komma fünf a Quadrat'
>>> [language.label for language in languages()]
['English', 'Español', 'Deutsch', 'Français', 'Português (Brasil)', '简体中文']
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

from babel.numbers import format_decimal
from num2words import num2words

from ..numbers import APPROX, ParameterError
from . import chinese
from .reading import FormulaReader, read_literal

__all__ = ["CODES", "SOURCE", "Language", "language_named", "languages"]

#: Every language, in the order the page's menu lists them; the first is the source.
CODES = ("en", "es", "de", "fr", "pt-BR", "zh-Hans")
SOURCE = CODES[0]

#: A number as derivlib writes it, inside a term's text: not inside a word, its sign attached.
_NUMBER = re.compile(r"(?<![\w).])-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Language:
    """One language: its code (BCP 47, as the page's tracks and the .po files name it), its label in
    itself, its CLDR locale for Babel, its espeak-ng voice, and its reading tables."""

    code: str
    label: str
    locale: str
    espeak: str
    #: how numbers are read aloud: 'num2words' (with ``num2words``, its language) or 'chinese'
    numbers: str = ""
    num2words: str = ""
    #: a template's own symbols read aloud (df(a)/da, f(a), 𝑎, " = " ...)
    symbols: Mapping[str, str] = field(default_factory=dict)
    #: the words a formula is read with (derivlib/languages/reading.py)
    formula: Mapping[str, str] = field(default_factory=dict)
    #: the font its words on screen are set in, when LaTeX (pdflatex, manim's default template) cannot
    #: set its script (Chinese): the scenes then set them with Pango; empty: set with LaTeX
    screen_font: str = ""

    @property
    def is_source(self) -> bool:
        """Whether this is the language the lectures are written in (its words are derivlib's own)."""
        return self.code == SOURCE

    def number_text(self, text: str) -> str:
        """One number as derivlib writes it ('≈-2.001') written by this language's CLDR rule: only the
        separators and the sign change (and the ≈ mark stays), never a digit."""
        if self.is_source:
            return text
        mark = APPROX if text.startswith(APPROX) else ""
        body = text.removeprefix(APPROX)
        out = format_decimal(Decimal(body), locale=self.locale, decimal_quantization=False)
        if re.sub(r"\D", "", out) != re.sub(r"\D", "", body):
            raise ValueError(f"{self.code}: {body!r} would be written {out!r}, not the same digits")
        return mark + out

    def numbers_in(self, text: str, setting: Callable[[str], str] | None = None) -> str:
        """Every number in a term's text (derivlib's notation: 'f(a) = 0.5a^2', '3 × 2.001') written
        by this language's rule; *setting*, if given, then turns each written number into the form
        its medium needs (a decimal comma as TeX's ``{,}``: scenes/style.py).

        >>> language_named("fr").numbers_in(r"\\frac{2.001}{1000000}", lambda n: f"<{n}>")
        '\\\\frac{<2,001>}{<1\u202f000\u202f000>}'
        """
        if self.is_source:
            return text
        written = (lambda n: setting(self.number_text(n))) if setting else self.number_text
        return _NUMBER.sub(lambda m: written(m.group(0)), text)

    def spoken_number(self, text: str) -> str:
        """One number as derivlib writes it, read aloud: the whole part in words, the decimals digit
        by digit after the language's word for the separator."""
        if self.numbers == "chinese":
            return chinese.spoken(text, self.formula["approx"], self.formula["negative"])
        words = []
        if text.startswith(APPROX):
            words.append(self.formula["approx"])
            text = text.removeprefix(APPROX)
        if text.startswith("-"):
            words.append(self.formula["negative"])
            text = text[1:]
        whole, _, fraction = text.partition(".")
        words.append(num2words(int(whole), lang=self.num2words))
        if fraction:
            words.append(self.formula["point"])
            words.extend(num2words(int(d), lang=self.num2words) for d in fraction)
        return " ".join(words)

    @cached_property
    def _reader(self) -> FormulaReader:
        return FormulaReader(self.formula, self.symbols, self.spoken_number)

    def read_formula(self, text: str) -> str:
        """A term's text (derivlib's notation) read aloud in this language."""
        return self._reader(text)

    def spoken_by(self, espeak_voice: str) -> bool:
        """Whether an espeak-ng voice (its name, or the voice a Piper model phonemizes with) speaks
        this language: the same primary language subtag ('fr-be' and 'fr' speak French; a variant
        after '+' and a folder before '/' are not the language).

        >>> fr = language_named("fr")
        >>> fr.spoken_by("fr-be"), fr.spoken_by("roa/fr"), fr.spoken_by("fr+f3"), fr.spoken_by("en-us")
        (True, True, True, False)
        """

        def primary(name: str) -> str:
            return name.rsplit("/", 1)[-1].split("+", 1)[0].split("-", 1)[0].lower()

        return primary(espeak_voice) == primary(self.espeak)

    def read_literal(self, literal: str) -> str:
        """A template's own words with their symbols read aloud in this language."""
        return read_literal(literal, self.symbols)


@cache
def language_named(code: str) -> Language:
    """The language with this code; a ParameterError naming the languages otherwise."""
    if code not in CODES:
        raise ParameterError("language", f"no language {code!r}; the languages are {', '.join(CODES)}")
    data = tomllib.loads(Path(__file__).with_name(f"{code}.toml").read_text(encoding="utf-8"))
    assert data["code"] == code, f"{code}.toml describes {data['code']}"
    return Language(**data)


def languages() -> tuple[Language, ...]:
    """Every language, the source first."""
    return tuple(language_named(code) for code in CODES)
