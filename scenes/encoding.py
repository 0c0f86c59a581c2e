"""One change to how manim 0.22 hands frames to its encoder, applied in render workers only.

Manim wraps each RGBA frame with ``VideoFrame.from_ndarray`` (a copy of the whole picture) and lets
the encoder convert it to YUV with swscale, once per frame even when a frozen frame (a wait with
nothing moving) repeats the same picture hundreds of times. Here each distinct picture is converted
once, by OpenCV straight from manim's array (no copy; manim hands the array over and never touches it
again), and the converted frame is sent for each repeat. Measured per 1080p frame (CPU): manim's copy
3 ms, swscale's conversion 4.7 ms, OpenCV's 1.2 ms, the encoder itself (x264 ultrafast) about 3 ms.
OpenCV's conversion is the same BT.601 limited-range YUV as swscale's: luma within 1 level (rounding),
chroma averaged over each 2 x 2 block where swscale filters (a level or two apart on edges).
Pinned to manim 0.22's ``VideoSegmentEncoder.write_frame`` (checked on import; tests/test_encoding.py
compares with manim's own path; bench/ measures the effect).
"""

from __future__ import annotations

from fractions import Fraction

import av
import cv2
from manim.scene import video_segment_encoder as _vse

_original = _vse.VideoSegmentEncoder.write_frame


def _write_frame(self, pixels, *, repeat: int = 1) -> None:
    self._validate_frame(pixels, repeat)
    time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
    try:
        frame = convert(pixels, self._stream.pix_fmt)
        for _ in range(repeat):
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error
    return None


def convert(pixels, pix_fmt: str) -> av.VideoFrame:
    """An RGBA picture (C-contiguous uint8, height x width x 4) as a frame in the encoder's format.

    yuv420p (what manim's mp4 uses) by OpenCV, in this thread; anything else by swscale, as manim does
    (single-threaded: its own threads cost a quarter more CPU, and a render keeps the cores busy)."""
    height, width = pixels.shape[:2]
    if pix_fmt == "yuv420p" and height % 2 == 0 and width % 2 == 0:
        planes = cv2.cvtColor(pixels, cv2.COLOR_RGBA2YUV_I420)  # Y, then U, then V: (1.5 h) x w
        return av.VideoFrame.from_numpy_buffer(planes, format="yuv420p")
    return av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format=pix_fmt, threads=1)


def install() -> None:
    """Use the faster path (idempotent)."""
    cv2.setNumThreads(1)  # a conversion per call, in the encoder's thread (parallel jobs use the cores)
    if getattr(_vse.VideoSegmentEncoder.write_frame, "__name__", "") != "_write_frame":
        if not hasattr(_vse.VideoSegmentEncoder, "_validate_frame"):  # pragma: no cover - another manim
            return
        _vse.VideoSegmentEncoder.write_frame = _write_frame
