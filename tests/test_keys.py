"""A clip's cache key covers the code it really depends on: every project module its scene and the
worker load (found from the import graph, not from a list kept by hand), and no other."""

from __future__ import annotations

import ast
import inspect
import json
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from lecture_render import render

from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes.manifest import SCENES_IN_ORDER
from scenes.pipeline.running.jobs import Job, clip_code, make_jobs
from scenes.pipeline.running.keys import ROOT, WORKER, _import_nodes, closure
from scenes.pipeline.sound.voice_settings import VoiceSettings

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
    assert {"scenes.drawing", "scenes.common", "derivlib.plan", "scenes.pipeline.running.encoding"} <= covered


_NESTED = """
import a0
if TYPE_CHECKING:
    import never
else:
    import a1
class C:
    def f(self):
        try:
            import a2
        except ImportError:
            import a3
        else:
            import a4
        finally:
            import a5
        with open(x) as y:
            for i in y:
                while i:
                    import a6
                else:
                    import a7
        match x:
            case 1:
                from . import a8
    x = [__import__("not_an_import_statement")]
"""


def test_imports_are_found_in_every_kind_of_block():
    found = {alias.name for node in _import_nodes(ast.parse(_NESTED)) for alias in node.names}
    assert found == {f"a{i}" for i in range(9)}


def test_the_key_leaves_out_what_does_not_make_clips():
    covered = closure(["scenes.opening", WORKER])
    assert not {"scenes.pipeline.command.cli", "scenes.pipeline.publishing.assemble", "scenes.pipeline.publishing.publish"} & set(covered)
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
    with (project / "scenes" / "pipeline" / "command" / "cli.py").open("a") as f:
        f.write("\n# a change to code that makes no clip\n")
    assert _render(project, "Opening")["reused"] == ["Opening"]
    with (project / "scenes" / "drawing.py").open("a") as f:
        f.write("\nCHANGED = True  # a change to the scenes' drawing\n")
    assert _render(project, "Opening")["rendered"] == ["Opening"]


def _tone(path: Path, seconds: float, pitch: float, *, wobble: float = 0.0, rate: int = 48000) -> None:
    """A recording stand-in: a tone (with *wobble*, its loudness rising and falling as words would)."""
    t = np.arange(int(seconds * rate)) / rate
    envelope = 1.0 - wobble * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    samples = (8000 * envelope * np.sin(2 * np.pi * pitch * t)).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def _keys(plan, recordings: Path, cache: Path) -> dict[str, tuple[str, dict[str, float]]]:
    """Each scene's cache key, and its cues' speech lengths, for the recordings in *recordings*."""
    settings = VoiceSettings(engine="recorded", recordings=recordings)
    jobs = make_jobs(plan, SCENES_IN_ORDER, "l", settings, cache)
    return {j.entry.name: (j.key, {cue: s.seconds for cue, s in j.speech}) for j in jobs}


@pytest.mark.parametrize("change", ["pitch", "words"])
def test_a_cue_recorded_again_at_the_same_length_renders_its_scene_again_and_only_it(tmp_path, change):
    """A lecturer records one cue again, as long as before but higher (pitch) or said otherwise (words):
    the clip of that cue's scene gets a new key, so it is rendered again with the new voice, and every
    other clip keeps its key, so it is reused. Nothing is rendered: the keys are what the cache reads."""
    plan = lecture_plan(Params())
    recordings = tmp_path / "voice"
    recordings.mkdir()
    cues = [c.cue for p in plan.parts for c in p.cues]
    for i, cue in enumerate(cues):
        _tone(recordings / f"{cue.id}.wav", 0.5 + 0.01 * i, 220.0)
    before = _keys(plan, recordings, tmp_path / "cache")
    target = next(c for c in cues if c.beat == "another")
    seconds = 0.5 + 0.01 * cues.index(target)
    if change == "pitch":
        _tone(recordings / f"{target.id}.wav", seconds, 330.0)
    else:
        _tone(recordings / f"{target.id}.wav", seconds, 220.0, wobble=0.8)
    after = _keys(plan, recordings, tmp_path / "cache")
    scene = next(e.name for e in SCENES_IN_ORDER if e.beat.id == "another")
    assert after[scene][1] == before[scene][1], "the new recording is as long as the old one"
    changed = sorted(name for name in before if before[name][0] != after[name][0])
    assert changed == [scene], (
        f"after {target.id} was recorded again (same length, other {change}), the clips that get a new key "
        f"are {changed}, not [{scene!r}]: "
        + ("the video keeps the old voice there" if scene not in changed else "other clips render for nothing")
    )
