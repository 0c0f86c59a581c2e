"""Assembly: the lecture's files built from its checked clips in a staging folder: the clips,
lecture.mp4 (the clips joined without re-encoding, the narration laid in once), lecture.srt,
lecture.vtt, transcript.txt, the same in every language on the video's timeline (lecture.<lang>.vtt,
lecture.<lang>.srt, transcript.<lang>.txt: scenes/pipeline/publishing/languages.py), chapters.json, each
chapter's still (stills/), the slides (lecture.pptx), the page (index.html) and manifest.json."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict
from fractions import Fraction
from pathlib import Path

from derivlib.keyfacts import key_facts
from derivlib.lectures import lecture_named
from derivlib.plan import LecturePlan
from scenes.pipeline.files import sha256_file, write_atomically
from scenes.pipeline.publishing.languages import (
    language_versions,
    plans_in_every_language,
    write_language_files,
)
from scenes.pipeline.publishing.page import ASSETS, PageInputs, lecture_page
from scenes.pipeline.publishing.slides import ChapterSlide, write_slides
from scenes.pipeline.publishing.stills import write_still
from scenes.pipeline.publishing.timeline import (
    Chapter,
    LanguageVersion,
    TimedText,
    chapters,
    lecture_cues,
    offsets,
    write_srt,
    write_vtt,
)
from scenes.pipeline.publishing.words import FILES as WORD_FILES
from scenes.pipeline.running.cache import Clip
from scenes.pipeline.running.keys import closure, code_digest
from scenes.pipeline.running.media import video_info, video_packets
from scenes.pipeline.settings import ENCODER_OPTIONS, QUALITIES, RenderError, manim_version, project_version
from scenes.pipeline.sound.sound import AUDIO, sound_track, write_with_sound
from scenes.pipeline.sound.voice_settings import VoiceSettings

__all__ = [
    "ASSEMBLY_VERSION",
    "assemble",
    "join_clips",
    "lecture_key",
    "presentation_digest",
    "write_partial_manifest",
    "write_presentation",
]

#: Bumped when the assembly's output changes, so published lectures are rebuilt.
ASSEMBLY_VERSION = "6"
#: The modules that make the stills, the slides and the page: a change to their code (or to the page's
#: assets, or to their words in any language) makes the published files again, as the clips' keys do
#: for their scenes.
PRESENTATION_MODULES = ("scenes.pipeline.publishing.page", "scenes.pipeline.publishing.slides", "scenes.pipeline.publishing.stills")


def presentation_digest() -> str:
    """A SHA-256 of the code, assets and words that make the stills, the slides and the page."""
    digest = hashlib.sha256(code_digest(closure(PRESENTATION_MODULES)).encode())
    for asset in (*sorted(ASSETS.iterdir()), *WORD_FILES):
        digest.update(asset.name.encode() + b"\0" + asset.read_bytes() + b"\0")
    return digest.hexdigest()


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
    digest.update(presentation_digest().encode())
    digest.update(plan.language.encode())
    digest.update(json.dumps(voice.describe(), sort_keys=True).encode())
    for clip in clips:
        digest.update(clip.job.key.encode())
    digest.update(plan.transcript().encode())
    for said in plans_in_every_language(plan):  # (a changed translation publishes its files again)
        digest.update(said.transcript(with_ids=True).encode())
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
    versions = language_versions(plan, [c.job.entry.beat.id for c in clips], cues)
    write_language_files(versions, staging)
    titles = [c.job.part.beat.title for c in clips]  # (a part may name its beat: "dJ/db")
    timeline = chapters(records, titles)
    (staging / "chapters.json").write_text(
        json.dumps([asdict(c) for c in timeline], indent=1), encoding="utf-8"
    )
    say("writing the stills, the slides and the page")
    write_presentation(clips, plan, voice, quality, staging, timeline, cues, versions)
    files = {}
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        entry = {"bytes": path.stat().st_size, "sha256": sha256_file(path)}
        if path.suffix == ".mp4":
            entry.update(video_info(path, frames=known_frames[str(path.relative_to(staging))]))
        files[str(path.relative_to(staging))] = entry
    manifest = {
        "lecture": lecture_named(plan.lecture).title,
        "parameters": plan.params.as_strings(),
        # the language it is said and written in (derivlib.languages); lecture.vtt, lecture.srt and
        # transcript.txt are in it, lecture.<lang>.* in each language
        "language": plan.language,
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


def write_presentation(
    clips: Sequence[Clip],
    plan: LecturePlan,
    voice: VoiceSettings,
    quality: str,
    staging: Path,
    timeline: Sequence[Chapter],
    cues: Sequence[TimedText],
    versions: Sequence[LanguageVersion] = (),
) -> None:
    """Each chapter's still (the last frame of its clip), lecture.pptx and index.html, in *staging*
    (which already holds the downloads the page lists)."""
    stills = [f"stills/{c.job.entry.stem}.png" for c in clips]
    for clip, still in zip(clips, stills, strict=True):
        write_still(clip.movie, staging / still)
    slides = [
        ChapterSlide(
            chapter.title, chapter.start, chapter.end, plan.part(clip.job.entry.beat.id), staging / still
        )
        for clip, chapter, still in zip(clips, timeline, stills, strict=True)
    ]
    parameters = plan.params.as_strings()
    quality_name = QUALITIES[quality][1]
    write_slides(plan, slides, parameters, quality_name, project_version(), staging / "lecture.pptx")
    groups, at = [], 0
    for clip in clips:  # the lecture's cues, chapter by chapter
        groups.append(cues[at : at + len(clip.meta.cues)])
        at += len(clip.meta.cues)
    page = PageInputs(
        title=lecture_named(plan.lecture).title_in(plan.language),
        folder=staging,
        formula=key_facts(plan.parts[0], plan.language).equation,
        parameters=parameters,
        voice=voice.describe(),
        quality=quality_name,
        versions={"derivatives-lecture": project_version(), "manim": manim_version()},
        cues=groups,
        chapters=timeline,
        stills=stills,
        languages=tuple(versions),
        language=plan.language,
    )
    (staging / "index.html").write_text(lecture_page(page), encoding="utf-8")


def write_partial_manifest(out: Path, plan: LecturePlan, quality: str) -> None:
    """After single scenes were installed into *out*: a manifest listing every file there (all of them
    this project's: publishing refuses a folder holding anything else), marked partial, so that a later
    render may replace the folder and nothing takes it for a whole lecture."""
    files = {
        str(p.relative_to(out)): {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }
    manifest = {
        "lecture": lecture_named(plan.lecture).title,
        "partial": True,
        "parameters": plan.params.as_strings(),
        "quality": {"flag": quality, "name": QUALITIES[quality][1]},
        "files": files,
    }
    write_atomically(out / "manifest.json", lambda tmp: tmp.write_text(json.dumps(manifest, indent=1)))
