"""Renders shared by the scene tests: every scene, for several parameter sets, rendered once per run as
stills (animations skipped, end states drawn, a frame recorded at the end of every cue) at low quality,
in a temporary media folder."""

from __future__ import annotations

import pytest
from scene_cases import ALL_SETS

from derivlib.plan import lecture_plan
from scenes.pipeline.running.scene_render import render_scene


@pytest.fixture(scope="session")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def tex_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("tex")


_stills: dict = {}


@pytest.fixture(scope="session")
def still(media, tex_dir):
    """still(set_name, scene_name) -> Rendered (cached for the session)."""

    def get(set_name: str, entry):
        key = (set_name, entry.name)
        if key not in _stills:
            _stills[key] = render_scene(
                entry,
                lecture_plan(ALL_SETS[set_name]).part(entry.beat.id),
                quality="l",
                media_dir=media / set_name,
                movie=False,
                record_cue_frames=True,
                tex_dir=tex_dir,
            )
        return _stills[key]

    return get
