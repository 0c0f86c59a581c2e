"""Beat 7, another point: the triangle slides along the line (its ratio stays the slope) to each further
point, and that point's numbers are worked out."""

from manim import DOWN, UP, Circumscribe, FadeIn, FadeOut, ValueTracker, Write, always_redraw

from scenes import style as S
from scenes.common import LectureScene, Panel, fmt


class AnotherPoint(LectureScene):
    beat = "another"

    def construct(self):
        plot = self.plot
        self.backdrop()
        first = self.nudge(0)
        start_dot = plot.dot(first.a)
        panel = Panel()
        ratio = panel.place(self.ratio_tex(first))
        self.add(panel, start_dot, self.point_label(first, start_dot))

        where = ValueTracker(float(first.a))  # geometry only: no number on screen follows it
        tri = always_redraw(lambda: plot.display_triangle(where.get_value()))
        # The labels' text never changes while the triangle slides (its width and height are the same
        # everywhere), so they are set once and only follow the triangle.
        labels = plot.triangle_labels(tri, first)
        labels.add_updater(
            lambda m: plot.place_triangle_labels(m, tri, rising=first.rise >= 0, flat=not first.rise)
        )
        note = self.not_to_scale(labels[0])
        note.add_updater(lambda m: m.next_to(labels[0], DOWN if first.rise >= 0 else UP, buff=0.15))
        moving_dot = always_redraw(lambda: plot.dot(where.get_value()))
        self.add(tri, labels, note, moving_dot)

        previous = []
        for n in self.part.nudges[1:]:
            details = Panel(top=ratio.get_bottom()[1] - S.PANEL_BUFF)
            a_is = details.place(S.math("a", "=", fmt(n.a), colors={0: S.A_COLOR, 2: S.A_COLOR}))
            f_is = details.place(S.math("f(a)", "=", fmt(n.f_a), colors={0: S.F_COLOR, 2: S.F_COLOR}))
            point_label = self.point_label(n, plot.dot(n.a))
            self.narrate(
                "pick",
                [where.animate.set_value(float(n.a)), *(FadeOut(m) for m in previous)],
                [Write(a_is), Write(f_is), FadeIn(point_label)],
            )
            a_h = details.place(S.math("a + h", "=", fmt(n.a_nudged), colors={0: S.A_COLOR, 2: S.A_COLOR}))
            f_ah = details.place(
                S.math("f(a + h)", "=", fmt(n.f_nudged), colors={0: S.F_COLOR, 2: S.F_COLOR})
            )
            self.narrate("moves", [Write(a_h), Write(f_ah)])
            self.narrate("ratio", Circumscribe(ratio, color=S.TRIANGLE_COLOR), 1.0)
            previous = [a_is, f_is, a_h, f_ah, point_label]
