"""The point and its not-to-scale triangle as the beats draw them: the point's label, the triangle's width
and height labels and the 'not to scale' mark, each placed next to what it names and clear of
everything else drawn (scenes/labels.py does the placing). A mixin of LectureScene: it reads the
scene's plot, function and points."""

from __future__ import annotations

from collections.abc import Iterable

from manim import DOWN, LEFT, RIGHT, UP, Mobject, VGroup

from derivlib.calculus import Nudge
from derivlib.numbers import format_number as fmt
from derivlib.plan import Point
from scenes import style as S
from scenes.labels import place_along, place_beside
from scenes.plot import Plot

__all__ = ["PointPicture"]


class PointPicture:
    """The labelled point and triangle of a LectureScene (which gives ``plot``, ``curved`` and
    ``rising``)."""

    def point_label(self, n: Nudge | Point, dot: Mobject, avoid: Iterable[Mobject] = ()) -> Mobject:
        """'(a, f(a))' next to the dot, clear of the axes' labels, the curve, the guides, the tangent, the
        triangle at that point (wherever the beat draws it, so the label stays put from beat to beat;
        the triangle's labels are then set clear of this one) and of *avoid*: first tried on the side
        of the graph away from the triangle (above-left of a rising or flat graph, below-left of a
        falling one), and clear of where the triangle's labels and 'not to scale' would go by their
        rule too, when there is room for that."""
        point = self.writer.formula("point", a=fmt(n.a), fa=fmt(n.f_a))
        label = self.math(point, font_size=S.LABEL_SIZE, colors={0: S.POINT_COLOR})
        obstacles = self.plot.obstacles().add_boxes(avoid).add_paths(self.plot.guides(n.a))
        if self.curved:
            obstacles.add_paths([self.plot.tangent(n.a)])
        tries = [obstacles]
        if isinstance(n, Nudge):
            tri = self.plot.display_triangle(n.a, self.plot.rise_room(n))
            obstacles.add_boxes([tri])
            by_rule = self.plot.triangle_labels(tri, n)
            note = self.not_to_scale(by_rule, self.rising(n.a), avoid=[tri])
            tries.insert(0, obstacles.copy().add_boxes([*by_rule, note]))
        rising = self.rising(n.a)
        side = self.plot.normal(n.a) if rising else -self.plot.normal(n.a)
        prefer = side + 0.6 * LEFT
        at = dot.get_center()
        for around in tries[:-1]:
            placed = place_along(label, at, at, around, Plot.LABEL_AREA, prefer, S.DOT_RADIUS, fallback=False)
            if placed is not None:
                return placed
        return place_along(label, at, at, tries[-1], Plot.LABEL_AREA, prefer, S.DOT_RADIUS)

    def not_to_scale(
        self,
        below: Mobject,
        rising: bool = True,
        avoid: Iterable[Mobject] = (),
        paths: Iterable[Mobject] = (),
    ) -> Mobject:
        """The 'not to scale' mark, under (or, for a falling graph, over) *below* (a triangle's labels),
        from its left edge rightwards: away from the graph, which passes the point on the other side;
        elsewhere around them when that would cover the graph, a label or the triangle (the boxes of
        *avoid*, the lines of *paths*), or leave the plot; with a leader line when the nearest clear
        place is beyond LABEL_NEAR."""
        note = self.text("not_to_scale", font_size=S.NOTE_SIZE, color=S.NOTE_COLOR)
        parts = below.submobjects if type(below) is VGroup else [below]
        obstacles = self.plot.obstacles().add_boxes([*avoid, *parts]).add_paths(paths)
        sides = [DOWN, UP, RIGHT, LEFT] if rising else [UP, DOWN, RIGHT, LEFT]
        return place_beside(note, below, obstacles, Plot.LABEL_AREA, sides)

    def triangle_labels(
        self, tri: Mobject, n: Nudge, avoid: Iterable[Mobject] = (), stack: bool = False
    ) -> VGroup:
        """The width and height labels of the not-to-scale triangle *tri* at *n*'s point, each beside
        its side and clear of the axes (their lines and tick labels), the curve, the tangent, the point's
        dot, the triangle, each other and *avoid* (see Plot.clear_triangle_labels)."""
        both = []
        for lines in (True, False):
            obstacles = self.plot.obstacles(lines).add_boxes(avoid).add_paths([self.plot.dot(n.a)])
            if self.curved:
                obstacles.add_paths([self.plot.tangent(n.a)])
            both.append(obstacles)
        return self.plot.triangle_labels(tri, n, obstacles=tuple(both), stack=stack)

    def triangle_parts(
        self, n: Nudge, avoid: Iterable[Mobject] = (), stack: bool = False, point_label: Mobject | None = None
    ) -> tuple[Mobject, ...]:
        """The not-to-scale triangle at *n*'s point, its width and height labels and the 'not to scale'
        mark, placed clear of each other, of the point's label (*point_label*, by default where
        point_label puts it) and of *avoid* (not added to the scene)."""
        dot = self.plot.dot(n.a)
        if point_label is None:
            point_label = self.point_label(n, dot)
        avoid = [point_label, *avoid]
        tri = self.plot.display_triangle(n.a, self.plot.rise_room(n))
        run_label, rise_label = self.triangle_labels(tri, n, avoid, stack)
        paths = [self.plot.tangent(n.a)] if self.curved else []
        note = self.not_to_scale(
            VGroup(run_label, rise_label), self.rising(n.a), avoid=[tri, dot, *avoid], paths=paths
        )
        return tri, run_label, rise_label, note

    def triangle_picture(
        self, n: Nudge, *, note: bool = True, avoid: Iterable[Mobject] = (), stack: bool = False
    ) -> VGroup:
        """The point, its label (clear of *avoid* too) and the not-to-scale triangle with its width and
        height labelled (*stack*: both on the side of the width away from the graph, where the curve
        leaves room); on a curve, the triangle lies along the tangent, drawn dashed (last in the
        group)."""
        dot = self.plot.dot(n.a)
        label = self.point_label(n, dot, avoid)
        tri, run_label, rise_label, mark = self.triangle_parts(n, avoid, stack=stack, point_label=label)
        group = VGroup(tri, dot, label, run_label, rise_label)
        if note:
            group.add(mark)
        if self.curved:
            group.add(self.plot.tangent(n.a))
        return group
