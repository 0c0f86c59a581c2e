"""A lecture is one unit (derivlib/lectures/<package>/ and its scenes): its words and the cues its
scenes play agree, its clips' keys cover its own code and not another lecture's, and what is published
for it carries its own title. None of this renders."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from derivlib.lectures import lecture_named, lectures, package_of
from derivlib.plan import lecture_plan
from scenes.manifest import scenes_of

ROOT = Path(__file__).resolve().parents[1]

#: Parameter sets that between them take every variant of every beat's words.
SETS = {
    "derivatives": [
        {},
        {"slope": "0", "intercept": "4"},
        {"slope": "-2", "points": "1,2,3"},
        {"points": "2"},
        {"function": "a^2"},
        {"function": "log(a)", "points": "1,3"},
        {"function": "1/a", "points": "-1,1"},
        {"function": "a^3 - 3a", "points": "-1,2"},
    ],
    "more-examples": [
        {},
        {"functions": ["exp(a)", "1/a"], "points": "1,3", "nudge": "0.01"},
        {"functions": ["3a", "a^2", "-a^2", "sqrt(a)", "a^3/3"], "points": "0.5,2,4"},
        {"functions": ["a^2"], "points": "2"},
    ],
    "computation-graph": [{}, {"steps": "J = 2a", "values": "a=1"}],
    "graph-derivatives": [
        {},
        # six inputs and six steps: every one of the eleven nudge beats; c feeds two steps
        {"steps": "s1 = a + b; s2 = s1*c; s3 = s2 + d*c; s4 = s3*e; s5 = s4 + f; J = 2s5", "values": "a=1,b=2,c=3,d=1,e=2,f=1"},
    ],
}


@cache
def _class(module: str, name: str) -> tuple[ast.ClassDef, str]:
    """The class *name* in scenes/<module>.py, or where that module imports it from."""
    tree = ast.parse((ROOT / "scenes" / f"{module}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node, module
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scenes."):
            if any(alias.name == name for alias in node.names):
                return _class(node.module.removeprefix("scenes."), name)
    raise LookupError(f"no class {name} in scenes/{module}.py")


def scene_plays(scene: str) -> set[str]:
    """The cue names a scene's class (and the classes it inherits from in scenes/) can play: the
    literal first arguments of its ``self.narrate(...)`` calls, and its ``cue_names`` where it plays
    those instead."""
    module, name = scene.split(":")
    names: set[str] = set()
    cue_names: list[str] | None = None
    uses_cue_names = False
    while name != "LectureScene":
        node, module = _class(module, name)
        for item in node.body:
            if isinstance(item, ast.Assign) and any(getattr(t, "id", "") == "cue_names" for t in item.targets):
                if cue_names is None:  # the most derived class's
                    cue_names = [e.value for e in item.value.elts]
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "narrate" and call.args:
                first = call.args[0]
                if isinstance(first, ast.Constant):
                    names.add(first.value)
                else:
                    uses_cue_names = uses_cue_names or "cue_names" in ast.unparse(first)
        name = node.bases[0].id
    return names | (set(cue_names or ()) if uses_cue_names else set())


def _said(name: str) -> dict[str, set[str]]:
    """Each beat's cue names (a cue id less its prefix), over the parameter sets."""
    lecture = lecture_named(name)
    said: dict[str, set[str]] = {}
    for data in SETS[name]:
        plan = lecture_plan(lecture.params_from(data, source="test"), lecture)
        for part in plan.parts:
            said.setdefault(part.beat.id, set()).update(c.id.rsplit("-", 1)[1] for c in part.cues)
    return said


@pytest.mark.parametrize("name", [lecture.name for lecture in lectures()])
def test_each_scene_plays_the_cues_its_beat_says(name):
    said = _said(name)
    lecture = lecture_named(name)
    assert set(said) == {b.id for b in lecture.beats}, "the parameter sets take every beat"
    for beat in lecture.beats:
        plays = scene_plays(beat.scene)
        missing = said[beat.id] - plays
        assert not missing, f"{beat.scene} never plays the cues {sorted(missing)} of beat {beat.id}"
        unsaid = plays - said[beat.id]
        assert not unsaid, f"{beat.scene} plays cues {sorted(unsaid)} that beat {beat.id} never says"


def test_the_cue_check_sees_a_mismatch():
    assert scene_plays("examples:TheFormula") == {"textbook", "check"}  # (inherited construct, own names)
    assert "times" in scene_plays("triangle:TheTriangle")
    assert "times" not in scene_plays("opening:Opening")


def _keys_in(project: Path) -> dict[str, str]:
    """Every scene's clip key (silent, -q l) for each lecture's defaults, computed by *project*'s code."""
    code = (
        "import json\n"
        "from derivlib.lectures import lectures\n"
        "from scenes.manifest import scenes_of\n"
        "from scenes.pipeline.running import keys\n"
        "from scenes.pipeline.running.jobs import Job\n"
        "out = {'root': str(keys.ROOT)}\n"
        "for lecture in lectures():\n"
        "    plan = lecture.plan(lecture.defaults)\n"
        "    for e in scenes_of(lecture.name):\n"
        "        if plan.has(e.beat.id):\n"
        "            out[f'{lecture.name}/{e.stem}'] = Job(e, plan, 'l').key\n"
        "print(json.dumps(out))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_editing_one_lectures_words_leaves_the_others_clips_alone(tmp_path):
    project = tmp_path / "project"
    for folder in ("derivlib", "scenes"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    before = _keys_in(project)
    assert before.pop("root") == str(project)  # the copy's code decides the keys
    words = project / "derivlib/lectures/more_examples"
    (words / "words.py").write_text((words / "words.py").read_text() + "\n# an edit\n")
    toml = words / "words.toml"
    toml.write_text(toml.read_text().replace("Two things to take home.", "Two things to remember."))
    after = _keys_in(project)
    after.pop("root")
    first = [k for k in before if k.startswith("derivatives/")]
    second = [k for k in before if k.startswith("more-examples/")]
    assert len(first) == 11 and len(second) == 10 and len(before) == 11 + 10 + 7 + 9
    assert {k: after[k] for k in first} == {k: before[k] for k in first}, "the first lecture's clips re-render"
    assert all(after[k] != before[k] for k in second), "the second lecture's code is in its clips' keys"


def test_a_clips_key_covers_its_own_lecture_only():
    from scenes.pipeline.running.jobs import clip_code

    for lecture in lectures():
        others = [package_of(o.name) for o in lectures() if o.name != lecture.name]
        for entry in scenes_of(lecture.name):
            modules = clip_code(entry)
            assert package_of(lecture.name) in modules
            if lecture.name != "more-examples":  # (the second lecture's scenes build on the first's)
                assert not [m for m in modules if m.startswith(tuple(others))], entry


def test_a_partial_manifest_carries_its_lectures_title(tmp_path):
    from scenes.pipeline.publishing.assemble import write_partial_manifest

    for lecture in lectures():
        out = tmp_path / lecture.name
        (out / "clips").mkdir(parents=True)
        (out / "clips" / "01-Opening.srt").write_text("1\n")
        write_partial_manifest(out, lecture.plan(lecture.defaults), "l")
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["lecture"] == lecture.title and manifest["partial"] is True
        assert manifest["parameters"] == lecture.defaults.as_strings()


def test_a_job_draws_the_part_the_render_planned_and_no_other():
    from dataclasses import replace

    from scenes.pipeline.running.jobs import Job
    from scenes.pipeline.running.runner import job_spec
    from scenes.pipeline.running.worker import part_for

    lecture = lecture_named("more-examples")
    plan = lecture.plan(lecture.defaults)
    for entry in scenes_of(lecture.name)[:3]:
        spec = job_spec(Job(entry, plan, "l"), Path("/s"), Path("/t"), Path("/x"), 60.0)
        assert part_for(spec) == plan.part(entry.beat.id)
    other = replace(spec, params={**spec.params, "nudge": "0.01"})
    with pytest.raises(RuntimeError, match="not the one the render planned"):
        part_for(other)
