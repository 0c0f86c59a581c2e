"""Beat 9, the formal definition: the nudge shrinks (0.001, 0.000001, ...) and the ratio, computed for
each, stays the slope; the derivative is the limit."""

from manim import FadeIn, Transform, Write

from derivlib.narration import DEFINITION_TEX
from scenes import style as S
from scenes.common import LectureScene, Panel, fmt


class FormalDefinition(LectureScene):
    beat = "formal"

    def construct(self):
        plot = self.plot
        self.backdrop()
        steps = self.part.shrinking
        first = steps[0]
        picture = self.triangle_picture(first)
        tri, run_label, rise_label = picture[0], picture[3], picture[4]
        self.add(picture)
        panel = Panel()
        rows = [self.nudge_row(step) for step in steps]
        fit = min(1.0, S.PANEL_WIDTH / max(r.width for r in rows))  # one size for all rows
        rows = [panel.place(r.scale(fit)) for r in rows]

        # Each smaller nudge: the drawn triangle shrinks too (still not to scale) and its labels follow.
        width, height = plot.display_size()
        shrink_steps = []
        for i, step in enumerate(steps[1:], start=1):
            smaller = plot.triangle_at(tri.get_vertices()[0], width / (2**i), height / (2**i))
            labels = plot.triangle_labels(smaller, step)
            shrink_steps.append(
                [Transform(tri, smaller), Transform(run_label, labels[0]), Transform(rise_label, labels[1])]
            )
        self.narrate(
            "smaller",
            FadeIn(rows[0]),
            *[[*s, FadeIn(r)] for s, r in zip(shrink_steps, rows[1:], strict=True)],
        )

        ratios = [panel_row[-1] for panel_row in rows]
        self.narrate("ratios", *[[r.animate.set_color(S.POINT_COLOR)] for r in ratios])
        definition = panel.place(
            S.math(DEFINITION_TEX, "=", fmt(self.slope), colors={2: S.TRIANGLE_COLOR}), buff=0.6
        )
        self.narrate("limit", Write(definition), 1.0)

    def nudge_row(self, step):
        """h = ..., and the ratio rise / h = slope for that h."""
        return S.math(
            "h = " + fmt(step.h) + r",\quad",
            r"\frac{" + fmt(step.rise) + "}{" + fmt(step.run) + "}",
            "=",
            fmt(step.ratio),
            font_size=S.PANEL_SIZE * 0.8,
            colors={0: S.A_COLOR, 3: S.TRIANGLE_COLOR},
        )
