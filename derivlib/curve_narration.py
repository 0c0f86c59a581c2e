"""The lecture's words for a curve (``--function``): the same beats as for a line, saying what is true
for a curve: height over width is only *about* the derivative, the ratio closes in on it as the nudge
shrinks, and the slope changes from point to point. Every number is computed (derivlib.curve) and
written by the one formatting rule.

>>> from derivlib.params import Params
>>> cues = curve_narration(Params.from_strings(function="a^2", points="2,5"))
>>> [c.text for c in cues if c.id == "slope-derivative"]
['For a curve that ratio is only about the derivative: at a = 2 the derivative of f is 4.']
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .beats import beats
from .calculus import SHRINK, nudges, shrinking_nudges
from .curve import Curve
from .params import Params
from .printing import at_point
from .wording import Cue, Script, Term, equals, num, point_terms

__all__ = ["curve_narration"]


def _direction(rise, up: str, down: str, still: str) -> str:
    return up if rise > 0 else down if rise < 0 else still


def curve_narration(params: Params) -> tuple[Cue, ...]:
    """Every cue of every beat for a curve, in the lecture's order (the beats of derivlib.narration)."""
    curve: Curve = params.curve
    assert curve is not None
    first, *others = nudges(params)
    t = point_terms(first)
    form = curve.formula
    slope_words = curve.slope_formula
    derivative = Term(slope_words.text, slope_words.spoken)
    scripts: list[Script] = []

    s = Script("opening")
    s.add("aim", "What is a derivative? This lecture builds an intuitive picture of one.")
    s.add(
        "reassure", "You can use neural networks well without deep calculus; the idea is what matters here."
    )
    scripts.append(s)

    s = Script("line")
    s.add(
        "function",
        "Here is the function {formula}, drawn with 𝑎 across and f(a) up.",
        formula=Term(form.text, form.spoken),
    )
    s.add("shape", "It is a curve: how steeply it climbs or falls changes as 𝑎 changes.")
    scripts.append(s)

    s = Script("point")
    s.add("pick", "Pick a point: 𝑎 = {a}.", **t)
    worked = Term(*at_point(curve.expr, first.a))
    s.add("value", "There f(a) = {worked}, which is {fa}.", worked=worked, **t)
    scripts.append(s)

    s = Script("nudge")
    s.add("move", "Now give 𝑎 a tiny nudge to the right, by {h}, so that 𝑎 becomes {a_h}.", **t)
    s.add(
        "moves",
        _direction(
            first.rise, "f(a) goes up, to {f_ah}.", "f(a) goes down, to {f_ah}.", "f(a) stays at {f_ah}."
        ),
        **t,
    )
    s.add(
        "scale",
        "At the scale of the whole curve a change of {h} is hard to see, "
        "so first we draw it larger than life, not to scale.",
        **t,
    )
    scripts.append(s)

    s = Script("triangle")
    s.add("width", "The green triangle shows both changes. Its width is how far 𝑎 moved: {h}.", **t)
    s.add(
        "height",
        _direction(
            first.rise,
            "Its height is how far f(a) moved: up by {rise}.",
            "Its height is how far f(a) moved: down by {drop}, a height of {rise}.",
            "Its height is how far f(a) moved: {rise}, so the triangle is flat.",
        ),
        **t,
    )
    if first.rise:
        size = first.ratio.copy_abs() if isinstance(first.ratio, Decimal) else abs(first.ratio)
        s.add(
            "times",
            "f(a) moved {size} times as far as 𝑎 did"
            + ("." if first.rise > 0 else ", and in the other direction."),
            size=num(size),
        )
    s.add(
        "zoom", "Zoom in far enough and the true triangle appears: its slanted side almost lies on the curve."
    )
    scripts.append(s)

    slope_at = {n.a: num(curve.slope_at(n.a)) for n in (first, *others)}
    s = Script("slope")
    s.add(
        "ratio",
        "Slope is height divided by width: {rise} / {h} {eq_ratio}.",
        eq_ratio=equals(first.ratio),
        **t,
    )
    s.add(
        "derivative",
        "For a curve that ratio is only about the derivative: at 𝑎 = {a} the derivative of f is {slope}.",
        slope=slope_at[first.a],
        **t,
    )
    scripts.append(s)

    previous = slope_at[first.a]
    for i, n in enumerate(others, start=2):
        s = Script("another", prefix=f"another-{i}")
        u = point_terms(n)
        s.add("pick", "Now take 𝑎 = {a}, where f(a) {eq_fa}.", eq_fa=equals(n.f_a), **u)
        s.add("moves", "Nudge 𝑎 by {h} again, to {a_h}, and f(a) becomes {f_ah}.", **u)
        here = slope_at[n.a]
        same = here.text == previous.text
        s.add(
            "ratio",
            "Height over width: {rise} / {h} {eq_ratio}, about the derivative there, {slope}: "
            + ("the same slope as before." if same else "a different slope from before."),
            slope=here,
            eq_ratio=equals(n.ratio),
            **u,
        )
        previous = here
        scripts.append(s)

    s = Script("notation")
    s.add("leibniz", "We write the derivative as df(a)/da = {derivative}.", derivative=derivative)
    s.add(
        "operator", "Another way to write the same thing is d/da f(a) = {derivative}.", derivative=derivative
    )
    s.add(
        "meaning",
        "Both say: nudge 𝑎 a little, and f(a) changes by about {derivative} times the nudge.",
        derivative=derivative,
    )
    scripts.append(s)

    s = Script("formal")
    shrinking = shrinking_nudges(params)
    s.add(
        "smaller",
        "The formal definition nudges 𝑎 by far less than {h0}: {h1}, then {h2}, and smaller still.",
        **{f"h{i}": num(n.h) for i, n in enumerate(shrinking)},
    )
    s.add(
        "ratios",
        "Each nudge is {factor} times smaller than the one before, and the ratio closes in: {r0}, {r1}, {r2}.",
        factor=num(Fraction(1) / Fraction(SHRINK)),
        **{f"r{i}": num(n.ratio) for i, n in enumerate(shrinking)},
    )
    s.add(
        "limit",
        "The derivative is what that ratio becomes as the nudge shrinks to nothing: here {slope}.",
        slope=slope_at[first.a],
    )
    scripts.append(s)

    s = Script("everywhere")
    s.add(
        "ratio",
        "On a curve the slope changes from point to point: the derivative is {derivative}.",
        derivative=derivative,
    )
    checks = [Term(*curve.slope_worked_out(n.a)) for n in (first, *others)[:2]]
    if len(checks) == 2:
        s.add(
            "all",
            "At 𝑎 = {a1} that is {check1}; at 𝑎 = {a2}, {check2}.",
            a1=num(first.a),
            check1=checks[0],
            a2=num(others[0].a),
            check2=checks[1],
        )
    else:
        s.add("all", "At 𝑎 = {a1} that is {check1}.", a1=num(first.a), check1=checks[0])
    scripts.append(s)

    s = Script("closing")
    s.add(
        "summary",
        "For this curve the derivative changes with 𝑎: df(a)/da = {derivative}.",
        derivative=derivative,
    )
    s.add("next", "Next, more functions and their derivatives.")
    scripts.append(s)

    return tuple(cue for b in beats(params) for s in scripts if s.beat == b.id for cue in s.cues)
