"""Beat 10, everywhere. A line: triangles all along it, every one with the same ratio k. A curve: the
tangent travels along it, stopping where derivlib computed its slope, and the derivative's formula is
worked out at the lecture's points."""

from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    ValueTracker,
    Write,
    always_redraw,
)

from derivlib.screen import derivative_at_tex, derivative_tex
from scenes import style as S
from scenes.common import LectureScene, Panel, fmt
from scenes.labels import place_at_point


class SameSlopeEverywhere(LectureScene):
    beat = "everywhere"
    #: its two cues: the slope everywhere (or changing), then the formula checked at the points
    cue_names = ("ratio", "all")

    def construct(self):
        self.backdrop()
        if self.curved:
            self.slope_changes()
        else:
            self.same_slope()

    def same_slope(self):
        plot = self.plot
        n = self.nudge(0)
        panel = Panel()
        k = fmt(self.function.slope)
        one = fmt(n.unit)
        pictures = []
        for m in self.part.everywhere:
            tri = plot.display_triangle(m.a).scale(0.6, about_point=plot.on_graph(m.a))
            label = self.math(fmt(m.ratio), font_size=S.NOTE_SIZE, colors={0: S.TRIANGLE_COLOR})
            # the ratio under the width (over it for a falling line), away from the line
            label.next_to(tri, DOWN if m.rise >= 0 else UP, buff=0.1)
            pictures.append((tri, label))
        ratio = panel.place(
            self.math((self.words("height"), ":", self.words("width")), "=", k + " : " + one, colors={2: S.TRIANGLE_COLOR})
        )
        self.narrate(
            self.cue_names[0],
            LaggedStart(*[Create(t) for t, _ in pictures], lag_ratio=0.3),
            [Write(ratio), *(FadeIn(label) for _, label in pictures)],
        )
        everywhere = panel.place(
            self.math(r"\frac{df(a)}{da}", "=", k, self.words("for_every", a="a"), colors={2: S.TRIANGLE_COLOR})
        )
        self.narrate(self.cue_names[1], Write(everywhere), 1.0)

    def slope_changes(self):
        plot = self.plot
        stops = self.part.everywhere
        panel = Panel()
        formula = panel.place(
            self.math(r"\frac{df(a)}{da}", "=", derivative_tex(self.function), colors={2: S.TRIANGLE_COLOR})
        )
        # The tangent and its point follow a tracker (geometry only); the slope is shown only where
        # the tangent stops, as derivlib computed it there.
        where = ValueTracker(float(stops[0].a))
        tangent = always_redraw(lambda: plot.tangent(where.get_value(), half=1.1))
        dot = always_redraw(lambda: plot.dot(where.get_value(), color=S.TANGENT_COLOR))
        steps: list = [[Write(formula), Create(tangent), FadeIn(dot)]]
        label = None
        for i, stop in enumerate(stops):
            if i:
                steps.append([where.animate.set_value(float(stop.a)), FadeOut(label)])
            label = self.slope_label(stop)
            steps.append(FadeIn(label))
        self.add(dot)
        self.narrate(self.cue_names[0], *steps)

        rows = [
            panel.place(self.math(r"a = " + fmt(n.a) + r":\quad", derivative_at_tex(self.function, n.a)))
            for n in self.part.nudges[:2]
        ]
        self.narrate(self.cue_names[1], FadeOut(label), *[Write(r) for r in rows])

    def slope_label(self, stop):
        """'slope v' beside the tangent's point, on the side away from the curve."""
        p = self.plot.on_graph(stop.a)
        label = self.math(
            self.words("slope_is", slope="{" + fmt(self.function.slope_at(stop.a)) + "}"),
            font_size=S.LABEL_SIZE,
            colors={0: S.TANGENT_COLOR},
        )
        rising = self.rising(stop.a)
        side = self.plot.normal(stop.a) if rising else -self.plot.normal(stop.a)
        obstacles = self.plot.obstacles().add_paths([self.plot.tangent(stop.a, half=1.1)])
        return place_at_point(label, p, obstacles, self.plot.LABEL_AREA, side + 0.6 * LEFT, reserve=0.15)
