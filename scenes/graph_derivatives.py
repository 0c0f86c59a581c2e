"""The fourth lecture, "Derivatives with a computation graph": each variable nudged, right to left, the
path its nudge travels to the output lit up, the ratio and the chain rule's product beside the arrow it
crosses; then the backward pass on the graph. Every number is derivlib's (derivlib.graph)."""

from __future__ import annotations

from manim import (
    DOWN,
    UP,
    Circumscribe,
    FadeIn,
    Indicate,
    ReplacementTransform,
    ShowPassingFlash,
    VGroup,
    Write,
)

from derivlib.graph import combine
from derivlib.lectures.graph_derivatives import LECTURE as GRAPH_DERIVATIVES
from derivlib.lectures.graphs.part import backward_order
from derivlib.numbers import format_number
from derivlib.wording import equals, factor
from scenes import style as S
from scenes.common import LectureScene
from scenes.graphs import (
    DERIVATIVE_COLOR,
    NUDGE_COLOR,
    VALUE_COLOR,
    GraphPicture,
    bottom_line,
    function_tex,
    name_tex,
    value_parts,
)

LECTURE = GRAPH_DERIVATIVES.name


def d_tex(top: str, bottom: str) -> str:
    """dJ/dv as a TeX fraction."""
    return rf"\frac{{d{name_tex(top)}}}{{d{name_tex(bottom)}}}"


def code_tex(name: str) -> str:
    return rf"\mathit{{d{name_tex(name)}}}"


class _OnTheGraph(LectureScene):
    """A scene that starts from the graph with its values."""

    lecture = LECTURE

    def graph_with_values(self) -> tuple[GraphPicture, dict]:
        g = self.part.graph
        picture = GraphPicture(g, self.writer)
        labels = {n: picture.label(n, *value_parts(g, n)) for n in g.names}
        self.add(picture.all(), *labels.values())
        return picture, labels


class DerivativesOpening(_OnTheGraph):
    beat = "opening"

    def construct(self):
        g = self.part.graph
        title = self.writer.title(font_size=S.SUBTITLE_SIZE).to_edge(UP, buff=0.35)
        picture, labels = self.graph_with_values()
        formula = bottom_line(self.writer, function_tex(g))
        back = [ShowPassingFlash(a.copy().set_color(DERIVATIVE_COLOR), time_width=0.6) for a in picture.arrows.values()]
        self.narrate("aim", Write(title), back)
        self.narrate("recall", Write(formula), Indicate(labels[g.output], color=VALUE_COLOR))


class NudgeOne(_OnTheGraph):
    """One variable nudged: its value and every value after it move; the output's ratio; the chain rule."""

    beat = "nudge"

    def construct(self):
        g, x, h = self.part.graph, self.part.focus, self.part.nudge
        picture, labels = self.graph_with_values()
        moved = g.nudged(x, h)
        d = g.backward()
        heading = self.math(d_tex(g.output, x), "\\,?", font_size=S.PANEL_SIZE).to_edge(UP, buff=0.25)

        def moving(n: str):
            return picture.label(n, format_number(g.value(n)), r"\to", format_number(moved[n]), color=NUDGE_COLOR)

        first = moving(x)
        self.narrate("nudge", Write(heading), [Circumscribe(picture.nodes[x], color=NUDGE_COLOR), ReplacementTransform(labels[x], first)])
        later = [moving(y) for y in g.downstream(x)]
        flashes = [ShowPassingFlash(a.copy().set_color(NUDGE_COLOR), time_width=0.6) for a in picture.path(x)]
        swaps = [ReplacementTransform(labels[y], v) for y, v in zip(g.downstream(x), later, strict=True)]
        self.narrate("moves", flashes, swaps)
        out = g.output
        rise = combine(moved[out], g.value(out), "-")
        ratio = combine(rise, h, "/")
        line = bottom_line(
            self.writer,
            rf"\frac{{{format_number(rise)}}}{{{format_number(h)}}}",
            equals(ratio).text,
            r"\quad",
            d_tex(out, x),
            equals(d[x]).text,
        )
        line[4].set_color(DERIVATIVE_COLOR)
        self.narrate("ratio", Write(line), 0.5)
        users = [s.name for s in g.steps if x in s.uses]
        factors = VGroup(*(picture.beside(picture.arrows[(x, y)], r"\times", factor(g.local(y, x).value).text) for y in users))
        chain = bottom_line(self.writer, d_tex(out, x), *(self._chain(x, users, d)), equals(d[x]).text)
        chain.set_color(DERIVATIVE_COLOR)
        self.narrate("why", ReplacementTransform(line, chain), Write(factors))

    def _chain(self, x: str, users: list[str], d) -> tuple[str, ...]:
        g = self.part.graph
        if users == [g.output]:
            return ()
        terms = [f"{factor(d[y]).text} \\cdot {factor(g.local(y, x).value).text}" for y in users]
        return ("=", " + ".join(terms))


class CodeNotation(LectureScene):
    lecture = LECTURE
    beat = "notation"

    def construct(self):
        g = self.part.graph
        d = g.backward()
        shown = backward_order(g)[:2]
        rows = VGroup(*(self.math(code_tex(n), equals(d[n]).text, font_size=S.BIG_SIZE, colors={1: DERIVATIVE_COLOR}) for n in shown))
        rows.arrange(DOWN, buff=0.5).shift(UP * 0.6)
        last = shown[len(shown) - 1]
        meaning = self.math(code_tex(last), self.words("stands_for"), d_tex(g.output, last), font_size=S.PANEL_SIZE)
        meaning.next_to(rows, DOWN, buff=0.8)
        self.narrate("code", *[Write(r) for r in rows])
        self.narrate("meaning", Write(meaning), 1.0)


class BackwardPass(_OnTheGraph):
    beat = "backward"

    def construct(self):
        g = self.part.graph
        picture, labels = self.graph_with_values()
        d = g.backward()
        steps = []
        for n in backward_order(g):
            label = picture.label(n, code_tex(n), equals(d[n]).text, color=DERIVATIVE_COLOR, above=True)
            into = [picture.arrows[(n, y)] for y in (s.name for s in g.steps if n in s.uses)]
            # (an input's value gives way to its derivative, left of it)
            show = ReplacementTransform(labels[n], label) if n in g.inputs else FadeIn(label)
            steps.append([*(ShowPassingFlash(a.copy().set_color(DERIVATIVE_COLOR), time_width=0.6) for a in into), show])
        self.narrate("all", *steps)
        self.narrate("why", Indicate(picture.nodes[g.output], color=DERIVATIVE_COLOR), 1.0)


class DerivativesClosing(LectureScene):
    lecture = LECTURE
    beat = "closing"

    def construct(self):
        upcoming = self.text("next", color=S.NOTE_COLOR)
        self.narrate("next", FadeIn(upcoming), 1.0)
