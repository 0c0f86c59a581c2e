"""The words of the beats about one function's slope, each a function of its beat's part alone: the
templates are in words.toml beside this file, the numbers come from the part (derivlib.calculus,
derivlib.curve), and what differs for a line and a curve is chosen by the function's own answers
(``kinds``), never by its type. "Derivatives" is these beats; other lectures reuse them.

>>> from derivlib.params import Params
>>> from derivlib.plan import lecture_plan
>>> cues = lecture_plan(Params()).cues
>>> [c.text for c in cues if c.id == "nudge-move"]
['Now give a a tiny nudge to the right, by 0.001, so that a becomes 2.001.']
>>> [c.spoken for c in cues if c.id == "nudge-move"]
['Now give eh a tiny nudge to the right, by zero point zero zero one, so that eh becomes two point zero zero one.']
>>> [c.text for c in cues if c.beat == "slope"][0]
'Slope is height divided by width: 0.003 / 0.001 = 3.'
>>> [c.text for c in lecture_plan(Params.from_strings(slope="-2")).cues if c.id == "nudge-moves"]
['f(a) goes down, to -4.002.']
>>> curve = lecture_plan(Params.from_strings(function="a^2", points="2,5")).cues
>>> [c.text for c in curve if c.id == "slope-derivative"]
['For a curve that ratio is only about the derivative: at a = 2 the derivative of f is 4.']
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ...calculus import SHRINK, Nudge
from ...catalog import Catalog
from ...parts import Part
from ...wording import Cue, Script, Term, num, point_terms

__all__ = ["BEAT_WORDS", "WORDS", "direction", "formula_term", "slope_term"]

#: The English templates of these beats.
WORDS = Catalog.load(Path(__file__).with_name("words.toml"))


def direction(n: Nudge) -> str:
    """Which way f(a) moved with the nudge: 'up', 'down' or 'still'."""
    return "up" if n.rise > 0 else "down" if n.rise < 0 else "still"


def formula_term(part: Part) -> Term:
    """f(a) = ..., as written and as said."""
    form = part.function.formula
    return Term(form.text, form.spoken)


def slope_term(part: Part) -> Term:
    """The derivative's right-hand side (the slope of a line, 2a for a²), as written and as said."""
    form = part.function.slope_formula
    return Term(form.text, form.spoken)


def opening(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    s.say("aim")
    s.say("reassure")
    return s.cues


def line(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    fn = part.function
    s.say("function", formula=formula_term(part))
    flat = {"fa": num(fn.at(Decimal(0)))} if "flat" in fn.kinds else {}  # (f(a) is the same everywhere)
    s.say("shape", *fn.kinds, **flat)
    return s.cues


def point(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    (p,) = part.points
    s.say("pick", a=num(p.a))
    worked = Term(*part.function.worked_at(p.a))
    s.say("value", *part.function.kinds, worked=worked, fa=num(p.f_a))
    return s.cues


def nudge(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    n = part.nudges[0]
    t = point_terms(n)
    s.say("move", **t)
    s.say("moves", direction(n), **t)
    s.say("scale", *part.function.kinds, **t)
    return s.cues


def triangle(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    n = part.nudges[0]
    t = point_terms(n)
    s.say("width", **t)
    s.say("height", direction(n), **t)
    if n.rise:
        size = n.ratio.copy_abs() if isinstance(n.ratio, Decimal) else abs(n.ratio)
        s.say("times", direction(n), size=num(size))
    s.say("zoom", *part.function.kinds)
    return s.cues


def slope(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    n = part.nudges[0]
    t = point_terms(n)
    s.say("ratio", **t)
    s.say("derivative", *part.function.kinds, slope=num(part.function.slope_at(n.a)), **t)
    return s.cues


def another(part: Part, words: Catalog) -> list[Cue]:
    """Each further point: its value, its nudge, its ratio (and on a curve, its own derivative)."""
    cues: list[Cue] = []
    fn = part.function
    for i, (before, n) in enumerate(zip(part.nudges, part.nudges[1:], strict=False), start=2):
        s = Script(words, part.beat.id, prefix=f"another-{i}")
        t = point_terms(n)
        s.say("pick", **t)
        s.say("moves", **t)
        here = num(fn.slope_at(n.a))
        same = here.text == num(fn.slope_at(before.a)).text
        s.say("ratio", *fn.kinds, "same" if same else "different", slope=here, **t)
        cues += s.cues
    return cues


def notation(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    kinds = part.function.kinds
    s.say("leibniz", *kinds, derivative=slope_term(part))
    s.say("operator", derivative=slope_term(part))
    s.say("meaning", *kinds, derivative=slope_term(part))
    return s.cues


def formal(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    shrinking = part.shrinking
    s.say("smaller", **{f"h{i}": num(n.h) for i, n in enumerate(shrinking)})
    s.say(
        "ratios",
        *part.function.kinds,
        factor=num(Fraction(1) / Fraction(SHRINK)),
        **{f"r{i}": num(n.ratio) for i, n in enumerate(shrinking)},
    )
    s.say("limit", slope=num(part.function.slope_at(shrinking[0].a)))
    return s.cues


def everywhere(part: Part, words: Catalog) -> list[Cue]:
    """A line: the same ratio all along it. A curve: its derivative, checked at the first two points."""
    s = Script(words, part.beat.id)
    fn = part.function
    first = part.nudges[0]
    s.say("ratio", *fn.kinds, slope=num(fn.slope_at(first.a)), one=num(first.unit), derivative=slope_term(part))
    checks = [{"a": num(n.a), "check": Term(*fn.slope_worked_out(n.a))} for n in part.nudges[:2]]
    s.say("all", *fn.kinds, slope=num(fn.slope_at(first.a)), checks=s.listing("check", checks))
    return s.cues


def closing(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    kinds = part.function.kinds
    s.say("summary", *kinds, derivative=slope_term(part))
    s.say("next", *kinds)
    return s.cues


#: Each beat's words, by beat id.
BEAT_WORDS = {
    "opening": opening,
    "line": line,
    "point": point,
    "nudge": nudge,
    "triangle": triangle,
    "slope": slope,
    "another": another,
    "notation": notation,
    "formal": formal,
    "everywhere": everywhere,
    "closing": closing,
}
