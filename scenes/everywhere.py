"""Beat 10, the same slope everywhere: triangles all along the line, every one k : 1."""

from manim import Create, LaggedStart, Write

from scenes import style as S
from scenes.common import LectureScene, Panel, fmt


class SameSlopeEverywhere(LectureScene):
    beat = "everywhere"

    def construct(self):
        plot = self.plot
        self.backdrop()
        n = self.nudge(0)
        panel = Panel()
        k = fmt(self.slope)
        one = fmt(n.unit)
        triangles = [
            plot.display_triangle(a).scale(0.6, about_point=plot.on_graph(a)) for a in self.part.everywhere
        ]
        ratio = panel.place(
            S.math(r"\text{height} : \text{width}", "=", k + " : " + one, colors={2: S.TRIANGLE_COLOR})
        )
        self.narrate("ratio", LaggedStart(*[Create(t) for t in triangles], lag_ratio=0.3), Write(ratio))
        everywhere = panel.place(
            S.math(r"\frac{df(a)}{da}", "=", k, r"\text{ for every } a", colors={2: S.TRIANGLE_COLOR})
        )
        self.narrate("all", Write(everywhere), 1.0)
