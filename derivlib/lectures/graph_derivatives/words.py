"""The words of "Derivatives with a computation graph", beat by beat, each a function of its beat's part
alone (the templates are in words.toml beside this file; every number comes from derivlib.graph).

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("graph-derivatives")
>>> cues = lecture.plan(lecture.defaults).cues
>>> [c.text for c in cues if c.beat == "nudge-4"]
['Nudge b from 3 to 3.001.', 'u goes from 6 to 6.002, then v from 11 to 11.002, then J from 33 to 33.006.', 'J moved by 0.006, and 0.006 / 0.001 = 6: dJ/db = 6.', 'By the chain rule, dJ/db = dJ/du · du/db = 3 · 2 = 6, where du/db is c.']
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ...catalog import Catalog
from ...graph import combine
from ...wording import Cue, Script, Term, equals, factor, num
from ..graphs import terms
from ..graphs.part import GraphPart, backward_order

__all__ = ["BEAT_WORDS", "WORDS"]

WORDS = Catalog.load(Path(__file__).with_name("words.toml"))


def opening(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    g = part.graph
    out = terms.var(g.output)
    s.say("aim", output=out)
    given = s.listing("given", [{"name": terms.var(n), "value": num(v)} for n, v in g.values])
    s.say("recall", function=terms.function(g), values=given, output=out, eq_result=equals(g.value(g.output)))
    return s.cues


def nudge(part: GraphPart, words: Catalog) -> list[Cue]:
    """One variable nudged: its value, every value after it, J's ratio, and the chain rule."""
    s = Script(words, part.beat.id)
    g, x, h = part.graph, part.focus, part.nudge
    moved = g.nudged(x, h)
    s.say("nudge", x=terms.var(x), x0=num(g.value(x)), x1=num(moved[x]))
    chain = [{"y": terms.var(y), "y0": num(g.value(y)), "y1": num(moved[y])} for y in g.downstream(x)]
    s.say("moves", "several" if len(chain) > 1 else "one", chain=s.listing("chain", chain))
    out, d = g.output, g.backward()
    rise = combine(moved[out], g.value(out), "-")
    ratio = combine(rise, h, "/")
    same = Fraction(ratio) == Fraction(d[x])
    t = {"output": terms.var(out), "rise": num(rise), "h": num(h), "eq_ratio": equals(ratio)}
    s.say("ratio", "same" if same else "about", d_name=terms.d_of(out, x), eq_d=equals(d[x]), **t)
    s.say("why", *_why(g, x, d), **_why_terms(g, x, d, words))
    return s.cues


def _why(g, x: str, d) -> tuple[str, ...]:
    users = [st.name for st in g.steps if x in st.uses]
    if users == [g.output]:
        return ("direct",)
    if len(users) > 1:
        return ("several",)
    local = g.local(users[0], x)
    return ("chain",) if local.formula.text == num(local.value).text else ("formula",)


def _why_terms(g, x: str, d, words: Catalog) -> dict[str, Term]:
    users = [st.name for st in g.steps if x in st.uses]
    first = g.local(users[0], x)
    out = {
        "x": terms.var(x),
        "d_name": terms.d_of(g.output, x),
        "eq_d": equals(d[x]),
        "local_name": terms.d_of(users[0], x),
        "local": factor(first.value),
        "formula": Term(first.formula.text, first.formula.spoken),
        "d_next_name": terms.d_of(g.output, users[0]),
        "d_next": factor(d[users[0]]),
    }
    items = [{"d_next": factor(d[y]), "local": factor(g.local(y, x).value)} for y in users]
    out["sum"] = Script(words, "nudge").listing("term", items)  # (in the lecture's language)
    return out


def notation(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    g = part.graph
    d = g.backward()
    shown = backward_order(g)[:2]
    examples = s.listing("example", [{"code": terms.code_name(n), "eq_d": equals(d[n])} for n in shown])
    s.say("code", output=terms.var(g.output), examples=examples)
    last = shown[-1]
    s.say("meaning", code=terms.code_name(last), d_name=terms.d_of(g.output, last))
    return s.cues


def backward(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    g = part.graph
    d = g.backward()
    s.say("all", list=s.listing("item", [{"code": terms.code_name(n), "eq_d": equals(d[n])} for n in backward_order(g)]))
    s.say("why")
    return s.cues


def closing(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    s.say("next")
    return s.cues


BEAT_WORDS = {"opening": opening, "nudge": nudge, "notation": notation, "backward": backward, "closing": closing}
