"""What every scene of the lecture shares: its part of the lecture plan, narration-timed playing, the
plot and its parts.

A scene subclasses :class:`LectureScene`, names its ``beat``, and plays each of the beat's narration cues
with :meth:`LectureScene.narrate`: the cue's text becomes a subcaption and the cue's animations fill its
duration. A scene reads only its part of the plan (``self.part``: what its beat draws and says); numbers
come only from derivlib (``format_number`` on derivlib's exact values).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Line,
    MathTex,
    Mobject,
    MovingCameraScene,
    Tex,
    Text,
    VGroup,
    VMobject,
    config,
)
from manim.animation.animation import prepare_animation
from tqdm import tqdm

from derivlib.calculus import Nudge
from derivlib.lectures import default_lecture, lecture_named
from derivlib.numbers import format_number
from derivlib.params import Params
from derivlib.plan import Part, Point, TimedCue, lecture_plan
from derivlib.screen import is_curve, relation_parts
from derivlib.wording import Cue
from scenes import style as S
from scenes.drawing import HoistStatic
from scenes.labels import place_along, place_beside
from scenes.plot import Panel, Plot

__all__ = ["LectureScene", "Panel", "Plot", "Snapshot", "TextBox", "fmt", "texts_of"]


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


@dataclass(frozen=True)
class TextBox:
    """A text on screen: what it says (its TeX or its string), its bounding box, its opacity."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    opacity: float = 1.0
    #: its font size as drawn (after any shrinking), in scene units' font points
    size: float = 0.0
    #: whether a leader line joins it to what it labels (see scenes/labels.py)
    led: bool = False


@dataclass(frozen=True)
class Snapshot:
    """The text on screen during cue *cue* at *moment* ('end' of the cue, or 'middle' of an animation),
    and the camera's view (left, right, bottom, top)."""

    cue: str
    moment: str
    view: tuple[float, float, float, float]
    texts: tuple[TextBox, ...]


class LectureScene(HoistStatic, MovingCameraScene):
    """A scene of the lecture: one beat, timed by its narration cues.

    The scene draws its ``part`` of the lecture plan (derivlib.plan). Without one it takes its part of
    the plan of ``params``, a keyword argument with the lecture's defaults as class default, so
    ``manim -ql scenes/nudge.py TheNudge`` renders the lecture's own numbers (silent, timed by the
    estimate) and ``TheNudge(params=Params.from_strings(slope="7"))`` renders other ones. The render
    pipeline hands each scene its part of a voiced plan.
    """

    #: the beat this scene draws (a scene of several beats, 'example', draws 'example-2', 'example-3', ...)
    beat: ClassVar[str]
    #: the lecture the beat belongs to (derivlib.lectures)
    lecture: ClassVar[str] = default_lecture().name
    params: Params | None = None

    def __init__(self, part: Part | None = None, *, params: Params | None = None, **kwargs):
        if part is None:
            lecture = lecture_named(self.lecture)
            plan = lecture_plan(params or self.params or lecture.defaults, lecture)
            part = next(p for p in plan.parts if self.draws(p.beat.id))
        if not self.draws(part.beat.id):
            raise ValueError(f"{type(self).__name__} draws beat {self.beat!r}, not {part.beat.id!r}")
        self.part = part
        super().__init__(**kwargs)
        self.cues: tuple[TimedCue, ...] = part.cues
        self.narrated: list[Cue] = []
        #: set by tests: the frame at the end of each cue, by cue id
        self.record_cue_frames = False
        self.cue_frames: dict[str, np.ndarray] = {}
        #: set with record_cue_frames: the text on screen at the end of every cue and, in a still
        #: render, at the middle of every animation (see Snapshot)
        self.snapshots: list[Snapshot] = []
        self._playing: str | None = None
        self._midpoint: float | None = None
        self.cue_times: dict[str, tuple[float, float]] = {}
        #: when the next cue starts, by the durations of the cues before it
        self.scheduled_time = 0.0

    @classmethod
    def draws(cls, beat: str) -> bool:
        """Whether this scene draws the beat with this id."""
        return beat == cls.beat or beat.removeprefix(cls.beat + "-").isdigit()

    # --- timing -----------------------------------------------------------------------------------
    def next_cue(self) -> TimedCue:
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
        timed = self.next_cue()
        cue = timed.cue
        if not cue.id.endswith(f"-{name}"):
            raise RuntimeError(f"expected cue {cue.id!r} next, {type(self).__name__} plays {name!r}")
        start = self.scheduled_time
        end = start + timed.seconds
        self._playing = cue.id
        if timed.speech is not None:  # the subtitle starts and ends with the speech; the pause follows
            # (the sound itself is laid in by the render at exactly this start; see scenes/pipeline/sound.py)
            self.add_subcaption(cue.text, duration=timed.speech, offset=start - self.time)
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
            self.snapshots.append(self.snapshot(cue.id, "end"))
        self._playing = None

    # --- what tests look at -----------------------------------------------------------------------
    def snapshot(self, cue: str, moment: str) -> Snapshot:
        """The text on screen now, with the camera's view."""
        frame = self.camera.frame
        view = (frame.get_left()[0], frame.get_right()[0], frame.get_bottom()[1], frame.get_top()[1])
        boxes = []
        for mob in texts_of([*self.mobjects, *self.foreground_mobjects]):
            if isinstance(mob, MathTex | Text):
                text = mob.tex_string if isinstance(mob, MathTex) else mob.text
                box = (mob.get_left()[0], mob.get_right()[0], mob.get_bottom()[1], mob.get_top()[1])
                inked = mob.family_members_with_points()
                opacity = max((float(m.get_fill_opacity()) for m in inked), default=0.0)
                boxes.append(
                    TextBox(
                        text, *box, opacity=opacity, size=float(mob.font_size), led=getattr(mob, "led", False)
                    )
                )
        return Snapshot(cue, moment, view, tuple(boxes))

    def get_time_progression(self, run_time, description, n_iterations=None, override_skip_animations=False):
        """manim's progression of an animation's times; in a still render that records, the middle of
        the animation too (a still render otherwise jumps to each animation's end)."""
        if self.record_cue_frames and self.renderer.skip_animations and not override_skip_animations:
            self._midpoint = run_time / 2
            return tqdm([run_time / 2, run_time], disable=True)
        return super().get_time_progression(run_time, description, n_iterations, override_skip_animations)

    def update_to_time(self, t: float) -> None:
        super().update_to_time(t)
        if self._midpoint is not None and t == self._midpoint and self._playing is not None:
            self.snapshots.append(self.snapshot(self._playing, "middle"))

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
            self._plot = Plot(self.part.function, self.part.view)
        return self._plot

    def nudge(self, index: int = 0) -> Nudge:
        """The part's *index*-th point with its nudge."""
        return self.part.nudges[index]

    @property
    def function(self):
        """f: the line k·a + b or a curve (derivlib.curve.Curve)."""
        return self.part.function

    @property
    def curved(self) -> bool:
        return is_curve(self.part.function)

    def rising(self, a: Decimal) -> bool:
        """Whether the graph rises (or is flat) at *a*: which way it goes decides where labels sit."""
        return self.part.function.slope_at(a) >= 0

    def backdrop(self) -> tuple[VGroup, Line]:
        """Add the axes and the line at once (a scene that continues the picture starts with them)."""
        axes, graph = self.plot.axes(), self.plot.graph()
        self.add(axes, graph)
        return axes, graph

    def point_label(self, n: Nudge | Point, dot: Mobject, avoid: Iterable[Mobject] = ()) -> Mobject:
        """'(a, f(a))' next to the dot, clear of the axes' labels, the curve, the guides, the tangent, the
        triangle at that point (wherever the beat draws it, so the label stays put from beat to beat;
        the triangle's labels are then set clear of this one) and of *avoid*: first tried on the side
        of the graph away from the triangle (above-left of a rising or flat graph, below-left of a
        falling one), and clear of where the triangle's labels and 'not to scale' would go by their
        rule too, when there is room for that."""
        label = S.math(f"({fmt(n.a)},\\ {fmt(n.f_a)})", font_size=S.LABEL_SIZE, colors={0: S.POINT_COLOR})
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
        note = S.text("not to scale", font_size=S.NOTE_SIZE, color=S.NOTE_COLOR)
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

    def ratio_tex(self, n: Nudge, font_size: float = S.PANEL_SIZE) -> Mobject:
        """height / width = slope, as a fraction: the rise over the run, equal to the ratio (the ratio on
        a line of its own under the fraction when one line would be shrunk below the minimum size)."""
        row = self._ratio_row(n, font_size)
        if row.width * S.MIN_FONT_SIZE <= S.PANEL_WIDTH * font_size:
            return row
        fraction = S.math(r"\frac{" + fmt(n.rise) + "}{" + fmt(n.run) + "}", font_size=font_size)
        ratio = S.math(*relation_parts(n.ratio), font_size=font_size, colors={1: S.TRIANGLE_COLOR})
        return VGroup(
            fraction, ratio.next_to(fraction, DOWN, buff=0.12, aligned_edge=LEFT).shift(0.4 * RIGHT)
        )

    def _ratio_row(self, n: Nudge, font_size: float) -> Mobject:
        return S.math(
            r"\frac{" + fmt(n.rise) + "}{" + fmt(n.run) + "}",
            *relation_parts(n.ratio),
            font_size=font_size,
            colors={2: S.TRIANGLE_COLOR},
        )

    def derivative_row(self, n: Nudge | Point) -> Mobject:
        """'derivative at a = 2:  4' (≈ when rounded), the number green."""
        return S.math(
            r"\text{derivative at } a = " + fmt(n.a) + r"\text{:}\quad",
            "{" + fmt(self.function.slope_at(n.a)) + "}",  # (braced: a minus sign, not a subtraction)
            colors={1: S.TRIANGLE_COLOR},
        )

    def keep_stroke_on_zoom(self, mob: VMobject, width: float) -> None:
        """Keep *mob*'s line width constant on screen while the camera zooms."""
        frame = self.camera.frame
        mob.add_updater(lambda m: m.set_stroke(width=width * frame.width / S.FRAME_WIDTH))


def texts_of(mobjects: Iterable[Mobject]) -> list[Mobject]:
    """Every text-like mobject (MathTex, Tex, Text) among *mobjects* and their families."""
    out = []
    for mob in mobjects:
        for member in mob.get_family():
            if isinstance(member, MathTex | Tex | Text):
                out.append(member)
    return out
