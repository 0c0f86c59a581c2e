"""Drawing less per frame changes no pixel: scenes.drawing.HoistStatic puts static mobjects that manim
would redraw every frame into the static image only where they cannot overlap what moves. Every frame
the camera draws is compared, byte for byte, with manim's own way of drawing it."""

from __future__ import annotations

import hashlib

import pytest
from manim.renderer.cairo_renderer import CairoRenderer

from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes.manifest import find
from scenes.pipeline.running.scene_render import render_scene


def drawn_frames(
    tmp_path, scene: str, params: Params, *, hoist: bool, monkeypatch
) -> tuple[list[str], object]:
    """The SHA-1 of every picture the camera draws for a frame (an animation's, a frozen one's), and the
    scene."""
    hashes: list[str] = []
    render, freeze = CairoRenderer.render, CairoRenderer.freeze_current_frame

    def seen(renderer) -> None:
        hashes.append(hashlib.sha1(renderer.camera.pixel_array.tobytes()).hexdigest())

    def render_and_see(self, *args, **kwargs):
        render(self, *args, **kwargs)
        seen(self)

    def freeze_and_see(self, *args, **kwargs):
        seen(self)
        freeze(self, *args, **kwargs)

    monkeypatch.setattr(CairoRenderer, "render", render_and_see)
    monkeypatch.setattr(CairoRenderer, "freeze_current_frame", freeze_and_see)
    entry = find(scene)
    monkeypatch.setattr(entry.load(), "hoist_static", hoist)
    rendered = render_scene(
        entry,
        lecture_plan(params).part(entry.beat.id),
        quality="l",
        media_dir=tmp_path / f"media-{hoist}",
        tex_dir=tmp_path / "tex",
    )
    monkeypatch.setattr(CairoRenderer, "render", render)
    monkeypatch.setattr(CairoRenderer, "freeze_current_frame", freeze)
    return hashes, rendered.scene


@pytest.mark.parametrize(
    "scene, params, restores",
    [
        ("FormalDefinition", Params(), False),  # the panel's equations stay put while the triangle shrinks
        (
            "TheTriangle",
            Params.from_strings(slope="-2", intercept="1"),
            True,
        ),  # a label comes to touch the triangle
    ],
)
def test_every_drawn_frame_is_the_one_manim_draws(tmp_path, monkeypatch, scene, params, restores):
    ours, ours_scene = drawn_frames(tmp_path, scene, params, hoist=True, monkeypatch=monkeypatch)
    manims, manims_scene = drawn_frames(tmp_path, scene, params, hoist=False, monkeypatch=monkeypatch)
    assert len(ours) == len(manims) > 100
    assert [i for i, (a, b) in enumerate(zip(ours, manims, strict=True)) if a != b] == []
    assert ours_scene.hoisted_plays > 0 and manims_scene.hoisted_plays == 0  # it did draw less
    assert (ours_scene.restored_plays > 0) == restores  # and went back to manim's way where it had to
