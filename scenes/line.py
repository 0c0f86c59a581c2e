"""Beat 2, the line: f(a) = k·a + b on axes a and f(a)."""

from manim import Create, ShowPassingFlash, Write

from scenes import style as S
from scenes.common import LectureScene, Panel


class TheLine(LectureScene):
    beat = "line"

    def construct(self):
        plot = self.plot
        axes, graph = plot.axes(), plot.graph()
        panel = Panel()
        definition = panel.place(self.math(self.part.formula.tex))
        self.narrate("function", Create(axes), Create(graph), Write(definition))
        flash = graph.copy().set_stroke(S.POINT_COLOR, S.LINE_STROKE * 2)
        self.narrate("shape", ShowPassingFlash(flash, time_width=0.5), 1.0)
