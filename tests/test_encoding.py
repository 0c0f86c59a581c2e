"""The faster encoder path (no copy, OpenCV's conversion, one conversion per repeated picture) encodes
what manim's own path does: the same YUV up to rounding, and repeats exactly as if each were
converted again."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
import pytest
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.pipeline.running import encoding


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


def picture(height: int, width: int, seed: int) -> np.ndarray:
    """A frame like the lecture's: a dark background, anti-aliased coloured discs and a thin line."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(float)
    rgb = np.zeros((height, width, 3))
    for _ in range(4):
        cy, cx, r = rng.uniform(0, height), rng.uniform(0, width), rng.uniform(3, height / 3)
        colour = rng.uniform(0, 1, 3)
        cover = np.clip(r - np.hypot(y - cy, x - cx) + 0.5, 0, 1)[..., None]  # 1 px soft edge
        rgb = rgb * (1 - cover) + colour * cover
    line = np.clip(1.5 - np.abs(y - 0.4 * x - height / 4), 0, 1)[..., None]
    rgb = rgb * (1 - line) + line
    out = np.empty((height, width, 4), np.uint8)
    out[..., :3] = np.round(rgb * 255)
    out[..., 3] = 255
    return out


@pytest.mark.parametrize("size", [(480, 854), (1080, 1920)])
def test_conversion_matches_manims_up_to_rounding(size):
    pixels = picture(*size, seed=1)
    ours = encoding.convert(pixels, "yuv420p").to_ndarray().astype(int)
    manims = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format="yuv420p").to_ndarray()
    diff = np.abs(ours - manims.astype(int))
    luma, chroma = diff[: size[0]], diff[size[0] :]
    assert luma.max() <= 1
    # swscale filters chroma around the left pixel of each pair (H.264's default siting), OpenCV averages
    # the 2 x 2 block: half a pixel apart, which shows on sharp coloured edges only
    assert chroma.mean() < 0.25 and chroma.max() <= 48


def test_other_formats_take_manims_own_conversion():
    pixels = picture(48, 64, seed=2)
    ours = encoding.convert(pixels, "yuv444p").to_ndarray()
    manims = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format="yuv444p").to_ndarray()
    assert np.array_equal(ours, manims)


@pytest.mark.parametrize("size", [(48, 64), (480, 854)])  # 854: a row that is no multiple of 16 pixels
def test_repeats_encode_exactly_as_frames_converted_one_by_one(tmp_path, size):
    pictures = [picture(*size, seed=s) for s in range(3)]
    sequence = [(pictures[0], 1), (pictures[1], 7), (pictures[2], 1), (pictures[0], 4)]
    one_by_one = [(p, 1) for p, repeat in sequence for _ in range(repeat)]
    repeated = encode(tmp_path / "a.mp4", sequence, encoding._write_frame)
    single = encode(tmp_path / "b.mp4", one_by_one, encoding._write_frame)
    assert len(repeated) == len(single) == 13
    assert (tmp_path / "a.mp4").read_bytes() == (tmp_path / "b.mp4").read_bytes()
    if size[0] > 100:  # and what is seen is what manim's own path shows, within a level on average
        manims = encode(tmp_path / "c.mp4", sequence, encoding._original)
        for ours, theirs in zip(repeated, manims, strict=True):
            assert np.abs(ours.astype(int) - theirs.astype(int)).mean() < 1.0


def _render_tiny(media_dir, renderer_render) -> list[tuple[str, int]]:
    """A small scene (a moving, a growing and a frozen stretch) rendered with manim's CairoRenderer.render
    replaced by *renderer_render*: each picture as the encoder receives it (a SHA-1 of its YUV planes,
    taken in the encoder thread as it encodes) and its repeat count."""
    import hashlib

    from manim import Circle, Dot, Scene, Square, tempconfig
    from manim.renderer.cairo_renderer import CairoRenderer

    class Tiny(Scene):
        def construct(self):
            dot, square = Dot(), Square()
            self.add(square)
            self.play(dot.animate.shift(2 * dot.get_center() + 1), run_time=0.5)
            self.play(square.animate.scale(0.5), Circle().animate.shift(1), run_time=0.5)
            self.wait(0.4, frozen_frame=True)

    received: list[tuple[str, int]] = []

    def spy(self, pixels, *, repeat=1):
        if isinstance(pixels, encoding.Converted):
            planes = pixels.frame.to_ndarray()
        else:
            planes = encoding.convert(pixels, self._stream.pix_fmt).to_ndarray()
        received.append((hashlib.sha1(planes.tobytes()).hexdigest(), repeat))
        return encoding._write_frame(self, pixels, repeat=repeat)

    saved = CairoRenderer.render, VideoSegmentEncoder.write_frame
    CairoRenderer.render, VideoSegmentEncoder.write_frame = renderer_render, spy
    try:
        with tempconfig(
            {
                "quality": "low_quality",
                "media_dir": str(media_dir),
                "disable_caching": True,
                "progress_bar": "none",
                "verbosity": "WARNING",
            }
        ):
            Tiny().render()
    finally:
        CairoRenderer.render, VideoSegmentEncoder.write_frame = saved
    return received


def test_pictures_converted_in_the_drawing_thread_reach_the_encoder_as_manims_frames_converted_later(
    tmp_path,
):
    """Drawn frames are converted straight from the camera (no copy), frozen ones from manim's copy:
    x264 receives exactly the pictures it receives when every frame is converted in the encoder thread."""
    ours = _render_tiny(tmp_path / "a", encoding._render)
    later = _render_tiny(tmp_path / "b", encoding._original_render)
    assert sum(repeat for _, repeat in ours) >= 20  # about 1.4 s at 15 fps
    assert ours == later
    assert len({picture for picture, _ in ours}) > 10  # the scene moves: this compares many pictures
