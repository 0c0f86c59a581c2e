"""Rendering scenes in this process, with the parameters passed to the scene (never through manim's
global config), into a media folder of the caller's choosing.

Used by the command line (`derivatives render`, `derivatives stills`) and by the tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from derivlib.params import Params
from scenes.manifest import SceneEntry

#: -q letters, as manim's own -q flag takes them, and the folder name each renders into.
QUALITIES = {
    "l": ("low_quality", "480p15"),
    "m": ("medium_quality", "720p30"),
    "h": ("high_quality", "1080p60"),
    "p": ("production_quality", "1440p60"),
    "k": ("fourk_quality", "2160p60"),
}


@dataclass
class Rendered:
    """One rendered scene: the scene object (cues, timings, mobjects), its files and its last frame."""

    scene: object
    fps: int
    movie: Path | None
    subtitles: Path | None
    last_frame: np.ndarray


def render_scene(
    entry: SceneEntry,
    params: Params,
    *,
    quality: str = "l",
    media_dir: Path,
    movie: bool = True,
    record_cue_frames: bool = False,
    tex_dir: Path | None = None,
    encoder_options: dict[str, str] | None = None,
    speech: dict | None = None,
) -> Rendered:
    """Render one scene with *params* into *media_dir*; with movie=False only frames are computed."""
    from manim import config, tempconfig

    scene_class = entry.load()
    options = {
        "quality": QUALITIES[quality][0],
        "media_dir": str(media_dir),
        "write_to_movie": movie,
        "save_last_frame": not movie,  # a still: animations are skipped, only end states are drawn
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "output_file": entry.name,
    }
    if tex_dir is not None:
        options["tex_dir"] = str(tex_dir)
    if encoder_options:
        options["video_encoder_options"] = dict(encoder_options)
    with tempconfig(options):
        scene = scene_class(params=params, speech=speech)
        scene.record_cue_frames = record_cue_frames
        scene.render()
        plan = scene.output_plan
        movie_path = plan.primary_artifact if movie else None
        srt_path = plan.subcaption_file if movie else None
        return Rendered(
            scene=scene,
            fps=config.frame_rate,
            movie=Path(movie_path) if movie_path and Path(movie_path).exists() else None,
            subtitles=Path(srt_path) if srt_path and Path(srt_path).exists() else None,
            last_frame=scene.current_frame(),
        )


def variant_name(params: Params) -> str:
    """The folder of a parameter set under renders/: 'lecture' for the lecture's own, otherwise a
    readable name of what differs.

    >>> variant_name(Params())
    'lecture'
    >>> variant_name(Params.from_strings(slope="-7", points="-3,0.5", nudge="0.01"))
    'slope-m7_points-m3,0.5_nudge-0.01'
    """
    if params.is_default():
        return "lecture"
    default = Params().as_strings()
    parts = [
        f"{key}-{value.replace('-', 'm')}"
        for key, value in params.as_strings().items()
        if value != default[key]
    ]
    return "_".join(parts)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(destination: Path, write) -> None:
    """Call write(temporary_path), then move the temporary file onto *destination*: readers see the old
    file or the complete new one, never a half-written one. The temporary file sits in the destination's
    folder (so the move is atomic) and is removed if writing fails or is interrupted."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=destination.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def install_file(source: Path, destination: Path) -> None:
    """Copy *source* onto *destination* atomically."""
    write_atomically(destination, lambda tmp: shutil.copyfile(source, tmp))


def save_png(frame: np.ndarray, destination: Path) -> None:
    """Write an RGBA frame as a PNG, atomically."""
    from PIL import Image

    write_atomically(destination, lambda tmp: Image.fromarray(frame).convert("RGB").save(tmp, format="PNG"))
