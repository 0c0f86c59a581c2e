"""The words of the lecture: its beats, in order, and the narration cues of each, computed.

Each cue is written once, as a template whose numbers are fields; the subtitle text fills them with
:func:`~derivlib.numbers.format_number`'s text and the spoken form with the same text read aloud, and
the few symbols of the template's own words (``f(a)``, ``=``, ``df(a)/da`` ...) are read aloud by one
table. So subtitle and voice always say the same thing, and no number is ever typed into a sentence.

>>> cues = narration(Params())
>>> [c.text for c in cues if c.id == "nudge-move"]
['Now give a a tiny nudge to the right, by 0.001, so that a becomes 2.001.']
>>> [c.spoken for c in cues if c.id == "nudge-move"]
['Now give eh a tiny nudge to the right, by zero point zero zero one, so that eh becomes two point zero zero one.']
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .beats import BEATS, Beat, beats
from .calculus import SHRINK, Function, f, formula, nudges, shrinking_nudges
from .curve_narration import curve_narration
from .params import Params
from .wording import (
    WORDS_PER_SECOND,
    Cue,
    Script,
    Term,
    cue_seconds,
    factor,
    num,
    plus,
    point_terms,
    render,
)

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


def evaluation(fn: Function, a: Decimal) -> Term:
    """f(a) worked out at a point: 'f(a) = k × a + b = value' (just the value for a flat line), as on
    screen and as said.

    >>> evaluation(Params.from_strings(slope="7", intercept="-1"), Decimal(-3)).text
    'f(a) = 7 × (-3) - 1 = -22'
    >>> evaluation(Params(), Decimal(2)).spoken
    'f of eh equals three times two equals six'
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


def _moves(k: Decimal, up: str, down: str, still: str) -> str:
    return up if k > 0 else down if k < 0 else still


def narration(params: Params) -> tuple[Cue, ...]:
    """The lecture's narration for these parameters: every cue of every beat, in order.

    >>> cues = narration(Params())
    >>> [c.text for c in cues if c.beat == "slope"][0]
    'Slope is height divided by width: 0.003 / 0.001 = 3.'
    >>> [c.spoken for c in cues if c.beat == "notation"][0]
    'We write this slope as d f of eh over d eh equals three.'
    >>> [c.text for c in narration(Params.from_strings(slope="-2")) if c.id == "nudge-moves"]
    ['f(a) goes down, to -4.002.']
    """
    if params.curve is not None:
        return curve_narration(params)
    k = params.slope
    first, *others = nudges(params)
    t = point_terms(first)
    kk = num(k)
    common = {"k": kk, "abs_k": num(abs(k)), "b": num(params.intercept)}
    form = formula(params)
    scripts = {}

    s = scripts["opening"] = Script("opening")
    s.add("aim", "What is a derivative? This lecture builds an intuitive picture of one.")
    s.add(
        "reassure", "You can use neural networks well without deep calculus; the idea is what matters here."
    )

    s = scripts["line"] = Script("line")
    s.add(
        "function",
        "Here is the function {formula}, drawn with 𝑎 across and f(a) up.",
        formula=Term(form.text, form.spoken),
    )
    s.add(
        "shape",
        _moves(
            k,
            "It is a straight line, rising as 𝑎 grows.",
            "It is a straight line, falling as 𝑎 grows.",
            "It is a flat line: f(a) is {b} whatever 𝑎 is.",
        ),
        **common,
    )

    s = scripts["point"] = Script("point")
    s.add("pick", "Pick a point: 𝑎 = {a}.", **t)
    if k:
        s.add("value", "There {evaluation}.", evaluation=evaluation(params, first.a))
    else:
        s.add("value", "There, as everywhere on this line, f(a) = {fa}.", **t)

    s = scripts["nudge"] = Script("nudge")
    s.add("move", "Now give 𝑎 a tiny nudge to the right, by {h}, so that 𝑎 becomes {a_h}.", **t)
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

    s = scripts["triangle"] = Script("triangle")
    s.add("width", "The green triangle shows both changes. Its width is how far 𝑎 moved: {h}.", **t)
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
            "f(a) moved {abs_k} times as far as 𝑎 did" + _moves(k, ".", ", and in the other direction.", ""),
            **common,
        )
    s.add("zoom", "Zoom in far enough and the true triangle appears: tiny, but the very same shape.")

    s = scripts["slope"] = Script("slope")
    s.add("ratio", "Slope is height divided by width: {rise} / {h} = {ratio}.", **t)
    s.add(
        "derivative", "And the derivative is just the slope: at 𝑎 = {a} the derivative of f is {ratio}.", **t
    )

    for i, n in enumerate(others, start=2):
        s = scripts[f"another-{i}"] = Script("another", prefix=f"another-{i}")
        u = point_terms(n)
        s.add("pick", "Now take 𝑎 = {a}, where f(a) = {fa}.", **u)
        s.add("moves", "Nudge 𝑎 by {h} again, to {a_h}, and f(a) becomes {f_ah}.", **u)
        s.add("ratio", "Height over width: {rise} / {h} = {ratio}, the same slope as before.", **u)

    s = scripts["notation"] = Script("notation")
    s.add("leibniz", "We write this slope as df(a)/da = {k}.", **common)
    s.add("operator", "Another way to write the same thing is d/da f(a) = {k}.", **common)
    s.add("meaning", "Both say: nudge 𝑎 a little, and f(a) changes by {k} times the nudge.", **common)

    s = scripts["formal"] = Script("formal")
    shrinking = shrinking_nudges(params)
    h_terms = {f"h{i}": num(n.h) for i, n in enumerate(shrinking)}
    s.add(
        "smaller",
        "The formal definition nudges 𝑎 by far less than {h0}: {h1}, then {h2}, and smaller still.",
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

    s = scripts["everywhere"] = Script("everywhere")
    s.add(
        "ratio",
        "Wherever the triangle sits on this line, height : width is {k} : {one}.",
        **common,
        one=num(first.unit),
    )
    s.add("all", "So the slope of f is {k} at every 𝑎, not only at the points we tried.", **common)

    s = scripts["closing"] = Script("closing")
    s.add("summary", "For a straight line the derivative is the same everywhere: here, {k}.", **common)
    s.add("next", "Next, a function whose slope is different at different points.")

    return tuple(cue for b in beats(params) for key, s in scripts.items() if s.beat == b.id for cue in s.cues)
