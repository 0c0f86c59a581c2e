"""A recording's length and size are bounded before it is mastered (issue 24, item 7): a 10-minute
recording peaked at 2.6 GB while mastering; now anything over MAX_RECORDING_SECONDS is one line, and a
file over MAX_RECORDING_BYTES is refused without being decoded."""

from __future__ import annotations

import time
import wave
from types import SimpleNamespace

import numpy as np
import pytest

from derivlib.numbers import ParameterError
from scenes.pipeline.sound.voice import MAX_RECORDING_BYTES, MAX_RECORDING_SECONDS, check_recordings

CUES = [SimpleNamespace(id="opening-aim")]


def _wav(path, seconds: float, rate: int = 8000) -> None:
    t = np.arange(int(seconds * rate)) / rate
    samples = (0.3 * np.sin(2 * np.pi * 220 * t) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def test_a_ten_minute_recording_is_refused_before_mastering(tmp_path):
    _wav(tmp_path / "opening-aim.wav", 600)
    with pytest.raises(ParameterError) as refused:
        check_recordings(CUES, tmp_path)
    assert refused.value.parameter == "recordings"
    assert refused.value.reason.endswith(
        f"opening-aim.wav is 600.0 s long; a cue's recording is at most {MAX_RECORDING_SECONDS} s"
    )


def test_a_recording_at_the_bound_is_accepted(tmp_path):
    _wav(tmp_path / "opening-aim.wav", MAX_RECORDING_SECONDS - 1)
    assert [p.name for p in check_recordings(CUES, tmp_path)] == ["opening-aim.wav"]


def test_a_file_over_the_size_bound_is_refused_without_being_decoded(tmp_path):
    path = tmp_path / "opening-aim.wav"
    _wav(path, 1)
    with path.open("r+b") as f:  # (sparse: no disk used)
        f.truncate(MAX_RECORDING_BYTES + 1)
    started = time.monotonic()
    with pytest.raises(ParameterError) as refused:
        check_recordings(CUES, tmp_path)
    assert "is larger than 256 MB" in refused.value.reason
    assert time.monotonic() - started < 2
