"""The checks that guard publishing, proven to be wired in: each is handed the wrong thing, through the
code path a render takes, and publishing refuses it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import av
import pytest
from lecture_render import copy_project, derivatives, render, snapshot

from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes.manifest import find
from scenes.pipeline.command.lecture import render_lecture
from scenes.pipeline.files import sha256_file
from scenes.pipeline.publishing import assemble
from scenes.pipeline.running.cache import Cache
from scenes.pipeline.running.jobs import make_jobs
from scenes.pipeline.settings import RenderError
from scenes.pipeline.sound.voice_settings import VoiceSettings

OUT = Path("renders/lecture/480p15")
FPS = 15
#: a pixel changed by more than this many grey levels is a change in the picture (encoding noise in a
#: held picture is none: held frames are repeats)
CHANGE = 4


# --- the checks that guard publishing ------------------------------------------------------------------
def _damage_a_cached_clip(project: Path, scene: str) -> None:
    """Cut a cached clip short and record the damaged file's checksum, as if it had been cached so: the
    cache's own check passes, and only assembly's packet check stands between it and publishing."""
    manifest = json.loads((project / OUT / "manifest.json").read_text())
    (key,) = [c["key"] for c in manifest["clips"] if c["scene"] == scene]
    entry = project / "renders/.cache/clips" / key
    data = (entry / "clip.mp4").read_bytes()
    (entry / "clip.mp4").write_bytes(data[: len(data) * 2 // 3])
    record = json.loads((entry / "record.json").read_text())
    record["sha256"]["clip.mp4"] = sha256_file(entry / "clip.mp4")
    (entry / "record.json").write_text(json.dumps(record))


def test_a_damaged_clip_is_never_published(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    _damage_a_cached_clip(project, "TheNudge")
    result = derivatives(project, "render", "-q", "l", "--out", "renders/again")
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("derivatives: render failed: lecture.mp4 does not hold")
    )
    assert not (project / "renders/again").exists()


def test_a_joined_lecture_that_differs_from_its_clips_is_never_published(
    lecture_project, tmp_path, monkeypatch
):
    """The lecture joined with one frame's packet changed: the render stops before publishing."""
    project = copy_project(lecture_project, tmp_path)
    join = assemble.join_clips

    def join_and_flip_a_byte(clips, path):
        join(clips, path)
        with av.open(str(path)) as container:
            packets = [p for p in container.demux(video=0) if p.size]
            middle = packets[len(packets) // 2]
            at = middle.pos + middle.size // 2
        data = bytearray(path.read_bytes())
        data[at] ^= 0xFF
        path.write_bytes(bytes(data))

    monkeypatch.setattr(assemble, "join_clips", join_and_flip_a_byte)
    monkeypatch.chdir(project)
    out = Path("renders/again")
    with pytest.raises(RenderError, match=r"^lecture\.mp4 does not hold the \d+ frames of its clips$"):
        render_lecture(lecture_plan(Params()), "l", out, say=lambda line: None)
    assert not out.exists()


def test_a_clip_that_does_not_decode_whole_never_enters_the_cache(lecture_project, tmp_path):
    """The check a finished job's clip goes through before it is cached (the runner's: Cache.store)."""
    project = copy_project(lecture_project, tmp_path)
    cache = Cache(project / "renders/.cache")
    (job,) = make_jobs(
        lecture_plan(Params()),
        [find("APoint")],
        "l",
        VoiceSettings(),
        cache.voice,
    )
    cached = cache.lookup(job)
    assert cached is not None
    staged = cache.staging()
    for name in ("clip.mp4", "clip.srt", "meta.json"):
        shutil.copyfile(cached.folder / name, staged / name)
    data = (staged / "clip.mp4").read_bytes()
    (staged / "clip.mp4").write_bytes(data[: len(data) // 2])
    shutil.rmtree(cached.folder)
    with pytest.raises(
        RenderError, match=r"^APoint: the clip decodes to -?\d+ frames, its narration needs \d+$"
    ):
        cache.store(job, staged)
    assert cache.lookup(job) is None


def test_a_published_file_that_changed_is_published_again(lecture_project, tmp_path):
    """The manifest's checksums decide whether a published lecture is up to date."""
    project = copy_project(lecture_project, tmp_path)
    before = snapshot(project / OUT)
    (project / OUT / "lecture.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nsomething else\n")
    report = render(project)
    assert report["published"] is True and report["rendered"] == []
    assert snapshot(project / OUT) == before
