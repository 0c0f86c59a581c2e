"""Beat 7, another point: the triangle slides to each further point and that point's numbers are worked
out. Along a line the triangle keeps its shape (its ratio is the slope everywhere); along a curve it turns
with the tangent, and each point gets its own width, height, ratio and derivative."""

from manim import (
    DOWN,
    LEFT,
    UP,
    Circumscribe,
    FadeIn,
    FadeOut,
    Transform,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
)

from derivlib.screen import relation_parts
from scenes import style as S
from scenes.common import LectureScene, Panel


class AnotherPoint(LectureScene):
    beat = "another"

    def construct(self):
        plot = self.plot
        self.backdrop()
        first = self.nudge(0)
        start_dot = plot.dot(first.a)
        panel = Panel()
        ratio = panel.place(self.ratio_tex(first))
        first_label = self.point_label(first, start_dot)
        self.add(panel, start_dot, first_label)

        where = ValueTracker(float(first.a))  # geometry only: no number on screen follows it
        room = [plot.rise_room(first)]  # the label's room at the point the triangle goes to
        tri = always_redraw(lambda: plot.display_triangle(where.get_value(), room[0]))
        if self.curved:  # the tangent turns as the triangle slides; the labels are set at each point
            _tri, run_label, rise_label, note = self.triangle_parts(first, point_label=first_label)
            labels = VGroup(run_label, rise_label)
            tangent = always_redraw(lambda: plot.tangent(where.get_value()))
            self.add(tangent)
        else:
            labels = plot.triangle_labels(tri, first)
            # Along a line the labels' text never changes while the triangle slides (its width and
            # height are the same everywhere), so they are set once and only follow the triangle.
            labels.add_updater(
                lambda m: plot.place_triangle_labels(m, tri, rising=first.rise >= 0, flat=not first.rise)
            )
            note = self.not_to_scale(labels[0], first.rise >= 0)
            note.add_updater(
                lambda m: m.next_to(labels[0], DOWN if first.rise >= 0 else UP, buff=0.15, aligned_edge=LEFT)
            )
        moving_dot = always_redraw(lambda: plot.dot(where.get_value()))
        self.add(tri, labels, note, moving_dot)

        previous = []
        for n in self.part.nudges[1:]:
            details = Panel(top=ratio.get_bottom()[1] - S.PANEL_BUFF)
            a_is = details.place(self.math("a", *relation_parts(n.a), colors={0: S.A_COLOR, 2: S.A_COLOR}))
            f_is = details.place(self.math("f(a)", *relation_parts(n.f_a), colors={0: S.F_COLOR, 2: S.F_COLOR}))
            point_label = self.point_label(n, plot.dot(n.a), avoid=[first_label])
            # the last point's numbers leave before the triangle slides (its labels would cross them)
            leave = [[FadeOut(m) for m in previous]] if previous else []
            slide = [where.animate.set_value(float(n.a))]
            arrive = [Write(a_is), Write(f_is), FadeIn(point_label)]
            room[0] = plot.rise_room(n)  # (the triangle its labels are set against: see labels_at)
            if self.curved:
                slide += [FadeOut(labels), FadeOut(note)]
                labels, note = self.labels_at(n, point_label, avoid=[first_label])
                arrive += [FadeIn(labels), FadeIn(note)]
            self.narrate("pick", *leave, slide, arrive)
            a_h = details.place(
                self.math("a + h", *relation_parts(n.a_nudged), colors={0: S.A_COLOR, 2: S.A_COLOR})
            )
            f_ah = details.place(
                self.math("f(a + h)", *relation_parts(n.f_nudged), colors={0: S.F_COLOR, 2: S.F_COLOR})
            )
            self.narrate("moves", [Write(a_h), Write(f_ah)])
            previous = [a_is, f_is, a_h, f_ah, point_label]
            if self.curved:  # this point's own ratio, and the derivative it is about
                new_ratio = Panel(top=ratio.get_top()[1]).place(self.ratio_tex(n))
                derivative = details.place(self.derivative_row(n))
                self.narrate("ratio", Transform(ratio, new_ratio), Write(derivative), 0.5)
                previous.append(derivative)
            else:
                self.narrate("ratio", Circumscribe(ratio, color=S.TRIANGLE_COLOR), 1.0)

    def labels_at(self, n, point_label, avoid=()):
        """The width and height labels of the triangle at *n*'s point, and the not-to-scale mark (clear
        of the triangle, the tangent, each other, the point's label and *avoid*)."""
        _tri, run_label, rise_label, note = self.triangle_parts(n, avoid, point_label=point_label)
        return VGroup(run_label, rise_label), note
