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

from derivlib.numbers import ParameterError
from derivlib.params import Params, load_config
from derivlib.plan import LecturePlan, lecture_plan
from scenes.manifest import SCENES_IN_ORDER, SceneEntry, find
from scenes.pipeline.batch import add_parser as add_batch_parser
from scenes.pipeline.batch import cmd_batch
from scenes.pipeline.cache import Cache
from scenes.pipeline.files import write_atomically
from scenes.pipeline.jobs import make_jobs
from scenes.pipeline.lecture import render_lecture
from scenes.pipeline.preview import last_frame_png, save_png, write_gif
from scenes.pipeline.progress import live_progress
from scenes.pipeline.runner import run_jobs
from scenes.pipeline.scene_render import render_scene
from scenes.pipeline.serve import add_parser as add_serve_parser
from scenes.pipeline.serve import cmd_serve
from scenes.pipeline.settings import DEFAULT_TIMEOUT, QUALITIES, RenderError, output_folder, variant_name
from scenes.pipeline.voice import DEFAULT_RATE, DEFAULT_VOICE, VoiceSettings

PROG = "derivatives"
_VALUE_FLAGS = (
    "--slope",
    "--intercept",
    "--points",
    "--nudge",
    "--function",
    "--config",
    "--out",
    "--rate",
    "--voice",
)
PARAMETER_KEYS = ("slope", "intercept", "points", "nudge", "function")


def _add_parameter_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("lecture parameters (default: the lecture's own)")
    group.add_argument("--slope", metavar="K", help="slope k of f(a) = k·a + b (default 3)")
    group.add_argument("--intercept", metavar="B", help="intercept b (default 0)")
    group.add_argument("--points", metavar="A1,A2,...", help="1 to 5 distinct points a (default 2,5)")
    group.add_argument("--nudge", metavar="H", help="the nudge h, 0 < h <= 1 (default 0.001)")
    group.add_argument(
        "--function",
        metavar="EXPR",
        help="f(a) as an expression such as 'a^2', 'log(a)' or '(a+1)^2/2' instead of a slope and intercept "
        "(narrated by transcript; render, preview and stills draw lines only, for now)",
    )
    group.add_argument(
        "--config",
        metavar="FILE.toml",
        help="a TOML file with any of the keys slope, intercept, points, nudge (and voice, rate, engine, "
        "recordings); flags override it",
    )


VOICE_KEYS = ("voice", "rate", "engine", "recordings")


def _config_and_flags(args: argparse.Namespace) -> tuple[dict[str, object], dict[str, object]]:
    """The lecture's and the voice's settings: a config file's (if any), overridden by flags."""
    values: dict[str, object] = {}
    if args.config is not None:
        values.update(load_config(args.config))
        known = (*PARAMETER_KEYS, *VOICE_KEYS)
        for key in values:
            if key not in known:
                raise ParameterError(
                    key, f"unknown key in {args.config}; known keys are {', '.join(sorted(known))}"
                )
    for name in (*PARAMETER_KEYS, *VOICE_KEYS):
        given = getattr(args, name, None)
        if given is not None:
            values[name] = given
    voice = {k: values.pop(k) for k in VOICE_KEYS if k in values}
    return values, voice


def params_from_args(args: argparse.Namespace) -> Params:
    """The lecture's parameters from a config file (if any) overridden by flags; raises ParameterError."""
    values, _ = _config_and_flags(args)  # (voice settings are read by the commands that speak)
    return Params.from_mapping(values, source=args.config or "config")


def plan_from_args(args: argparse.Namespace) -> LecturePlan:
    """The lecture plan for the parameters the command was given; raises ParameterError."""
    return lecture_plan(params_from_args(args))


def voice_from_args(args: argparse.Namespace) -> VoiceSettings:
    """The voice settings (config file, then flags). `--voice none` is a silent render."""
    _, given = _config_and_flags(args)
    voice = given.get("voice", DEFAULT_VOICE)
    if not isinstance(voice, str):
        raise ParameterError("voice", f"expected a voice name, got {voice!r}")
    engine = given.get("engine")
    if engine is None:
        engine = "none" if voice == "none" else "recorded" if "recordings" in given else "espeak-ng"
    if engine == "none" and voice == "none":
        voice = DEFAULT_VOICE
    rate = given.get("rate", DEFAULT_RATE)
    if isinstance(rate, str):
        if not re.fullmatch(r"[0-9]+", rate.strip()):
            raise ParameterError("rate", f"{rate!r} is not a whole number of words per minute")
        rate = int(rate)
    elif not isinstance(rate, int) or isinstance(rate, bool):
        raise ParameterError("rate", f"{rate!r} is not a whole number of words per minute")
    recordings = given.get("recordings")
    return VoiceSettings(
        engine=str(engine), voice=voice, rate=rate, recordings=Path(str(recordings)) if recordings else None
    )


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    """Let `--points -3,0.5` mean `--points=-3,0.5`: argparse would take '-3,0.5' for an option."""
    out: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _VALUE_FLAGS and i + 1 < len(args) and args[i + 1].startswith("-") and args[i + 1] != "--":
            nxt = args[i + 1]
            if not nxt.startswith("--"):
                out.append(f"{arg}={nxt}")
                i += 2
                continue
        out.append(arg)
        i += 1
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render the lecture 'Derivatives' with Manim; every number is computed exactly.",
        allow_abbrev=False,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("list", help="the scenes in lecture order, one line each", allow_abbrev=False)

    p = sub.add_parser("transcript", help="print the narration as plain text", allow_abbrev=False)
    _add_parameter_flags(p)
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
    _add_parameter_flags(p)
    _add_voice_flags(p)

    p = sub.add_parser(
        "preview", help="render one scene at low quality and write its last frame as PNG", allow_abbrev=False
    )
    p.add_argument("scene", metavar="SCENE", help="a scene name, beat id or position")
    p.add_argument("--gif", action="store_true", help="also write the whole scene as an animated GIF")
    p.add_argument("--out", metavar="DIR", help="output folder (default: renders/preview/<variant>)")
    _add_parameter_flags(p)
    _add_voice_flags(p)

    p = sub.add_parser("stills", help="the last frame of each scene as PNG", allow_abbrev=False)
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (default: all)")
    _add_quality_flag(p, "l")
    p.add_argument("--out", metavar="DIR", default="docs/stills", help="output folder (default: docs/stills)")
    _add_parameter_flags(p)
    add_serve_parser(sub)
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


def _add_voice_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("narration voice (default: espeak-ng, en-us, 165 words a minute)")
    group.add_argument(
        "--voice", metavar="NAME", help="espeak-ng voice (en-us, en-gb, ...) or none for a silent render"
    )
    group.add_argument("--rate", metavar="WPM", help="speaking rate in words per minute (80 to 450)")
    group.add_argument("--engine", metavar="ENGINE", help="espeak-ng, recorded or none")
    group.add_argument(
        "--recordings", metavar="DIR", help="a folder of WAV files named by cue id (engine recorded)"
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


def _selected(names: list[str]) -> list[SceneEntry]:
    """The scenes named, each once, in lecture order (all of them when none is named)."""
    if not names:
        return list(SCENES_IN_ORDER)
    selected = set()
    for name in names:
        try:
            selected.add(find(name))
        except KeyError as err:
            raise ParameterError("scene", err.args[0]) from None
    return [e for e in SCENES_IN_ORDER if e in selected]


def cmd_list(args: argparse.Namespace) -> int:
    width = max(len(e.name) for e in SCENES_IN_ORDER)
    for entry in SCENES_IN_ORDER:
        print(f"{entry.position:2d}  {entry.name:<{width}}  {entry.beat.summary}")
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


def cmd_render(args: argparse.Namespace) -> int:
    plan = plan_from_args(args)
    voice = voice_from_args(args)
    scenes = _selected(args.scenes) if args.scenes else None
    out = Path(args.out) if args.out else output_folder(plan.params, voice, args.quality)
    if args.report:
        _check_report(Path(args.report))
    run = {"voice": voice, "scenes": scenes, "parallel": args.jobs, "timeout": args.timeout}
    with live_progress() as progress:  # (scenes.pipeline.progress: live on a terminal, lines elsewhere)
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
    (entry,) = _selected([args.scene])
    if not plan.has(entry.beat.id):
        raise ParameterError(
            "scene", f"{entry.name} has nothing to show with these parameters (it needs a second point)"
        )
    cache = Cache(Path("renders") / ".cache")
    jobs = make_jobs(plan, [entry], "l", voice, cache.voice)
    (clip,) = run_jobs(jobs, cache, say=lambda line: None)
    out = Path(args.out) if args.out else Path("renders") / "preview" / variant_name(plan.params, voice)
    png = out / f"{entry.name}.png"
    last_frame_png(clip.movie, png)
    print(png)
    if args.gif:
        gif = out / f"{entry.name}.gif"
        write_gif(clip.movie, gif)
        print(gif)
    return 0


def cmd_stills(args: argparse.Namespace) -> int:
    plan = plan_from_args(args)
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="derivatives-") as media:
        for entry in _selected(args.scenes):
            if not plan.has(entry.beat.id):
                continue
            result = render_scene(
                entry, plan.part(entry.beat.id), quality=args.quality, media_dir=Path(media), movie=False
            )
            path = out / f"{entry.stem}.png"
            save_png(result.last_frame, path)
            print(path)
    return 0


def variant_settings(values: dict[str, object]) -> tuple[LecturePlan, VoiceSettings]:
    """A batch variant's plan and voice from its config-file keys, by the rules of `render --config`."""
    args = argparse.Namespace(config=None, **{k: values.get(k) for k in (*PARAMETER_KEYS, *VOICE_KEYS)})
    return plan_from_args(args), voice_from_args(args)


COMMANDS = {
    "batch": lambda args: cmd_batch(args, variant_settings, (*PARAMETER_KEYS, *VOICE_KEYS)),
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
    args = build_parser().parse_args(_join_negative_values(argv))
    signal.signal(signal.SIGTERM, _terminate)  # clean up as for Ctrl-C
    try:
        return COMMANDS[args.command](args)
    except ParameterError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except RenderError as err:
        print(f"{PROG}: render failed: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `derivatives transcript | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
