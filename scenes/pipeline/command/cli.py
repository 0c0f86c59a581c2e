"""The `derivatives` command: list the scenes, print the narration, render, serve the renders.

Bad input ends with one line on stderr naming the parameter, and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from derivlib.languages import SOURCE
from derivlib.lectures import default_lecture, lectures
from derivlib.narration import Cue
from derivlib.numbers import ParameterError
from derivlib.plan import LecturePlan
from scenes.manifest import SceneEntry, find, scenes_of
from scenes.pipeline.command.arguments import (
    LANGUAGE_KEY,
    PARAMETER_KEYS,
    VOICE_KEYS,
    add_parameter_flags,
    add_voice_flags,
    join_negative_values,
    plan_from_args,
    variant_settings,
    voice_from_args,
)
from scenes.pipeline.command.batch import add_parser as add_batch_parser
from scenes.pipeline.command.batch import cmd_batch
from scenes.pipeline.command.lecture import render_lecture
from scenes.pipeline.command.preview import last_frame_png, save_png, write_gif
from scenes.pipeline.files import write_atomically
from scenes.pipeline.running.cache import Cache
from scenes.pipeline.running.jobs import make_jobs
from scenes.pipeline.running.progress import live_progress, terminal_safe
from scenes.pipeline.running.runner import run_jobs
from scenes.pipeline.running.scene_render import render_scene
from scenes.pipeline.settings import (
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    QUALITIES,
    RenderError,
    output_folder,
    variant_name,
)
from scenes.pipeline.sound.voice_check import check_voice

PROG = "derivatives"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render the lecture 'Derivatives' with Manim; every number is computed exactly.",
        allow_abbrev=False,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("list", help="the lectures and their scenes in order, one line each", allow_abbrev=False)

    p = sub.add_parser("transcript", help="print the narration as plain text", allow_abbrev=False)
    add_parameter_flags(p)
    p.add_argument("--with-ids", action="store_true", help="prefix each line with its cue id")

    p = sub.add_parser(
        "render",
        help="render the lecture (or named scenes) and its downloads into renders/",
        allow_abbrev=False,
    )
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (default: the whole lecture)")
    _add_quality_flag(p, "h")
    p.add_argument("--out", metavar="DIR", help="output folder (default: renders/<variant>/<quality>)")
    _add_run_flags(p)
    p.add_argument(
        "--report", metavar="FILE.json", help="write what was rendered and what came from the cache"
    )
    add_parameter_flags(p)
    add_voice_flags(p)

    p = sub.add_parser(
        "preview", help="render one scene at low quality and write its last frame as PNG", allow_abbrev=False
    )
    p.add_argument("scene", metavar="SCENE", help="a scene name, beat id or position")
    p.add_argument("--gif", action="store_true", help="also write the whole scene as an animated GIF")
    p.add_argument("--out", metavar="DIR", help="output folder (default: renders/preview/<variant>)")
    add_parameter_flags(p)
    add_voice_flags(p)

    p = sub.add_parser("stills", help="the last frame of each scene as PNG", allow_abbrev=False)
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (default: all)")
    _add_quality_flag(p, "l")
    p.add_argument(
        "--out", metavar="DIR", help="output folder (default: docs/stills, or docs/stills/<lecture>)"
    )
    add_parameter_flags(p)
    p = sub.add_parser("serve", help="serve renders/ on 127.0.0.1 and print the URL", allow_abbrev=False)
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)"
    )
    p.add_argument("--root", default="renders", help="the folder to serve (default: renders)")
    add_batch_parser(sub, lambda p: (_add_quality_flag(p, "h"), _add_run_flags(p)))
    return parser


def _add_run_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="scenes rendered at once (default: the number of cores)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="time limit for each scene's render (default 1800)",
    )


def _positive_int(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds greater than 0, got {text!r}")
    return value


def _add_quality_flag(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "-q",
        "--quality",
        choices=list(QUALITIES),
        default=default,
        help=f"l 480p15, m 720p30, h 1080p60, p 1440p60, k 2160p60 (default {default}), as manim's -q",
    )


def _selected(names: list[str], lecture: str) -> list[SceneEntry]:
    """The scenes named, each once, in lecture order (all of them when none is named)."""
    if not names:
        return list(scenes_of(lecture))
    selected = set()
    for name in names:
        try:
            selected.add(find(name, lecture))
        except KeyError as err:
            raise ParameterError("scene", err.args[0]) from None
    return [e for e in scenes_of(lecture) if e in selected]


def cmd_list(args: argparse.Namespace) -> int:
    for lecture in lectures():
        entries = scenes_of(lecture.name)
        width = max(len(e.name) for e in entries)
        print(f"{lecture.name}: {lecture.title}" + (" (the default)" if lecture is default_lecture() else ""))
        for entry in entries:
            print(f"  {entry.position:2d}  {entry.name:<{width}}  {entry.beat.summary}")
    return 0


def cmd_transcript(args: argparse.Namespace) -> int:
    sys.stdout.write(plan_from_args(args).transcript(with_ids=args.with_ids))
    return 0


def _check_report(path: Path) -> None:
    """Refuse a --report path that cannot be written, before anything is rendered."""
    if path.is_dir():
        raise ParameterError("report", f"{path} is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise ParameterError("report", f"{folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ParameterError("report", f"cannot write in {folder}: permission denied")


def _spoken(plan: LecturePlan, entries: Sequence[SceneEntry] | None) -> list[Cue]:
    """The cues that the scenes (all of the plan's, by default) say: what their voice must speak."""
    beats = None if entries is None else {e.beat.id for e in entries}
    return [c.cue for p in plan.parts if beats is None or p.beat.id in beats for c in p.cues]


def cmd_render(args: argparse.Namespace) -> int:
    plan = plan_from_args(args)
    voice = voice_from_args(args)
    scenes = _selected(args.scenes, plan.lecture) if args.scenes else None
    check_voice(voice, _spoken(plan, scenes))  # (before anything is made: a voice of another language)
    out = (
        Path(args.out)
        if args.out
        else output_folder(plan.params, voice, args.quality, lecture=plan.lecture, language=plan.language)
    )
    if args.report:
        _check_report(Path(args.report))
    run = {"voice": voice, "scenes": scenes, "parallel": args.jobs, "timeout": args.timeout}
    with live_progress() as progress:  # (scenes.pipeline.running.progress: live on a terminal, lines elsewhere)
        report = render_lecture(plan, args.quality, out, say=progress.say, events=progress, **run)
    print(
        f"{out}: {len(report.rendered)} rendered, {len(report.reused)} from the cache, "
        f"{report.seconds:.1f} s" + ("" if report.published else " (already up to date)")
    )
    if args.report:
        summary = {
            "out": str(out),
            "rendered": report.rendered,
            "reused": report.reused,
            "published": report.published,
            "synthesized": report.voice.synthesized,
            "voice_reused": report.voice.reused,
        }
        write_atomically(Path(args.report), lambda tmp: tmp.write_text(json.dumps(summary, indent=1)))
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    plan = plan_from_args(args)
    voice = voice_from_args(args)
    (entry,) = _selected([args.scene], plan.lecture)
    check_voice(voice, _spoken(plan, [entry]))
    if not plan.has(entry.beat.id):
        raise ParameterError(
            "scene", f"{entry.name} has nothing to show with these parameters ({entry.beat.summary})"
        )
    cache = Cache(Path("renders") / ".cache")
    jobs = make_jobs(plan, [entry], "l", voice, cache.voice)
    (clip,) = run_jobs(jobs, cache, say=lambda line: None)
    out = (
        Path(args.out)
        if args.out
        else Path("renders") / "preview" / variant_name(plan.params, voice, plan.lecture, plan.language)
    )
    png = out / f"{entry.name}.png"
    last_frame_png(clip.movie, png)
    print(png)
    if args.gif:
        gif = out / f"{entry.name}.gif"
        write_gif(clip.movie, gif)
        print(gif)
    return 0


def stills_folder(lecture: str, language: str) -> Path:
    """Where `stills` writes by default: docs/stills for the first lecture, docs/stills/<lecture> for
    another; a lecture in another language than English in a folder of its own below, <language>.

    >>> stills_folder("derivatives", "en"), stills_folder("more-examples", "de")
    (PosixPath('docs/stills'), PosixPath('docs/stills/more-examples/de'))
    """
    out = Path("docs/stills") if lecture == default_lecture().name else Path("docs/stills") / lecture
    return out if language == SOURCE else out / language


def cmd_stills(args: argparse.Namespace) -> int:
    plan = plan_from_args(args)
    out = Path(args.out) if args.out else stills_folder(plan.lecture, plan.language)
    with tempfile.TemporaryDirectory(prefix="derivatives-") as media:
        for entry in _selected(args.scenes, plan.lecture):
            if not plan.has(entry.beat.id):
                continue
            result = render_scene(
                entry, plan.part(entry.beat.id), quality=args.quality, media_dir=Path(media), movie=False
            )
            path = out / f"{entry.stem}.png"
            save_png(result.last_frame, path)
            print(path)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    # imported here: its HTTP server's modules are a fortieth of a second no other command needs
    from scenes.pipeline.publishing.serve import cmd_serve as serve

    return serve(args)


COMMANDS = {
    "batch": lambda args: cmd_batch(
        args, variant_settings, ("lecture", *PARAMETER_KEYS, *VOICE_KEYS, LANGUAGE_KEY)
    ),
    "list": cmd_list,
    "transcript": cmd_transcript,
    "render": cmd_render,
    "preview": cmd_preview,
    "stills": cmd_stills,
    "serve": cmd_serve,
}


def _terminate(signum, frame):
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(join_negative_values(argv))
    signal.signal(signal.SIGTERM, _terminate)  # clean up as for Ctrl-C
    try:
        return COMMANDS[args.command](args)
    except ParameterError as err:
        print(f"{PROG}: error: {terminal_safe(str(err))}", file=sys.stderr)
        return 2
    except RenderError as err:
        print(f"{PROG}: render failed: {terminal_safe(str(err))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `derivatives transcript | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
