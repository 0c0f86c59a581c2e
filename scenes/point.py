"""Beat 3, a point: a, and f(a) marked on the line."""

from manim import Create, FadeIn, GrowFromCenter, Write

from derivlib.screen import evaluation_tex, relation_parts
from scenes import style as S
from scenes.common import LectureScene, Panel


class APoint(LectureScene):
    beat = "point"

    def construct(self):
        self.backdrop()
        n = self.part.points[0]
        panel = Panel()
        self.add(panel.place(self.math(self.part.formula.tex)))
        dot = self.plot.dot(n.a)
        guides = self.plot.guides(n.a)
        a_is = panel.place(self.math("a", *relation_parts(n.a), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        self.narrate("pick", Write(a_is), Create(guides[0]), GrowFromCenter(dot))
        value = panel.place(self.math(evaluation_tex(self.function, n.a), colors={0: S.F_COLOR}))
        label = self.point_label(n, dot)
        self.add_foreground_mobject(dot)  # the guide drawn next stays behind the dot
        self.narrate("value", Write(value), Create(guides[1]), FadeIn(label))
