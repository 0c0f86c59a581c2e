"""Beat 5, the triangle: drawn large (not to scale) with its width and height, then shrunk to the true
triangle built from the true points, and the camera zooms in until it can be seen at true scale."""

from decimal import Decimal

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Transform,
    UpdateFromAlphaFunc,
    Write,
)

from derivlib.screen import relation_parts, times_tex
from scenes import style as S
from scenes.common import LectureScene, Panel, fmt


class TheTriangle(LectureScene):
    beat = "triangle"

    def construct(self):
        plot = self.plot
        _axes, graph = self.backdrop()
        n = self.nudge(0)
        panel = Panel()
        panel.place(self.math("a + h", *relation_parts(n.a_nudged), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        panel.place(self.math("f(a + h)", *relation_parts(n.f_nudged), colors={0: S.F_COLOR, 2: S.F_COLOR}))
        dot = plot.dot(n.a)
        point_label = self.point_label(n, dot)
        self.add(panel, dot, point_label)

        tri, run_label, rise_label, note = self.triangle_parts(n, point_label=point_label)  # (as later on)
        if self.curved:  # drawn large, the triangle lies along the tangent
            self.add(plot.tangent(n.a))
        width_eq = panel.place(self.math(self.words("width"), *relation_parts(n.run), colors={2: S.A_COLOR}))
        self.narrate("width", Create(tri), [Write(run_label), FadeIn(note)], Write(width_eq))

        height_eq = panel.place(self.math(self.words("height"), *relation_parts(n.rise), colors={2: S.F_COLOR}))
        self.narrate("height", [Write(rise_label), Write(height_eq)], 1.0)

        if n.rise:
            times = self.math(*times_tex(n), colors={0: S.F_COLOR, 2: S.TRIANGLE_COLOR, 4: S.A_COLOR})
            if not Panel.fits(times, least=S.MIN_FONT_SIZE):  # too long for one line
                rise, *product = times_tex(n)
                first = self.math(rise, colors={0: S.F_COLOR})
                second = self.math(*product, colors={1: S.TRIANGLE_COLOR, 3: S.A_COLOR})
                times = Panel.two_lines(first, second, buff=0.15)
            times = panel.place(times)
            self.narrate("times", Write(times), 1.0)

        self.zoom_to_true_scale(n, tri, dot, graph, keep={tri, dot, graph})

    def zoom_to_true_scale(self, n, tri, dot, graph, keep):
        """Shrink the drawn triangle to the true one and zoom the camera in until it fills the view."""
        plot = self.plot
        true_tri = plot.true_triangle(n)
        frame = self.camera.frame
        start_width, start_center = frame.width, frame.get_center()
        run, rise = plot.offset(n.run, 0)[0], plot.offset(0, n.rise)[1]
        aspect = S.FRAME_WIDTH / S.FRAME_HEIGHT
        end_width = max(run / S.ZOOM_FILL, abs(rise) / S.ZOOM_FILL * aspect)
        target = true_tri.get_center()

        # Everything but the line, the point and the triangle leaves: at this zoom it would be far off
        # screen (and far-off geometry overflows Cairo's fixed-point coordinates).
        others = [m for m in self.mobjects if m not in keep]
        self.keep_stroke_on_zoom(graph, S.LINE_STROKE)
        self.keep_stroke_on_zoom(tri, S.TRIANGLE_STROKE)
        corner = dot.get_center()
        dot.add_updater(lambda d: d.set(width=2 * S.DOT_RADIUS * frame.width / S.FRAME_WIDTH).move_to(corner))
        if self.curved:
            graph.add_updater(lambda g: g.become(self.curve_in_view()))
        else:
            graph.add_updater(lambda g: g.put_start_and_end_on(*self.clipped_graph_ends()))

        def zoom(mob, alpha):
            width = start_width * (end_width / start_width) ** alpha
            mob.set(width=width)
            mob.move_to(target + (start_center - target) * (width - end_width) / (start_width - end_width))

        scale = end_width / S.FRAME_WIDTH
        run_label, rise_label = plot.triangle_labels(true_tri, n, font_size=S.LABEL_SIZE)
        for label in (run_label, rise_label):
            label.scale(scale, about_point=label.get_center())
        side = DOWN if n.rise >= 0 else UP
        run_label.next_to(true_tri, side, buff=0.15 * scale)
        rise_label.next_to(true_tri, RIGHT, buff=0.15 * scale)
        last = run_label
        if abs(plot.offset(0, n.rise)[1]) < rise_label.height:  # too flat for a label beside its height
            rise_label.next_to(run_label, side, buff=0.1 * scale, aligned_edge=LEFT)
            last = rise_label
        note = self.text("true_scale", font_size=S.NOTE_SIZE, color=S.NOTE_COLOR).scale(scale)
        note.next_to(last, side, buff=0.1 * scale)
        shown = [FadeIn(run_label), FadeIn(rise_label), FadeIn(note)]
        if self.curved:  # the tangent: at this scale the triangle's slanted side almost lies on it
            shown += [FadeIn(m) for m in self.true_scale_tangent(n, end_width, target)]
        self.narrate(
            "zoom",
            [FadeOut(*others), Transform(tri, true_tri)],
            UpdateFromAlphaFunc(frame, zoom, run_time=3.0),
            shown,
            1.0,
        )

    def true_scale_tangent(self, n, width, center):
        """The tangent at the point across the zoomed-in view, dashed, labelled with its slope."""
        plot = self.plot
        scale = width / S.FRAME_WIDTH
        corner = plot.on_graph(n.a)
        slope = plot.slope_at(n.a)
        reach = 0.45 * min(width, width * S.FRAME_HEIGHT / S.FRAME_WIDTH / max(abs(slope), 1e-9))
        left, right = center[0] - reach, center[0] + reach
        ends = [corner + np.array([x - corner[0], slope * (x - corner[0]), 0.0]) for x in (left, right)]
        tangent = DashedLine(*ends, dash_length=0.15 * scale)
        tangent.set_stroke(S.TANGENT_COLOR, S.TANGENT_STROKE * scale)
        label = self.math(
            self.words("tangent", slope="{" + fmt(self.function.slope_at(n.a)) + "}"),
            font_size=S.NOTE_SIZE,
            colors={0: S.TANGENT_COLOR},
        ).scale(scale)
        # under a rising tangent (over a falling one), a fifth of the way along it: clear of the line,
        # left of the triangle
        along = ends[0] + (ends[1] - ends[0]) * 0.2
        label.next_to(along, DOWN if slope >= 0 else UP, buff=0.3 * scale, aligned_edge=LEFT)
        return tangent, label

    def curve_in_view(self):
        """The curve within (a margin around) the camera's view, traced anew for it."""
        plot = self.plot
        frame = self.camera.frame
        center, width, height = frame.get_center(), frame.width, frame.height
        lo = max(Decimal(plot.data_a(center[0] - width)), plot.view.x.lo)
        hi = min(Decimal(plot.data_a(center[0] + width)), plot.view.x.hi)
        y_lo = max(Decimal(plot.data_y(center[1] - height)), plot.view.y.lo)
        y_hi = min(Decimal(plot.data_y(center[1] + height)), plot.view.y.hi)
        curve = plot.curve_between(lo, hi, y_lo, y_hi, samples=48)
        return curve.set_stroke(width=S.LINE_STROKE * width / S.FRAME_WIDTH)

    def clipped_graph_ends(self):
        """The graph's ends within (a margin around) the camera's view, so that at a deep zoom nothing
        is drawn millions of pixels away."""
        frame = self.camera.frame
        half = frame.width  # a full frame width of margin either side
        x0, x1 = frame.get_center()[0] - half, frame.get_center()[0] + half
        lo, hi = self.plot.on_graph(self.plot.view.x.lo), self.plot.on_graph(self.plot.view.x.hi)
        x0, x1 = max(x0, lo[0]), min(x1, hi[0])
        slope = self.plot.slope_at(Decimal(0))
        start = np.array([x0, lo[1] + (x0 - lo[0]) * slope, 0.0])
        end = np.array([x1, lo[1] + (x1 - lo[0]) * slope, 0.0])
        return start, end
