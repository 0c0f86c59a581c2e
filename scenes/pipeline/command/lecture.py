"""One render from start to end: the plan's scenes voiced, rendered (or taken from the cache), the
lecture assembled and published, and the index of renders/ written again; or, for named scenes, their
clips installed beside what is there. Either way the new folder is made whole in a staging folder and
swapped in (publish), so a failure (a full disk) leaves the published folder as it was."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from derivlib.numbers import ParameterError
from derivlib.plan import LecturePlan
from scenes.manifest import SceneEntry, entry_for
from scenes.pipeline.files import install_file, umask
from scenes.pipeline.publishing.assemble import assemble, lecture_key, write_partial_manifest
from scenes.pipeline.publishing.publish import (
    OLD_INFIX,
    STAGING_INFIX,
    check_destination,
    is_up_to_date,
    publish,
)
from scenes.pipeline.publishing.site import write_site_index
from scenes.pipeline.running.cache import Cache
from scenes.pipeline.running.jobs import make_jobs
from scenes.pipeline.running.processes import sweep_abandoned
from scenes.pipeline.running.progress import Events
from scenes.pipeline.running.runner import Report, run_jobs
from scenes.pipeline.settings import DEFAULT_TIMEOUT, RenderError
from scenes.pipeline.sound.voice_settings import VoiceSettings

__all__ = ["render_lecture"]


def _link_or_copy(source: str, destination: str) -> None:
    """A published file into the staging folder: a hard link (no bytes copied; installing replaces a
    file, never writes into it, so the published one is never changed), or a copy where links fail."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def render_lecture(
    plan: LecturePlan,
    quality: str,
    out: Path,
    *,
    voice: VoiceSettings | None = None,
    scenes: Sequence[SceneEntry] | None = None,
    parallel: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    cache_root: Path = Path("renders") / ".cache",
    say: Callable[[str], None] = print,
    events: Events | None = None,
) -> Report:
    """Render *scenes* (all of the plan's, by default) and publish them into *out*; with all scenes,
    the lecture's downloads too. Named scenes that the plan does not have are left out."""
    check_destination(out)  # before anything is rendered: publishing may replace only what it published
    started = time.monotonic()
    report = Report()
    whole = scenes is None
    entries = [entry_for(p.beat.id, plan.lecture) for p in plan.parts]
    if not whole:
        wanted = {e.beat.id for e in scenes}  # (by beat: one scene class may draw several beats)
        entries = [e for e in entries if e.beat.id in wanted]
    cache = Cache(cache_root)
    voice = voice or VoiceSettings(language=plan.language)
    if voice.language != plan.language:
        raise ParameterError(
            "voice", f"the voice speaks {voice.language} and the lecture is in {plan.language}"
        )
    for prefix in (f".{out.name}{STAGING_INFIX}", f".{out.name}{OLD_INFIX}"):
        sweep_abandoned(out.parent, prefix)  # (the cache swept its own when it was opened)
    jobs = make_jobs(plan, entries, quality, voice, cache.voice, report.voice)
    if report.voice.synthesized:
        spoken, took = report.voice.speech_seconds, report.voice.synthesis_seconds
        say(
            f"synthesised {len(report.voice.synthesized)} cue(s) with {voice.engine} ({voice.voice}): "
            f"{spoken:.1f} s of speech in {took:.1f} s"
        )
    clips = run_jobs(jobs, cache, parallel=parallel, timeout=timeout, say=say, report=report, events=events)
    created = [d for d in (out.parent, *out.parent.parents) if not d.exists()]
    out.parent.mkdir(parents=True, exist_ok=True)
    if whole:
        key = lecture_key(clips, plan, voice)
        if is_up_to_date(out, key):
            say(f"{out} is up to date")
            report.seconds = time.monotonic() - started
            return report
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING_INFIX}{os.getpid()}-", dir=out.parent))
    staging.chmod(0o777 & ~umask())
    try:
        if whole:
            assemble(clips, plan, voice, quality, staging, say)
            publish(staging, out)
        else:  # single scenes: their clips beside what this project published there, swapped in whole
            if out.is_dir():  # (published: check_destination refused anything else)
                shutil.copytree(out, staging, dirs_exist_ok=True, copy_function=_link_or_copy)
            for clip in clips:
                install_file(clip.movie, staging / "clips" / f"{clip.job.entry.stem}.mp4")
                if clip.subtitles is not None:
                    install_file(clip.subtitles, staging / "clips" / f"{clip.job.entry.stem}.srt")
            write_partial_manifest(staging, plan, quality)
            publish(staging, out)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in created:  # a folder made for this render alone, left empty by its failure
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(err, OSError) and err.errno == errno.ENOSPC:
            raise RenderError("the disk is full; nothing in renders/ was changed") from None
        raise
    shutil.rmtree(staging, ignore_errors=True)
    renders = cache_root.parent
    if whole and out.resolve().parent.parent == renders.resolve():  # renders/<variant>/<quality>
        write_site_index(renders)
    report.published = True
    report.seconds = time.monotonic() - started
    return report
