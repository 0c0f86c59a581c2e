"""What every scene of the lecture shares: its part of the lecture plan, narration-timed playing, the
plot and its parts.

A scene subclasses :class:`LectureScene`, names its ``beat``, and plays each of the beat's narration cues
with :meth:`LectureScene.narrate`: the cue's text becomes a subcaption and the cue's animations fill its
duration. A scene reads only its part of the plan (``self.part``: what its beat draws and says); numbers
come only from derivlib (``format_number`` on derivlib's exact values), and every word and formula is
written in the part's language by its writer (scenes/writing.py: ``self.math``, ``self.words``,
``self.text``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

import numpy as np
from manim import (
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
from scenes.picture import PointPicture
from scenes.plot import Panel, Plot
from scenes.writing import Writer

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


class LectureScene(PointPicture, HoistStatic, MovingCameraScene):
    """A scene of the lecture: one beat, timed by its narration cues.

    The scene draws its ``part`` of the lecture plan (derivlib.plan). Without one it takes its part of
    the plan of ``params``, a keyword argument with the lecture's defaults as class default, so
    ``manim -ql scenes/nudge.py TheNudge`` renders the lecture's own numbers (silent, timed by the
    estimate) and ``TheNudge(params=Params.from_strings(slope="7"))`` renders other ones. The same for
    ``language`` (a code of derivlib.languages; English by default): ``TheNudge(language="de")``. A
    part carries its language (``lecture.plan(params, "de")`` makes German parts): the render pipeline
    hands each scene its part of a voiced plan, and the scene draws in that part's language.
    """

    #: the beat this scene draws (a scene of several beats, 'example', draws 'example-2', 'example-3', ...)
    beat: ClassVar[str]
    #: the lecture the beat belongs to (derivlib.lectures)
    lecture: ClassVar[str] = default_lecture().name
    params: Params | None = None
    language: str | None = None

    def __init__(self, part: Part | None = None, *, params: Params | None = None, language: str | None = None, **kwargs):
        if part is None:
            lecture = lecture_named(self.lecture)
            plan = lecture_plan(params or self.params or lecture.defaults, lecture, language or self.language)
            part = next(p for p in plan.parts if self.draws(p.beat.id))
        elif language is not None and language != part.language:
            raise ValueError(f"a part drawn in {part.language!r} was given with language={language!r}")
        if not self.draws(part.beat.id):
            raise ValueError(f"{type(self).__name__} draws beat {self.beat!r}, not {part.beat.id!r}")
        self.part = part
        #: writes the part's words and numbers in its language
        self.writer = Writer(lecture_named(part.lecture), part.language)
        self.math, self.words, self.text = self.writer.math, self.writer.words, self.writer.text
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
            # (the sound itself is laid in by the render at exactly this start; see scenes/pipeline/sound/sound.py)
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
            self._plot = Plot(self.part.function, self.part.view, self.writer)
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

    def ratio_tex(self, n: Nudge, font_size: float = S.PANEL_SIZE) -> Mobject:
        """height / width = slope, as a fraction: the rise over the run, equal to the ratio (the ratio on
        a line of its own under the fraction when one line would be shrunk below S.WRAP_BELOW)."""
        row = self._ratio_row(n, font_size)
        if Panel.fits(row, font_size):
            return row
        fraction = self.math(r"\frac{" + fmt(n.rise) + "}{" + fmt(n.run) + "}", font_size=font_size)
        ratio = self.math(*relation_parts(n.ratio), font_size=font_size, colors={1: S.TRIANGLE_COLOR})
        return Panel.two_lines(fraction, ratio)

    def _ratio_row(self, n: Nudge, font_size: float) -> Mobject:
        return self.math(
            r"\frac{" + fmt(n.rise) + "}{" + fmt(n.run) + "}",
            *relation_parts(n.ratio),
            font_size=font_size,
            colors={2: S.TRIANGLE_COLOR},
        )

    def derivative_row(self, n: Nudge | Point) -> Mobject:
        """'derivative at a = 2:  4' (≈ when rounded), the number green; the number on a line of its own
        when one line would be shrunk below S.WRAP_BELOW."""
        where = self.words("derivative_at", a="a = " + fmt(n.a))
        number = "{" + fmt(self.function.slope_at(n.a)) + "}"  # (braced: a minus sign, not a subtraction)
        row = self.math((where, r"\quad"), number, colors={1: S.TRIANGLE_COLOR})
        if Panel.fits(row):
            return row
        return Panel.two_lines(self.math(where), self.math(number, colors={0: S.TRIANGLE_COLOR}))

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
