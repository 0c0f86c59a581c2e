"""Assembly: the lecture's files built from its checked clips in a staging folder: the clips,
lecture.mp4 (the clips joined without re-encoding, the narration laid in once), lecture.srt,
lecture.vtt, transcript.txt, chapters.json and manifest.json."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict
from fractions import Fraction
from pathlib import Path

from derivlib.params import Params
from derivlib.plan import LecturePlan
from scenes.pipeline.cache import Clip
from scenes.pipeline.files import sha256_file, write_atomically
from scenes.pipeline.media import video_info, video_packets
from scenes.pipeline.settings import ENCODER_OPTIONS, QUALITIES, RenderError, manim_version, project_version
from scenes.pipeline.sound import AUDIO, sound_track, write_with_sound
from scenes.pipeline.timeline import chapters, lecture_cues, offsets, write_srt, write_vtt
from scenes.pipeline.voice import VoiceSettings

__all__ = ["ASSEMBLY_VERSION", "assemble", "join_clips", "lecture_key", "write_partial_manifest"]

#: Bumped when the assembly's output changes, so published lectures are rebuilt.
ASSEMBLY_VERSION = "3"


def join_clips(clips: Sequence[Clip], path: Path) -> None:
    """Join the clips' pictures without re-encoding; lay the narration's WAVs on the joined timeline at
    their cues' exact starts (each clip starting after the exact length of the clips before it) and
    encode that sound once: speech stays in sync across every join."""
    at = offsets([c.meta for c in clips])
    placements = []
    for clip, offset in zip(clips, at, strict=False):
        speech = dict(clip.job.speech)
        for cue in clip.meta.cues:
            if cue.id in speech:
                placements.append((offset + Fraction(cue.start), speech[cue.id].path))
    track = sound_track(placements, at[-1]) if placements else None
    write_with_sound([c.movie for c in clips], track, path)


def lecture_key(clips: Sequence[Clip], plan: LecturePlan, voice: VoiceSettings) -> str:
    """Everything that decides the lecture's files, hashed (the manifest's `inputs`)."""
    digest = hashlib.sha256(ASSEMBLY_VERSION.encode())
    digest.update(json.dumps(voice.describe(), sort_keys=True).encode())
    for clip in clips:
        digest.update(clip.job.key.encode())
    digest.update(plan.transcript().encode())
    return digest.hexdigest()[:24]


def assemble(
    clips: Sequence[Clip],
    plan: LecturePlan,
    voice: VoiceSettings,
    quality: str,
    staging: Path,
    say: Callable[[str], None],
) -> None:
    """Build the lecture's files in *staging*."""
    clip_dir = staging / "clips"
    clip_dir.mkdir(parents=True)
    for clip in clips:
        shutil.copyfile(clip.movie, clip_dir / f"{clip.job.entry.stem}.mp4")
        if clip.subtitles is not None:
            shutil.copyfile(clip.subtitles, clip_dir / f"{clip.job.entry.stem}.srt")
    say("joining the clips into lecture.mp4")
    join_clips(clips, staging / "lecture.mp4")
    expected = sum(c.meta.frames for c in clips)
    # The clips decoded completely when they were cached (and match their checksums now); the lecture
    # must carry exactly their pictures: every packet, byte for byte, in order. This reads every packet
    # of the file (a truncated one lacks some), without decoding 10 000 frames again at the end.
    if video_packets([staging / "lecture.mp4"]) != (expected, video_packets([c.movie for c in clips])[1]):
        raise RenderError(f"lecture.mp4 does not hold the {expected} frames of its clips")
    # Frame counts already checked by decoding (the clips when cached, byte for byte the same here):
    known_frames = {"lecture.mp4": expected}
    for clip in clips:
        known_frames[f"clips/{clip.job.entry.stem}.mp4"] = clip.meta.frames
    records = [c.meta for c in clips]
    cues = lecture_cues(records)
    write_srt(cues, staging / "lecture.srt")
    write_vtt(cues, staging / "lecture.vtt")
    (staging / "transcript.txt").write_text(plan.transcript(), encoding="utf-8")
    titles = [c.job.entry.beat.title for c in clips]
    (staging / "chapters.json").write_text(
        json.dumps([asdict(c) for c in chapters(records, titles)], indent=1), encoding="utf-8"
    )
    files = {}
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        entry = {"bytes": path.stat().st_size, "sha256": sha256_file(path)}
        if path.suffix == ".mp4":
            entry.update(video_info(path, frames=known_frames[str(path.relative_to(staging))]))
        files[str(path.relative_to(staging))] = entry
    manifest = {
        "lecture": "Derivatives",
        "parameters": plan.params.as_strings(),
        "quality": {"flag": quality, "name": QUALITIES[quality][1]},
        "versions": {"derivatives-lecture": project_version(), "manim": manim_version()},
        "encoder": ENCODER_OPTIONS,
        "voice": voice.describe(),
        "audio": AUDIO if not voice.silent else None,
        "inputs": lecture_key(clips, plan, voice),
        "clips": [{"scene": c.job.entry.name, "key": c.job.key} for c in clips],
        "files": files,
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def write_partial_manifest(out: Path, params: Params, quality: str) -> None:
    """After single scenes were installed into *out*: a manifest listing every file there (all of them
    this project's: publishing refuses a folder holding anything else), marked partial, so that a later
    render may replace the folder and nothing takes it for a whole lecture."""
    files = {
        str(p.relative_to(out)): {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }
    manifest = {
        "lecture": "Derivatives",
        "partial": True,
        "parameters": params.as_strings(),
        "quality": {"flag": quality, "name": QUALITIES[quality][1]},
        "files": files,
    }
    write_atomically(out / "manifest.json", lambda tmp: tmp.write_text(json.dumps(manifest, indent=1)))
