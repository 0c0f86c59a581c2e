"""The plot and the panel, the pieces most scenes draw: the graph's coordinate system (exact data to
scene points), its axes, line, dots and triangles; and the column of equations at the right."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, DashedLine, Dot, Line, Mobject, Polygon, VGroup, VMobject

from derivlib.calculus import Line as LineFunction
from derivlib.calculus import Nudge, f
from derivlib.curve import Curve
from derivlib.numbers import format_number
from derivlib.trace import trace
from derivlib.view import View
from scenes import style as S
from scenes.labels import Obstacles, box_of, fits, place_along
from scenes.labels import path_points as _points_of
from scenes.writing import Writer

__all__ = ["Panel", "Plot"]


class Plot:
    """The graph's coordinate system: exact data (Decimals) to scene points, and the drawn parts.

    Coordinates are computed as exact fractions and turned into floats only at the end, so a nudge of
    0.000001 is still a true 0.000001 on screen when the camera zooms in.
    """

    def __init__(self, fn: LineFunction | Curve, view: View, writer: Writer):
        self.fn = fn
        #: writes its labels' numbers in the scene's language
        self.writer = writer
        self.curved = isinstance(fn, Curve)
        self.view = view
        self.width = S.PLOT_RIGHT - S.PLOT_LEFT
        self.height = S.PLOT_TOP - S.PLOT_BOTTOM
        self._sx = Fraction(self.width) / Fraction(self.view.x.span)
        self._sy = Fraction(self.height) / Fraction(self.view.y.span)

    # --- mapping ----------------------------------------------------------------------------------
    def point(self, a: Decimal | float, y: Decimal | float) -> np.ndarray:
        """The scene point of data (a, y)."""
        x = S.PLOT_LEFT + float((Fraction(a) - Fraction(self.view.x.lo)) * self._sx)
        z = S.PLOT_BOTTOM + float((Fraction(y) - Fraction(self.view.y.lo)) * self._sy)
        return np.array([x, z, 0.0])

    def on_graph(self, a: Decimal | float) -> np.ndarray:
        """The scene point (a, f(a)) (a float a, for geometry only, is read exactly as a Fraction)."""
        if isinstance(a, Decimal):
            return self.point(a, f(self.fn, a))
        if self.curved:
            return self.point(Fraction(a), Fraction(self.fn.at(Fraction(a))))
        return self.point(a, float(self.fn.slope) * a + float(self.fn.intercept))

    def offset(self, da: Decimal, dy: Decimal) -> np.ndarray:
        """The scene vector of a data displacement, exact until the final float."""
        return np.array([float(Fraction(da) * self._sx), float(Fraction(dy) * self._sy), 0.0])

    def slope_at(self, a: Decimal | float) -> float:
        """The slope of the graph's tangent at *a* as drawn (scene units up per scene unit right)."""
        at = a if isinstance(a, Decimal) else Fraction(a)
        return float(Fraction(self.fn.slope_at(at)) * self._sy / self._sx)

    def data_a(self, scene_x: float) -> float:
        """The a of a scene x (for geometry only, never shown)."""
        return float(self.view.x.lo) + (scene_x - S.PLOT_LEFT) / float(self._sx)

    def data_y(self, scene_y: float) -> float:
        """The f(a) of a scene y (for geometry only, never shown)."""
        return float(self.view.y.lo) + (scene_y - S.PLOT_BOTTOM) / float(self._sy)

    # --- parts ------------------------------------------------------------------------------------
    def axes(self) -> VGroup:
        """Axes along the plot's bottom and left edges, with ticks, tick labels, a faint grid and the
        axis names a and f(a)."""
        x_axis, y_axis = self.view.x, self.view.y
        left, bottom = S.PLOT_LEFT, S.PLOT_BOTTOM
        grid = VGroup()
        ticks = VGroup()
        labels = VGroup()
        for t, label in zip(x_axis.ticks, x_axis.labels(), strict=True):
            x = self.point(t, y_axis.lo)[0]
            grid.add(Line([x, bottom, 0], [x, S.PLOT_TOP, 0]))
            ticks.add(Line([x, bottom - 0.08, 0], [x, bottom + 0.08, 0]))
            labels.add(self.writer.math(label, font_size=S.TICK_SIZE).next_to([x, bottom - 0.08, 0], DOWN, buff=0.12))
        for t, label in zip(y_axis.ticks, y_axis.labels(), strict=True):
            y = self.point(x_axis.lo, t)[1]
            grid.add(Line([left, y, 0], [S.PLOT_RIGHT, y, 0]))
            ticks.add(Line([left - 0.08, y, 0], [left + 0.08, y, 0]))
            labels.add(self.writer.math(label, font_size=S.TICK_SIZE).next_to([left - 0.08, y, 0], LEFT, buff=0.12))
        grid.set_stroke(S.GRID_COLOR, S.GRID_STROKE, opacity=0.6)
        ticks.set_stroke(S.AXIS_COLOR, S.AXIS_STROKE)
        labels.set_color(S.AXIS_COLOR)
        # The axes cross where a = 0 and f(a) = 0 when those are in view (else they run along the plot's
        # bottom and left edges); the ticks and their labels stay at the edges, clear of the curve.
        a_at = self.point(x_axis.lo, 0)[1] if y_axis.lo < 0 < y_axis.hi else bottom
        f_at = self.point(0, y_axis.lo)[0] if x_axis.lo < 0 < x_axis.hi else left
        a_line = Line([left, a_at, 0], [S.PLOT_RIGHT + 0.35, a_at, 0])
        f_line = Line([f_at, bottom, 0], [f_at, S.PLOT_TOP + 0.35, 0])
        frame = VGroup()
        if a_at != bottom:
            frame.add(Line([left, bottom, 0], [S.PLOT_RIGHT, bottom, 0]))
        if f_at != left:
            frame.add(Line([left, bottom, 0], [left, S.PLOT_TOP, 0]))
        frame.set_stroke(S.AXIS_COLOR, S.AXIS_STROKE, opacity=0.5)
        for axis_line in (a_line, f_line):
            axis_line.set_stroke(S.AXIS_COLOR, S.AXIS_STROKE)
            axis_line.add_tip(tip_length=S.TIP_LENGTH, tip_width=S.TIP_LENGTH * 0.8)
        a_name = self.writer.math("a", font_size=S.LABEL_SIZE, colors={0: S.A_COLOR}).next_to(a_line, RIGHT, buff=0.12)
        f_name = self.writer.math("f(a)", font_size=S.LABEL_SIZE, colors={0: S.F_COLOR}).next_to(f_line, UP, buff=0.1)
        group = VGroup(grid, frame, ticks, a_line, f_line, labels, a_name, f_name)
        group.texts = [*labels, a_name, f_name]
        return group

    # --- what labels keep clear of ------------------------------------------------------------------
    def obstacles(self, lines: bool = True) -> Obstacles:
        """A fresh set of what every label on the plot must keep clear of: the axes' tick labels and
        names, the graph and (unless *lines* is False) the axes' lines."""
        if not hasattr(self, "_fixed"):
            axes = self.axes()  # (its a and f(a) lines)
            self._fixed = (
                [box_of(t) for t in axes.texts],
                _points_of(self.graph()),
                np.concatenate([_points_of(m) for m in [axes[3], axes[4]]]),
            )
        found = Obstacles()
        found.boxes += self._fixed[0]
        found.add_points(self._fixed[1])
        return found.add_points(self._fixed[2]) if lines else found

    #: where labels on the plot may go: over the plot, up to the panel's gap, below the frame's top
    LABEL_AREA = (
        S.PLOT_LEFT + 0.05,
        S.PANEL_LEFT - S.PANEL_GAP,
        S.PLOT_BOTTOM + 0.05,
        S.FRAME_HEIGHT / 2 - 0.1,
    )

    def graph(self) -> VMobject:
        """The graph of f over the whole view: a line, or the curve in pieces (none across a pole or
        outside the domain) cut at the plot's top and bottom."""
        if not self.curved:
            line = Line(self.on_graph(self.view.x.lo), self.on_graph(self.view.x.hi))
            return line.set_stroke(S.LINE_COLOR, S.LINE_STROKE)
        x, y = self.view.x, self.view.y
        return self.curve_between(x.lo, x.hi, y.lo, y.hi)

    def curve_between(self, lo, hi, y_lo, y_hi, samples: int | None = None) -> VGroup:
        """The curve over a in [lo, hi], cut to f(a) in [y_lo, y_hi] (data, as Decimals)."""
        extra = {} if samples is None else {"samples": samples}
        pieces = VGroup()
        for piece in trace(self.fn, lo, hi, y_lo, y_hi, **extra):
            mob = VMobject()
            mob.set_points_as_corners([self.point(a, v) for a, v in piece])
            pieces.add(mob)
        return pieces.set_stroke(S.LINE_COLOR, S.LINE_STROKE)

    def graph_heights(self, left: float, right: float) -> list[float]:
        """The graph's scene heights across scene x in [left, right], where it is defined there."""
        out = []
        for i in range(13):
            a = self.data_a(left + (right - left) * i / 12)
            if not float(self.view.x.lo) <= a <= float(self.view.x.hi):
                continue
            try:
                out.append(float(self.on_graph(a)[1]))
            except (ArithmeticError, ValueError):
                continue
        return [min(max(y, S.PLOT_BOTTOM), S.PLOT_TOP) for y in out]

    def tangent(self, a: Decimal | float, half: float = 1.6) -> Line:
        """The tangent at *a*: a dashed line through (a, f(a)) with f's slope there, *half* scene units
        either side (along a), cut to the plot."""
        p, slope = self.on_graph(a), self.slope_at(a)
        ends = []
        for side in (-1, 1):
            dx = side * half
            if abs(slope * dx) > 1e-9:  # stop at the plot's top or bottom
                room = ((S.PLOT_TOP if slope * side > 0 else S.PLOT_BOTTOM) - p[1]) / (slope * dx)
                dx *= min(1.0, max(room, 0.0))
            dx = min(max(p[0] + dx, S.PLOT_LEFT), S.PLOT_RIGHT) - p[0]
            ends.append(p + np.array([dx, slope * dx, 0.0]))
        return DashedLine(*ends, dash_length=0.12).set_stroke(S.TANGENT_COLOR, S.TANGENT_STROKE)

    def dot(self, a: Decimal | float, color: str = S.POINT_COLOR) -> Dot:
        return Dot(self.on_graph(a), radius=S.DOT_RADIUS, color=color)

    def normal(self, a: Decimal | float = Decimal(0)) -> np.ndarray:
        """Unit vector perpendicular to the graph's tangent at *a*, pointing up (the clear side for a
        label)."""
        n = np.array([-self.slope_at(a), 1.0, 0.0])
        return n / np.linalg.norm(n)

    def guides(self, a: Decimal) -> VGroup:
        """Dashed lines from (a, f(a)) down to the a axis and across to the f(a) axis."""
        return self.guides_at(self.on_graph(a))

    def guides_at(self, p: np.ndarray) -> VGroup:
        """Dashed lines from the scene point *p* down to the a axis and across to the f(a) axis."""
        down = DashedLine(p, [p[0], S.PLOT_BOTTOM, 0], dash_length=0.08).set_stroke(S.A_COLOR, 2)
        across = DashedLine(p, [S.PLOT_LEFT, p[1], 0], dash_length=0.08).set_stroke(S.F_COLOR, 2)
        return VGroup(down, across)

    # --- the triangle -----------------------------------------------------------------------------
    def display_size(self, a: Decimal | float = Decimal(0)) -> tuple[float, float]:
        """Width and height of the not-to-scale triangle at *a* (along the tangent), in scene units."""
        width = S.DISPLAY_TRIANGLE_WIDTH * self.width
        slope = self.slope_at(a)
        if abs(slope) * width > S.DISPLAY_TRIANGLE_HEIGHT * self.height:
            width = S.DISPLAY_TRIANGLE_HEIGHT * self.height / abs(slope)
        return width, slope * width

    def triangle_at(self, corner: np.ndarray, width: float, height: float) -> Polygon:
        """The green triangle with its right angle below (or above) the far end of the hypotenuse."""
        tri = Polygon(corner, corner + RIGHT * width, corner + RIGHT * width + UP * height)
        return tri.set_stroke(S.TRIANGLE_COLOR, S.TRIANGLE_STROKE).set_fill(S.TRIANGLE_COLOR, 0.25)

    def display_triangle(self, a: Decimal | float, reserve: float = 0.0) -> Polygon:
        """The triangle at a, drawn large (not to scale) along the tangent (a line's own), ending inside
        the plot, and *reserve* (a label's width) short of the panel unless that would leave it less
        than S.DISPLAY_TRIANGLE_LEAST of its size (its label then goes elsewhere: see
        place_triangle_labels)."""
        width, height = self.display_size(a)
        corner = self.on_graph(a)
        room = min(S.PLOT_RIGHT, S.PANEL_LEFT - S.PANEL_GAP - reserve) - corner[0]
        if room < width * S.DISPLAY_TRIANGLE_LEAST:
            room = S.PLOT_RIGHT - corner[0]
        if width > room:
            width, height = room, height * room / width
        # ... and inside the plot's top and bottom (a steep curve's tangent near the edge)
        room = (S.PLOT_TOP if height > 0 else S.PLOT_BOTTOM) - corner[1]
        if abs(height) > abs(room) and height:
            width, height = width * abs(room / height), room
        return self.triangle_at(corner, width, height)

    def true_triangle(self, n: Nudge) -> Polygon:
        """The triangle built from the true points (a, f(a)), (a + h, f(a)), (a + h, f(a + h))."""
        corner = self.on_graph(n.a)
        run = self.offset(n.run, Decimal(0))[0]
        rise = self.offset(Decimal(0), n.rise)[1]
        return self.triangle_at(corner, run, rise)

    def rise_room(self, n: Nudge) -> float:
        """The width the rise label of *n* takes beside a triangle (see display_triangle's reserve)."""
        return self.writer.math(format_number(n.rise), font_size=S.LABEL_SIZE).width + 0.12

    def triangle_labels(
        self,
        tri: Polygon,
        n: Nudge,
        font_size: float = S.LABEL_SIZE,
        *,
        obstacles: tuple[Obstacles, Obstacles] | None = None,
        stack: bool = False,
    ) -> VGroup:
        """Run (width) and rise (height) labels, placed outside the triangle by the rule of
        place_triangle_labels; given *obstacles* (what to keep clear of, and the same without the axes'
        lines), each label that would meet one of them (or the triangle, or the other label) goes to the
        nearest clear place beside its side instead (see clear_triangle_labels), either of them then
        perhaps with a leader line (a VGroup)."""
        run = self.writer.math(format_number(n.run), font_size=font_size, colors={0: S.A_COLOR})
        rise = self.writer.math(format_number(n.rise), font_size=font_size, colors={0: S.F_COLOR})
        labels = VGroup(run, rise)
        self.place_triangle_labels(
            labels, tri, rising=n.rise >= 0, flat=not n.rise, scale=font_size / S.LABEL_SIZE, stack=stack
        )
        if obstacles is None:
            return labels
        return self.clear_triangle_labels(labels, tri, *obstacles, rising=n.rise >= 0)

    def clear_triangle_labels(
        self, labels: VGroup, tri: Polygon, obstacles: Obstacles, relaxed: Obstacles, *, rising: bool
    ) -> VGroup:
        """The run and rise labels where place_triangle_labels put them when that is clear of
        *obstacles*, of the triangle (its sides and inside) and of each other; otherwise the label goes
        to the nearest clear place beside its own side (the width's, the height's; below a rising
        triangle's width, right of its height first), with a leader line when that is beyond LABEL_NEAR;
        where there is none, the nearest place clear of the *relaxed* obstacles (an axis's line may
        cross it); where there is none either, where the rule put it."""
        run, rise = labels
        p, q, r = tri.get_vertices()
        placed = []
        sides = (((p, q), DOWN if rising else UP), ((q, r), RIGHT))
        for label, ((start, end), prefer) in zip((run, rise), sides, strict=True):
            strict, loose = (o.copy().add_triangle((p, q, r)).add_boxes(placed) for o in (obstacles, relaxed))
            if fits(label, strict, self.LABEL_AREA):
                placed.append(label)
                continue
            by_rule = label.get_center()
            for around in (strict, loose):
                moved = place_along(label, start, end, around, self.LABEL_AREA, prefer, fallback=False)
                if moved is not None:
                    placed.append(moved)
                    break
            else:
                placed.append(label.move_to(by_rule))
        out = VGroup(*placed)
        out.stacked = getattr(labels, "stacked", False)
        return out

    def place_triangle_labels(
        self,
        labels: VGroup,
        tri: Polygon,
        *,
        rising: bool,
        flat: bool,
        scale: float = 1.0,
        stack: bool = False,
    ):
        """Put the run label under (over, for a falling line) the width and the rise label beside the
        height (under the run label when there is no room beside the height before the panel). A
        curve's triangle too flat for a label beside its height has both labels on the side of its width
        away from the graph (the rise label beyond the run label; so too with *stack*, when the curve
        leaves room); a flat triangle on a line, its rise label above the far end."""
        run, rise = labels
        p, q, r = tri.get_vertices()
        below = DOWN if rising else UP
        # a curve's triangle too flat to set the height's label beside it: both labels on the open side
        open_side = self._open_side(p, q) if stack or abs(r[1] - q[1]) < rise.height else None
        if open_side is not None:
            below = open_side
        run.next_to(p, below, buff=0.12 * scale, aligned_edge=LEFT)
        if run.width < q[0] - p[0]:  # centred under the width when it fits there
            run.set_x((p[0] + q[0]) / 2)
        if open_side is not None:
            rise.next_to(run, below, buff=0.08 * scale, aligned_edge=LEFT)
            if rise.get_bottom()[1] < S.PLOT_BOTTOM + 0.1 or rise.get_top()[1] > S.PLOT_TOP:  # no room there
                open_side, below = None, DOWN if rising else UP
                run.next_to(p, below, buff=0.12 * scale, aligned_edge=LEFT)
                if run.width < q[0] - p[0]:
                    run.set_x((p[0] + q[0]) / 2)
        if open_side is None and not flat:
            rise.next_to((q + r) / 2, RIGHT, buff=0.12 * scale)
            if rise.get_right()[0] > S.PANEL_LEFT - S.PANEL_GAP:  # no room beside it: under the width's
                rise.next_to(run, below, buff=0.08 * scale, aligned_edge=LEFT)
                overshoot = rise.get_right()[0] - (S.PANEL_LEFT - S.PANEL_GAP)
                if overshoot > 0:
                    rise.shift(LEFT * overshoot)
        elif open_side is None:  # a flat triangle on a line: its height sits above (below) its far end
            rise.next_to(q, -below, buff=0.12 * scale)
        labels.stacked = open_side is not None
        return labels

    def _open_side(self, p: np.ndarray, q: np.ndarray):
        """UP when the graph passes below the level of p..q to the right of p (where the labels go), DOWN
        when above, None when it runs along it (a line)."""
        if not self.curved:
            return None
        heights = self.graph_heights(p[0] + 0.1, p[0] + 1.2)
        if not heights:
            return None
        gap = sum(heights) / len(heights) - (p[1] + q[1]) / 2
        if abs(gap) < 0.02:
            return None
        return UP if gap < 0 else DOWN


class Panel(VGroup):
    """The column of equations at the right, filled from the top, each line left-aligned."""

    def __init__(self, top: float = S.PANEL_TOP):
        super().__init__()
        self.top = top

    @staticmethod
    def fits(row: Mobject, font_size: float = S.PANEL_SIZE, least: float = S.WRAP_BELOW) -> bool:
        """Whether *row*, set at *font_size*, fits the panel's width without being shrunk (by place)
        below *least*."""
        return row.width * least <= S.PANEL_WIDTH * font_size

    @staticmethod
    def two_lines(first: Mobject, second: Mobject, buff: float = 0.12) -> VGroup:
        """A row too long for the panel as two lines: *second* under *first*, indented."""
        return VGroup(first, second.next_to(first, DOWN, buff=buff, aligned_edge=LEFT).shift(0.4 * RIGHT))

    def place(self, mob: Mobject, buff: float = S.PANEL_BUFF) -> Mobject:
        """Position *mob* as the next line and add it to the panel (not to the scene), shrunk to fit."""
        if mob.width > S.PANEL_WIDTH:
            mob.scale_to_fit_width(S.PANEL_WIDTH)
        if self.submobjects:
            mob.next_to(self.submobjects[-1], DOWN, buff=buff)
        else:
            mob.move_to([0, self.top - mob.height / 2, 0])
        mob.shift(RIGHT * (S.PANEL_LEFT - mob.get_left()[0]))
        self.add(mob)
        return mob
