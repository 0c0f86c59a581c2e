"""Beat 4, the nudge: a moves to a + h and f(a) to f(a + h); at the plot's scale that is invisible, so
the nudged point is then drawn not to scale."""

from manim import RIGHT, UP, FadeIn, Flash, Write

from derivlib.narration import evaluation
from scenes import style as S
from scenes.common import LectureScene, Panel, fmt


class TheNudge(LectureScene):
    beat = "nudge"

    def construct(self):
        plot = self.plot
        self.backdrop()
        n = self.nudge(0)
        panel = Panel()
        panel.place(S.math(self.part.formula.tex))
        panel.place(S.math("a", "=", fmt(n.a), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        panel.place(S.math(evaluation(self.part.line, n.a).text, colors={0: S.F_COLOR}))
        dot = plot.dot(n.a)
        self.add(panel, plot.guides(n.a), dot, self.point_label(n, dot))

        moved = panel.place(S.math("a + h", "=", fmt(n.a_nudged), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        true_dot = plot.dot(n.a_nudged, color=S.TRIANGLE_COLOR)  # at this scale, on top of the first
        self.narrate("move", Write(moved), FadeIn(true_dot), Flash(true_dot, color=S.TRIANGLE_COLOR))

        value = panel.place(S.math("f(a + h)", "=", fmt(n.f_nudged), colors={0: S.F_COLOR, 2: S.F_COLOR}))
        self.narrate("moves", Write(value))

        width, height = plot.display_size()
        far = dot.get_center() + RIGHT * width + UP * height
        label = S.math(
            f"({fmt(n.a_nudged)},\\ {fmt(n.f_nudged)})", font_size=S.LABEL_SIZE, colors={0: S.TRIANGLE_COLOR}
        )
        label.next_to(far, RIGHT + 0.4 * (-UP if self.slope > 0 else UP), buff=0.2)
        note = self.not_to_scale(label)
        # No guides to the axes here: drawn large, the nudged point would read as the wrong values.
        self.narrate("scale", 1.0, true_dot.animate.move_to(far), [FadeIn(label), FadeIn(note)])
