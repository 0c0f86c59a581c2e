"""How the narration is worded: cues, the terms a sentence is made of (written one way, said another),
templates filled twice (for the screen and for a voice), and a cue's duration.

>>> render("𝑎 = {a}", {"a": num(2)})
('a = 2', 'eh equals two')
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .calculus import Nudge
from .catalog import Catalog
from .languages import Language, language_named
from .numbers import APPROX, format_number, spoken_number
from .printing import SAID_A

__all__ = [
    "PAUSE_SECONDS",
    "VARIABLE",
    "WORDS_PER_SECOND",
    "Cue",
    "Facts",
    "Script",
    "Term",
    "cue_seconds",
    "equals",
    "factor",
    "num",
    "plus",
    "point_terms",
    "render",
    "say",
]

#: A natural speaking pace, used to time a cue until a voice supplies the real duration.
WORDS_PER_SECOND = Decimal("2.5")
#: The pause after each cue, in seconds.
PAUSE_SECONDS = Decimal("0.4")


@dataclass(frozen=True)
class Cue:
    """One line of narration: its id, its beat, the subtitle text and the words a voice says."""

    id: str
    beat: str
    text: str
    spoken: str

    @property
    def estimated_seconds(self) -> Decimal:
        """How long the cue takes at a natural speaking pace, with its pause.

        >>> Cue("x", "opening", "Hello there.", "hello there").estimated_seconds
        Decimal('1.2')
        """
        words = len(self.spoken.split())
        return Decimal(words) / WORDS_PER_SECOND + PAUSE_SECONDS


def cue_seconds(cue: Cue, speech: float | None) -> float:
    """How long a cue lasts in the lecture: its speech (*speech* seconds) and a pause, or without a
    voice, its words at a natural pace. The one rule; a scene's schedule and the render's timeline
    both follow it.

    >>> cue = Cue("x", "opening", "Hello there.", "hello there")
    >>> cue_seconds(cue, None), cue_seconds(cue, 1.5)
    (1.2, 1.9)
    """
    if speech is not None:
        return speech + float(PAUSE_SECONDS)
    return float(cue.estimated_seconds)


@dataclass(frozen=True)
class Term:
    """A piece of a sentence that is written one way and said another.

    A term is made in derivlib's own form (its numbers by format_number, its words English); in
    another language its text has its numbers rewritten by that language's rule and is read aloud
    anew from the text (derivlib.languages), unless the term was made in that language already
    (*language*: a sentence of a translated catalog used inside another)."""

    text: str
    spoken: str
    language: str | None = field(default=None, repr=False)


def num(value: Decimal | Fraction | int) -> Term:
    """A number: shown by the one formatting rule and said as the same text read aloud.

    >>> num(Decimal("-21"))
    Term(text='-21', spoken='minus twenty-one')
    """
    return Term(format_number(value), spoken_number(value))


def equals(value: Decimal | Fraction | int) -> Term:
    """'= value', or for a value shown rounded '≈ value' (never '= ≈value'), as written and as said.

    >>> equals(Decimal("4.001"))
    Term(text='= 4.001', spoken='equals four point zero zero one')
    >>> equals(Fraction(1, 3)).text
    '≈ 0.333333333333'
    """
    text = format_number(value)
    if text.startswith(APPROX):
        return Term(f"{APPROX} {text.removeprefix(APPROX)}", spoken_number(value))
    return Term(f"= {text}", f"equals {spoken_number(value)}")


def factor(value: Decimal) -> Term:
    """A number as the second factor of a product: parenthesised when negative.

    >>> factor(Decimal(-3)).text
    '(-3)'
    """
    term = num(value)
    return Term(f"({term.text})", term.spoken) if value < 0 else term


def plus(value: Decimal) -> Term:
    """'+ b' or '- b' after a product, or nothing when b is zero.

    >>> plus(Decimal("-1.5")), plus(Decimal(0)).text
    (Term(text=' - 1.5', spoken=' minus one point five'), '')
    """
    if value == 0:
        return Term("", "")
    term = num(abs(value))
    sign, word = ("+", "plus") if value > 0 else ("-", "minus")
    return Term(f" {sign} {term.text}", f" {word} {term.spoken}")


#: The variable a in a template's own words, where the sentence could read it as the article ("give 𝑎
#: a tiny nudge"): written a, said as the letter (SAID_A).
VARIABLE = "𝑎"

# How the template's own words are read aloud, longest first. Numbers are never in templates.
_SPOKEN_SYMBOLS = (
    ("d/da f(a)", f"d by d {SAID_A} of f of {SAID_A}"),
    ("df(a)/da", f"d f of {SAID_A} over d {SAID_A}"),
    ("f(a + h)", f"f of {SAID_A} plus h"),
    ("a + h", f"{SAID_A} plus h"),
    ("f(a)", f"f of {SAID_A}"),
    (VARIABLE, SAID_A),
    ("f(", "f of "),
    (")", ""),
    (" = ", " equals "),
    (" × ", " times "),
    (" / ", " over "),
    (" : ", " to "),
    (" · ", " times "),  # the chain rule's product (graph lectures)
)
_SPOKEN_RE = re.compile("|".join(re.escape(s) for s, _ in _SPOKEN_SYMBOLS))
_SPOKEN = dict(_SPOKEN_SYMBOLS)


def say(literal: str) -> str:
    """The template's own words read aloud.

    >>> say("We write df(a)/da = ")
    'We write d f of eh over d eh equals '
    """
    return _SPOKEN_RE.sub(lambda m: _SPOKEN[m.group(0)], literal)


def render(template: str, terms: dict[str, Term], language: Language | None = None) -> tuple[str, str]:
    """Fill a template twice: with the terms' text, and with their spoken form around words read aloud;
    in another *language* than English, each term's numbers written and its text read by that
    language's rules.

    >>> render("give 𝑎 a nudge: 𝑎 = {a}", {"a": num(2)})
    ('give a a nudge: a = 2', 'give eh a nudge: eh equals two')
    >>> render("Bei 𝑎 = {a}: {f}", {"a": num(Decimal("2.5")), "f": Term("0.5a^2", "")}, language_named("de"))
    ('Bei a = 2,5: 0,5a^2', 'Bei a gleich zwei Komma fünf: null Komma fünf a Quadrat')
    """
    other = language if language is not None and not language.is_source else None
    text, spoken = [], []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if re.search(r"[0-9]", literal):
            raise ValueError(f"a number is typed into the narration template {template!r}")
        text.append(literal.replace(VARIABLE, "a"))
        spoken.append(other.read_literal(literal) if other else say(literal))
        if name is not None:
            if spec or conversion:
                raise ValueError(f"format specs are not used in narration: {template!r}")
            term = terms[name]
            if other is not None and term.language != other.code:
                text.append(other.numbers_in(term.text))
                spoken.append(other.read_formula(term.text))
            else:
                text.append(term.text)
                spoken.append(term.spoken)
    return "".join(text), "".join(spoken)


class Script:
    """Collects the cues of one beat, each from a template of a catalog (derivlib.catalog) filled with
    terms; a cue's id is the beat's prefix and the cue's name (``another-2-pick``).

    >>> from derivlib.catalog import Catalog
    >>> words = Catalog.from_text('[point]\\npick = "Pick 𝑎 = {a}."', "example")
    >>> s = Script(words, "point")
    >>> s.say("pick", a=num(2))
    >>> s.cues
    [Cue(id='point-pick', beat='point', text='Pick a = 2.', spoken='Pick eh equals two.')]
    """

    def __init__(self, words: Catalog, beat: str, prefix: str | None = None, section: str | None = None):
        self.words, self.beat, self.prefix = words, beat, prefix or beat
        #: the language of the catalog's sentences, whose rules fill them
        self.language = language_named(words.language)
        #: the catalog's table this beat's sentences are in (another lecture's beat may reuse one)
        self.section = section or beat.split("-")[0]
        self.cues: list[Cue] = []

    def say(self, name: str, /, *variants: str, section: str | None = None, **terms: Term) -> None:
        """Add the cue *name*: its template (the first of *variants* the catalog has; from another
        beat's table with *section*) filled with *terms*."""
        template = self.words.template(section or self.section, name, *variants)
        text, spoken = render(template, terms, self.language)
        self.cues.append(Cue(f"{self.prefix}-{name}", self.beat, text, spoken))

    def term(self, name: str, /, *variants: str, **terms: Term) -> Term:
        """A template of this beat's table filled with *terms*, as a term of another sentence."""
        text, spoken = render(self.words.template(self.section, name, *variants), terms, self.language)
        return Term(text, spoken, None if self.language.is_source else self.language.code)

    def listing(self, name: str, items: Sequence[dict[str, Term]], /) -> Term:
        """Items joined into one term: the first by the variant 'first' of *name*, the rest by 'next',
        with the variant 'separator' between them ('At a = 2 that is 4; at a = 5, 10')."""
        parts = [self.term(name, "first" if i == 0 else "next", **item) for i, item in enumerate(items)]
        separator = self.term(name, "separator")
        return Term(
            separator.text.join(p.text for p in parts),
            separator.spoken.join(p.spoken for p in parts),
            separator.language,
        )


class Facts:
    """Writes a beat's key facts (what a slide or a page says about it) in the language of a catalog:
    their words from the catalog's [facts] table, templates with named fields like the narration's;
    their formulas and numbers by the language's rule (derivlib's text, only its separators changed).

    >>> from derivlib.catalog import Catalog
    >>> words = Catalog.from_text('[facts]\\nat = "at 𝑎 = {a}"', "example")
    >>> Facts(words)("at", a="2.5"), Facts(words).math("f(2.001) = 6.003")
    ('at a = 2.5', 'f(2.001) = 6.003')
    """

    def __init__(self, words: Catalog):
        self.words = words
        self.language = language_named(words.language)

    def __call__(self, name: str, /, *variants: str, **terms: str) -> str:
        """The [facts] template *name* (the first of *variants* the catalog has), its fields filled with
        *terms* (text in derivlib's notation, its numbers written by the language's rule)."""
        template = self.words.template("facts", name, *variants)
        out = []
        for literal, field_name, spec, conversion in string.Formatter().parse(template):
            if re.search(r"[0-9]", literal) or spec or conversion:
                raise ValueError(f"a number or a format is typed into the facts template {template!r}")
            out.append(literal.replace(VARIABLE, "a"))
            if field_name is not None:
                out.append(self.math(terms[field_name]))
        return "".join(out)

    def math(self, text: str) -> str:
        """A formula or number in derivlib's notation, its numbers written by the language's rule."""
        return self.language.numbers_in(text)

    def listing(self, items: Sequence[str]) -> str:
        """Items in derivlib's notation joined by the language's separator (a comma where the decimal
        sign is not one: 1.4, 2.8; otherwise a semicolon: 1,4; 2,8), for a field of a template (which
        writes their numbers by the language's rule)."""
        return self("separator").join(items)


def point_terms(n: Nudge) -> dict[str, Term]:
    """The numbers of a point and its nudge, by the names templates give them."""
    return {
        "a": num(n.a),
        "fa": num(n.f_a),
        "a_h": num(n.a_nudged),
        "f_ah": num(n.f_nudged),
        "h": num(n.run),
        "rise": num(n.rise),
        "drop": num(-n.rise),
        "ratio": num(n.ratio),
        "eq_fa": equals(n.f_a),
        "eq_f_ah": equals(n.f_nudged),
        "eq_ratio": equals(n.ratio),
    }
