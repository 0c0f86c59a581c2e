"""The whole lecture rendered for real at low quality by the command users run, in a temporary folder:
every clip decodes to the frames its narration lasts, and its subtitles are its narration cues."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import av
import pytest
import srt

from derivlib.narration import narration
from derivlib.params import Params
from scenes.manifest import SCENES_IN_ORDER

ROOT = Path(__file__).resolve().parents[2]
FPS = 15  # -q l


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    out = tmp_path_factory.mktemp("renders")
    result = subprocess.run(
        [sys.executable, "-m", "scenes", "render", "-q", "l", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path_factory.mktemp("cwd"),
    )
    assert result.returncode == 0, result.stderr
    return out


def clip_files(out, index, entry):
    stem = f"{index:02d}-{entry.name}"
    return out / f"{stem}.mp4", out / f"{stem}.srt"


@pytest.mark.parametrize(("index", "entry"), list(enumerate(SCENES_IN_ORDER, start=1)), ids=lambda v: str(v))
def test_clip_decodes_and_its_subtitles_are_its_cues(lecture, index, entry):
    movie, subtitles = clip_files(lecture, index, entry)
    cues = [c for c in narration(Params()) if c.beat == entry.beat.id]
    duration = sum((c.estimated_seconds for c in cues), Decimal(0))

    with av.open(str(movie)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        assert (stream.width, stream.height) == (854, 480)
    assert frames == round(duration * FPS)

    entries = list(srt.parse(subtitles.read_text(encoding="utf-8")))
    assert [e.content for e in entries] == [c.text for c in cues]
    start = Decimal(0)
    for e, cue in zip(entries, cues, strict=True):
        end = start + cue.estimated_seconds
        assert abs(e.start - timedelta(seconds=float(start))) <= timedelta(milliseconds=1)
        assert abs(e.end - timedelta(seconds=float(end))) <= timedelta(milliseconds=1)
        start = end
    assert entries[-1].end.total_seconds() <= frames / FPS + 1 / FPS


def test_render_refuses_bad_input_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "scenes", "render", "-q", "l", "--out", str(out), "--nudge", "0", "Opening"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["derivatives: error: nudge: must be greater than 0, got 0"]
    assert not out.exists()


def test_render_refuses_an_unknown_scene(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "scenes", "render", "-q", "l", "--out", str(tmp_path / "o"), "Nope"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("derivatives: error: scene: no scene named 'Nope'")
    assert "Traceback" not in result.stderr


def test_plain_manim_renders_a_scene_with_the_lecture_defaults(tmp_path):
    """`manim -ql scenes/<file>.py <Scene>` works as any Manim user expects (README)."""
    entry = SCENES_IN_ORDER[0]
    result = subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "--media_dir", str(tmp_path), entry.path, entry.name],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    movies = list(tmp_path.rglob(f"{entry.name}.mp4"))
    assert len(movies) == 1
    subtitles = list(tmp_path.rglob(f"{entry.name}.srt"))
    assert [e.content for e in srt.parse(subtitles[0].read_text())] == [
        c.text for c in narration(Params()) if c.beat == entry.beat.id
    ]
