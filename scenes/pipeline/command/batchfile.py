"""A batch file: many variants of the lecture in one TOML file, each checked before anything renders.

    scheduler = "tcp://10.0.0.5:8786"   # optional: the scene jobs run on this Dask cluster

    [[variant]]
    name = "alice"          # optional: the folder's name (default: the variant's own name)
    quality = "l"           # optional: l, m, h, p, k or 480p15 ... 2160p60 (default: batch -q)
    slope = 7
    points = [-3, 0.5]
    voice = "none"
    language = "de"         # optional: the lecture in German (its own folder, ..._language-de)

A variant takes the keys of a config file (the lecture's parameters and the voice's settings) and the
same rules, plus ``quality`` and ``name``. The whole file is read first: every row that cannot be
rendered is reported at once (its number and name, and the one-line reason), and nothing renders.
The voice is checked too (voice_check: the Piper model, espeak-ng's voice, every recording).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from derivlib.config import load_config
from derivlib.numbers import ParameterError
from derivlib.plan import LecturePlan
from scenes.pipeline.publishing.publish import check_destination
from scenes.pipeline.running.progress import terminal_safe
from scenes.pipeline.settings import QUALITIES, output_folder, variant_name
from scenes.pipeline.sound.voice_check import check_voice
from scenes.pipeline.sound.voice_settings import VoiceSettings

__all__ = ["MAX_VARIANTS", "BatchError", "Variant", "read_batch"]

#: A batch is for a course's worth of variants, not an unbounded list.
MAX_VARIANTS = 1000
#: What a batch file holds besides its variants.
FILE_KEYS = ("variant", "scheduler")
#: What a variant holds besides the config file's keys.
VARIANT_KEYS = ("quality", "name")
# Lectures: a variant's `lecture` key (derivlib.lectures) is one of the keys cli.py passes in
# (`settings_keys`) and reaches the plan through `settings` (arguments.variant_settings); a variant
# without a name is published where `render` would publish it (`_destination`: settings.output_folder,
# which puts the second lecture's folders under its own name).

#: A folder name a user may give: plain letters, digits, '.', '_', '-'; not hidden, not renders/'s own.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
_RESERVED = {"preview", "index.html"}
#: Quality as a letter or as the folder it renders into.
_QUALITY = {**{k: k for k in QUALITIES}, **{folder: k for k, (_, folder) in QUALITIES.items()}}

#: A variant's config-file values -> its (plan, voice), by the rules of `render --config`.
Settings = Callable[[dict[str, object]], tuple[LecturePlan, VoiceSettings]]


class BatchError(Exception):
    """A batch file with bad rows: each line names a row and says why."""

    def __init__(self, lines: Sequence[str]):
        super().__init__("\n".join(lines))
        self.lines = list(lines)


@dataclass(frozen=True)
class Variant:
    """One checked row: what it renders and where it is published."""

    index: int  # from 1, in the file's order
    label: str  # its folder's name: the row's name, or the variant's own name
    plan: LecturePlan
    voice: VoiceSettings
    quality: str
    out: Path


def _destination(
    values: dict[str, object], plan: LecturePlan, voice: VoiceSettings, quality: str, renders: Path
) -> tuple[str, Path]:
    """A variant's label and folder: renders/<name>/<quality>, or without a name where `render` would
    publish it."""
    name = values.get("name")
    if name is None:
        return variant_name(plan.params, voice, plan.lecture, plan.language), output_folder(
            plan.params, voice, quality, renders, lecture=plan.lecture, language=plan.language
        )
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name in _RESERVED:
        raise ParameterError(
            "name",
            f"{name!r} is not a folder name: letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return name, renders / name / QUALITIES[quality][1]


def _quality(values: dict[str, object], default: str) -> str:
    given = values.get("quality", default)
    if not isinstance(given, str) or given not in _QUALITY:
        folders = ", ".join(folder for _, folder in QUALITIES.values())
        raise ParameterError("quality", f"{given!r} is not one of {', '.join(QUALITIES)} or {folders}")
    return _QUALITY[given]


def _row(
    values: object,
    *,
    settings: Settings,
    settings_keys: Sequence[str],
    default_quality: str,
    renders: Path,
    voices_seen: set,
) -> tuple[LecturePlan, VoiceSettings, str, str, Path]:
    if not isinstance(values, dict):
        raise ParameterError("variant", "each [[variant]] is a table of keys")
    known = (*settings_keys, *VARIANT_KEYS)
    for key in values:
        if key not in known:
            raise ParameterError(key, f"unknown key; a variant's keys are {', '.join(sorted(known))}")
    quality = _quality(values, default_quality)
    plan, voice = settings({k: v for k, v in values.items() if k in settings_keys})
    check_voice(voice, [c.cue for p in plan.parts for c in p.cues], voices_seen)
    label, out = _destination(values, plan, voice, quality, renders)
    check_destination(out)
    return plan, voice, quality, label, out


def _describe(index: int, values: object) -> str:
    """'variant 3 (its name)': the name escaped and cut short, as a terminal may show it."""
    name = values.get("name") if isinstance(values, dict) else None
    return f"variant {index}" + (f" ({terminal_safe(name, 40)})" if isinstance(name, str) else "")


def read_batch(
    path: Path,
    *,
    settings: Settings,
    settings_keys: Sequence[str],
    default_quality: str,
    renders: Path = Path("renders"),
) -> tuple[list[Variant], str | None]:
    """The variants of the batch file at *path*, checked, and its scheduler (or None).

    Raises ParameterError for a file that cannot be read as a batch at all, and BatchError naming
    every bad row (of two rows that would publish into one folder, the second, naming the first)."""
    data = load_config(path)
    for key in data:
        if key not in FILE_KEYS:
            raise ParameterError(
                key,
                f"unknown key at the top of {path}; a batch file has [[variant]] tables (and scheduler)",
            )
    rows = data.get("variant")
    if not isinstance(rows, list) or not rows:
        raise ParameterError("variant", f"{path} has no [[variant]] tables")
    if len(rows) > MAX_VARIANTS:
        raise ParameterError("variant", f"{path} has {len(rows)} variants; at most {MAX_VARIANTS}")
    scheduler = data.get("scheduler")
    if scheduler is not None and not isinstance(scheduler, str):
        raise ParameterError("scheduler", f"expected an address such as tcp://host:8786, got {scheduler!r}")
    errors: list[str] = []
    variants: list[Variant] = []
    owners: dict[Path, int] = {}
    voices_seen: set = set()  # (each synthetic voice checked once)
    for index, values in enumerate(rows, start=1):
        try:
            plan, voice, quality, label, out = _row(
                values,
                settings=settings,
                settings_keys=settings_keys,
                default_quality=default_quality,
                renders=renders,
                voices_seen=voices_seen,
            )
        except ParameterError as err:
            errors.append(f"{_describe(index, values)}: {err}")
            continue
        where = out.resolve()
        if where in owners:
            errors.append(
                f"{_describe(index, values)}: name: publishes into {out}, as variant {owners[where]} does; "
                "give one of them a name"
            )
            continue
        owners[where] = index
        variants.append(Variant(index, label, plan, voice, quality, out))
    if errors:
        raise BatchError(errors)
    return variants, scheduler
