"""One change to how manim 0.22 hands frames to its encoder, applied in render workers only.

Manim encodes a frozen frame (a wait with nothing moving) by converting the same RGBA picture to the
encoder's YUV format once per repeated frame. Here a repeated picture is converted once and the
converted frame is sent for each repeat: the same pictures, encoded the same way, with less work. Pinned
to manim 0.22's ``VideoSegmentEncoder.write_frame`` (checked on import; see bench/ for its effect).
"""

from __future__ import annotations

from fractions import Fraction

import av
from manim.scene import video_segment_encoder as _vse

_original = _vse.VideoSegmentEncoder.write_frame


def _write_frame(self, pixels, *, repeat: int = 1) -> None:
    if repeat == 1:
        return _original(self, pixels, repeat=repeat)
    self._validate_frame(pixels, repeat)
    time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
    try:
        frame = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format=self._stream.pix_fmt)
        for _ in range(repeat):
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error
    return None


def install() -> None:
    """Use the faster repeat path (idempotent)."""
    if getattr(_vse.VideoSegmentEncoder.write_frame, "__name__", "") != "_write_frame":
        if not hasattr(_vse.VideoSegmentEncoder, "_validate_frame"):  # pragma: no cover - another manim
            return
        _vse.VideoSegmentEncoder.write_frame = _write_frame
