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
    fixed number of turn-downs by the last overshoot; the track still comes out under the limit, turned
    down only where it was over."""
    errors = iter([0.5, 1.0, 1.5, 2.0, 2.5, *([3.0] * 100)])
    measured = []
    block = sound.PEAK_BLOCK

    def coded_block_peaks(track):
        error = next(errors)
        padded = np.zeros(-(-len(track) // block) * block)
        padded[: len(track)] = np.abs(track.astype(np.float64)) / 32768
        with np.errstate(divide="ignore"):
            peaks = 20 * np.log10(padded.reshape(-1, block).max(axis=1)) + error
        measured.append(peaks.max())
        return peaks, b""

    monkeypatch.setattr(sound, "coded_block_peaks", coded_block_peaks)
    track = _speech_like()
    out = sound.within_true_peak(track).samples
    assert measured[-1] <= LIMIT and all(p > LIMIT for p in measured[:-1])
    assert 0 < np.max(np.abs(out)) < np.max(np.abs(track))
    quiet = np.abs(track) == 0  # (between the bursts: nothing to turn down)
    assert np.array_equal(out[quiet], track[quiet])


def test_a_loud_track_through_the_real_encoder_comes_out_under_the_limit():
    track = _speech_like()
    assert sound.coded_true_peak(track) > LIMIT  # (loud enough that AAC takes it over)
    out = sound.within_true_peak(track).samples
    assert sound.coded_true_peak(out) <= LIMIT


def test_the_published_encoding_is_the_one_measured():
    """within_true_peak hands back the encoding it measured, which is the track's own AAC encoding byte for
    byte (write_with_sound muxes it rather than encoding the track a second time)."""
    track = _speech_like()
    coded = sound.within_true_peak(track)
    assert coded.mp4 == sound.encoded(coded.samples)
    assert sound.true_peak_dbtp(sound.decoded(coded.mp4, len(track))) <= LIMIT


def test_one_transient_over_the_limit_leaves_the_rest_of_the_track_as_loud_as_it_was():
    """Twenty seconds of speech at -16 LUFS under the ceiling, and one click that AAC takes over the
    limit: the track comes out under the limit with its loudness kept (turning the whole track down for
    it once left a lecture at -17.4 LUFS), and every sample more than two AAC frames from the click is
    the same."""
    from scenes.pipeline.sound.mastering import loudness

    rate = sound.AUDIO_RATE
    rng = np.random.default_rng(7)
    t = np.arange(20 * rate) / rate
    voiced = (np.sin(2 * np.pi * 1.3 * t) > -0.2) * np.sin(2 * np.pi * 180 * t + 3 * np.sin(2 * np.pi * 5 * t))
    speech = voiced + 0.05 * rng.standard_normal(len(t))
    speech *= 10 ** (-16 / 20) / np.sqrt(np.mean(speech**2))  # (about -16 LUFS at 180 Hz)
    speech = np.clip(speech, -(10 ** (-3 / 20)), 10 ** (-3 / 20))
    at = 10 * rate + 300
    speech[at : at + 24] = np.sign(np.sin(np.arange(24) * np.pi / 3)) * 10 ** (-0.3 / 20)  # the click
    track = np.round(speech * 32767).astype(np.int16)
    assert sound.coded_true_peak(track) > LIMIT
    out = sound.within_true_peak(track).samples
    assert sound.coded_true_peak(out) <= LIMIT
    before, after = loudness(track / 32768), loudness(out / 32768)
    assert abs(after - before) < 0.05, (before, after)
    far = np.ones(len(track), dtype=bool)
    far[at - 3 * sound.PEAK_BLOCK : at + 3 * sound.PEAK_BLOCK] = False
    assert np.array_equal(out[far], track[far])
