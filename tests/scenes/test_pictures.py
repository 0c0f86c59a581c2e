"""Issue 23's picture tests, for eight functions (scene_cases.PICTURE_CASES: a cubic with a turning point
below 0 and derivative 0 at a point, 1/a at a positive point, exp at 0, a function negative everywhere, a
logarithm, ...), each at the beats that show a point's label with its triangle: every label near what it
names (the point, the triangle's width and height, the triangle's labels for "not to scale"), no label
over a tick label, an axis's line or the curve, the curve visible over most of the a axis where it is
defined, no point near the plot's edge, and no text below the minimum size."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from scene_cases import ALL_SETS, PICTURE_CASES
from test_labels import ROUNDED_TO_ZERO, small_texts
from test_scenes import _apart_and_inside, to_pixel

from derivlib.calculus import nudges
from derivlib.numbers import format_number
from derivlib.view import MARGIN
from scenes import style as S
from scenes.labels import LABEL_NEAR, distance_to_box, path_points
from scenes.manifest import find

ids = [f"{s}-{e.name}" for s, e in PICTURE_CASES]
#: the least share of the a axis where f is defined over which the curve is seen (a pole, or a steep
#: rise, may take the rest off the plot)
VISIBLE = 0.6
#: how far from its anchor a label may stand (the dot's radius, and rounding)
NEAR = LABEL_NEAR + S.DOT_RADIUS + 0.01


def full_view_ends(scene):
    """The snapshots at the end of each cue while the camera shows the whole frame."""
    return [s for s in scene.snapshots if s.moment == "end" and s.view[1] - s.view[0] > S.FRAME_WIDTH - 0.01]


def shown(snapshot):
    return [t for t in snapshot.texts if t.opacity > 0]


def box(t):
    return (t.left, t.right, t.bottom, t.top)


def on_plot(t) -> bool:
    """A label on the plot (not a tick label below or left of it, nor a line of the panel)."""
    x, y = (t.left + t.right) / 2, (t.bottom + t.top) / 2
    return S.PLOT_LEFT < x < S.PANEL_LEFT and S.PLOT_BOTTOM < y < S.FRAME_HEIGHT / 2


def to_segment(b, start, end) -> float:
    """The distance from the box *b* to the segment start..end."""
    return min(distance_to_box(start + (end - start) * t, b) for t in np.linspace(0.0, 1.0, 81))


def triangles(scene, set_name):
    """Every not-to-scale triangle the beat draws at the first point, with the nudge it stands for: the
    one drawn large and (in the formal definition) each smaller one, half the size of the one before."""
    plot = scene.plot
    first = nudges(ALL_SETS[set_name])[0]
    out = [(first, plot.display_triangle(first.a, plot.rise_room(first)).get_vertices())]
    if scene.part.beat.id == "formal":
        width, height = plot.display_size(first.a)
        corner = plot.on_graph(first.a)
        for i, step in enumerate(scene.part.shrinking[1:], start=1):
            out.append((step, plot.triangle_at(corner, width / 2**i, height / 2**i).get_vertices()))
    return out


@pytest.mark.parametrize(("set_name", "entry"), PICTURE_CASES, ids=ids)
def test_each_label_is_near_what_it_names(still, set_name, entry):
    """At the end of every cue: '(a, f(a))' within LABEL_NEAR of its dot; the triangle's width label
    within LABEL_NEAR of its width and its height label of its height; 'not to scale' within
    LABEL_NEAR of the triangle's labels: each farther only with a leader line. No '≈ 0' anywhere."""
    scene = still(set_name, entry).scene
    first = nudges(ALL_SETS[set_name])[0]
    point = S.as_tex(f"({format_number(first.a)},\\ {format_number(first.f_a)})")
    legs = {}  # label text -> the sides it may name
    for n, (p, q, r) in triangles(scene, set_name):
        legs.setdefault(S.as_tex(format_number(n.run)), []).append((p, q))
        legs.setdefault(S.as_tex(format_number(n.rise)), []).append((q, r))
    far, found = [], set()
    for snap in full_view_ends(scene):
        texts = [t for t in shown(snap) if on_plot(t)]
        named = []
        for t in texts:
            if t.text == point:
                gap = distance_to_box(scene.plot.on_graph(first.a), box(t))
            elif t.text in legs:
                gap = min(to_segment(box(t), s, e) for s, e in legs[t.text])
                named.append(t)
            else:
                continue
            found.add(t.text)
            if gap > NEAR and not t.led:
                far.append((snap.cue, t.text, round(gap, 2)))
        for t in texts:
            if t.text == "not to scale" and named and not t.led:
                gap = min(_box_gap(box(t), box(u)) for u in named)
                if gap > NEAR:
                    far.append((snap.cue, t.text, round(gap, 2)))
    assert far == []
    assert point in found, "the point's label is on screen"
    assert len(found) >= 3, f"the triangle's width and height are labelled: {sorted(found)}"
    assert [t.text for s in scene.snapshots for t in s.texts if ROUNDED_TO_ZERO.search(t.text)] == []


def _box_gap(a, b) -> float:
    dx = max(a[0] - b[1], b[0] - a[1], 0.0)
    dy = max(a[2] - b[3], b[2] - a[3], 0.0)
    return float(np.hypot(dx, dy))


@pytest.mark.parametrize(("set_name", "entry"), PICTURE_CASES, ids=ids)
def test_no_label_over_a_tick_label_another_label_or_the_curve(still, set_name, entry):
    """At the end of every cue and in the middle of every animation no two texts overlap (the tick
    labels are texts) and every text is inside the frame; with the whole frame in view, no label on the
    plot is crossed by the curve. (An axis's line is kept clear too where there is room: see
    test_the_cubics_height_label_is_clear_of_the_a_axis; where there is none, a label may cross it.)"""
    scene = still(set_name, entry).scene
    curve = path_points(scene.plot.graph())
    wrong = {}
    for snap in scene.snapshots:
        scale = (snap.view[1] - snap.view[0]) / S.FRAME_WIDTH
        if found := _apart_and_inside(snap, scale):
            wrong.setdefault(f"{snap.cue} ({snap.moment})", found)
    for snap in full_view_ends(scene):
        for t in shown(snap):
            if on_plot(t) and crossed(t, curve):
                wrong.setdefault(f"{snap.cue} (curve)", []).append(f"{t.text!r} crossed by the curve")
    assert wrong == {}


def crossed(t, points: np.ndarray) -> bool:
    """Whether any of *points* lies inside the text's box."""
    x, y = points[:, 0], points[:, 1]
    return bool(np.any((x > t.left) & (x < t.right) & (y > t.bottom) & (y < t.top)))


def test_the_cubics_height_label_is_clear_of_the_a_axis(still):
    """a³ − 3a at 2 (issue 23): the triangle's height label stood on the a axis, against the axis's name.
    Now, at the end of every cue of that point, no label on the plot is crossed by an axis's line."""
    scene = still("turning", find("AnotherPoint")).scene
    axes = scene.plot.axes()
    lines = np.concatenate([path_points(axes[3]), path_points(axes[4])])  # (the a and f(a) axes' lines)
    at_two = [s for s in full_view_ends(scene) if s.cue.startswith("another-2-")]
    assert at_two
    rise = S.as_tex(format_number(nudges(ALL_SETS["turning"])[1].rise))
    assert any(t.text == rise for s in at_two for t in shown(s)), "the height at 2 is labelled"
    wrong = {(s.cue, t.text) for s in at_two for t in shown(s) if on_plot(t) and crossed(t, lines)}
    assert wrong == set()


def is_curve_white(pixel) -> bool:
    """The curve's white (the axes, the grid and 'not to scale' are grey)."""
    return min(int(c) for c in pixel[:3]) > 220


@pytest.mark.parametrize("set_name", sorted({s for s, _ in PICTURE_CASES}))
def test_the_curve_is_seen_over_the_a_axis_and_no_point_at_an_edge(still, set_name):
    """In the picture of 'slope = derivative': the curve (white) is seen in at least VISIBLE of the
    plot's columns where f is defined (where a triangle or a label covers it, it counts as seen only
    if it shows elsewhere in that column); every point and nudged point lies at least MARGIN of the
    plot's width and height inside its edges."""
    params = ALL_SETS[set_name]
    rendered = still(set_name, next(e for s, e in PICTURE_CASES if s == set_name and e.beat.id == "slope"))
    scene, frame = rendered.scene, rendered.last_frame
    plot = scene.plot
    cols = frame.shape[1]
    top = to_pixel(scene, np.array([0.0, S.PLOT_TOP, 0.0]))[0] + 2
    bottom = to_pixel(scene, np.array([0.0, S.PLOT_BOTTOM, 0.0]))[0] - 2
    defined = seen = 0
    for col in range(cols):
        x = (col + 0.5 - cols / 2) * S.FRAME_WIDTH / cols  # (the camera shows the whole frame)
        if not S.PLOT_LEFT < x < S.PLOT_RIGHT:
            continue
        try:
            params.function.at(Decimal(repr(round(plot.data_a(x), 9))))
        except (ArithmeticError, ValueError):
            continue
        defined += 1
        seen += any(is_curve_white(frame[row, col]) for row in range(top, bottom + 1))
    assert defined and seen >= VISIBLE * defined, f"the curve is seen over {seen} of {defined} columns"

    width, height = S.PLOT_RIGHT - S.PLOT_LEFT, S.PLOT_TOP - S.PLOT_BOTTOM
    margin_x, margin_y = float(MARGIN) * width, float(MARGIN) * height
    for n in nudges(params):
        for a in (n.a, n.a_nudged):
            x, y = plot.on_graph(a)[:2]
            assert S.PLOT_LEFT + margin_x <= x <= S.PLOT_RIGHT - margin_x, (set_name, a, "a at an edge")
            assert S.PLOT_BOTTOM + margin_y <= y <= S.PLOT_TOP - margin_y, (set_name, a, "f(a) at an edge")


@pytest.mark.parametrize(("set_name", "entry"), PICTURE_CASES, ids=ids)
def test_no_text_below_the_minimum_size(still, set_name, entry):
    scene = still(set_name, entry).scene
    wrong = {s.cue: found for s in scene.snapshots if s.moment == "end" and (found := small_texts(s))}
    assert wrong == {}
