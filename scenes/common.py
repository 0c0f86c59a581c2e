"""What every scene of the lecture shares: the parameters, narration-timed playing, the plot and its parts.

A scene subclasses :class:`LectureScene`, names its ``beat``, and plays each of the beat's narration cues
with :meth:`LectureScene.narrate`: the cue's text becomes a subcaption and the cue's animations fill its
duration. Numbers come only from derivlib (``format_number`` on derivlib's exact values).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    DashedLine,
    Dot,
    Line,
    Mobject,
    MovingCameraScene,
    Polygon,
    VGroup,
    VMobject,
    config,
)
from manim.animation.animation import prepare_animation

from derivlib.calculus import Nudge, f, nudge_at
from derivlib.narration import PAUSE_SECONDS, Cue, narration
from derivlib.numbers import format_number
from derivlib.params import Params
from derivlib.view import View, view
from scenes import style as S
from scenes.drawing import HoistStatic
from scenes.voice import Speech

__all__ = ["LectureScene", "Panel", "Plot", "fmt"]


def fmt(value: Decimal) -> str:
    """derivlib's one formatting rule (a short name for scenes)."""
    return format_number(value)


Step = Animation | Sequence[Animation] | float  # (an `.animate` builder counts as an Animation)


def _share(total: int, weights: list[float]) -> list[int]:
    """Split *total* frames in proportion to *weights* (largest remainders get the spare frames).

    >>> _share(10, [1.0, 1.0, 1.0])
    [4, 3, 3]
    >>> _share(0, [1.0, 2.0])
    [0, 0]
    """
    total = max(total, 0)
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(e) for e in exact]
    spare = total - sum(counts)
    for i in sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])[:spare]:
        counts[i] += 1
    return counts


def _animations(step) -> list[Animation]:
    items = list(step) if isinstance(step, list | tuple) else [step]
    return [prepare_animation(a) for a in items]


class LectureScene(HoistStatic, MovingCameraScene):
    """A scene of the lecture: one beat, timed by its narration cues.

    ``params`` is a keyword argument with the lecture's defaults as class default, so
    ``manim -ql scenes/nudge.py TheNudge`` renders the lecture's own numbers and
    ``TheNudge(params=Params.from_strings(slope="7"))`` renders other ones.
    """

    beat: ClassVar[str]
    params: Params = Params()

    def __init__(self, params: Params | None = None, speech: Mapping[str, Speech] | None = None, **kwargs):
        if params is not None:
            self.params = params
        #: each cue's audio by cue id (scenes.voice); without it the scene is silent and timed by estimate
        self.speech = dict(speech or {})
        super().__init__(**kwargs)
        self.cues: tuple[Cue, ...] = tuple(c for c in narration(self.params) if c.beat == self.beat)
        self.narrated: list[Cue] = []
        #: set by tests: the frame at the end of each cue, by cue id
        self.record_cue_frames = False
        self.cue_frames: dict[str, np.ndarray] = {}
        self.cue_times: dict[str, tuple[float, float]] = {}
        #: when the next cue starts, by the durations of the cues before it
        self.scheduled_time = 0.0

    # --- timing -----------------------------------------------------------------------------------
    def cue_duration(self, cue: Cue) -> float:
        """How long a cue lasts: its audio and a pause, or without audio, its words at a natural pace."""
        if cue.id in self.speech:
            return self.speech[cue.id].seconds + float(PAUSE_SECONDS)
        return float(cue.estimated_seconds)

    def next_cue(self) -> Cue:
        if len(self.narrated) >= len(self.cues):
            raise RuntimeError(f"{type(self).__name__} narrates more cues than beat {self.beat!r} has")
        return self.cues[len(self.narrated)]

    def narrate(self, name: str, *steps: Step) -> None:
        """Play the next cue, whose name (its id without the beat) is *name*: its subcaption, and *steps*
        (animations, groups of them, or pauses in seconds) one after another, each in a slot of the cue's
        duration in proportion to their run times.

        An animation plays at most S.MAX_STRETCH times its own run time and then holds still for the
        rest of its slot, so every step starts where its words are, nothing crawls, and a hold costs one
        picture rather than one drawing per frame.

        Cues follow one schedule: each starts when the previous one ends, by their durations. Subtitles
        keep that schedule exactly; animations get whole frames, so the video never drifts from it by
        more than half a frame."""
        cue = self.next_cue()
        if not cue.id.endswith(f"-{name}"):
            raise RuntimeError(f"expected cue {cue.id!r} next, {type(self).__name__} plays {name!r}")
        start = self.scheduled_time
        end = start + self.cue_duration(cue)
        speech = self.speech.get(cue.id)
        if speech is not None:  # the subtitle starts and ends with the speech; the pause follows
            # (the sound itself is laid in by scenes.sound at exactly this start; see there why)
            self.add_subcaption(cue.text, duration=speech.seconds, offset=start - self.time)
        else:
            self.add_subcaption(cue.text, duration=end - start, offset=start - self.time)
        groups = [s if isinstance(s, int | float) else _animations(s) for s in steps] or [1.0]
        weights = [float(g) if isinstance(g, int | float) else max(a.run_time for a in g) for g in groups]
        fps = config.frame_rate
        frames = _share(round(end * fps) - round(self.time * fps), weights)
        for group, weight, count in zip(groups, weights, frames, strict=True):
            if isinstance(group, int | float):
                self.hold(count)
                continue
            playing = min(count, math.ceil(S.MAX_STRETCH * weight * fps))
            if playing > 0:
                # manim draws ceil(run_time * fps) frames for an animation: half a frame of slack
                self.play(*group, run_time=(playing - 0.5) / fps)
            self.hold(count - playing)
        self.scheduled_time = end
        self.narrated.append(cue)
        self.cue_times[cue.id] = (start, end)
        if self.record_cue_frames:
            self.cue_frames[cue.id] = self.current_frame()

    def hold(self, count: int) -> None:
        """Hold the picture for *count* frames: one frozen frame unless something moves with time."""
        if count <= 0:
            return
        moving = (
            self.always_update_mobjects
            or self.updaters
            or any(m.has_time_based_updater() for m in self.get_mobject_family_members())
        )
        # manim draws int(run_time * fps) frames for a frozen wait, ceil(run_time * fps) otherwise
        fps = config.frame_rate
        self.wait((count + (-0.5 if moving else 0.5)) / fps, frozen_frame=not moving)

    def current_frame(self) -> np.ndarray:
        """The scene as it stands, drawn now (also when animations are skipped, as for a still)."""
        camera = self.renderer.camera
        camera.reset()
        camera.capture_mobjects([*self.mobjects, *self.foreground_mobjects])
        return camera.pixel_array.copy()

    def tear_down(self) -> None:
        missing = [c.id for c in self.cues[len(self.narrated) :]]
        if missing:
            raise RuntimeError(f"{type(self).__name__} left cues unplayed: {', '.join(missing)}")
        super().tear_down()

    # --- shared pieces ----------------------------------------------------------------------------
    @property
    def plot(self) -> Plot:
        if not hasattr(self, "_plot"):
            self._plot = Plot(self.params)
        return self._plot

    def nudge(self, index: int = 0) -> Nudge:
        return nudge_at(self.params, self.params.points[index])

    def backdrop(self) -> tuple[VGroup, Line]:
        """Add the axes and the line at once (a scene that continues the picture starts with them)."""
        axes, graph = self.plot.axes(), self.plot.graph()
        self.add(axes, graph)
        return axes, graph

    def point_label(self, n: Nudge, dot: Mobject) -> Mobject:
        """'(a, f(a))' beside the dot, on the side of the line away from the triangle and its labels:
        above-left of a rising or flat line, below-left of a falling one."""
        label = S.math(f"({fmt(n.a)},\\ {fmt(n.f_a)})", font_size=S.LABEL_SIZE, colors={0: S.POINT_COLOR})
        side = self.plot.normal() if self.params.slope >= 0 else -self.plot.normal()
        label.next_to(dot, side + 0.6 * LEFT, buff=0.15)
        return self.plot.keep_clear(label, above=self.params.slope >= 0)

    def not_to_scale(self, below: Mobject) -> Mobject:
        """The 'not to scale' mark, under (or, for a falling line, over) *below*."""
        side = DOWN if self.params.slope >= 0 else UP
        return S.text("not to scale", font_size=S.NOTE_SIZE, color=S.NOTE_COLOR).next_to(
            below, side, buff=0.15
        )

    def triangle_picture(self, n: Nudge, *, note: bool = True) -> VGroup:
        """The point, its label and the not-to-scale triangle with its width and height labelled."""
        dot = self.plot.dot(n.a)
        tri = self.plot.display_triangle(n.a)
        run_label, rise_label = self.plot.triangle_labels(tri, n)
        group = VGroup(tri, dot, self.point_label(n, dot), run_label, rise_label)
        if note:
            group.add(self.not_to_scale(run_label))
        return group

    def ratio_tex(self, n: Nudge, font_size: float = S.PANEL_SIZE) -> Mobject:
        """height / width = slope, as a fraction: the rise over the run, equal to the ratio."""
        return S.math(
            r"\frac{" + fmt(n.rise) + "}{" + fmt(n.run) + "}",
            "=",
            fmt(n.ratio),
            font_size=font_size,
            colors={2: S.TRIANGLE_COLOR},
        )

    def keep_stroke_on_zoom(self, mob: VMobject, width: float) -> None:
        """Keep *mob*'s line width constant on screen while the camera zooms."""
        frame = self.camera.frame
        mob.add_updater(lambda m: m.set_stroke(width=width * frame.width / S.FRAME_WIDTH))


class Plot:
    """The graph's coordinate system: exact data (Decimals) to scene points, and the drawn parts.

    Coordinates are computed as exact fractions and turned into floats only at the end, so a nudge of
    0.000001 is still a true 0.000001 on screen when the camera zooms in.
    """

    def __init__(self, params: Params):
        self.params = params
        self.view: View = view(params)
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
        """The scene point (a, f(a))."""
        if isinstance(a, Decimal):
            return self.point(a, f(self.params, a))
        return self.point(a, float(self.params.slope) * a + float(self.params.intercept))

    def offset(self, da: Decimal, dy: Decimal) -> np.ndarray:
        """The scene vector of a data displacement, exact until the final float."""
        return np.array([float(Fraction(da) * self._sx), float(Fraction(dy) * self._sy), 0.0])

    @property
    def scene_slope(self) -> float:
        """The slope of the graph as drawn (scene units up per scene unit right)."""
        return float(Fraction(self.params.slope) * self._sy / self._sx)

    def data_a(self, scene_x: float) -> float:
        """The a of a scene x (for geometry only, never shown)."""
        return float(self.view.x.lo) + (scene_x - S.PLOT_LEFT) / float(self._sx)

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
            labels.add(S.math(label, font_size=S.TICK_SIZE).next_to([x, bottom - 0.08, 0], DOWN, buff=0.12))
        for t, label in zip(y_axis.ticks, y_axis.labels(), strict=True):
            y = self.point(x_axis.lo, t)[1]
            grid.add(Line([left, y, 0], [S.PLOT_RIGHT, y, 0]))
            ticks.add(Line([left - 0.08, y, 0], [left + 0.08, y, 0]))
            labels.add(S.math(label, font_size=S.TICK_SIZE).next_to([left - 0.08, y, 0], LEFT, buff=0.12))
        grid.set_stroke(S.GRID_COLOR, S.GRID_STROKE, opacity=0.6)
        ticks.set_stroke(S.AXIS_COLOR, S.AXIS_STROKE)
        labels.set_color(S.AXIS_COLOR)
        a_line = Line([left, bottom, 0], [S.PLOT_RIGHT + 0.35, bottom, 0])
        f_line = Line([left, bottom, 0], [left, S.PLOT_TOP + 0.35, 0])
        for axis_line in (a_line, f_line):
            axis_line.set_stroke(S.AXIS_COLOR, S.AXIS_STROKE)
            axis_line.add_tip(tip_length=S.TIP_LENGTH, tip_width=S.TIP_LENGTH * 0.8)
        a_name = S.math("a", font_size=S.LABEL_SIZE, colors={0: S.A_COLOR}).next_to(a_line, RIGHT, buff=0.12)
        f_name = S.math("f(a)", font_size=S.LABEL_SIZE, colors={0: S.F_COLOR}).next_to(f_line, UP, buff=0.1)
        group = VGroup(grid, ticks, a_line, f_line, labels, a_name, f_name)
        group.texts = [*labels, a_name, f_name]
        return group

    def graph(self) -> Line:
        """The line f over the whole x range."""
        line = Line(self.on_graph(self.view.x.lo), self.on_graph(self.view.x.hi))
        return line.set_stroke(S.LINE_COLOR, S.LINE_STROKE)

    def dot(self, a: Decimal | float, color: str = S.POINT_COLOR) -> Dot:
        return Dot(self.on_graph(a), radius=S.DOT_RADIUS, color=color)

    def keep_clear(self, label: Mobject, *, above: bool, margin: float = 0.12) -> Mobject:
        """Move *label* inside the plot's left edge, then up (or down) until it clears the line."""
        overshoot = S.PLOT_LEFT + margin - label.get_left()[0]
        if overshoot > 0:
            label.shift(RIGHT * overshoot)
        left, right = label.get_left()[0], label.get_right()[0]
        slope = self.scene_slope
        start = self.on_graph(self.view.x.lo)
        line_y = [start[1] + (x - start[0]) * slope for x in (left, right)]
        if above:
            gap = max(line_y) + margin - label.get_bottom()[1]
            if gap > 0:
                label.shift(UP * gap)
        else:
            gap = label.get_top()[1] - (min(line_y) - margin)
            if gap > 0:
                label.shift(DOWN * gap)
        return label

    def normal(self) -> np.ndarray:
        """Unit vector perpendicular to the drawn line, pointing up (the clear side for a label)."""
        n = np.array([-self.scene_slope, 1.0, 0.0])
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
    def display_size(self) -> tuple[float, float]:
        """Width and height of the not-to-scale triangle, in scene units."""
        width = S.DISPLAY_TRIANGLE_WIDTH * self.width
        slope = self.scene_slope
        if abs(slope) * width > S.DISPLAY_TRIANGLE_HEIGHT * self.height:
            width = S.DISPLAY_TRIANGLE_HEIGHT * self.height / abs(slope)
        return width, slope * width

    def triangle_at(self, corner: np.ndarray, width: float, height: float) -> Polygon:
        """The green triangle with its right angle below (or above) the far end of the hypotenuse."""
        tri = Polygon(corner, corner + RIGHT * width, corner + RIGHT * width + UP * height)
        return tri.set_stroke(S.TRIANGLE_COLOR, S.TRIANGLE_STROKE).set_fill(S.TRIANGLE_COLOR, 0.25)

    def display_triangle(self, a: Decimal | float) -> Polygon:
        """The triangle at a, drawn large (not to scale) along the line, ending inside the plot."""
        width, height = self.display_size()
        corner = self.on_graph(a)
        room = S.PLOT_RIGHT - corner[0]
        if width > room:
            width, height = room, height * room / width
        return self.triangle_at(corner, width, height)

    def true_triangle(self, n: Nudge) -> Polygon:
        """The triangle built from the true points (a, f(a)), (a + h, f(a)), (a + h, f(a + h))."""
        corner = self.on_graph(n.a)
        run = self.offset(n.run, Decimal(0))[0]
        rise = self.offset(Decimal(0), n.rise)[1]
        return self.triangle_at(corner, run, rise)

    def triangle_labels(self, tri: Polygon, n: Nudge, font_size: float = S.LABEL_SIZE) -> VGroup:
        """Run (width) and rise (height) labels, placed outside the triangle."""
        run = S.math(fmt(n.run), font_size=font_size, colors={0: S.A_COLOR})
        rise = S.math(fmt(n.rise), font_size=font_size, colors={0: S.F_COLOR})
        labels = VGroup(run, rise)
        self.place_triangle_labels(
            labels, tri, rising=n.rise >= 0, flat=not n.rise, scale=font_size / S.LABEL_SIZE
        )
        return labels

    def place_triangle_labels(
        self, labels: VGroup, tri: Polygon, *, rising: bool, flat: bool, scale: float = 1.0
    ):
        """Put the run label under (over, for a falling line) the width and the rise label beside the
        height (above the far end when the triangle is flat)."""
        run, rise = labels
        p, q, r = tri.get_vertices()
        below = DOWN if rising else UP
        run.next_to(p, below, buff=0.12 * scale, aligned_edge=LEFT)
        if run.width < q[0] - p[0]:  # centred under the width when it fits there
            run.set_x((p[0] + q[0]) / 2)
        if not flat:
            rise.next_to((q + r) / 2, RIGHT, buff=0.12 * scale)
        else:  # a flat triangle: its height 0 sits above its far end, off the line
            rise.next_to(q, UP, buff=0.12 * scale)
        return labels


class Panel(VGroup):
    """The column of equations at the right, filled from the top, each line left-aligned."""

    def __init__(self, top: float = S.PANEL_TOP):
        super().__init__()
        self.top = top

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


def texts_of(mobjects: Iterable[Mobject]) -> list[Mobject]:
    """Every text-like mobject (MathTex, Tex, Text) among *mobjects* and their families."""
    from manim import MathTex, Tex, Text

    out = []
    for mob in mobjects:
        for member in mob.get_family():
            if isinstance(member, MathTex | Tex | Text):
                out.append(member)
    return out


__all__ += ["texts_of"]
