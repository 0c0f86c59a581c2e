"""Each chapter's still: the last frame of its clip, as the slides and the page show it.

Only the end of a clip is decoded: PyAV seeks to the last keyframe and decodes from there (H.264
decodes the same pictures from a keyframe whatever came before it), so a still costs a few hundred
frames at most rather than the whole clip. PyAV is imported inside the functions, as everywhere in the
machinery (it is slow to load and most commands never need it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["last_frame", "write_still"]


def last_frame(movie: Path) -> Image:
    """The clip's last frame, as a Pillow RGB image."""
    import av

    with av.open(str(movie)) as container:
        stream = container.streams.video[0]
        end = stream.duration
        if end is not None and end > 0:
            # the last keyframe at or before the end (backward=True), in the stream's time base
            container.seek((stream.start_time or 0) + end, backward=True, any_frame=False, stream=stream)
        last = None
        for frame in container.decode(stream):
            last = frame
        if last is None:
            raise ValueError(f"{movie} has no frames")
        return last.to_image()


def write_still(movie: Path, destination: Path) -> None:
    """The clip's last frame as a PNG at *destination* (a staging folder's: written directly)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    last_frame(movie).save(destination, format="PNG")
