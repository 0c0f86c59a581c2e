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

from derivlib.calculus import nudges, shrinking_nudges
from derivlib.narration import narration
from derivlib.numbers import format_number
from derivlib.params import Params
from derivlib.plan import lecture_plan
from derivlib.screen import DEFINITION_TEX, derivative_at_tex, derivative_tex, evaluation_tex
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


def _apart_and_inside(snapshot, scale) -> list[str]:
    """What is wrong with the layout of one snapshot: texts outside the camera's view, texts overlapping."""
    left, right, bottom, top = snapshot.view
    eps = 0.01 * scale
    texts = [t for t in snapshot.texts if t.opacity > 0]
    wrong = [
        f"{t.text!r} outside the frame"
        for t in texts
        if t.left < left - eps or t.right > right + eps or t.bottom < bottom - eps or t.top > top + eps
    ]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            dx = min(a.right, b.right) - max(a.left, b.left)
            dy = min(a.top, b.top) - max(a.bottom, b.bottom)
            if dx > eps and dy > eps:
                wrong.append(f"{a.text!r} overlaps {b.text!r}")
    return wrong


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_texts_apart_and_inside_the_frame(still, set_name, entry):
    """At the end of every cue and in the middle of every animation: no two texts overlap, and every
    text lies inside the camera's view."""
    scene = still(set_name, entry).scene
    moments = {(s.cue, s.moment) for s in scene.snapshots}
    assert {(c.id, "end") for c in scene.cues} <= moments
    assert any(t.opacity > 0 for s in scene.snapshots for t in s.texts), "every beat shows some text"
    wrong = {}
    for snap in scene.snapshots:
        scale = (snap.view[1] - snap.view[0]) / S.FRAME_WIDTH
        if found := _apart_and_inside(snap, scale):
            wrong.setdefault(f"{snap.cue} ({snap.moment})", found)
    assert wrong == {}


def _numbers_of(n) -> list[str]:
    return [format_number(x) for x in (n.a, n.f_a, n.a_nudged, n.f_nudged, n.rise, n.run, n.ratio, n.h)]


def allowed_numbers(params, cue_id: str, moment: str = "end") -> set[str]:
    """The numbers that may be on screen during a cue: the function's, the axes', and those of the
    point the cue is about (the first point; in 'another', the first point's and the one it visits,
    and while it moves on to a point, the one it leaves, fading out), with the formal definition's
    smaller nudges in its beat. Not every number of the lecture. For a curve: its derivative, and at each
    point it is about the derivative there (worked out, in 'everywhere'); the travelling tangent's
    stops and their slopes in 'everywhere'."""
    fn = params.function
    texts = [fn.formula.tex, derivative_tex(fn)]
    v = view(params)
    texts += [*v.x.labels(), *v.y.labels()]
    if params.curve is None:
        texts += [format_number(params.slope), format_number(params.intercept)]
    points = nudges(params)
    beat = cue_id.split("-")[0]
    about = [points[0]]
    if beat == "another":
        index = int(cue_id.split("-")[1]) - 1
        about.append(points[index])
        if cue_id.endswith("-pick") and moment == "middle":
            about.append(points[index - 1])
    if beat == "formal":
        about += shrinking_nudges(params)
        texts.append(DEFINITION_TEX)
    if beat == "everywhere":
        texts.append(format_number(points[0].unit))
        if params.curve is not None:
            stops = lecture_plan(params).part("everywhere").everywhere
            texts += [format_number(fn.slope_at(s.a)) for s in stops]
            about += points[:2]
    for n in about:
        texts += _numbers_of(n)
        texts.append(evaluation_tex(fn, n.a))
        texts += [format_number(fn.slope_at(n.a)), derivative_at_tex(fn, n.a)]
    return {m for t in texts for m in NUMBER.findall(S.as_tex(t))}  # (as drawn: 10⁻¹⁸ is 10^{-18})


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_numbers_on_screen_belong_to_their_beat_and_point(still, set_name, entry):
    """At the end of every cue and in the middle of every animation, every number on screen is one
    derivlib computed for that beat and that point."""
    params = PARAM_SETS[set_name]
    wrong = set()
    for snap in still(set_name, entry).scene.snapshots:
        allowed = allowed_numbers(params, snap.cue, snap.moment)
        wrong |= {
            (snap.cue, t.text, n) for t in snap.texts for n in NUMBER.findall(t.text) if n not in allowed
        }
    assert wrong == set()


POINT_LABEL = re.compile(r"^\((?P<a>[^,]+),\\ (?P<f>[^)]+)\)$")


@pytest.mark.parametrize(("set_name", "entry"), CASES, ids=ids)
def test_every_point_label_says_f_at_its_a(still, set_name, entry):
    """Every label '(a, f(a))' on screen, at the end of every cue and in the middle of every animation,
    says the function's value at its a, as derivlib writes it: a number of another point (the nudged
    value, say) is a number of the beat, but not this point's."""
    fn = PARAM_SETS[set_name].function
    wrong = set()
    for snap in still(set_name, entry).scene.snapshots:
        for t in snap.texts:
            if match := POINT_LABEL.match(t.text):
                said = format_number(fn.at(Decimal(match["a"])))
                if match["f"].replace("\\approx", "≈").replace(" ", "") != said:  # (≈ in TeX: \approx)
                    wrong.add(f"{snap.cue}: {t.text!r} labels the point at a = {match['a']}, where f(a) = {said}")
    assert not wrong, f"a point labelled with another value: {sorted(wrong)}"


def test_the_point_scope_is_narrow():
    """The second point's numbers are not allowed while the first is shown, and the other way round."""
    params = Params()
    assert not {"5.001", "15.003"} & allowed_numbers(params, "point-value")
    assert {"5", "15", "5.001", "15.003"} <= allowed_numbers(params, "another-2-pick")
    three = Params.from_strings(points="1,2,3")
    assert "2.001" not in allowed_numbers(three, "another-3-pick", "end")
    assert "2.001" in allowed_numbers(three, "another-3-pick", "middle")  # leaving point 2, fading out


#: The sets whose first point has a slope: there the drawn triangle has a height (at a point where the
#: derivative is 0 it is flat, with nothing inside to be green).
SLOPED = [s for s, p in PARAM_SETS.items() if p.function.slope_at(p.points[0])]


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


@pytest.mark.parametrize("set_name", SLOPED)
def test_display_triangle_is_green_at_the_point(still, set_name):
    rendered = still(set_name, find("TheTriangle"))
    scene = rendered.scene
    frame = scene.cue_frames[scene.cues[0].id]  # after 'width': the large triangle is drawn
    n = nudges(PARAM_SETS[set_name])[0]
    corner = scene.plot.on_graph(n.a)
    drawn = scene.plot.display_triangle(n.a, scene.plot.rise_room(n)).get_vertices()
    width, height = (drawn[2] - drawn[0])[:2]  # (its size, a layout choice; its place is derivlib's)
    inside = corner + np.array([width * 0.7, height * 0.3, 0])  # inside, near the right angle
    outside = corner + np.array([width * 0.3, height * 0.7, 0])  # across the line: not the triangle
    # (the camera had not moved yet at that cue)
    assert is_green(frame[to_pixel(scene, inside, unzoomed=True)])
    assert not is_green(frame[to_pixel(scene, outside, unzoomed=True)])


@pytest.mark.parametrize("set_name", SLOPED)
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
