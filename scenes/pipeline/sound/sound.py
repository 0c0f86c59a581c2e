"""Sound tracks built from the narration's WAV files, placed at their cues' exact start times.

Manim mixes sound files itself, but through an ADTS (.aac) file that loses AAC's encoder delay, so its
sound starts a few tens of milliseconds late and the lag adds up when clips are joined. Here each
track is laid out as PCM samples at exact positions and cut to the picture's exact length, then
encoded once, straight into the MP4 (whose edit list then accounts for the encoder delay).

PyAV and numpy are imported inside the functions that read or write files: they take a noticeable time to load, and
the command line imports this module for commands that never need it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from scenes.pipeline.sound.mastering import MASTERING, RATE, decode_mono, true_peak_dbtp

if TYPE_CHECKING:
    import numpy as np

#: Every track: mono, 16-bit, at this rate (every cue's speech is mastered at it).
AUDIO_RATE = RATE
#: AAC's bit rate for the mono narration. At least 96 kb/s is usual for speech in a published video;
#: FFmpeg's own AAC encoder (the one PyAV has) needs more bits than the best encoders for the same
#: quality, so 128 kb/s. About 1 MB a minute, more than the picture of most scenes.
AUDIO_BITRATE = 128_000
#: Silence the AAC encoder is given before a track starts, hidden by the MP4's edit list (as its own
#: priming is). FFmpeg's AAC encoder overshoots a loud start in its first frames (measured: a cue
#: mastered to -2 dBFS that starts a track decoded at up to +2.3 dBFS); 2048 samples before it, none of
#: the lecture's cues did (at most -1.6 dBFS).
PRE_ROLL = 2048
#: What the manifest says of the sound.
AUDIO = {"codec": "aac", "channels": 1, "rate": AUDIO_RATE, "bit_rate": AUDIO_BITRATE, **MASTERING}
#: Samples in one AAC frame: the codec pads the last frame of a track to this.
AAC_FRAME_SAMPLES = 1024


def load_wav(path: Path) -> np.ndarray:
    """A sound file as mono int16 samples at AUDIO_RATE (any rate, channels or sample format in)."""
    return decode_mono(path, "s16", AUDIO_RATE)


def sound_track(placements: Sequence[tuple[float | Fraction, Path]], seconds: float | Fraction) -> np.ndarray:
    """Silence *seconds* long with each sound file placed at its start time (cut at the end)."""
    import numpy as np

    length = round(Fraction(seconds) * AUDIO_RATE)
    track = np.zeros(length, dtype=np.int32)
    for start, path in placements:
        samples = load_wav(path)
        at = round(Fraction(start) * AUDIO_RATE)
        end = min(length, at + len(samples))
        if end > at:
            track[at:end] += samples[: end - at]
    return np.clip(track, -32768, 32767).astype(np.int16)


def write_with_sound(video: Path | Sequence[Path], track: np.ndarray | None, destination: Path) -> None:
    """Copy the picture of *video* (one file, or several joined end to end without re-encoding) into
    *destination*, with *track* encoded as AAC (or no sound when it is None).

    Joined clips keep exact timestamps: each clip's packets are shifted by the frames before it, counted
    in the stream's own time base. (libavformat's concat demuxer shifts by durations rounded to
    microseconds, which leaves uneven frame steps at every join and a frame rate slightly off 1/fps.)
    The sound's packets are those within_true_peak measured (encoded once: the file is byte for byte
    what encoding it again here wrote).
    """
    import io

    import av

    coded = within_true_peak(track) if track is not None else None
    sound = av.open(io.BytesIO(coded.mp4), "r", format="mp4") if coded is not None else None
    try:
        with av.open(str(destination), "w", format="mp4", options={"movflags": "+faststart"}) as target:
            video_out = audio_out = None
            offset = 0
            for path in [video] if isinstance(video, Path) else video:
                with av.open(str(path)) as source:
                    video_in = source.streams.video[0]
                    ticks = 1 / (video_in.average_rate * video_in.time_base)  # one frame, in the time base
                    if video_out is None:
                        if ticks.denominator != 1:
                            raise ValueError(f"{path}: a frame is not a whole number of time-base ticks")
                        video_out = target.add_stream_from_template(video_in)
                        time_base, step = video_in.time_base, ticks
                        if sound is not None:
                            audio_out = target.add_stream_from_template(sound.streams.audio[0])
                    elif (video_in.time_base, ticks) != (time_base, step):
                        raise ValueError(f"{path}: frame rate or time base differs from the first clip")
                    frames = 0
                    for packet in source.demux(video_in):
                        if packet.dts is None:
                            continue
                        packet.pts += offset
                        packet.dts += offset
                        packet.stream = video_out
                        target.mux(packet)
                        frames += 1
                    offset += frames * int(step)
            if audio_out is not None:
                for packet in sound.demux(sound.streams.audio[0]):
                    if packet.dts is not None:
                        packet.stream = audio_out
                        target.mux(packet)
    finally:
        if sound is not None:
            sound.close()


def _encode(target, stream, track: np.ndarray) -> None:
    """*track* encoded into *stream* of *target*, after PRE_ROLL samples of silence that the MP4's edit
    list hides (their timestamps are negative, before the picture's start)."""
    import av
    import numpy as np

    track = np.concatenate([np.zeros(PRE_ROLL, dtype=np.int16), track])
    for start in range(0, len(track), AAC_FRAME_SAMPLES):
        frame = av.AudioFrame.from_ndarray(
            track[start : start + AAC_FRAME_SAMPLES].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = AUDIO_RATE
        frame.pts = start - PRE_ROLL
        frame.time_base = Fraction(1, AUDIO_RATE)
        for packet in stream.encode(frame):
            target.mux(packet)
    for packet in stream.encode(None):
        target.mux(packet)


def _aac_stream(target):
    stream = target.add_stream("aac", rate=AUDIO_RATE, layout="mono")
    stream.bit_rate = AUDIO_BITRATE
    return stream


@dataclass(frozen=True)
class CodedTrack:
    """A track as it is published: its samples and their AAC encoding (an MP4 in memory, muxed as it is
    into the published file)."""

    samples: np.ndarray
    mp4: bytes


def encoded(track: np.ndarray) -> bytes:
    """*track* encoded as write_with_sound publishes it, in an MP4 in memory."""
    import io

    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as target:
        _encode(target, _aac_stream(target), track)
    return buffer.getvalue()


def decoded(mp4: bytes, length: int) -> np.ndarray:
    """The sound of *mp4* as a player decodes it: float samples, each at its index in the track of
    *length* samples it was encoded from (by the decoded frames' timestamps)."""
    import io

    import av
    import numpy as np

    out = np.zeros(length, dtype=np.float32)
    with av.open(io.BytesIO(mp4), "r", format="mp4") as source:
        for frame in source.decode(source.streams.audio[0]):
            samples = frame.to_ndarray().reshape(-1)
            start, end = max(frame.pts, 0), min(frame.pts + len(samples), length)
            if end > start:
                out[start:end] = samples[start - frame.pts : end - frame.pts]
    return out


def coded_true_peak(track: np.ndarray) -> float:
    """The true peak (dBTP) of *track* as a player decodes it from this AAC encoding."""
    return true_peak_dbtp(decoded(encoded(track), len(track)))


#: The stretch of a track whose coded peak is measured and turned down alone: one AAC frame.
PEAK_BLOCK = AAC_FRAME_SAMPLES


def coded_block_peaks(track: np.ndarray) -> tuple[np.ndarray, bytes]:
    """The true peak (dBTP) of each PEAK_BLOCK of *track* as a player decodes it (oversampled four
    times, as true_peak_dbtp measures), and the encoding measured."""
    import numpy as np
    from scipy.signal import resample_poly

    mp4 = encoded(track)
    blocks = -(-len(track) // PEAK_BLOCK)
    padded = np.zeros(blocks * PEAK_BLOCK, dtype=np.float64)
    padded[: len(track)] = decoded(mp4, len(track))
    high = np.abs(resample_poly(padded, 4, 1)).reshape(blocks, 4 * PEAK_BLOCK).max(axis=1)
    with np.errstate(divide="ignore"):
        return 20 * np.log10(high), mp4


#: The first turn-down's margin under the limit, in dB; each further turn-down doubles it.
FIRST_MARGIN_DB = 0.1
#: Turn-downs before the track is silence: the margins add up to over 6000 dB by then, so a track
#: reaches it only if AAC could add more than that to a peak (its coding error adds about 1.3 dB).
MAX_TURN_DOWNS = 16


def turned_down(track: np.ndarray, cuts_db: np.ndarray) -> np.ndarray:
    """*track* with each PEAK_BLOCK turned down by its cut (dB, at most 0), and its neighbours with it
    (AAC codes a frame overlapping the ones beside it): the gain glides between the blocks' middles, so
    a turned-down block starts and ends without a click, and a block no cut reaches is unchanged."""
    import numpy as np

    widened = np.minimum.reduce([cuts_db, np.roll(cuts_db, 1), np.roll(cuts_db, -1)])
    widened[0], widened[-1] = min(cuts_db[:2]), min(cuts_db[-2:])
    middles = np.arange(len(cuts_db)) * PEAK_BLOCK + (PEAK_BLOCK - 1) / 2
    gain_db = np.interp(np.arange(len(track)), middles, widened)
    out = track.astype(np.float64) * 10 ** (gain_db / 20)
    return np.where(gain_db < 0, np.round(out), track).astype(np.int16)


def within_true_peak(track: np.ndarray) -> CodedTrack:
    """*track*, turned down where AAC's coding error takes a peak over the true-peak limit, and only
    there (the error adds up to about 1.3 dB where a transient falls badly in AAC's frames; the cues
    are mastered a margin under the limit, so this is rare, and the rest of the track keeps its
    loudness: turning the whole track down for one transient once left a lecture 1.4 LU under its
    -16 LUFS).

    Under the limit by construction, never a failed render: each block over the limit is turned down
    by its measured overshoot plus a margin that doubles each time, always from the original samples.
    Once the margin exceeds what coding adds to a peak (whatever Piper's prosody made of the cues this
    run), the coded peak is at most the limit minus the margin plus that error, which is under the
    limit. Returned with its encoding, which write_with_sound publishes as it is."""
    import numpy as np

    limit = MASTERING["true_peak_dbtp"] - 0.2
    if not len(track):
        return CodedTrack(track, encoded(track))
    cuts = np.zeros(-(-len(track) // PEAK_BLOCK))
    margin, out = FIRST_MARGIN_DB, track
    for _ in range(MAX_TURN_DOWNS):
        peaks, mp4 = coded_block_peaks(out)
        over = peaks > limit
        if not over.any():
            return CodedTrack(out, mp4)
        cuts[over] += limit - margin - peaks[over]  # (negative: only ever down, so nothing clips)
        margin *= 2
        out = turned_down(track, cuts)
    silence = np.zeros_like(track)  # (unreachable for any real encoder: see MAX_TURN_DOWNS)
    return CodedTrack(silence, encoded(silence))
