"""Beat 4, the nudge: a moves to a + h and f(a) to f(a + h); at the plot's scale that is invisible, so
the nudged point is then drawn not to scale."""

from manim import RIGHT, UP, Create, FadeIn, Flash, Write

from derivlib.screen import evaluation_tex, relation_parts
from scenes import style as S
from scenes.common import LectureScene, Panel, fmt
from scenes.labels import place_along


class TheNudge(LectureScene):
    beat = "nudge"

    def construct(self):
        plot = self.plot
        self.backdrop()
        n = self.nudge(0)
        panel = Panel()
        panel.place(self.math(self.part.formula.tex))
        panel.place(self.math("a", *relation_parts(n.a), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        panel.place(self.math(evaluation_tex(self.function, n.a), colors={0: S.F_COLOR}))
        dot = plot.dot(n.a)
        point_label = self.point_label(n, dot)
        self.add(panel, plot.guides(n.a), dot, point_label)

        moved = panel.place(self.math("a + h", *relation_parts(n.a_nudged), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        true_dot = plot.dot(n.a_nudged, color=S.TRIANGLE_COLOR)  # at this scale, on top of the first
        self.narrate("move", Write(moved), FadeIn(true_dot), Flash(true_dot, color=S.TRIANGLE_COLOR))

        value = panel.place(self.math("f(a + h)", *relation_parts(n.f_nudged), colors={0: S.F_COLOR, 2: S.F_COLOR}))
        self.narrate("moves", Write(value))

        label = self.math(
            self.writer.formula("point", a=fmt(n.a_nudged), fa=fmt(n.f_nudged)),
            font_size=S.LABEL_SIZE,
            colors={0: S.TRIANGLE_COLOR},
        )
        far = plot.display_triangle(n.a, reserve=label.width + 0.2).get_vertices()[2]  # the triangle's tip
        drawn = [plot.tangent(n.a)] if self.curved else []
        prefer = RIGHT + 0.4 * (-UP if self.function.slope_at(n.a) > 0 else UP)
        for lines in (True, False):  # clear of the axes' lines too where there is room
            obstacles = plot.obstacles(lines).add_boxes([point_label]).add_paths([*drawn, *plot.guides(n.a)])
            placed = place_along(
                label, far, far, obstacles, plot.LABEL_AREA, prefer, reserve=S.DOT_RADIUS, fallback=not lines
            )
            if placed is not None:
                label = placed
                break
        note = self.not_to_scale(
            label, self.rising(n.a), avoid=[point_label, dot], paths=[*drawn, *plot.guides(n.a)]
        )
        # No guides to the axes here: drawn large, the nudged point would read as the wrong values.
        shown = [FadeIn(label), FadeIn(note)]
        if self.curved:  # drawn large, the nudge follows the tangent: the curve, zoomed in, is that line
            shown.append(Create(drawn[0]))
        self.narrate("scale", 1.0, true_dot.animate.move_to(far), shown)
