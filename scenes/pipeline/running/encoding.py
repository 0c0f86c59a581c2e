"""One change to how manim 0.22 hands frames to its encoder, applied in render workers only.

Manim copies each drawn RGBA picture out of the camera (``get_frame``), wraps it with
``VideoFrame.from_ndarray`` (another copy) and lets the encoder convert it to YUV with swscale, once
per frame even when a frozen frame (a wait with nothing moving) repeats the same picture hundreds of
times. Here each drawn picture is converted by OpenCV straight from the camera's array, in the
drawing thread, into a new YUV buffer that the encoder thread takes as it is (no copy of the RGBA
picture at all); a frozen frame (handed over as manim's copy) is converted once, in the encoder
thread, and that frame is sent for each repeat. Measured per 1080p frame (CPU): manim's copies
0.7-3 ms, swscale's conversion 4.7 ms, OpenCV's 1.2 ms, the encoder itself (x264 ultrafast) ~3 ms.
OpenCV's conversion is the same BT.601 limited-range YUV as swscale's: luma within 1 level (rounding),
chroma averaged over each 2 x 2 block where swscale filters (a level or two apart on edges).
Pinned to manim 0.22's ``VideoSegmentEncoder.write_frame`` and ``CairoRenderer.render`` (checked on
install; tests/test_encoding.py compares with manim's own path; bench/ measures the effect).
"""

from __future__ import annotations

from fractions import Fraction

import av
import cv2
from manim.renderer.cairo_renderer import CairoRenderer as _Renderer
from manim.scene import video_segment_encoder as _vse

_original = _vse.VideoSegmentEncoder.write_frame
_original_render = _Renderer.render


class Converted:
    """A drawn picture already converted for the encoder (what `_render` hands over)."""

    __slots__ = ("frame", "shape")

    def __init__(self, frame: av.VideoFrame, shape: tuple[int, ...]):
        self.frame, self.shape = frame, shape


def _write_frame(self, pixels, *, repeat: int = 1) -> None:
    if isinstance(pixels, Converted):
        _validate_converted(self, pixels, repeat)
    else:
        self._validate_frame(pixels, repeat)
    time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
    try:
        frame = pixels.frame if isinstance(pixels, Converted) else convert(pixels, self._stream.pix_fmt)
        for _ in range(repeat):
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error
    return None


def _validate_converted(self, picture: Converted, repeat: int) -> None:
    """manim's checks of a frame (``_validate_frame``) that apply to a converted picture."""
    if self._closed:
        raise RuntimeError(f"Video segment encoder for {self.target} is closed.")
    if isinstance(repeat, bool) or not isinstance(repeat, int) or repeat <= 0:
        raise ValueError("Frame repeat must be a positive integer.")
    if picture.shape != (self.spec.height, self.spec.width, 4):
        raise ValueError(f"Video segment frames must have shape {(self.spec.height, self.spec.width, 4)}")


def _render(self, scene, time, moving_mobjects=None) -> None:
    """CairoRenderer.render: draw the frame, then hand the encoder the picture converted here, from the
    camera's own array, when the movie is yuv420p video (anything else: manim's own way)."""
    self.update_frame(scene, moving_mobjects)
    writer = self.file_writer
    job = getattr(writer, "_current_encode_job", None)
    pixels = self.camera.pixel_array
    if (
        self.skip_animations
        or job is None
        or writer.output_spec.is_image_sequence
        or job.encoder.spec.pixel_format != "yuv420p"
    ):
        self.add_frame(self.get_frame())
    else:
        self.add_frame(Converted(convert(pixels, "yuv420p"), pixels.shape))


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
    cv2.setNumThreads(1)  # a conversion per call, in the calling thread (parallel jobs use the cores)
    if getattr(_vse.VideoSegmentEncoder.write_frame, "__name__", "") != "_write_frame":
        if not hasattr(_vse.VideoSegmentEncoder, "_validate_frame"):  # pragma: no cover - another manim
            return
        _vse.VideoSegmentEncoder.write_frame = _write_frame
    if getattr(_Renderer.render, "__name__", "") != "_render":
        _Renderer.render = _render
