"""Narration made ready to publish: each cue's speech at 48 kHz, its loudness normalised to -16 LUFS
(ITU-R BS.1770, measured by pyloudnorm) and its peaks held under -1 dBTP by FFmpeg's look-ahead
limiter (``alimiter``, through PyAV), so the lecture's track is at -16 LUFS with no inter-sample peak
above -1 dBTP, before and after AAC.

Every cue is mastered alone, once, when its speech is made (synthesised or recorded), and cached so:
the cues do not overlap and the pauses between them are silence (below BS.1770's gate), so a track
made of mastered cues has their loudness, and a clip and the whole lecture sound the same.

numpy, PyAV, pyloudnorm and SciPy are imported inside the functions: they take a noticeable time to load
and most commands never master anything.
"""

from __future__ import annotations

import wave
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MASTERING",
    "RATE",
    "Mastered",
    "decode_mono",
    "master",
    "read_samples",
    "true_peak_dbtp",
    "write_wav",
]

#: The sample rate of every mastered cue and of every sound track (AAC's usual rate for video).
RATE = 48000
#: What mastering aims at; part of every mastered cue's cache key (change it and cues are mastered again).
MASTERING = {
    "loudness_lufs": -16.0,  # integrated, as online video and podcasts are published
    "true_peak_dbtp": -1.0,  # the highest a reconstructed (inter-sample) peak may reach
    # the limiter's ceiling for sample peaks, under the true-peak limit to leave room for the peaks
    # between samples and for AAC's coding error: with a ceiling of -2 dBFS, the lecture's clips
    # measured up to -1.27 dBTP after AAC; -2.5 keeps a margin of about half a decibel more
    "ceiling_dbfs": -2.5,
    "rate": RATE,
    "version": 1,  # bumped when the method changes
}
_TOLERANCE_LU = 0.1  # each cue within this of the target
_BLOCK_SECONDS = 0.4  # BS.1770's gating block: a shorter sound is measured padded with silence


class Mastered:
    """A mastered cue: its samples (float32, mono, at RATE) and their measured loudness and true peak."""

    __slots__ = ("loudness", "samples", "true_peak")

    def __init__(self, samples: np.ndarray, loudness: float, true_peak: float):
        self.samples, self.loudness, self.true_peak = samples, loudness, true_peak


class Silent(ValueError):
    """Sound that holds nothing loud enough to be measured (BS.1770 gates it all out)."""


def decode_mono(path: Path, sample_format: str, rate: int) -> np.ndarray:
    """A sound file as mono samples in PyAV's *sample_format* ('flt' float32, 's16' int16) at *rate*
    (any rate, channels or sample format in)."""
    import av
    import numpy as np

    with av.open(str(path)) as container:
        resampler = av.AudioResampler(format=sample_format, layout="mono", rate=rate)
        chunks = []
        for frame in container.decode(container.streams.audio[0]):
            chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
        chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    empty = {"flt": np.float32, "s16": np.int16}[sample_format]
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=empty)


def read_samples(path: Path) -> np.ndarray:
    """A sound file as mono float32 samples at RATE (any rate, channels or sample format in)."""
    return decode_mono(path, "flt", RATE)


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mono float samples at *rate* as float32 at RATE (FFmpeg's swresample, through PyAV)."""
    import av
    import numpy as np

    samples = np.ascontiguousarray(samples, dtype=np.float32)
    if rate == RATE:
        return samples
    resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
    frame.sample_rate, frame.pts, frame.time_base = rate, 0, Fraction(1, rate)
    out = [f.to_ndarray().reshape(-1) for f in (*resampler.resample(frame), *resampler.resample(None))]
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS (pyloudnorm's BS.1770-4 meter); -inf for silence."""
    import numpy as np
    import pyloudnorm

    short = round(_BLOCK_SECONDS * RATE) - len(samples)
    if short > 0:
        samples = np.concatenate([samples, np.zeros(short, dtype=samples.dtype)])
    return float(pyloudnorm.Meter(RATE).integrated_loudness(samples.astype(np.float64)))


def true_peak_dbtp(samples: np.ndarray) -> float:
    """The highest peak of the reconstructed signal, in dBTP: samples oversampled four times (BS.1770-4
    Annex 2's method, SciPy's polyphase resampler)."""
    import numpy as np
    from scipy.signal import resample_poly

    if not len(samples):
        return float("-inf")
    peak = float(np.max(np.abs(resample_poly(samples.astype(np.float64), 4, 1))))
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def limit(samples: np.ndarray, ceiling_dbfs: float) -> np.ndarray:
    """*samples* with their peaks held at *ceiling_dbfs* by FFmpeg's look-ahead limiter (alimiter: no
    automatic level, its look-ahead delay compensated so every sample stays where it was)."""
    import av
    import numpy as np

    graph = av.filter.Graph()
    source = graph.add_abuffer(format="flt", sample_rate=RATE, layout="mono", time_base=Fraction(1, RATE))
    limiter = graph.add(
        "alimiter", f"limit={10 ** (ceiling_dbfs / 20):.6f}:attack=5:release=50:level=0:latency=1"
    )
    sink = graph.add("abuffersink")
    source.link_to(limiter)
    limiter.link_to(sink)
    graph.configure()
    frame = av.AudioFrame.from_ndarray(
        np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1), format="flt", layout="mono"
    )
    frame.sample_rate, frame.pts, frame.time_base = RATE, 0, Fraction(1, RATE)
    graph.push(frame)
    graph.push(None)
    out = []
    while True:
        try:
            out.append(graph.pull().to_ndarray().reshape(-1))
        except (av.BlockingIOError, av.EOFError):
            break
    limited = np.concatenate(out) if out else np.zeros(0, dtype=np.float32)
    if len(limited) != len(samples):
        raise RuntimeError(f"the limiter returned {len(limited)} samples for {len(samples)}")
    return limited


def master(samples: np.ndarray) -> Mastered:
    """*samples* (float, mono, at RATE) at the target loudness under the peak ceiling: a gain from the
    measured loudness (pyloudnorm), the limiter, and again (the limiter takes a little loudness away)
    until the loudness is within 0.1 LU of the target. A Silent error for sound with nothing to measure."""
    import numpy as np

    target, ceiling = MASTERING["loudness_lufs"], MASTERING["ceiling_dbfs"]
    source = np.asarray(samples, dtype=np.float64)
    measured = loudness(source)
    if not np.isfinite(measured):
        raise Silent("it holds no sound loud enough to measure")
    gain_db = target - measured
    for _ in range(6):
        out = limit(source * 10 ** (gain_db / 20), ceiling)
        measured = loudness(out)
        if abs(measured - target) <= _TOLERANCE_LU:
            break
        gain_db += target - measured
    return Mastered(out.astype(np.float32), measured, true_peak_dbtp(out))


def trim_silence(samples: np.ndarray, rate: int, before: float = 0.02, after: float = 0.05) -> np.ndarray:
    """Synthetic speech without the silence a voice may put before and after it (a neural voice
    sometimes starts with up to half a second of it): cut from *before* seconds ahead of the first
    10 ms that reaches 40 dB under the loudest 10 ms, to *after* seconds past the last."""
    import numpy as np

    window = max(1, rate // 100)
    frames = len(samples) // window
    if frames == 0:
        return samples
    rms = np.sqrt(
        np.mean(np.square(samples[: frames * window].reshape(frames, window), dtype=np.float64), axis=1)
    )
    loud = np.nonzero(rms >= rms.max() * 10 ** (-40 / 20))[0]
    if rms.max() == 0 or not len(loud):
        return samples
    start = max(0, loud[0] * window - round(before * rate))
    end = min(len(samples), (loud[-1] + 1) * window + round(after * rate))
    return samples[start:end]


def write_wav(samples: np.ndarray, path: Path) -> None:
    """Float samples (mono, at RATE) as a 16-bit PCM WAV file."""
    import numpy as np

    pcm = np.clip(np.round(np.asarray(samples, dtype=np.float64) * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
