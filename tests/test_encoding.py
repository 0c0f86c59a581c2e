"""The faster encoder path (no copy, one conversion per repeated frame) encodes exactly what manim's own
path does."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
import pytest
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes import encoding


def encode(path, frames_and_repeats, write):
    height, width = frames_and_repeats[0][0].shape[:2]
    spec = VideoEncoderSpec(
        "mp4", "libx264", "yuv420p", width, height, Fraction(15), (("preset", "ultrafast"), ("crf", "23"))
    )
    encoder = VideoSegmentEncoder(target=path, spec=spec)
    for pixels, repeat in frames_and_repeats:
        write(encoder, pixels, repeat=repeat)
    encoder.finish()
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(container.streams.video[0])]


@pytest.mark.parametrize("size", [(48, 64), (480, 854)])  # 854: a row that is no multiple of 16 pixels
def test_repeated_frames_decode_the_same_as_manims_own_path(tmp_path, size):
    rng = np.random.default_rng(1)
    pictures = [rng.integers(0, 255, (*size, 4), dtype=np.uint8) for _ in range(3)]
    sequence = [(pictures[0], 1), (pictures[1], 7), (pictures[2], 1), (pictures[0], 4)]
    original = encode(tmp_path / "a.mp4", sequence, encoding._original)
    faster = encode(tmp_path / "b.mp4", sequence, encoding._write_frame)
    assert len(original) == len(faster) == 13
    assert all(np.array_equal(x, y) for x, y in zip(original, faster, strict=True))
    assert (tmp_path / "a.mp4").read_bytes() == (tmp_path / "b.mp4").read_bytes()
