"""Progress of a render or a batch: scenes and variants done of their total, what is running, the time
taken and the time left.

On a terminal the display is live (rich's progress bars, redrawn in place, with the lines a render
prints scrolling above them); otherwise (a CI log, a pipe, a file) it is plain lines, one per event
worth a line, and nothing is redrawn. :class:`Events` is what the runner tells it; its methods do
nothing, so a run without a display is told nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:  # (jobs import the voice and the settings; only their names are read here)
    from scenes.pipeline.running.jobs import Job

__all__ = ["Display", "Events", "live_progress", "terminal_safe"]

#: A line of user text shown on the terminal is cut to this many characters.
MAX_SHOWN = 500


def terminal_safe(text: str, limit: int = MAX_SHOWN) -> str:
    r"""*text* as it may be shown on a terminal: every control or format character (an escape sequence's
    ESC, a newline, a right-to-left override) written as its escape, and cut to *limit* characters.

    >>> terminal_safe("a\x1b[2Jb"), terminal_safe("x" * 10, 5)
    ('a\\x1b[2Jb', 'xxxx…')
    """
    out = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


#: how many running scenes the display names
_SHOWN = 4
#: the width of tables written to a log rather than a terminal
_LOG_WIDTH = 200


class Events:
    """What the runner reports while it runs jobs; by default, nothing is done with it."""

    def planned(self, jobs: Sequence[Job], cached: int) -> None:
        """*jobs* will be rendered; *cached* clips came from the cache."""

    def started(self, job: Job) -> None:
        """*job* started rendering."""

    def finished(self, job: Job, seconds: float) -> None:
        """*job*'s clip was rendered, checked and cached."""

    def failed(self, job: Job, why: str) -> None:
        """*job* failed; *why* is one line."""


class Display(Events):
    """The live display (on a terminal) or plain lines (elsewhere) of a render or a batch.

    *labels* names a job in the display (a batch adds its variant to the scene's name)."""

    def __init__(self, console: Console, *, live: bool, variants: int | None = None):
        self.console = console
        self.live = live
        self.labels: dict[str, str] = {}
        self.durations: dict[str, float] = {}
        self._running: dict[str, str] = {}
        self._started = time.monotonic()
        self._bars: Progress | None = None
        self._scenes: TaskID | None = None
        self._variants: TaskID | None = None
        self._variant_total = variants
        self._variants_done = 0
        self._shown = False
        if live:
            self._bars = Progress(
                TextColumn("{task.description:<8}"),
                BarColumn(bar_width=30),
                MofNCompleteColumn(),
                TextColumn("elapsed"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[running]}", style="dim"),
                console=console,
                transient=False,
                refresh_per_second=4,
            )
            self._scenes = self._bars.add_task("scenes", total=None, running="")
            if variants is not None:
                self._variants = self._bars.add_task("variants", total=variants, running="")

    def _show(self) -> None:
        """Draw the bars from the first event on (a render refused at once shows none)."""
        if self._bars is not None and not self._shown:
            self._shown = True
            self._bars.start()

    # what the render prints (above the bars when live)
    def say(self, line: str) -> None:
        self._show()
        if self._bars is not None:
            self._bars.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.console.file, flush=True)

    def _label(self, job: Job) -> str:
        return self.labels.get(job.key, job.entry.name)

    def _show_running(self) -> None:
        if self._bars is None or self._scenes is None:
            return
        names = list(self._running.values())
        text = ", ".join(names[:_SHOWN]) + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")
        self._bars.update(self._scenes, running=f"running: {text}" if text else "")

    def planned(self, jobs: Sequence[Job], cached: int) -> None:
        self._show()
        if self._bars is not None and self._scenes is not None:
            self._bars.update(self._scenes, total=len(jobs), completed=0)
        elif jobs:
            self.say(f"{len(jobs)} scene(s) to render, {cached} from the cache")

    def started(self, job: Job) -> None:
        self._show()
        self._running[job.key] = self._label(job)
        self._show_running()

    def finished(self, job: Job, seconds: float) -> None:
        self._running.pop(job.key, None)
        self.durations[job.key] = seconds
        if self._bars is not None and self._scenes is not None:
            self._bars.advance(self._scenes)
        self._show_running()

    def failed(self, job: Job, why: str) -> None:
        self._running.pop(job.key, None)
        self.say(f"failed: {self._label(job)}: {why}")
        if self._bars is not None and self._scenes is not None:
            self._bars.advance(self._scenes)
        self._show_running()

    def variant_done(self, label: str, status: str) -> None:
        """A batch's variant is published, up to date or failed."""
        self._variants_done += 1
        if self._bars is not None and self._variants is not None:
            self._bars.advance(self._variants)
        total = f"/{self._variant_total}" if self._variant_total is not None else ""
        elapsed = time.monotonic() - self._started
        self.say(f"[variant {self._variants_done}{total}] {label}: {status} ({elapsed:.0f} s into the batch)")

    def __enter__(self) -> Display:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bars is not None and self._shown:
            self._bars.stop()


@contextmanager
def live_progress(*, variants: int | None = None, stream: TextIO | None = None) -> Iterator[Display]:
    """A progress display on *stream* (standard output): live when it is a terminal, plain lines
    otherwise."""
    console = Console(file=stream or sys.stdout, highlight=False)
    if not console.is_terminal:  # a log: lines as long as they are (rich would wrap at 80 columns)
        console = Console(file=stream or sys.stdout, highlight=False, width=_LOG_WIDTH)
    with Display(console, live=console.is_terminal, variants=variants) as display:
        yield display
