"""The words of "More derivative examples", beat by beat, each a function of its beat's part alone:
the templates are in words.toml beside this file (falling back on the slope beats' catalog for the
sentences the two lectures share), the numbers come from the part.

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("more-examples")
>>> cues = lecture.plan(lecture.defaults).cues
>>> [c.text for c in cues if c.id == "first-nudge"]
['Nudge a by 0.001, to 2.001, and f(a) becomes 4.004001.']
>>> [c.text for c in cues if c.id == "example-2-ratio"]
['It went up by 0.012006001, 12.006001 times the nudge; the formula gives 3 × 2^2 = 12.']
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ...calculus import SHRINK
from ...catalog import Catalog
from ...parts import Part
from ...wording import Cue, Script, Term, num, point_terms
from ..slope import words as slope

__all__ = ["BEAT_WORDS", "WORDS"]

#: The English templates of this lecture, over the slope beats' for the sentences they share.
WORDS = Catalog.load(Path(__file__).with_name("words.toml"), fallback=slope.WORDS)


def _formula(fn) -> Term:
    return Term(fn.formula.text, fn.formula.spoken)


def opening(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    s.say("aim")
    first, *later = part.functions
    listed = s.listing("later", [{"g": _formula(g)} for g in later]) if later else Term("", "")
    s.say("plan", "several" if later else "one", f=_formula(first), later=listed)
    return s.cues


def curve(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    s.say("function", formula=slope.formula_term(part))
    s.say("shape", *part.function.kinds)
    return s.cues


def first(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    fn, n = part.function, part.nudges[0]
    t = point_terms(n)
    s.say("pick", worked=Term(*fn.worked_at(n.a)), **t)
    s.say("nudge", **t)
    s.say("triangle", **t)
    s.say("slope", slope=num(fn.slope_at(n.a)), **t)
    return s.cues


def others(part: Part, words: Catalog) -> list[Cue]:
    cues: list[Cue] = []
    for i, n in enumerate(part.nudges[1:], start=2):
        s = Script(words, part.beat.id, prefix=f"others-{i}")
        u = point_terms(n)
        s.say("pick", section="another", **u)
        s.say("moves", slope.direction(n), **u)
        s.say("ratio", slope=num(part.function.slope_at(n.a)), **u)
        cues += s.cues
    return cues


def changes(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    fn = part.function
    one, two = part.nudges[:2]
    same = "same" if fn.slope_at(one.a) == fn.slope_at(two.a) else "different"
    s1, s2 = num(fn.slope_at(one.a)), num(fn.slope_at(two.a))
    s.say("compare", same, a1=num(one.a), s1=s1, a2=num(two.a), s2=s2)
    s.say("line", same)
    return s.cues


def formula(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    fn = part.function
    s.say("textbook", d=slope.slope_term(part))
    checks = [{"a": num(n.a), "check": Term(*fn.slope_worked_out(n.a))} for n in part.nudges[:2]]
    s.say("check", checks=s.listing("at", checks))
    return s.cues


def about(part: Part, words: Catalog) -> list[Cue]:
    """Why the ratio is only about the derivative: the excess, and the ratio closing in."""
    s = Script(words, part.beat.id)
    n, shrinking = part.nudges[0], part.shrinking
    limit = part.function.slope_at(n.a)
    excess = Fraction(n.ratio) - Fraction(limit)
    d, factor = num(limit), num(Fraction(1) / Fraction(SHRINK))
    hs = {"h1": num(shrinking[1].h), "h2": num(shrinking[2].h)}
    which = "nudge" if excess == Fraction(n.h) else "other"
    s.say("smaller", which, r0=num(n.ratio), d=d, x=num(excess), **hs)
    s.say("ratios", factor=factor, r1=num(shrinking[1].ratio), r2=num(shrinking[2].ratio), d=d)
    s.say("limit", d=d)
    return s.cues


def example(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    fn, n = part.function, part.nudges[0]
    u = point_terms(n)
    s.say("function", *fn.notes, "plain", f=slope.formula_term(part), d=slope.slope_term(part))
    s.say("nudge", **u)
    s.say("ratio", slope.direction(n), check=Term(*fn.slope_worked_out(n.a)), **u)
    return s.cues


def closing(part: Part, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    for name in ("takeaway", "lookup", "next"):
        s.say(name)
    return s.cues


#: Each beat's words, by beat id ('example' draws every example-k beat).
BEAT_WORDS = {
    "opening": opening,
    "curve": curve,
    "first": first,
    "others": others,
    "changes": changes,
    "formula": formula,
    "about": about,
    "example": example,
    "closing": closing,
}
