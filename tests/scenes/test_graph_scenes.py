"""The computation-graph lectures' scenes, at the defaults and at two other graphs (one with nonlinear
steps, one with five inputs): every cue played in order, text apart and inside the frame at every cue,
every number on screen one derivlib computed for that graph, and the arrows of the picture where the
layout puts them (a nudged variable's path lit in its colour)."""

from __future__ import annotations

import pytest
from test_scenes import NUMBER, _apart_and_inside

from derivlib.graph import combine
from derivlib.lectures import lecture_named
from derivlib.numbers import format_number
from scenes import style as S
from scenes.manifest import entry_for
from scenes.pipeline.running.scene_render import render_scene

GRAPH = lecture_named("computation-graph")
DERIVATIVES = lecture_named("graph-derivatives")
SETS = {
    "default": {},
    "nonlinear": {"steps": "u = a*b; v = u^2 + c; J = log(v)", "values": "a=2,b=0.5,c=1"},
    "neuron": {"steps": "z = w1*x1 + w2*x2 + b; J = 3z", "values": "w1=0.5,x1=2,w2=-1,x2=0.5,b=0.25"},
}
#: every beat at the defaults; at the other graphs, the beats whose picture depends on the graph
OTHERS = {"computation-graph": ("graph", "forward"), "graph-derivatives": ("nudge-1", "nudge-2", "backward")}
CASES = [
    (lecture.name, set_name, part.beat.id)
    for lecture in (GRAPH, DERIVATIVES)
    for set_name, data in SETS.items()
    for part in lecture.plan(lecture.params_from(data, source="test")).parts
    if set_name == "default" or part.beat.id in OTHERS[lecture.name]
]
_renders: dict = {}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    media = tmp_path_factory.mktemp("graph-media")
    tex = tmp_path_factory.mktemp("graph-tex")

    def get(name: str, set_name: str, beat: str):
        key = (name, set_name, beat)
        if key not in _renders:
            lecture = lecture_named(name)
            part = lecture.plan(lecture.params_from(SETS[set_name], source="test")).part(beat)
            _renders[key] = render_scene(
                entry_for(beat, name), part, quality="l", media_dir=media / set_name, movie=False,
                record_cue_frames=True, tex_dir=tex,
            )
        return _renders[key]

    return get


def allowed(part) -> set[str]:
    """The numbers derivlib computed for this graph: its values, every nudged value, ratios, local
    derivatives and the backward pass, the steps' own constants, and the beat's words."""
    g, h = part.graph, part.nudge or DERIVATIVES.defaults.nudge
    texts = [c.cue.text for c in part.cues] + [s.text for s in g.steps] + [g.composed().text]
    d = g.backward()
    texts += [format_number(v) for v in d.values()]
    for x in g.names:
        moved = g.nudged(x, h)
        texts += [format_number(v) for v in (*moved.values(), g.value(x), h)]
        rise = combine(moved[g.output], g.value(g.output), "-")
        texts += [format_number(rise), format_number(combine(rise, h, "/"))]
    for s in g.steps:
        texts.append(g.worked(s.name)[0])
        texts += [format_number(g.local(s.name, x).value) for x in s.uses]
    return {m for t in texts for m in NUMBER.findall(t)} | {n[-1] for n in g.names if n[-1].isdigit()}


@pytest.mark.parametrize(("name", "set_name", "beat"), CASES, ids=[f"{n}-{s}-{b}" for n, s, b in CASES])
def test_every_cue_in_order_text_apart_inside_and_derivlibs(rendered, name, set_name, beat):
    scene = rendered(name, set_name, beat).scene
    assert [c.id for c in scene.narrated] == [c.id for c in scene.cues]
    wrong = {}
    for snap in scene.snapshots:
        scale = (snap.view[1] - snap.view[0]) / S.FRAME_WIDTH
        if found := _apart_and_inside(snap, scale):
            wrong.setdefault(f"{snap.cue} ({snap.moment})", found)
    assert wrong == {}, "labels overlap or leave the frame"
    ok = allowed(scene.part)
    shown = {(s.cue, t.text, n) for s in scene.snapshots for t in s.texts for n in NUMBER.findall(t.text)}
    assert {x for x in shown if x[2] not in ok} == set(), "a number on screen that derivlib did not compute"


def test_a_nudge_moves_the_labels_on_its_path_and_no_other(rendered):
    """At the end of the cue that moves the values, each variable on the nudged one's path (b, u, v, J)
    shows derivlib's value before and after, and no other variable's label moves."""
    scene = rendered("graph-derivatives", "default", "nudge-4").scene  # b: b -> u -> v -> J
    g = scene.part.graph
    moved = g.nudged("b", scene.part.nudge)
    texts = [t.text for s in scene.snapshots if s.cue == "nudge-4-moves" and s.moment == "end" for t in s.texts]
    moving = [t for t in texts if r"\to" in t]
    assert sorted(moving) == sorted(f"{format_number(g.value(y))} \\to {format_number(moved[y])}" for y in ("b", "u", "v", "J"))
