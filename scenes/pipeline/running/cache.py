"""The clip cache, ``<renders>/.cache``: checked clips by job key, the shared formula cache, the voice
cache and the jobs' logs; and what renders killed outright left in them, swept when the cache is opened.

- A clip enters the cache (``clips/<key>``) only after it decodes completely to the frame count its
  narration schedule says (and, when voiced, its sound fits its picture); the entry records each file's
  SHA-256, and an entry whose files no longer match is rendered again.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scenes.manifest import SceneEntry
from scenes.pipeline.errors import RenderError
from scenes.pipeline.files import PART_PREFIX, sha256_file
from scenes.pipeline.running.formulas import TEX_PREFIX
from scenes.pipeline.running.jobs import Job
from scenes.pipeline.running.media import audio_seconds, count_frames, sound_fits
from scenes.pipeline.running.processes import sweep_abandoned
from scenes.pipeline.running.schema import ClipRecord, SchemaError

__all__ = ["Cache", "Clip"]

#: A cache entry being made: STAGING_PREFIX<pid>-...
STAGING_PREFIX = ".tmp-"
#: What an entry keeps: the clip, its subtitles (when it has cues) and its record.
KEPT = ("clip.mp4", "clip.srt", "meta.json")


@dataclass(frozen=True)
class Clip:
    """A checked clip in the cache."""

    job: Job
    folder: Path
    meta: ClipRecord

    @property
    def movie(self) -> Path:
        return self.folder / "clip.mp4"

    @property
    def subtitles(self) -> Path | None:
        path = self.folder / "clip.srt"
        return path if path.exists() else None


class Cache:
    """Checked clips by key, under *root* (``renders/.cache``)."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.clips = self.root / "clips"
        self.logs = self.root / "logs"
        self.tex = self.root / "tex"
        self.voice = self.root / "voice"
        for folder in (self.clips, self.logs, self.tex, self.voice):
            folder.mkdir(parents=True, exist_ok=True)
        # what renders and previews killed outright left here: half-made cache entries, formulas half
        # copied into the shared LaTeX cache, half-written voice files, their jobs' private LaTeX folders
        for folder, prefix in [
            (self.clips, STAGING_PREFIX),
            (self.tex, PART_PREFIX),
            (self.voice, PART_PREFIX),
            (Path(tempfile.gettempdir()), TEX_PREFIX),
        ]:
            sweep_abandoned(folder, prefix)

    def lookup(self, job: Job) -> Clip | None:
        """The cached clip of *job*, if it is what the cache wrote: a folder (not a link) whose files are
        regular files matching their recorded checksums. Anything else is removed (and rendered again)."""
        folder = self.clips / job.key
        if folder.is_symlink():
            folder.unlink()
            return None
        record = folder / "record.json"
        if not record.exists():
            return None
        try:
            data = json.loads(record.read_text())
            for name, digest in data["sha256"].items():
                if (folder / name).is_symlink() or sha256_file(folder / name) != digest:
                    raise ValueError(name)
            if "meta.json" not in data["sha256"]:
                raise ValueError("meta.json")
            meta = ClipRecord.read(folder / "meta.json")
        except (OSError, ValueError, KeyError, TypeError, SchemaError):
            shutil.rmtree(folder, ignore_errors=True)  # corrupted: render it again
            return None
        return Clip(job, folder, meta)

    def staging(self) -> Path:
        """A new folder for a job's output, swept if this render dies."""
        return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=self.clips))

    def store(self, job: Job, staged: Path) -> Clip:
        """Check a worker's output and move it into the cache under the job's key."""
        meta = ClipRecord.read(staged / "meta.json")
        frames = count_frames(staged / "clip.mp4")
        if frames != meta.frames:
            raise RenderError(
                f"{job.entry.name}: the clip decodes to {frames} frames, its narration needs {meta.frames}"
            )
        if job.speech:
            sound = audio_seconds(staged / "clip.mp4")
            if not sound_fits(sound, frames / meta.fps, meta.fps):
                raise RenderError(
                    f"{job.entry.name}: the clip's sound ({sound} s) does not fit its picture "
                    f"({frames / meta.fps} s)"
                )
        names = [n for n in KEPT if (staged / n).exists()]
        for other in staged.iterdir():  # manim's media folder (its partial movies) and the job file
            if other.is_dir():
                shutil.rmtree(other)
            elif other.name not in names:
                other.unlink()
        record = {"key": job.key, "sha256": {n: sha256_file(staged / n) for n in names}}
        (staged / "record.json").write_text(json.dumps(record, indent=1))
        final = self.clips / job.key
        if final.exists():
            shutil.rmtree(final)
        os.replace(staged, final)
        return Clip(job, final, meta)

    def checkout_tex(self, entry: SceneEntry) -> Path:
        """A private LaTeX folder for one job (see scenes.pipeline.running.formulas); removed after the job."""
        # In the system's temporary folder: LaTeX in paranoid mode refuses paths with a component
        # starting with a dot, such as renders/.cache.
        return Path(tempfile.mkdtemp(prefix=f"{TEX_PREFIX}{os.getpid()}-{entry.name}-"))
