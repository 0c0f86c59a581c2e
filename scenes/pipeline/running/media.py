"""Checks on video files, by decoding or reading them: frames that really decode, packets, sound length.

PyAV (FFmpeg's libraries) reads the files. It is imported inside each function, as everywhere in the
machinery: it takes a noticeable time to load, and commands such as `derivatives transcript` never need it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from scenes.pipeline.sound.sound import AAC_FRAME_SAMPLES, AUDIO_RATE

__all__ = ["audio_seconds", "count_frames", "sound_fits", "video_info", "video_packets"]


def count_frames(path: Path) -> int:
    """Frames that really decode (a truncated file's metadata may still claim them all)."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            # one thread: the check runs beside a rendering job, and threaded decoding costs about half
            # as much CPU again (1080p60 scene: 1.2 against 1.6-1.8 CPU-s)
            stream.thread_count = 1
            return sum(1 for _ in container.decode(stream))
    except (av.FFmpegError, IndexError, OSError):
        return -1


def video_packets(paths: Sequence[Path]) -> tuple[int, str]:
    """The number of video packets in *paths* (one per frame), read one after another, and a SHA-256
    of their payloads in order; (-1, "") if a file cannot be read to its end."""
    import av

    count, digest = 0, hashlib.sha256()
    try:
        for path in paths:
            with av.open(str(path)) as container:
                for packet in container.demux(container.streams.video[0]):
                    if packet.size:
                        count += 1
                        digest.update(bytes(packet))
    except (av.FFmpegError, IndexError, OSError):
        return -1, ""
    return count, digest.hexdigest()


def video_info(path: Path, frames: int | None = None) -> dict:
    """Frames (decoded, unless already known from decoding), frame rate, duration, sound length."""
    import av

    frames = count_frames(path) if frames is None else frames
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = stream.base_rate or stream.average_rate  # the nominal rate; the average drifts when joined
    fps = Fraction(rate.numerator, rate.denominator)
    return {
        "frames": frames,
        "fps": float(fps),
        "duration": float(frames / fps),
        "audio_duration": audio_seconds(path),
    }


def audio_seconds(path: Path) -> float | None:
    """Length of a file's sound, by its decoded samples (None without a sound track)."""
    import av

    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        return samples / stream.rate


def sound_fits(sound: float | None, picture: float, fps: int) -> bool:
    """Whether decoded sound of *sound* seconds fits a picture of *picture* seconds: it covers the
    picture to within two video frames and runs past it by at most that plus the last AAC frame's
    padding (AAC codes 1024 samples a frame; the track is cut to the picture's length, the codec pads
    its last frame, and a decoder returns that frame whole: up to 21 ms at 48 kHz, more than a
    frame at 60 fps).

    >>> sound_fits(10.04, 10.0, 60), sound_fits(9.9, 10.0, 60), sound_fits(10.1, 10.0, 60)
    (True, False, False)
    """
    if sound is None:
        return False
    slack = 2 / fps
    return picture - slack <= sound <= picture + slack + AAC_FRAME_SAMPLES / AUDIO_RATE
