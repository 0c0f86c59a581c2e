"""The words of "Computation graph", beat by beat, each a function of its beat's part alone (the
templates are in words.toml beside this file; every number comes from derivlib.graph).

>>> from derivlib.lectures import lecture_named
>>> lecture = lecture_named("computation-graph")
>>> cues = lecture.plan(lecture.defaults).cues
>>> [c.text for c in cues if c.beat == "forward"]
['Now put in values: a = 5, b = 3, c = 2. They flow along the arrows, left to right.', 'u = 3 × 2 = 6.', 'v = 5 + 6 = 11.', 'J = 3 × 11 = 33.']
"""

from __future__ import annotations

from pathlib import Path

from ...catalog import Catalog
from ...languages import language_named
from ...wording import Cue, Script, Term, equals, num, render
from ..graphs import terms
from ..graphs.part import GraphPart

__all__ = ["BEAT_WORDS", "WORDS", "names"]

WORDS = Catalog.load(Path(__file__).with_name("words.toml"))


def names(words: Catalog, items: list[str]) -> Term:
    """'a, b and c', by the catalog's separators (its table [names]), said in the catalog's language
    (the German 'und' is a word, not the letters u, n, d).

    >>> from derivlib.translations import translated
    >>> names(translated(WORDS, "de"), ["a", "b", "c"])
    Term(text='a, b und c', spoken='a, b und c')
    """
    language = language_named(words.language)
    parts = [Term(*render("{n}", {"n": terms.var(n)}, language)) for n in items]
    if len(parts) == 1:
        return parts[0]
    sep, last = (Term(*render(words.template("names", key), {}, language)) for key in ("separator", "last"))
    head = Term(sep.text.join(p.text for p in parts[:-1]), sep.spoken.join(p.spoken for p in parts[:-1]))
    code = None if language.is_source else language.code
    return Term(head.text + last.text + parts[-1].text, head.spoken + last.spoken + parts[-1].spoken, code)


def opening(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    s.say("aim")
    s.say("why")
    return s.cues


def function(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    g = part.graph
    s.say("function", function=terms.function(g))
    listed = names(words, list(g.inputs))
    s.say("inputs", "one" if len(g.inputs) == 1 else "several", count=num(len(g.inputs)), inputs=listed, output=terms.var(g.output))
    return s.cues


def steps(part: GraphPart, words: Catalog) -> list[Cue]:
    g = part.graph
    s = Script(words, part.beat.id)
    several = len(g.steps) > 1
    listed = s.listing("list", [{"step": terms.step(g, st.name)} for st in g.steps])
    one = terms.step(g, g.output)
    s.say("count", "several" if several else "one", count=num(len(g.steps)), output=terms.var(g.output), steps=listed if several else one)
    return s.cues


def graph(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    g = part.graph
    s.say("inputs", inputs=names(words, list(g.inputs)))
    feeds = [{"step": terms.step(g, st.name), "uses": names(words, list(st.uses))} for st in g.steps]
    s.say("boxes", feeds=s.listing("feed", feeds))
    s.say("arrows")
    return s.cues


def forward(part: GraphPart, words: Catalog) -> list[Cue]:
    g = part.graph
    s = Script(words, part.beat.id)
    given = [{"name": terms.var(n), "value": num(v)} for n, v in g.values]
    s.say("values", values=s.listing("given", given))
    cues = s.cues
    for i, st in enumerate(g.steps, start=1):
        t = Script(words, part.beat.id, prefix=f"forward-{i}")
        v = g.value(st.name)
        t.say("value", name=terms.var(st.name), worked=terms.worked(g, st.name), eq_value=equals(v))
        cues += t.cues
    return cues


def why(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    s.say("cost", output=terms.var(part.graph.output))
    s.say("next", output=terms.var(part.graph.output))
    return s.cues


def closing(part: GraphPart, words: Catalog) -> list[Cue]:
    s = Script(words, part.beat.id)
    g = part.graph
    s.say("summary", output=terms.var(g.output), eq_value=equals(g.value(g.output)))
    s.say("next")
    return s.cues


BEAT_WORDS = {
    "opening": opening,
    "function": function,
    "steps": steps,
    "graph": graph,
    "forward": forward,
    "why": why,
    "closing": closing,
}
