"""Beat 9, the formal definition: the nudge shrinks (0.001, 0.000001, ...) and the ratio, computed for
each, stays the slope; the derivative is the limit."""

from manim import DOWN, LEFT, RIGHT, Create, FadeIn, FadeOut, Indicate, Transform, VGroup, Write

from derivlib.screen import DEFINITION_TEX, relation_parts
from scenes import style as S
from scenes.common import LectureScene, Panel, fmt


class FormalDefinition(LectureScene):
    beat = "formal"

    def construct(self):
        plot = self.plot
        self.backdrop()
        steps = self.part.shrinking
        first = steps[0]
        # Each smaller nudge: the drawn triangle shrinks too (still not to scale) and its labels follow.
        width, height = plot.display_size(first.a)
        corner = plot.on_graph(first.a)
        smaller = [plot.triangle_at(corner, width / (2**i), height / (2**i)) for i in range(1, len(steps))]
        point_label = self.point_label(first, plot.dot(first.a))  # (where every beat puts it)
        later = [
            self.triangle_labels(t, step, avoid=[point_label])
            for t, step in zip(smaller, steps[1:], strict=True)
        ]
        later_labels = [label for labels in later for label in labels]
        # one layout for every step (stacked when any step's is): no label crosses another
        stack = any(labels.stacked for labels in later)
        picture = self.triangle_picture(first, note=False, stack=stack)
        tri, dot, point_label, run_label, rise_label = picture[:5]
        # the 'not to scale' mark beside the last step's labels (shown the longest), clear of every step's
        # labels, the point's and the triangle
        paths = [picture[-1]] if self.curved else []
        note = self.not_to_scale(
            VGroup(*later[-1]) if later else VGroup(run_label, rise_label),
            self.rising(first.a),
            avoid=[tri, dot, point_label, run_label, rise_label, *later_labels],
            paths=paths,
        )
        self.add(*picture[:-1] if self.curved else picture, note)  # a curve's tangent comes with the limit
        panel = Panel()
        rows = [self.nudge_row(step) for step in steps]
        fit = min(1.0, S.PANEL_WIDTH / max(r.width for r in rows))  # one size for all rows
        if fit * ROW_SIZE < S.MIN_FONT_SIZE:  # too long to read on one line: the ratio under its fraction
            rows = [self.nudge_row(step, stacked=True) for step in steps]
            fit = min(1.0, S.PANEL_WIDTH / max(r.width for r in rows))
        rows = [panel.place(r.scale(fit)) for r in rows]

        # Each step: the triangle shrinks while the old labels fade out, then the new ones fade in (moved
        # from one place to the other, a label could cross another on the way).
        shrink_steps = []
        shown = [run_label, rise_label]
        for target, labels, row in zip(smaller, later, rows[1:], strict=True):
            shrink_steps += [
                [Transform(tri, target), *(FadeOut(m) for m in shown)],
                [*(FadeIn(m) for m in labels), FadeIn(row)],
            ]
            shown = list(labels)
        self.narrate(
            "smaller",
            FadeIn(rows[0]),
            *shrink_steps,
        )

        ratios = [panel_row[-1] for panel_row in rows]
        self.narrate("ratios", *[[Indicate(r, color=S.TRIANGLE_COLOR)] for r in ratios])
        limit = self.function.slope_at(first.a)
        definition = panel.place(
            self.math(DEFINITION_TEX, *relation_parts(limit), colors={2: S.TRIANGLE_COLOR}), buff=0.6
        )
        if self.curved:  # the limit is the tangent's slope
            self.narrate("limit", [Write(definition), Create(picture[-1])], 1.0)
        else:
            self.narrate("limit", Write(definition), 1.0)

    def nudge_row(self, step, stacked: bool = False):
        """The ratio rise / h for that h (h is the fraction's denominator); *stacked*, the relation and
        the ratio on a line of their own under the fraction (the ratio last, either way)."""
        fraction = r"\frac{" + fmt(step.rise) + "}{" + fmt(step.run) + "}"
        if not stacked:
            return self.math(
                fraction, *relation_parts(step.ratio), font_size=ROW_SIZE, colors={2: S.TRIANGLE_COLOR}
            )
        top = self.math(fraction, font_size=ROW_SIZE)
        ratio = self.math(*relation_parts(step.ratio), font_size=ROW_SIZE, colors={1: S.TRIANGLE_COLOR})
        ratio.next_to(top, DOWN, buff=0.12, aligned_edge=LEFT).shift(0.4 * RIGHT)
        return VGroup(top, ratio)


#: The size of the shrinking nudges' rows.
ROW_SIZE = S.PANEL_SIZE * 0.8
