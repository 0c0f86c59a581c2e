"""The third lecture, "Computation graph": a function in named steps, drawn as a graph, and its forward
pass left to right. Every number is derivlib's (derivlib.graph); the graph is the part's."""

from __future__ import annotations

from manim import DOWN, LEFT, PI, UP, Create, FadeIn, GrowArrow, Indicate, ShowPassingFlash, VGroup, Write

from derivlib.lectures.computation_graph import LECTURE as COMPUTATION_GRAPH
from derivlib.numbers import format_number
from derivlib.printing import tex
from scenes import style as S
from scenes.common import LectureScene
from scenes.graphs import VALUE_COLOR, GraphPicture, bottom_line, function_tex, name_tex, value_parts

LECTURE = COMPUTATION_GRAPH.name


class GraphOpening(LectureScene):
    lecture = LECTURE
    beat = "opening"

    def construct(self):
        g = self.part.graph
        title = self.writer.title(font_size=S.TITLE_SIZE).to_edge(UP, buff=1.0)
        picture = GraphPicture(g, self.writer).all().set_opacity(0.35).scale(0.7).next_to(title, DOWN, buff=0.5)
        forward = self.text("forward", color=VALUE_COLOR).to_edge(DOWN, buff=1.1)
        backward = self.text("backward", color=S.TRIANGLE_COLOR).next_to(forward, DOWN, buff=0.25)
        self.narrate("aim", Write(title), [FadeIn(picture), Write(forward)], Write(backward))
        self.narrate("why", Indicate(picture), 1.0)


class TheFunction(LectureScene):
    lecture = LECTURE
    beat = "function"

    def construct(self):
        g = self.part.graph
        formula = self.math(function_tex(g), font_size=S.BIG_SIZE)
        if formula.width > S.FRAME_WIDTH - 1:
            formula.scale_to_fit_width(S.FRAME_WIDTH - 1)
        names = VGroup(*(self.math(name_tex(n), font_size=S.BIG_SIZE, colors={0: S.A_COLOR}) for n in g.inputs))
        names.arrange(buff=0.6).next_to(formula, DOWN, buff=0.9)
        self.narrate("function", Write(formula), 1.0)
        self.narrate("inputs", FadeIn(names), 1.0)


class TheSteps(LectureScene):
    lecture = LECTURE
    beat = "steps"

    def construct(self):
        g = self.part.graph
        lines = VGroup(*(self.math(name_tex(s.name), "=", tex(s.expr), font_size=S.BIG_SIZE) for s in g.steps))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        if lines.height > S.FRAME_HEIGHT - 1.5:
            lines.scale_to_fit_height(S.FRAME_HEIGHT - 1.5)
        self.narrate("count", *[Write(line) for line in lines])


class TheGraph(LectureScene):
    lecture = LECTURE
    beat = "graph"

    def construct(self):
        picture = GraphPicture(self.part.graph, self.writer)
        self.narrate("inputs", Create(picture.inputs()), 0.5)
        arrows = [GrowArrow(a) for a in picture.arrows.values()]
        self.narrate("boxes", Create(picture.steps()), arrows)
        flashes = [ShowPassingFlash(a.copy().set_color(VALUE_COLOR), time_width=0.5) for a in picture.arrows.values()]
        self.narrate("arrows", flashes, 1.0)


class ForwardPass(LectureScene):
    lecture = LECTURE
    beat = "forward"

    def construct(self):
        g = self.part.graph
        picture = GraphPicture(g, self.writer)
        self.add(picture.all())
        given = [picture.label(n, f"= {format_number(v)}") for n, v in g.values]
        self.narrate("values", [FadeIn(v) for v in given], 1.0)
        for s in g.steps:
            flashes = [ShowPassingFlash(a.copy().set_color(VALUE_COLOR), time_width=0.6) for a in picture.into(s.name)]
            worked = g.worked(s.name)[2]
            label = picture.label(s.name, worked, *value_parts(g, s.name))
            self.narrate("value", flashes, Write(label))


class WhyItMatters(LectureScene):
    lecture = LECTURE
    beat = "why"

    def construct(self):
        g = self.part.graph
        picture = GraphPicture(g, self.writer)
        self.add(picture.all(), *(picture.label(n, *value_parts(g, n)) for n in g.names))
        cost = bottom_line(self.writer, self.words("cost", name=name_tex(g.output)))
        self.narrate("cost", Indicate(picture.nodes[g.output], color=VALUE_COLOR), Write(cost))
        back = [ShowPassingFlash(a.copy().rotate(PI).set_color(S.TRIANGLE_COLOR), time_width=0.6) for a in picture.arrows.values()]
        self.narrate("next", back, 1.0)


class GraphClosing(LectureScene):
    lecture = LECTURE
    beat = "closing"

    def construct(self):
        g = self.part.graph
        result = self.math(name_tex(g.output), *value_parts(g, g.output), font_size=S.BIG_SIZE, colors={1: VALUE_COLOR})
        upcoming = self.text("next", color=S.NOTE_COLOR).next_to(result, DOWN, buff=0.9)
        self.narrate("summary", Write(result), 1.0)
        self.narrate("next", FadeIn(upcoming), 1.0)
