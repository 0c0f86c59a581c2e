"""Jobs: one scene of the lecture, its part of the voiced plan, one quality; and each job's cache key.

A job's key hashes everything that decides its clip: the scene, its language, its part of the plan
(what it draws and says, with its cues' timing), the quality, the encoder settings, the versions of
manim and of this project, the checksums of its cues' speech, and the source of every project module
its scene, its lecture's package (which the worker loads by name) and the worker import
(scenes.pipeline.running.keys); not another lecture's. Parameters that the scene does not show are not in its
part, so they do not change its key: a new nudge leaves the opening's clip as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from derivlib.lectures import package_of
from derivlib.plan import LecturePlan, Part
from scenes.manifest import SceneEntry
from scenes.pipeline.running.keys import WORKER, closure, code_digest
from scenes.pipeline.settings import ENCODER_OPTIONS, manim_version, project_version
from scenes.pipeline.sound.voice import Speech, VoiceReport, speech_for
from scenes.pipeline.sound.voice_settings import VoiceSettings

__all__ = ["Job", "clip_code", "make_jobs"]


@dataclass(frozen=True)
class Job:
    """One scene, its part of the (voiced) plan, one quality, and its cues' speech."""

    entry: SceneEntry
    plan: LecturePlan
    quality: str
    #: (cue id, Speech) for the scene's cues; empty for a silent render
    speech: tuple[tuple[str, Speech], ...] = ()

    @property
    def part(self) -> Part:
        return self.plan.part(self.entry.beat.id)

    def estimated_seconds(self) -> float:
        return self.part.seconds

    @cached_property
    def key(self) -> str:
        """Everything that decides this job's clip, hashed."""
        head = {
            "scene": self.entry.name,
            # (the part's words and titles are in its language already; a scene draws in it too)
            "language": self.plan.language,
            "part": self.part.describe(),
            "quality": self.quality,
            "encoder": ENCODER_OPTIONS,
            "manim": manim_version(),
            "project": project_version(),
            "speech": [(cue, speech.sha256) for cue, speech in self.speech],
            "code": code_digest(clip_code(self.entry)),
        }
        return hashlib.sha256(json.dumps(head, sort_keys=True).encode()).hexdigest()[:24]


def clip_code(entry: SceneEntry) -> tuple[str, ...]:
    """The project modules a scene's clip depends on: what its module and the worker import, and its
    lecture's package (which the worker loads by name)."""
    return closure([f"scenes.{entry.module}", WORKER, package_of(entry.lecture)])


def make_jobs(
    plan: LecturePlan,
    entries: Sequence[SceneEntry],
    quality: str,
    voice: VoiceSettings,
    voice_cache: Path,
    voice_report: VoiceReport | None = None,
) -> list[Job]:
    """One job per scene, each with the speech of its cues (synthesised now, unless cached), on the
    plan voiced with that speech."""
    drawn = {e.beat.id for e in entries}
    cues = [c.cue for p in plan.parts if p.beat.id in drawn for c in p.cues]
    speech = speech_for(cues, voice, voice_cache, voice_report)
    voiced = plan.voiced({cue: s.seconds for cue, s in speech.items()})
    return [
        Job(
            e,
            voiced,
            quality,
            tuple((c.id, speech[c.id]) for c in voiced.part(e.beat.id).cues if c.id in speech),
        )
        for e in entries
    ]
