"""Independent oracles: what each cue of the narration must say, written here from the mathematics for
three parameter sets (not read back from derivlib), and checked against derivlib's narration, the
command line's transcript and, for the lecture's own parameters, the published subtitles.

Each cue's numbers are listed in the order the sentence says them; a cue that says no number is listed
too, so a cue that gains, loses or changes a number fails.

- defaults: f(a) = 3a at 2 and 5, nudge 0.001: f(2) = 6, f(2.001) = 6.003, rise 0.003, slope 3;
  f(5) = 15, f(5.001) = 15.003.
- issue: f(a) = 7a at -3 and 0.5, nudge 0.01: f(-3) = -21, f(-2.99) = -20.93, rise 0.07;
  f(0.5) = 3.5, f(0.51) = 3.57.
- falling: f(a) = -2a + 1 at 2 and 5, nudge 0.001: f(2) = -3, f(2.001) = -3.002, rise -0.002;
  f(5) = -9, f(5.001) = -9.002.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import webvtt

from derivlib.narration import narration
from derivlib.params import Params

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def said(slope: str, x: str, fx: str, xh: str, fxh: str, h: str, rise: str, second: tuple[str, ...], **extra):
    """The numbers of every cue for a line of this slope, first point x, nudge h, by cue id. (A helper
    for writing the tables, not a second implementation: each value is typed in by the caller.)"""
    x2, fx2, x2h, fx2h = second
    return {
        "opening-aim": [],
        "opening-reassure": [],
        "line-function": extra["formula"],
        "line-shape": [],
        "point-pick": [x],
        "point-value": extra["evaluation"],
        "nudge-move": [h, xh],
        "nudge-moves": [fxh],
        "nudge-scale": [h],
        "triangle-width": [h],
        "triangle-height": extra["height"],
        "triangle-times": extra["times"],
        "triangle-zoom": [],
        "slope-ratio": [rise, h, slope],
        "slope-derivative": [x, slope],
        "another-2-pick": [x2, fx2],
        "another-2-moves": [h, x2h, fx2h],
        "another-2-ratio": [rise, h, slope],
        "notation-leibniz": [slope],
        "notation-operator": [slope],
        "notation-meaning": [slope],
        "formal-smaller": extra["shrinking"],
        "formal-ratios": ["1000", slope, slope, slope],
        "formal-limit": [slope],
        "everywhere-ratio": [slope, "1"],
        "everywhere-all": [slope],
        "closing-summary": [slope],
        "closing-next": [],
    }


EXPECTED = {
    "defaults": (
        Params(),
        [],
        said(
            "3",
            "2",
            "6",
            "2.001",
            "6.003",
            "0.001",
            "0.003",
            ("5", "15", "5.001", "15.003"),
            formula=["3"],
            evaluation=["3", "2", "6"],
            height=["0.003"],
            times=["3"],
            shrinking=["0.001", "0.000001", "0.000000001"],
        ),
    ),
    "issue": (
        Params.from_strings(slope="7", points="-3,0.5", nudge="0.01"),
        ["--slope", "7", "--points", "-3,0.5", "--nudge", "0.01"],
        said(
            "7",
            "-3",
            "-21",
            "-2.99",
            "-20.93",
            "0.01",
            "0.07",
            ("0.5", "3.5", "0.51", "3.57"),
            formula=["7"],
            evaluation=["7", "-3", "-21"],
            height=["0.07"],
            times=["7"],
            shrinking=["0.01", "0.00001", "0.00000001"],
        ),
    ),
    "falling": (
        Params.from_strings(slope="-2", intercept="1"),
        ["--slope", "-2", "--intercept", "1"],
        said(
            "-2",
            "2",
            "-3",
            "2.001",
            "-3.002",
            "0.001",
            "-0.002",
            ("5", "-9", "5.001", "-9.002"),
            formula=["-2", "1"],
            evaluation=["-2", "2", "1", "-3"],
            height=["0.002", "-0.002"],  # down by 0.002, a height of -0.002
            times=["2"],
            shrinking=["0.001", "0.000001", "0.000000001"],
        ),
    ),
}


def numbers_by_cue(pairs) -> dict[str, list[str]]:
    return {cue_id: NUMBER.findall(text) for cue_id, text in pairs}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_cue_says_exactly_its_numbers(name):
    params, _, expected = EXPECTED[name]
    assert numbers_by_cue((c.id, c.text) for c in narration(params)) == expected


@pytest.mark.parametrize("name", list(EXPECTED))
def test_the_transcript_says_them_too(name):
    _, flags, expected = EXPECTED[name]
    out = subprocess.run(
        [sys.executable, "-m", "scenes", "transcript", "--with-ids", *flags],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [m.groups() for m in re.finditer(r"^\[([a-z0-9-]+)\] (.*)$", out, re.M)]
    assert numbers_by_cue(lines) == expected


def test_the_published_subtitles_say_them(lecture_project):
    _, _, expected = EXPECTED["defaults"]
    cues = webvtt.read(str(lecture_project / "renders/lecture/480p15/lecture.vtt"))
    assert numbers_by_cue((c.identifier, c.text) for c in cues) == expected


def test_the_second_point_is_introduced_with_its_own_value_only():
    """The cue that introduces the second point names a = 5 and f(a) = 15, and no other value."""
    (cue,) = [c for c in narration(Params()) if c.id == "another-2-pick"]
    assert cue.text == "Now take a = 5, where f(a) = 15."
