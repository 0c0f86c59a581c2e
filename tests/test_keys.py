"""A clip's cache key covers the code it really depends on: every project module its scene and the
worker load (found from the import graph, not from a list kept by hand), and no other."""

from __future__ import annotations

import inspect
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lecture_render import render

from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes.manifest import SCENES_IN_ORDER
from scenes.pipeline.jobs import Job, clip_code
from scenes.pipeline.keys import ROOT, WORKER, closure

# For each scene, the project modules that importing it and the worker really loads (in a fresh
# interpreter; the project's modules are unloaded between scenes, manim stays).
_LOADED = (
    f"WORKER = {WORKER!r}\n"
    """
import importlib, json, sys
out = {}
for module in sys.argv[1:]:
    for name in [m for m in sys.modules if m.split(".")[0] in ("scenes", "derivlib")]:
        del sys.modules[name]
    importlib.import_module(module)
    importlib.import_module(WORKER)
    out[module] = sorted(m for m in sys.modules if m.split(".")[0] in ("scenes", "derivlib"))
print(json.dumps(out))
"""
)


@pytest.fixture(scope="module")
def loaded():
    modules = [f"scenes.{e.module}" for e in SCENES_IN_ORDER]
    out = subprocess.run(
        [sys.executable, "-c", _LOADED, *modules], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("entry", SCENES_IN_ORDER, ids=lambda e: e.name)
def test_the_key_covers_every_module_the_scene_and_the_worker_load(loaded, entry):
    covered = set(clip_code(entry))
    assert set(loaded[f"scenes.{entry.module}"]) <= covered
    bases = {inspect.getmodule(c).__name__ for c in entry.load().__mro__}
    assert {m for m in bases if m.split(".")[0] in ("scenes", "derivlib")} <= covered
    assert {"scenes.drawing", "scenes.common", "derivlib.plan", "scenes.pipeline.encoding"} <= covered


def test_the_key_leaves_out_what_does_not_make_clips():
    covered = closure(["scenes.opening", WORKER])
    assert not {"scenes.pipeline.cli", "scenes.pipeline.assemble", "scenes.pipeline.publish"} & set(covered)
    assert "scenes.triangle" not in covered  # another scene's code


def test_keys_differ_by_scene_and_by_what_the_scene_shows():
    plan = lecture_plan(Params())
    nudged = lecture_plan(Params.from_strings(nudge="0.002"))
    keys = {e.name: Job(e, plan, "l").key for e in SCENES_IN_ORDER}
    assert len(set(keys.values())) == len(SCENES_IN_ORDER)
    same = {e.name for e in SCENES_IN_ORDER if Job(e, nudged, "l").key == keys[e.name]}
    assert same == {"Opening", "TheLine", "APoint", "Closing"}
    assert Job(SCENES_IN_ORDER[0], plan, "m").key != keys["Opening"]


def _render(project: Path, *args: str) -> dict:
    return render(project, *args, "--voice", "none")


def test_a_code_change_in_a_module_a_scene_inherits_from_renders_it_again(tmp_path):
    """The case the hand-kept list missed: scenes/drawing.py, which every scene inherits from."""
    project = tmp_path / "project"
    for package in ("derivlib", "scenes"):
        shutil.copytree(ROOT / package, project / package, ignore=shutil.ignore_patterns("__pycache__"))
    assert _render(project, "Opening")["rendered"] == ["Opening"]
    assert _render(project, "Opening")["reused"] == ["Opening"]
    with (project / "scenes" / "pipeline" / "cli.py").open("a") as f:
        f.write("\n# a change to code that makes no clip\n")
    assert _render(project, "Opening")["reused"] == ["Opening"]
    with (project / "scenes" / "drawing.py").open("a") as f:
        f.write("\nCHANGED = True  # a change to the scenes' drawing\n")
    assert _render(project, "Opening")["rendered"] == ["Opening"]
