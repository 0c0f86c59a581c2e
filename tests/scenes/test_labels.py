"""Labels as a teacher would set them (issue 23), from the scene snapshots the suite records: each point's
label next to its point, no text below the minimum size, no '≈ 0' over a nonzero number, and the axes
crossing where f(a) = 0."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from scene_cases import CASES, PARAM_SETS
from test_curve_scenes import near
from test_scenes import to_pixel

from derivlib.calculus import nudges
from derivlib.numbers import format_number
from derivlib.view import view
from scenes import style as S
from scenes.labels import LABEL_NEAR, distance_to_box
from scenes.manifest import find

ids = [f"{s}-{e.name}" for s, e in CASES]
#: the beats that label the first point
LABELLED = {"point", "nudge", "triangle", "slope", "another", "notation", "formal"}
#: '≈ 0' on its own: a number rounded to nothing
ROUNDED_TO_ZERO = re.compile(r"\\approx\s*-?0(?![\d.])")


def small_texts(snapshot) -> list[str]:
    """The texts of *snapshot* set below S.MIN_FONT_SIZE as seen through the camera (a zoomed-in camera
    enlarges what it shows)."""
    scale = (snapshot.view[1] - snapshot.view[0]) / S.FRAME_WIDTH
    return [
        f"{t.text!r} at {t.size / scale:.1f}"
        for t in snapshot.texts
        if t.opacity > 0 and t.size / scale < S.MIN_FONT_SIZE - 0.5
    ]


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_text_is_never_set_below_the_minimum_size(still, set_name, entry):
    scene = still(set_name, entry).scene
    wrong = {s.cue: found for s in scene.snapshots if s.moment == "end" and (found := small_texts(s))}
    assert wrong == {}


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_a_points_label_is_next_to_its_point(still, set_name, entry):
    """'(a, f(a))' lies within LABEL_NEAR of the dot at (a, f(a)) (or a leader line joins them, where
    there was no room near), wherever it is shown uncut by the camera, and no number on screen is a
    nonzero value rounded to '≈ 0'."""
    scene = still(set_name, entry).scene
    points = {
        S.as_tex(f"({format_number(n.a)},\\ {format_number(n.f_a)})"): n.a for n in nudges(PARAM_SETS[set_name])
    }
    far, rounded, checked = [], [], 0
    for snap in scene.snapshots:
        rounded += [t.text for t in snap.texts if ROUNDED_TO_ZERO.search(t.text)]
        if snap.moment != "end" or snap.view[1] - snap.view[0] < S.FRAME_WIDTH - 0.01:
            continue
        for t in snap.texts:
            a = points.get(t.text)
            if a is None or t.opacity == 0:
                continue
            checked += 1
            gap = distance_to_box(scene.plot.on_graph(a), (t.left, t.right, t.bottom, t.top))
            if gap > LABEL_NEAR + S.DOT_RADIUS + 0.01 and not t.led:  # (farther only with a leader line)
                far.append((snap.cue, t.text, round(gap, 2)))
    assert far == []
    assert rounded == []
    if entry.beat.id in LABELLED:
        assert checked, "the point's label is on screen"


def is_axis(pixel):
    r, g, b = (int(c) for c in pixel[:3])
    return min(r, g, b) > 120 and max(r, g, b) - min(r, g, b) < 20


@pytest.mark.parametrize("set_name", ["turning"])
def test_the_a_axis_crosses_where_f_is_zero(still, set_name):
    """The cubic's f(a) axis runs from below 0: the a axis is drawn across the plot at f(a) = 0 (grey
    between the ticks, where no grid line is), and the f(a) axis at a = 0."""
    params = PARAM_SETS[set_name]
    rendered = still(set_name, find("TheLine"))
    scene, frame = rendered.scene, rendered.last_frame
    v = view(params)
    assert v.y.lo < 0 < v.y.hi and v.x.lo < 0 < v.x.hi
    between = [t + v.x.step / 2 for t in v.x.ticks[:-1]]
    on_a_axis = [near(frame, *to_pixel(scene, scene.plot.point(a, Decimal(0))), is_axis, reach=1) for a in between]
    assert sum(on_a_axis) >= len(between) - 1  # (the curve may cross one of them)
    between = [t + v.y.step / 2 for t in v.y.ticks[:-1]]
    on_f_axis = [near(frame, *to_pixel(scene, scene.plot.point(Decimal(0), y)), is_axis, reach=1) for y in between]
    assert sum(on_f_axis) >= len(between) - 1
