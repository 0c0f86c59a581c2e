"""Every scene, for every parameter set: plays its cues in order, keeps its text apart and inside the
frame, shows only numbers derivlib computed, and puts the triangle where derivlib's points map to."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import numpy as np
import pytest
from manim import MathTex, Text
from scene_cases import CASES, PARAM_SETS

from derivlib.calculus import formula, nudges, shrinking_nudges
from derivlib.narration import DEFINITION_TEX, evaluation, narration
from derivlib.numbers import format_number
from derivlib.view import view
from scenes import style as S
from scenes.common import texts_of
from scenes.manifest import find

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
ids = [f"{s}-{e.name}" for s, e in CASES]


def top_texts(scene):
    """The text objects on screen at the end (MathTex and Tex, not their parts)."""
    return [t for t in texts_of(scene.mobjects) if isinstance(t, MathTex | Text)]


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_plays_every_cue_in_order(still, set_name, entry):
    scene = still(set_name, entry).scene
    expected = [c for c in narration(PARAM_SETS[set_name]) if c.beat == entry.beat.id]
    assert [c.id for c in scene.narrated] == [c.id for c in expected]
    times = [scene.cue_times[c.id] for c in expected]
    for (start, end), cue in zip(times, expected, strict=True):
        assert end - start == pytest.approx(float(cue.estimated_seconds), abs=1e-6)
    assert all(a[1] == pytest.approx(b[0]) for a, b in itertools.pairwise(times))


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_texts_apart_and_inside_the_frame(still, set_name, entry):
    rendered = still(set_name, entry)
    scene = rendered.scene
    frame = scene.camera.frame
    left, right = frame.get_left()[0], frame.get_right()[0]
    bottom, top = frame.get_bottom()[1], frame.get_top()[1]
    eps = 0.01 * frame.width / S.FRAME_WIDTH
    texts = top_texts(scene)
    assert texts, "every beat shows some text"
    for t in texts:
        assert t.get_left()[0] >= left - eps and t.get_right()[0] <= right + eps, t.tex_string
        assert t.get_bottom()[1] >= bottom - eps and t.get_top()[1] <= top + eps, t.tex_string
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            dx = min(a.get_right()[0], b.get_right()[0]) - max(a.get_left()[0], b.get_left()[0])
            dy = min(a.get_top()[1], b.get_top()[1]) - max(a.get_bottom()[1], b.get_bottom()[1])
            assert dx <= eps or dy <= eps, f"{a.tex_string!r} overlaps {b.tex_string!r}"


def derivlib_numbers(params):
    """Every number text that derivlib produces for these parameters."""
    texts = [c.text for c in narration(params)]
    texts += [formula(params).text, DEFINITION_TEX]
    v = view(params)
    texts += list(v.x.labels()) + list(v.y.labels())
    for n in nudges(params) + shrinking_nudges(params):
        texts.append(evaluation(params, n.a).text)
        texts += [format_number(x) for x in (n.a, n.f_a, n.a_nudged, n.f_nudged, n.rise, n.run, n.ratio, n.h)]
    return {m for t in texts for m in NUMBER.findall(t)}


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_numbers_on_screen_come_from_derivlib(still, set_name, entry):
    allowed = derivlib_numbers(PARAM_SETS[set_name])
    for t in top_texts(still(set_name, entry).scene):
        for number in NUMBER.findall(t.tex_string):
            assert number in allowed, (t.tex_string, number)


def to_pixel(scene, point, *, unzoomed=False):
    """Row and column of a scene point in the frame the camera sees at the end of the scene (or, with
    unzoomed=True, in the whole frame, as before any camera move)."""
    frame = scene.camera.frame
    height, width = scene.camera.pixel_array.shape[:2]
    cx, cy = (0.0, 0.0) if unzoomed else frame.get_center()[:2]
    fw = S.FRAME_WIDTH if unzoomed else frame.width
    fh = fw * height / width
    col = (point[0] - cx) / fw * width + width / 2
    row = (cy - point[1]) / fh * height + height / 2
    return round(row), round(col)


def is_green(pixel):
    """The triangle's green: its fill (a quarter-opaque green over black) or its stroke."""
    r, g, b = (int(c) for c in pixel[:3])
    return g > 35 and g > r + 8 and g > b + 12


def is_yellow(pixel):
    r, g, b = (int(c) for c in pixel[:3])
    return r > 180 and g > 180 and b < 120


@pytest.mark.parametrize("set_name", list(PARAM_SETS))
def test_point_is_drawn_where_derivlib_puts_it(still, set_name):
    rendered = still(set_name, find("APoint"))
    scene = rendered.scene
    n = nudges(PARAM_SETS[set_name])[0]
    row, col = to_pixel(scene, scene.plot.on_graph(n.a))
    assert is_yellow(rendered.last_frame[row, col]), rendered.last_frame[row, col]


@pytest.mark.parametrize("set_name", [s for s, p in PARAM_SETS.items() if p.slope])
def test_display_triangle_is_green_at_the_point(still, set_name):
    rendered = still(set_name, find("TheTriangle"))
    scene = rendered.scene
    frame = scene.cue_frames[scene.cues[0].id]  # after 'width': the large triangle is drawn
    n = nudges(PARAM_SETS[set_name])[0]
    corner = scene.plot.on_graph(n.a)
    width, height = scene.plot.display_size()
    inside = corner + np.array([width * 0.7, height * 0.3, 0])  # inside, near the right angle
    outside = corner + np.array([width * 0.3, height * 0.7, 0])  # across the line: not the triangle
    # (the camera had not moved yet at that cue)
    assert is_green(frame[to_pixel(scene, inside, unzoomed=True)])
    assert not is_green(frame[to_pixel(scene, outside, unzoomed=True)])


@pytest.mark.parametrize("set_name", [s for s, p in PARAM_SETS.items() if p.slope])
def test_zoomed_view_shows_the_true_triangle(still, set_name):
    """At the end of TheTriangle the camera has zoomed in: the green triangle's legs measure, in
    pixels, the true run h and rise k·h mapped through the axes, to within a few pixels."""
    params = PARAM_SETS[set_name]
    rendered = still(set_name, find("TheTriangle"))
    scene, frame = rendered.scene, rendered.last_frame
    n = nudges(params)[0]
    height_px, width_px = frame.shape[:2]
    zoom_width = scene.camera.frame.width
    plot = scene.plot
    run, rise = plot.offset(n.run, Decimal(0))[0], plot.offset(Decimal(0), n.rise)[1]
    if run < S.FRAME_WIDTH * S.ZOOM_FILL / 10:
        assert zoom_width < S.FRAME_WIDTH / 5, "a small nudge: the camera zoomed in"
    # expected leg lengths in pixels, from derivlib's exact run and rise and the axes' scale
    run_px = run / zoom_width * width_px
    rise_px = rise / zoom_width * width_px
    assert run_px > 0.2 * width_px or abs(rise_px) > 0.2 * height_px, "the true triangle fills the view"
    corner_row, corner_col = to_pixel(scene, plot.on_graph(n.a))
    # along a row just inside the horizontal leg, green spans the run
    row = corner_row - 3 if n.rise > 0 else corner_row + 3
    greens = [c for c in range(width_px) if is_green(frame[row, c])]
    assert greens, "green pixels along the run"
    assert abs((max(greens) - corner_col) - run_px) <= 4
    # along a column just inside the vertical leg, green spans the rise
    col = corner_col + int(run_px) - 3
    green_rows = [r for r in range(height_px) if is_green(frame[r, col])]
    assert abs((max(green_rows) - min(green_rows)) - abs(rise_px)) <= 6


def test_small_parameters_give_the_same_shape_at_true_scale(still):
    """The 'tiny' set (nudge 0.000001) zooms about a thousand times deeper than the default."""
    deep = still("tiny", find("TheTriangle")).scene.camera.frame.width
    default = still("default", find("TheTriangle")).scene.camera.frame.width
    assert default < S.FRAME_WIDTH / 1000
    assert deep < default / 100
