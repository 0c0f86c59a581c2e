"""The words of the lecture: its beats, in order, and the narration cues of each, computed.

Each cue is written once, as a template whose numbers are fields; the subtitle text fills them with
:func:`~derivlib.numbers.format_number`'s text and the spoken form with the same text read aloud, and
the few symbols of the template's own words (``f(a)``, ``=``, ``df(a)/da`` ...) are read aloud by one
table. So subtitle and voice always say the same thing, and no number is ever typed into a sentence.

>>> cues = narration(Params())
>>> [c.text for c in cues if c.id == "nudge-move"]
['Now give a a tiny nudge to the right, by 0.001, so that a becomes 2.001.']
>>> [c.spoken for c in cues if c.id == "nudge-move"]
['Now give a a tiny nudge to the right, by zero point zero zero one, so that a becomes two point zero zero one.']
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .calculus import SHRINK, Function, Nudge, f, formula, nudges, shrinking_nudges
from .numbers import format_number, spoken_number
from .params import Params

__all__ = [
    "BEATS",
    "DEFINITION_TEX",
    "WORDS_PER_SECOND",
    "Beat",
    "Cue",
    "beats",
    "cue_seconds",
    "evaluation",
    "narration",
]

#: A natural speaking pace, used to time a cue until a voice supplies the real duration.
WORDS_PER_SECOND = Decimal("2.5")
#: The pause after each cue, in seconds.
PAUSE_SECONDS = Decimal("0.4")


@dataclass(frozen=True)
class Beat:
    """One beat of the lecture (../shared/lecture/BEATS.md): an id, a title and a one-line summary."""

    id: str
    title: str
    summary: str


#: The lecture's beats in order. This is the one place that sets the lecture's order.
BEATS: tuple[Beat, ...] = (
    Beat("opening", "Opening", "Title card: an intuitive feel for derivatives."),
    Beat("line", "The line", "The function f(a) = k·a + b plotted on axes a and f(a)."),
    Beat("point", "A point", "The first point a and its value f(a), marked on the line."),
    Beat("nudge", "The nudge", "a nudged to a + h; f(a) moves to f(a + h)."),
    Beat("triangle", "The triangle", "The green triangle: width h, height f(a + h) - f(a), then true size."),
    Beat("slope", "Slope = derivative", "Height over width is the slope, and the slope is the derivative."),
    Beat("another", "Another point", "The same nudge at the other points: the same slope again."),
    Beat("notation", "Notation", "df(a)/da = k, or d/da f(a) = k."),
    Beat("formal", "The formal definition", "The nudge shrinks towards zero; the ratio stays k."),
    Beat("everywhere", "Same slope everywhere", "Triangles all along the line, all k : 1."),
    Beat("closing", "Closing", "Next: a function whose slope changes from point to point."),
)


def beats(params: Params) -> tuple[Beat, ...]:
    """The beats that these parameters have: 'another' needs a second point.

    >>> [b.id for b in beats(Params.from_strings(points="2"))][5:8]
    ['slope', 'notation', 'formal']
    >>> len(beats(Params()))
    11
    """
    return tuple(b for b in BEATS if b.id != "another" or len(params.points) > 1)


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
    """A piece of a sentence that is written one way and said another."""

    text: str
    spoken: str


def num(value: Decimal | Fraction | int) -> Term:
    """A number: shown by the one formatting rule and said as the same text read aloud.

    >>> num(Decimal("-21"))
    Term(text='-21', spoken='minus twenty-one')
    """
    return Term(format_number(value), spoken_number(value))


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


def evaluation(fn: Function, a: Decimal) -> Term:
    """f(a) worked out at a point: 'f(a) = k × a + b = value' (just the value for a flat line), as on
    screen and as said.

    >>> evaluation(Params.from_strings(slope="7", intercept="-1"), Decimal(-3)).text
    'f(a) = 7 × (-3) - 1 = -22'
    >>> evaluation(Params(), Decimal(2)).spoken
    'f of a equals three times two equals six'
    >>> evaluation(Params.from_strings(slope="0", intercept="4"), Decimal(2)).text
    'f(a) = 4'
    """
    template = "f(a) = {k} × {a}{plus_b} = {fa}" if fn.slope else "f(a) = {fa}"
    text, spoken = render(
        template,
        {"k": num(fn.slope), "a": factor(a), "plus_b": plus(fn.intercept), "fa": num(f(fn, a))},
    )
    return Term(text, spoken)


#: The formal definition of the derivative, as TeX (its 0 is the definition's, not a computed value).
DEFINITION_TEX = r"\lim_{h \to 0} \frac{f(a + h) - f(a)}{h}"


# How the template's own words are read aloud, longest first. Numbers are never in templates.
_SPOKEN_SYMBOLS = (
    ("d/da f(a)", "d by d a of f of a"),
    ("df(a)/da", "d f of a over d a"),
    ("f(a + h)", "f of a plus h"),
    ("a + h", "a plus h"),
    ("f(a)", "f of a"),
    ("f(", "f of "),
    (")", ""),
    (" = ", " equals "),
    (" × ", " times "),
    (" / ", " over "),
    (" : ", " to "),
)
_SPOKEN_RE = re.compile("|".join(re.escape(s) for s, _ in _SPOKEN_SYMBOLS))
_SPOKEN = dict(_SPOKEN_SYMBOLS)


def say(literal: str) -> str:
    """The template's own words read aloud.

    >>> say("We write df(a)/da = ")
    'We write d f of a over d a equals '
    """
    return _SPOKEN_RE.sub(lambda m: _SPOKEN[m.group(0)], literal)


def render(template: str, terms: dict[str, Term]) -> tuple[str, str]:
    """Fill a template twice: with the terms' text, and with their spoken form around words read aloud.

    >>> render("a = {a}", {"a": num(2)})
    ('a = 2', 'a equals two')
    """
    text, spoken = [], []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if re.search(r"[0-9]", literal):
            raise ValueError(f"a number is typed into the narration template {template!r}")
        text.append(literal)
        spoken.append(say(literal))
        if name is not None:
            if spec or conversion:
                raise ValueError(f"format specs are not used in narration: {template!r}")
            text.append(terms[name].text)
            spoken.append(terms[name].spoken)
    return "".join(text), "".join(spoken)


class _Script:
    """Collects the cues of one beat; a cue's id is the beat's prefix and the cue's name."""

    def __init__(self, beat: str, prefix: str | None = None):
        self.beat, self.prefix, self.cues = beat, prefix or beat, []

    def add(self, name: str, template: str, **terms: Term) -> None:
        text, spoken = render(template, terms)
        self.cues.append(Cue(f"{self.prefix}-{name}", self.beat, text, spoken))


def _moves(k: Decimal, up: str, down: str, still: str) -> str:
    return up if k > 0 else down if k < 0 else still


def _point_terms(n: Nudge) -> dict[str, Term]:
    return {
        "a": num(n.a),
        "fa": num(n.f_a),
        "a_h": num(n.a_nudged),
        "f_ah": num(n.f_nudged),
        "h": num(n.run),
        "rise": num(n.rise),
        "drop": num(-n.rise),
        "ratio": num(n.ratio),
    }


def narration(params: Params) -> tuple[Cue, ...]:
    """The lecture's narration for these parameters: every cue of every beat, in order.

    >>> cues = narration(Params())
    >>> [c.text for c in cues if c.beat == "slope"][0]
    'Slope is height divided by width: 0.003 / 0.001 = 3.'
    >>> [c.spoken for c in cues if c.beat == "notation"][0]
    'We write this slope as d f of a over d a equals three.'
    >>> [c.text for c in narration(Params.from_strings(slope="-2")) if c.id == "nudge-moves"]
    ['f(a) goes down, to -4.002.']
    """
    k = params.slope
    first, *others = nudges(params)
    t = _point_terms(first)
    kk = num(k)
    common = {"k": kk, "abs_k": num(abs(k)), "b": num(params.intercept)}
    form = formula(params)
    scripts = {}

    s = scripts["opening"] = _Script("opening")
    s.add("aim", "What is a derivative? This lecture builds an intuitive picture of one.")
    s.add(
        "reassure", "You can use neural networks well without deep calculus; the idea is what matters here."
    )

    s = scripts["line"] = _Script("line")
    s.add(
        "function",
        "Here is the function {formula}, drawn with a across and f(a) up.",
        formula=Term(form.text, form.spoken),
    )
    s.add(
        "shape",
        _moves(
            k,
            "It is a straight line, rising as a grows.",
            "It is a straight line, falling as a grows.",
            "It is a flat line: f(a) is {b} whatever a is.",
        ),
        **common,
    )

    s = scripts["point"] = _Script("point")
    s.add("pick", "Pick a point: a = {a}.", **t)
    if k:
        s.add("value", "There {evaluation}.", evaluation=evaluation(params, first.a))
    else:
        s.add("value", "There, as everywhere on this line, f(a) = {fa}.", **t)

    s = scripts["nudge"] = _Script("nudge")
    s.add("move", "Now give a a tiny nudge to the right, by {h}, so that a becomes {a_h}.", **t)
    s.add(
        "moves",
        _moves(
            k,
            "f(a) goes up, to {f_ah}.",
            "f(a) goes down, to {f_ah}.",
            "f(a) does not move: it stays at {f_ah}.",
        ),
        **t,
    )
    s.add(
        "scale",
        "At the scale of the whole line a change of {h} is hard to see, "
        "so first we draw it larger than life, not to scale.",
        **t,
    )

    s = scripts["triangle"] = _Script("triangle")
    s.add("width", "The green triangle shows both changes. Its width is how far a moved: {h}.", **t)
    s.add(
        "height",
        _moves(
            k,
            "Its height is how far f(a) moved: up by {rise}.",
            "Its height is how far f(a) moved: down by {drop}, a height of {rise}.",
            "Its height is how far f(a) moved: {rise}, so the triangle is flat.",
        ),
        **t,
    )
    if k:
        s.add(
            "times",
            "f(a) moved {abs_k} times as far as a did" + _moves(k, ".", ", and in the other direction.", ""),
            **common,
        )
    s.add("zoom", "Zoom in far enough and the true triangle appears: tiny, but the very same shape.")

    s = scripts["slope"] = _Script("slope")
    s.add("ratio", "Slope is height divided by width: {rise} / {h} = {ratio}.", **t)
    s.add(
        "derivative", "And the derivative is just the slope: at a = {a} the derivative of f is {ratio}.", **t
    )

    for i, n in enumerate(others, start=2):
        s = scripts[f"another-{i}"] = _Script("another", prefix=f"another-{i}")
        u = _point_terms(n)
        s.add("pick", "Now take a = {a}, where f(a) = {fa}.", **u)
        s.add("moves", "Nudge a by {h} again, to {a_h}, and f(a) becomes {f_ah}.", **u)
        s.add("ratio", "Height over width: {rise} / {h} = {ratio}, the same slope as before.", **u)

    s = scripts["notation"] = _Script("notation")
    s.add("leibniz", "We write this slope as df(a)/da = {k}.", **common)
    s.add("operator", "Another way to write the same thing is d/da f(a) = {k}.", **common)
    s.add("meaning", "Both say: nudge a a little, and f(a) changes by {k} times the nudge.", **common)

    s = scripts["formal"] = _Script("formal")
    shrinking = shrinking_nudges(params)
    h_terms = {f"h{i}": num(n.h) for i, n in enumerate(shrinking)}
    s.add(
        "smaller",
        "The formal definition nudges a by far less than {h0}: {h1}, then {h2}, and smaller still.",
        **h_terms,
    )
    ratios = {f"r{i}": num(n.ratio) for i, n in enumerate(shrinking)}
    s.add(
        "ratios",
        "Each nudge is {factor} times smaller than the one before, and the ratio stays {r0}, {r1}, {r2}.",
        factor=num(Fraction(1) / Fraction(SHRINK)),
        **ratios,
    )
    s.add(
        "limit",
        "The derivative is what that ratio becomes as the nudge shrinks to nothing: here {k}.",
        **common,
    )

    s = scripts["everywhere"] = _Script("everywhere")
    s.add(
        "ratio",
        "Wherever the triangle sits on this line, height : width is {k} : {one}.",
        **common,
        one=num(first.unit),
    )
    s.add("all", "So the slope of f is {k} at every a, not only at the points we tried.", **common)

    s = scripts["closing"] = _Script("closing")
    s.add("summary", "For a straight line the derivative is the same everywhere: here, {k}.", **common)
    s.add("next", "Next, a function whose slope is different at different points.")

    return tuple(cue for b in beats(params) for key, s in scripts.items() if s.beat == b.id for cue in s.cues)
