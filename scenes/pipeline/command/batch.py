"""`derivatives batch FILE.toml`: many variants of the lecture, each published as `render` would, the
work they share done once.

1. The file is checked whole (scenes.pipeline.command.batchfile): a bad row stops everything before anything
   renders, with every bad row named.
2. Each variant's jobs are made with its speech (synthesised once per cue, in the shared voice cache).
3. The jobs of all variants run together, each clip once (variants with a scene in common share its
   clip: same key), on the engine: this machine's processes, or a Dask cluster (`--scheduler`). A job
   that fails fails its variants only; the others go on.
4. Each variant whose clips are all there is assembled and published by render_lecture, from the cache.
5. A summary: a table on standard output and JSON (`--summary`, by default renders/batch-summary.json).

Run again, a finished variant renders nothing and publishes nothing (its folder is up to date).
Ctrl-C stops as `render` does: running jobs are stopped and nothing of them kept; a variant being
published is either wholly there or as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from derivlib.numbers import ParameterError
from scenes.manifest import entry_for
from scenes.pipeline.command.batchfile import BatchError, Settings, Variant, read_batch
from scenes.pipeline.command.lecture import render_lecture
from scenes.pipeline.files import write_atomically
from scenes.pipeline.running.cache import Cache
from scenes.pipeline.running.jobs import Job, make_jobs
from scenes.pipeline.running.progress import Display, live_progress, terminal_safe
from scenes.pipeline.running.runner import Engine, run_all
from scenes.pipeline.settings import DEFAULT_TIMEOUT, RenderError
from scenes.pipeline.sound.voice import VoiceReport

__all__ = ["Outcome", "add_parser", "cmd_batch", "run_batch"]

PROG = "derivatives"
DEFAULT_SUMMARY = Path("renders") / "batch-summary.json"


@dataclass
class Outcome:
    """What became of one variant."""

    variant: Variant
    status: str = "pending"  # then: published, up to date, failed
    seconds: float = 0.0
    rendered: list[str] = field(default_factory=list)  # scenes this batch rendered for it
    cached: list[str] = field(default_factory=list)  # scenes taken from the cache (or from another variant)
    synthesized: int = 0  # cues whose speech was synthesised for it
    error: str | None = None
    jobs: list[Job] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        v = self.variant
        return {
            "index": v.index,
            "name": v.label,
            "folder": str(v.out),
            "quality": v.quality,
            "status": self.status,
            "seconds": round(self.seconds, 2),
            "rendered": self.rendered,
            "cached": self.cached,
            "synthesized": self.synthesized,
            "error": self.error,
        }


def add_parser(sub, add_run_flags: Callable[[argparse.ArgumentParser], None]) -> None:
    """The `batch` subcommand's arguments (*add_run_flags*: -q, -j and --timeout, as render has them)."""
    p = sub.add_parser(
        "batch", help="render many variants from a TOML file of [[variant]] tables", allow_abbrev=False
    )
    p.add_argument(
        "file", metavar="FILE.toml", help="[[variant]] tables: a config file's keys, quality, name"
    )
    add_run_flags(p)
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="run the scene jobs on this Dask cluster (default: this machine's processes)",
    )
    p.add_argument(
        "--summary",
        metavar="FILE.json",
        help=f"where the summary is written as JSON (default {DEFAULT_SUMMARY})",
    )


def _check_summary(path: Path) -> None:
    """Refuse a --summary path that cannot be written, as render refuses a --report: a folder, a
    missing folder (only the default's renders/ is made by the batch), one that cannot be written."""
    if path.is_dir():
        raise ParameterError("summary", f"{path} is a folder; give a file name")
    folder = path.parent
    if path == DEFAULT_SUMMARY and not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise ParameterError("summary", f"{folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ParameterError("summary", f"cannot write in {folder}")


def _engine(scheduler: str | None) -> Engine:
    if scheduler is None:
        return Engine()
    from scenes.pipeline.running.dask_engine import DaskEngine  # (imports Dask; only for a cluster)

    return DaskEngine(scheduler)


def run_batch(
    variants: Sequence[Variant],
    display: Display,
    *,
    engine: Engine,
    parallel: int,
    timeout: float = DEFAULT_TIMEOUT,
    cache_root: Path = Path("renders") / ".cache",
) -> list[Outcome]:
    """Render and publish every variant; a failure is its variant's alone."""
    cache = Cache(cache_root)
    outcomes = [Outcome(v) for v in variants]

    def voice(outcome: Outcome) -> None:  # each variant's jobs, with its speech (espeak-ng: a process a cue)
        v, report = outcome.variant, VoiceReport()
        try:
            entries = [entry_for(p.beat.id, v.plan.lecture) for p in v.plan.parts]
            outcome.jobs = make_jobs(v.plan, entries, v.quality, v.voice, cache.voice, report)
        except (RenderError, ParameterError) as err:  # (a voice espeak-ng lacks, a missing recording)
            outcome.status, outcome.error = "failed", str(err)
        outcome.synthesized = len(report.synthesized)

    # several variants voiced at once: synthesis is a process per cue, each using one core
    pool = ThreadPoolExecutor(max_workers=max(1, parallel))
    try:
        list(pool.map(voice, outcomes))
    finally:  # interrupted: the variants not yet begun are not voiced
        pool.shutdown(wait=True, cancel_futures=True)
    for outcome in outcomes:
        if outcome.status == "failed":
            display.variant_done(outcome.variant.label, f"failed: {terminal_safe(outcome.error or '')}")
    if any(o.synthesized for o in outcomes):
        display.say(f"synthesised {sum(o.synthesized for o in outcomes)} cue(s) with espeak-ng")
    unique: dict[str, Job] = {}
    owner: dict[str, int] = {}  # the first variant that needs a clip is the one it is rendered for
    for outcome in outcomes:
        for job in outcome.jobs:
            unique.setdefault(job.key, job)
            owner.setdefault(job.key, outcome.variant.index)
            display.labels.setdefault(job.key, f"{job.entry.name} ({outcome.variant.label})")
    keyed = list(unique.values())
    _, failures = run_all(
        keyed, cache, engine=engine, parallel=parallel, timeout=timeout, say=display.say, events=display
    )
    failed = {keyed[i].key: why for i, why in failures.items()}
    for outcome in outcomes:
        if outcome.status == "failed":
            continue
        v = outcome.variant
        why = next((failed[j.key] for j in outcome.jobs if j.key in failed), None)
        if why is not None:
            _fail(outcome, why, display)
            continue
        started = time.monotonic()
        try:
            report = render_lecture(
                v.plan, v.quality, v.out, voice=v.voice, timeout=timeout, cache_root=cache_root, say=_quiet
            )
        except (RenderError, ParameterError) as err:
            _fail(outcome, str(err), display)
            continue
        mine = {j.key for j in outcome.jobs if j.key in display.durations and owner[j.key] == v.index}
        outcome.rendered = [j.entry.name for j in outcome.jobs if j.key in mine]
        outcome.cached = [j.entry.name for j in outcome.jobs if j.key not in mine]
        outcome.seconds = time.monotonic() - started + sum(display.durations[k] for k in mine)
        outcome.status = "published" if report.published else "up to date"
        display.variant_done(v.label, outcome.status)
    return outcomes


def _quiet(line: str) -> None:
    """What render_lecture says of a variant whose clips are all cached (the batch says it shorter)."""


def _fail(outcome: Outcome, why: str, display: Display) -> None:
    outcome.status = "failed"
    outcome.error = why
    display.variant_done(outcome.variant.label, f"failed: {terminal_safe(why)}")


def _table(outcomes: Sequence[Outcome], console: Console) -> None:
    table = Table(title="batch summary", title_justify="left")
    for column in ("#", "variant", "quality", "status", "time", "rendered", "cached", "folder"):
        table.add_column(column, overflow="fold")
    for o in outcomes:
        table.add_row(
            str(o.variant.index),
            o.variant.label,
            o.variant.quality,
            o.status,
            f"{o.seconds:.1f} s",
            str(len(o.rendered)),
            str(len(o.cached)),
            str(o.variant.out),
        )
    console.print(table)


def cmd_batch(args: argparse.Namespace, settings: Settings, settings_keys: Sequence[str]) -> int:
    """The `batch` command; *settings* turns a variant's config-file keys into its plan and voice by
    the rules of `render --config`."""
    try:
        variants, scheduler = read_batch(
            Path(args.file), settings=settings, settings_keys=settings_keys, default_quality=args.quality
        )
    except BatchError as err:
        for line in err.lines:
            print(f"{PROG}: error: {terminal_safe(line)}", file=sys.stderr)
        return 2
    summary = Path(args.summary) if args.summary else DEFAULT_SUMMARY
    _check_summary(summary)
    engine = _engine(args.scheduler or scheduler)
    started = time.monotonic()
    try:
        with live_progress(variants=len(variants)) as display:
            outcomes = run_batch(variants, display, engine=engine, parallel=args.jobs, timeout=args.timeout)
            console = display.console
    finally:
        if hasattr(engine, "close"):
            engine.close()
    _table(outcomes, console)
    record = {
        "file": str(args.file),
        "engine": args.scheduler or scheduler or "local",
        "seconds": round(time.monotonic() - started, 2),
        "variants": [o.as_json() for o in outcomes],
    }
    write_atomically(summary, lambda tmp: tmp.write_text(json.dumps(record, indent=1), encoding="utf-8"))
    bad = [o for o in outcomes if o.status == "failed"]
    for o in bad:
        print(
            f"{PROG}: variant {o.variant.index} ({o.variant.label}) failed: {terminal_safe(o.error or '')}",
            file=sys.stderr,
        )
    print(f"{len(outcomes) - len(bad)} of {len(outcomes)} variant(s) done; summary in {summary}")
    return 1 if bad else 0
