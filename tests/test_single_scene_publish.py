"""Single scenes rendered into a published folder go through the same staging folder and swap as whole
lectures (issue 24, item 1): a disk that fills while they are installed leaves the folder exactly as it
was, and the next render into it is not refused."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes.manifest import find
from scenes.pipeline.command import lecture
from scenes.pipeline.command.lecture import render_lecture
from scenes.pipeline.publishing.publish import is_published
from scenes.pipeline.settings import RenderError
from scenes.pipeline.sound.voice_settings import VoiceSettings

SILENT = VoiceSettings(engine="none")


def _quiet(line: str) -> None:
    pass


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_single_scene_render_that_fills_the_disk_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = lecture_plan(Params())
    out = tmp_path / "renders" / "mine" / "480p15"
    render_lecture(plan, "l", out, voice=SILENT, scenes=[find("Opening")], say=_quiet)
    before = _snapshot(out)
    assert is_published(out) and any(name.startswith("clips/") for name in before)

    def full(*args, **kwargs):  # the disk fills as the manifest is written, after the clip went in
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lecture, "write_partial_manifest", full)
    with pytest.raises(RenderError, match=r"^the disk is full; nothing in renders/ was changed$"):
        render_lecture(plan, "l", out, voice=SILENT, scenes=[find("TheLine")], say=_quiet)
    assert _snapshot(out) == before  # not a byte, not a file more
    assert sorted(p.name for p in out.parent.iterdir()) == ["480p15"]  # no staging folder left
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)

    render_lecture(plan, "l", out, voice=SILENT, scenes=[find("TheLine")], say=_quiet)  # not refused
    after = _snapshot(out)
    assert is_published(out)
    assert any(name.startswith("clips/") and "TheLine" in name for name in after)
    assert {k: v for k, v in after.items() if k != "manifest.json"}.items() >= {
        k: v for k, v in before.items() if k != "manifest.json"
    }.items()  # the first scene's files are still there, unchanged
