"""A sound track always comes out under the true-peak limit, by construction (issue 24, item 6): once
failed a render ("the sound track stays at -1.13 dBTP after AAC, over -1.20") when AAC's coding error
changed from one turn-down to the next."""

from __future__ import annotations

import math

import numpy as np

from scenes.pipeline.sound import sound
from scenes.pipeline.sound.mastering import MASTERING

LIMIT = MASTERING["true_peak_dbtp"] - 0.2


def _sample_peak_db(track: np.ndarray) -> float:
    peak = int(np.max(np.abs(track.astype(np.int32)))) if len(track) else 0
    return 20 * math.log10(peak / 32768) if peak else float("-inf")


def _speech_like(seconds: float = 3.0) -> np.ndarray:
    """Loud bursts with hard onsets (what AAC overshoots), near the mastering ceiling."""
    rate = sound.AUDIO_RATE
    t = np.arange(int(seconds * rate)) / rate
    bursts = (np.sin(2 * np.pi * 3 * t) > 0.3).astype(np.float64)
    signal = bursts * (0.6 * np.sign(np.sin(2 * np.pi * 220 * t)) + 0.4 * np.sin(2 * np.pi * 1760 * t))
    return np.round(signal / np.max(np.abs(signal)) * 32767 * 10 ** (-0.5 / 20)).astype(np.int16)


def test_an_encoder_whose_overshoot_grows_each_time_still_ends_under_the_limit(monkeypatch):
    """A coding error that grows with each measurement (up to 3 dB, more than AAC's 1.3) defeats any
    fixed number of turn-downs by the last overshoot; the track still comes out under the limit,
    as a turned-down copy of itself."""
    errors = iter([0.5, 1.0, 1.5, 2.0, 2.5, *([3.0] * 100)])
    measured = []

    def coded(track):
        peak = _sample_peak_db(track) + next(errors)
        measured.append(peak)
        return peak

    monkeypatch.setattr(sound, "coded_true_peak", coded)
    track = _speech_like()
    out = sound.within_true_peak(track)
    assert measured[-1] <= LIMIT and all(p > LIMIT for p in measured[:-1])
    gain = float(np.max(np.abs(out))) / float(np.max(np.abs(track)))
    assert 0 < gain < 1
    assert np.max(np.abs(out.astype(np.float64) - track * gain)) <= 1  # the same sound, only quieter


def test_a_loud_track_through_the_real_encoder_comes_out_under_the_limit():
    track = _speech_like()
    assert sound.coded_true_peak(track) > LIMIT  # (loud enough that AAC takes it over)
    out = sound.within_true_peak(track)
    assert sound.coded_true_peak(out) <= LIMIT
