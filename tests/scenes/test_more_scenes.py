"""The second lecture's scenes, at its defaults and two other parameter sets: every cue played in order,
text apart and inside the frame, every number on screen one derivlib computed for that beat, and the
point and the triangle drawn where derivlib's numbers put them."""

from __future__ import annotations

import numpy as np
import pytest
from test_labels import small_texts
from test_scenes import NUMBER, _apart_and_inside, is_green, is_yellow, to_pixel

from derivlib.lectures import lecture_named
from derivlib.numbers import format_number
from derivlib.plan import lecture_plan
from derivlib.screen import derivative_at_tex, derivative_tex, evaluation_tex
from scenes import style as S
from scenes.manifest import entry_for
from scenes.pipeline.running.scene_render import render_scene

MORE_EXAMPLES = lecture_named("more-examples")

SETS = {
    "default": MORE_EXAMPLES.defaults,
    # other functions, points and nudge: e to the a, a rational function falling, a nudge of 0.01
    "other": MORE_EXAMPLES.params_from(
        {"functions": "exp(a), 1/a", "points": "1,3", "nudge": "0.01"}, source="-"
    ),
    # three points and three functions, one a polynomial with a turn, one a root
    "three": MORE_EXAMPLES.params_from(
        {"functions": "a^2 - 2a, sqrt(a), a^3/3", "points": "0.5,2,4"}, source="-"
    ),
}
CASES = [(name, part.beat.id) for name, p in SETS.items() for part in lecture_plan(p, MORE_EXAMPLES).parts]
_renders: dict = {}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, tex_dir):
    """get(set_name, beat) -> Rendered (cached for the session); its formulas compiled in the session's
    LaTeX folder, where the other scene tests' stills of this process have put theirs."""
    media = tmp_path_factory.mktemp("more-media")

    def get(set_name: str, beat: str):
        if (set_name, beat) not in _renders:
            part = lecture_plan(SETS[set_name], MORE_EXAMPLES).part(beat)
            _renders[(set_name, beat)] = render_scene(
                entry_for(beat, MORE_EXAMPLES.name),
                part,
                quality="l",
                media_dir=media / set_name,
                movie=False,
                record_cue_frames=True,
                tex_dir=tex_dir,
            )
        return _renders[(set_name, beat)]

    return get


def test_the_narration_follows_the_lectures_beats():
    for params in SETS.values():
        plan = lecture_plan(params, MORE_EXAMPLES)
        beats = [p.beat.id for p in plan.parts]
        assert beats == list(MORE_EXAMPLES.active(params))
        said = [c.beat for c in plan.cues]
        assert said == [b for b in beats for _ in plan.part(b).cues]  # every cue, in the beats' order
        assert all(plan.part(b).cues for b in beats)


@pytest.mark.parametrize(("set_name", "beat"), CASES, ids=[f"{s}-{b}" for s, b in CASES])
def test_every_cue_in_order_and_the_text_apart_and_inside(rendered, set_name, beat):
    scene = rendered(set_name, beat).scene
    assert [c.id for c in scene.narrated] == [c.id for c in scene.cues]
    wrong = {}
    for snap in scene.snapshots:
        scale = (snap.view[1] - snap.view[0]) / S.FRAME_WIDTH
        if found := _apart_and_inside(snap, scale):
            wrong.setdefault(f"{snap.cue} ({snap.moment})", found)
        if snap.moment == "end" and (found := small_texts(snap)):  # and none set too small to read
            wrong.setdefault(f"{snap.cue} (size)", found)
    assert wrong == {}


def allowed(part) -> set[str]:
    """The numbers derivlib computed for this beat: its part of the plan (its function, axes, nudges,
    shrinking nudges, stops and its cues' words) and, at each of its points, f and f' worked out."""
    fn = part.function
    texts = [fn.formula.tex, derivative_tex(fn), *(c.cue.text for c in part.cues)]
    if part.view is not None:
        texts += [*part.view.x.labels(), *part.view.y.labels()]
    for n in (*part.nudges, *part.shrinking, *part.everywhere):
        texts += [format_number(v) for v in (n.a, n.f_a, n.a_nudged, n.f_nudged, n.rise, n.run, n.ratio, n.h)]
        texts += [evaluation_tex(fn, n.a), derivative_at_tex(fn, n.a), format_number(fn.slope_at(n.a))]
    return {m for t in texts for m in NUMBER.findall(S.as_tex(t))}  # (as drawn: 10⁻¹⁸ is 10^{-18})


@pytest.mark.parametrize(("set_name", "beat"), CASES, ids=[f"{s}-{b}" for s, b in CASES])
def test_every_number_on_screen_is_derivlibs(rendered, set_name, beat):
    result = rendered(set_name, beat)
    ok = allowed(result.scene.part)
    shown = {
        (s.cue, t.text, n) for s in result.scene.snapshots for t in s.texts for n in NUMBER.findall(t.text)
    }
    assert {x for x in shown if x[2] not in ok} == set()


@pytest.mark.parametrize("set_name", list(SETS))
def test_the_point_and_its_triangle_are_where_derivlib_puts_them(rendered, set_name):
    """At the first point: yellow at (a, f(a)) mapped through the axes, and green inside the drawn
    triangle near its right angle; for every further function too, on its own axes."""
    plan = lecture_plan(SETS[set_name], MORE_EXAMPLES)
    beats = ["first", *(p.beat.id for p in plan.parts if p.beat.id.startswith("example-"))]
    for beat in beats:
        result = rendered(set_name, beat)
        scene, frame = result.scene, result.last_frame
        n = scene.part.nudges[0]
        corner = scene.plot.on_graph(n.a)
        assert any(
            is_yellow(frame[r, c])
            for r, c in [
                to_pixel(scene, corner + np.array([dx, dy, 0]))
                for dx in (-0.03, 0, 0.03)
                for dy in (-0.03, 0, 0.03)
            ]
        ), beat
        tri = scene.plot.display_triangle(n.a, scene.plot.rise_room(n)).get_vertices()
        width, height = (tri[2] - tri[0])[:2]
        inside = corner + np.array([0.7 * width, 0.3 * height, 0.0])
        assert is_green(frame[to_pixel(scene, inside)]), beat


def test_each_further_function_gets_axes_of_its_own(rendered):
    """a³ and log a are drawn on axes fitted to them, not on a²'s."""
    plan = lecture_plan(SETS["default"], MORE_EXAMPLES)
    views = {p.beat.id: p.view for p in plan.parts if p.view is not None}
    assert views["example-2"] != views["curve"] != views["example-3"]
    assert views["example-3"].y.hi < 5  # log a at 2 (≈0.69): not on a²'s axes up to 60
