"""Still and animated previews of a rendered clip."""

from __future__ import annotations

from pathlib import Path

from scenes.pipeline.files import write_atomically

#: GIF previews: every second frame, at half the clip's width.
GIF_FRAME_STEP = 2
GIF_SCALE = 0.5


def _frames(movie: Path):
    import av  # (PyAV: loaded only when a clip is read)

    with av.open(str(movie)) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate
        for frame in container.decode(stream):
            yield frame.to_image(), rate


def last_frame_png(movie: Path, destination: Path) -> None:
    """The clip's last frame as a PNG."""
    last = None
    for image, _ in _frames(movie):
        last = image
    if last is None:
        raise ValueError(f"{movie} has no frames")
    write_atomically(destination, lambda tmp: last.save(tmp, format="PNG"))


def write_gif(movie: Path, destination: Path) -> None:
    """The clip as an animated GIF (every GIF_FRAME_STEP-th frame, scaled by GIF_SCALE)."""
    images, rates = [], []
    for i, (image, rate) in enumerate(_frames(movie)):
        rates.append(rate)
        if i % GIF_FRAME_STEP == 0:
            size = (round(image.width * GIF_SCALE), round(image.height * GIF_SCALE))
            images.append(image.resize(size))
    if not images:
        raise ValueError(f"{movie} has no frames")
    milliseconds = round(1000 * GIF_FRAME_STEP / float(rates[0]))

    def save(tmp: Path) -> None:
        images[0].save(
            tmp, format="GIF", save_all=True, append_images=images[1:], duration=milliseconds, loop=0
        )

    write_atomically(destination, save)


def save_png(frame, destination: Path) -> None:
    """Write an RGBA frame (a numpy array) as a PNG, atomically."""
    from PIL import Image  # (Pillow comes with manim; loaded only when a picture is written)

    write_atomically(destination, lambda tmp: Image.fromarray(frame).convert("RGB").save(tmp, format="PNG"))
