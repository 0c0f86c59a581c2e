"""How a cue's time is spent: each animation at most S.MAX_STRETCH times its own run time, starting at its
slot; the rest of the slot a hold that the encoder receives as one picture repeated."""

from __future__ import annotations

import math

import pytest
from manim import config
from manim.scene import video_segment_encoder as vse

from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes import style as S
from scenes.common import LectureScene
from scenes.manifest import find
from scenes.pipeline.running.scene_render import render_scene


@pytest.fixture
def spies(monkeypatch):
    plays: list[tuple[float, float, int]] = []  # (natural run time, played run time, frame at start)
    writes: list[int] = []  # the repeat count of every picture handed to the encoder
    play, write = LectureScene.play, vse.VideoSegmentEncoder.write_frame

    def spy_play(self, *animations, **kwargs):
        natural = max(a.run_time for a in animations)
        plays.append((natural, kwargs.get("run_time"), round(self.time * config.frame_rate)))
        return play(self, *animations, **kwargs)

    def spy_write(self, pixels, *, repeat=1):
        writes.append(repeat)
        return write(self, pixels, repeat=repeat)

    monkeypatch.setattr(LectureScene, "play", spy_play)
    monkeypatch.setattr(vse.VideoSegmentEncoder, "write_frame", spy_write)
    return plays, writes


@pytest.mark.parametrize("name", ["Notation", "TheNudge", "AnotherPoint"])
def test_animations_keep_their_pace_and_holds_are_one_picture(spies, tmp_path, tex_dir, name):
    plays, writes = spies
    rendered = render_scene(
        find(name),
        lecture_plan(Params()).part(find(name).beat.id),
        quality="l",
        media_dir=tmp_path,
        tex_dir=tex_dir,
    )
    scene, fps = rendered.scene, rendered.fps
    animated = [(natural, played) for natural, played, _ in plays if played is not None]
    waits = [played for natural, played, _ in plays if played is None]
    assert animated and waits  # a hold is a wait(), which manim plays as a Wait animation
    for natural, played in animated:
        assert played <= S.MAX_STRETCH * natural + 1 / fps
    # every frame is written, and the frames of holds come as repeats of one picture
    assert sum(writes) == round(scene.scheduled_time * fps)
    repeated = sum(r for r in writes if r > 1)
    assert repeated >= sum(writes) / 3, (repeated, sum(writes))


def test_a_step_starts_at_its_share_of_the_cue(spies, tmp_path, tex_dir):
    """Slots are shared by run time (largest remainders); capping an animation never moves a later step."""
    plays, _ = spies
    rendered = render_scene(
        find("APoint"), lecture_plan(Params()).part("point"), quality="l", media_dir=tmp_path, tex_dir=tex_dir
    )
    scene, fps = rendered.scene, rendered.fps
    starts = [start for natural, played, start in plays if played is not None]
    # APoint plays three equal animations per cue: they start at thirds of it (within a frame)
    expected = []
    for cue in scene.narrated:
        begin, end = scene.cue_times[cue.id]
        first, last = round(begin * fps), round(end * fps)
        expected += [first + math.floor(k * (last - first) / 3) for k in range(3)]
    assert len(starts) == len(expected)
    assert all(abs(a - b) <= 1 for a, b in zip(starts, expected, strict=True)), (starts, expected)


class TimingProbe(LectureScene):
    """The opening's cues with plain white squares fading in, linearly, where the real scene writes its
    title: each square's first visible frame can be read off the rendered video."""

    beat = "opening"
    SQUARES = (-4.0, 0.0, 4.0)  # their x; each square is 1.5 wide at y = 0

    def construct(self):
        from manim import WHITE, FadeIn, Square, linear

        squares = [
            Square(1.5).set_fill(WHITE, 1).set_stroke(width=0).move_to([x, 0, 0]) for x in self.SQUARES
        ]
        self.narrate("aim", FadeIn(squares[0], rate_func=linear), FadeIn(squares[1], rate_func=linear))
        self.narrate("reassure", FadeIn(squares[2], rate_func=linear), 1.0)


class _ProbeEntry:
    name = "TimingProbe"

    @staticmethod
    def load():
        return TimingProbe


def test_each_cue_starts_drawing_when_its_subtitle_starts(tmp_path, tex_dir):
    """Timing read from the output: the rendered video's frames against the subtitles manim wrote for
    it. A cue's first animation shows in the frame after its subtitle's start (the first frame of a
    linear fade is still blank); a cue's second of two equal steps shows about halfway through it."""
    import av
    import srt

    part = lecture_plan(Params()).part("opening")
    rendered = render_scene(_ProbeEntry(), part, quality="l", media_dir=tmp_path, tex_dir=tex_dir)
    fps = rendered.fps
    subtitles = list(srt.parse(rendered.subtitles.read_text()))
    with av.open(str(rendered.movie)) as container:
        frames = [f.to_ndarray(format="gray") for f in container.decode(video=0)]
    height, width = frames[0].shape

    def first_visible(x: float) -> int:
        col = round((x / S.FRAME_WIDTH + 0.5) * width)
        return next(i for i, f in enumerate(frames) if f[height // 2, col] > 8)

    aim, reassure = (round(s.start.total_seconds() * fps) for s in subtitles)
    aim_end = round(subtitles[0].end.total_seconds() * fps)
    assert first_visible(TimingProbe.SQUARES[0]) == aim + 1
    assert first_visible(TimingProbe.SQUARES[2]) == reassure + 1
    halfway = first_visible(TimingProbe.SQUARES[1]) - aim
    assert 0.4 * (aim_end - aim) <= halfway <= 0.6 * (aim_end - aim)
