"""Rendering one scene in this process, with its part of the lecture plan handed to the scene (never
through manim's global config), into a media folder of the caller's choosing.

Used by workers, by `derivatives stills` and by the tests. manim is imported inside the function: it
takes seconds to load, and only a render needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from derivlib.plan import Part
from scenes.manifest import SceneEntry
from scenes.pipeline.settings import QUALITIES

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Rendered", "render_scene"]


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
    part: Part,
    *,
    quality: str = "l",
    media_dir: Path,
    movie: bool = True,
    record_cue_frames: bool = False,
    tex_dir: Path | None = None,
    encoder_options: dict[str, str] | None = None,
) -> Rendered:
    """Render one scene drawing *part* into *media_dir*; with movie=False only frames are computed."""
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
        scene = scene_class(part)
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
