"""Beat 5, the triangle: drawn large (not to scale) with its width and height, then shrunk to the true
triangle built from the true points, and the camera zooms in until it can be seen at true scale."""

import numpy as np
from manim import DOWN, RIGHT, UP, Create, FadeIn, FadeOut, Transform, UpdateFromAlphaFunc, Write

from scenes import style as S
from scenes.common import LectureScene, Panel, fmt


class TheTriangle(LectureScene):
    beat = "triangle"

    def construct(self):
        plot = self.plot
        k = self.slope
        _axes, graph = self.backdrop()
        n = self.nudge(0)
        panel = Panel()
        panel.place(S.math("a + h", "=", fmt(n.a_nudged), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        panel.place(S.math("f(a + h)", "=", fmt(n.f_nudged), colors={0: S.F_COLOR, 2: S.F_COLOR}))
        dot = plot.dot(n.a)
        self.add(panel, dot, self.point_label(n, dot))

        tri = plot.display_triangle(n.a)
        run_label, rise_label = plot.triangle_labels(tri, n)
        note = self.not_to_scale(run_label)
        width_eq = panel.place(S.math(r"\text{width}", "=", fmt(n.run), colors={2: S.A_COLOR}))
        self.narrate("width", Create(tri), [Write(run_label), FadeIn(note)], Write(width_eq))

        height_eq = panel.place(S.math(r"\text{height}", "=", fmt(n.rise), colors={2: S.F_COLOR}))
        self.narrate("height", [Write(rise_label), Write(height_eq)], 1.0)

        if k:
            times = panel.place(
                S.math(fmt(n.rise), "=", fmt(k), r"\times", fmt(n.run), colors={0: S.F_COLOR, 4: S.A_COLOR})
            )
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
        graph.add_updater(lambda g: g.put_start_and_end_on(*self.clipped_graph_ends()))

        def zoom(mob, alpha):
            width = start_width * (end_width / start_width) ** alpha
            mob.set(width=width)
            mob.move_to(target + (start_center - target) * (width - end_width) / (start_width - end_width))

        scale = end_width / S.FRAME_WIDTH
        run_label, rise_label = plot.triangle_labels(true_tri, n, font_size=S.LABEL_SIZE)
        for label in (run_label, rise_label):
            label.scale(scale, about_point=label.get_center())
        run_label.next_to(true_tri, DOWN if n.rise >= 0 else UP, buff=0.15 * scale)
        rise_label.next_to(true_tri, RIGHT, buff=0.15 * scale)
        note = S.text("true scale", font_size=S.NOTE_SIZE, color=S.NOTE_COLOR).scale(scale)
        note.next_to(run_label, DOWN if n.rise >= 0 else UP, buff=0.1 * scale)
        self.narrate(
            "zoom",
            [FadeOut(*others), Transform(tri, true_tri)],
            UpdateFromAlphaFunc(frame, zoom, run_time=3.0),
            [FadeIn(run_label), FadeIn(rise_label), FadeIn(note)],
            1.0,
        )

    def clipped_graph_ends(self):
        """The graph's ends within (a margin around) the camera's view, so that at a deep zoom nothing
        is drawn millions of pixels away."""
        frame = self.camera.frame
        half = frame.width  # a full frame width of margin either side
        x0, x1 = frame.get_center()[0] - half, frame.get_center()[0] + half
        lo, hi = self.plot.on_graph(self.plot.view.x.lo), self.plot.on_graph(self.plot.view.x.hi)
        x0, x1 = max(x0, lo[0]), min(x1, hi[0])
        slope = self.plot.scene_slope
        start = np.array([x0, lo[1] + (x0 - lo[0]) * slope, 0.0])
        end = np.array([x1, lo[1] + (x1 - lo[0]) * slope, 0.0])
        return start, end
