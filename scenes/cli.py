"""The `derivatives` command: list the scenes, print the narration, render.

Bad input ends with one line on stderr naming the parameter, and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from derivlib.numbers import ParameterError
from derivlib.params import Params, load_config

from .manifest import SCENES_IN_ORDER

PROG = "derivatives"
_VALUE_FLAGS = ("--slope", "--intercept", "--points", "--nudge", "--config")


def _add_parameter_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("lecture parameters (default: the lecture's own)")
    group.add_argument("--slope", metavar="K", help="slope k of f(a) = k·a + b (default 3)")
    group.add_argument("--intercept", metavar="B", help="intercept b (default 0)")
    group.add_argument("--points", metavar="A1,A2,...", help="1 to 5 distinct points a (default 2,5)")
    group.add_argument("--nudge", metavar="H", help="the nudge h, 0 < h <= 1 (default 0.001)")
    group.add_argument(
        "--config",
        metavar="FILE.toml",
        help="a TOML file with any of the keys slope, intercept, points, nudge; flags override it",
    )


def params_from_args(args: argparse.Namespace) -> Params:
    """The parameters from a config file (if any) overridden by flags; raises ParameterError."""
    values: dict[str, object] = {}
    if args.config is not None:
        values.update(load_config(args.config))
    for name in ("slope", "intercept", "points", "nudge"):
        given = getattr(args, name)
        if given is not None:
            values[name] = given
    return Params.from_mapping(values, source=args.config or "config")


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
    return parser


def cmd_list(args: argparse.Namespace) -> int:
    width = max(len(e.name) for e in SCENES_IN_ORDER)
    for i, entry in enumerate(SCENES_IN_ORDER, start=1):
        print(f"{i:2d}  {entry.name:<{width}}  {entry.beat.summary}")
    return 0


def cmd_transcript(args: argparse.Namespace) -> int:
    from derivlib.narration import transcript

    params = params_from_args(args)
    sys.stdout.write(transcript(params, with_ids=args.with_ids))
    return 0


COMMANDS = {"list": cmd_list, "transcript": cmd_transcript}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(_join_negative_values(argv))
    try:
        return COMMANDS[args.command](args)
    except ParameterError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `derivatives transcript | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
