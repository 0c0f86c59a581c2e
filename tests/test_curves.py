"""Curves (`--function`), through the command line: the narration's numbers, exact where the mathematics
is, ≈ where it is not, and every refusal one line."""

from __future__ import annotations

import re
import resource

import pytest
from lecture_render import derivatives
from PIL import Image

NUMBER = re.compile(r"≈?-?\d+(?:\.\d+)?")


def transcript(tmp_path, *args: str) -> str:
    result = derivatives(tmp_path, "transcript", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def test_a_square_at_two_and_five(tmp_path):
    out = transcript(tmp_path, "--function", "a^2", "--points", "2,5")
    said = numbers(out)
    for n in ["4.004001", "4.001", "25.010001", "10.001"]:
        assert n in said, n
    assert "at a = 2 the derivative of f is 4." in out
    assert "about the derivative there, 10: a different slope from before." in out
    assert "the ratio closes in: 4.001, 4.000001, 4.000000001." in out
    assert "df(a)/da = 2a" in out and "At a = 2 that is 2 × 2 = 4; at a = 5, 2 × 5 = 10." in out


def test_a_cube_at_two(tmp_path):
    out = transcript(tmp_path, "--function", "a^3", "--points", "2")
    for n in ["8.012006001", "12.006001"]:
        assert n in numbers(out), n
    assert "at a = 2 the derivative of f is 12." in out
    assert "df(a)/da = 3a^2" in out


def test_a_logarithm_shows_its_inexact_values_with_approx(tmp_path):
    out = transcript(tmp_path, "--function", "log(a)", "--points", "2")
    assert "There f(a) = log(2), which is ≈0.69314718056." in out
    assert "f(a) goes up, to ≈0.693647055602." in out
    assert "at a = 2 the derivative of f is 0.5." in out
    assert "df(a)/da = 1/a" in out


def test_another_nudge_changes_every_number(tmp_path):
    out = transcript(tmp_path, "--function", "a^2", "--points", "2,5", "--nudge", "0.01")
    assert "4.0401" in numbers(out) and "4.01" in numbers(out) and "25.1001" in numbers(out)
    assert "4.004001" not in out


def test_a_line_given_as_a_function_is_the_line(tmp_path):
    assert transcript(tmp_path, "--function", "3a + 1") == transcript(
        tmp_path, "--slope", "3", "--intercept", "1"
    )


def test_a_function_in_a_config_file(tmp_path):
    (tmp_path / "c.toml").write_text('function = "a^2"\npoints = [2, 5]\n')
    assert transcript(tmp_path, "--config", "c.toml") == transcript(tmp_path, "--function", "a^2")


BAD = [
    (
        ["--function", "a^2", "--slope", "2"],
        "function: give either a function or a slope and an intercept, not both",
    ),
    (["--function", "__import__('os').system('true')"], "function: unknown name '__import__' at column 1"),
    (["--function", "a.__class__"], "function: unexpected text at column 2, found '.'"),
    (["--function", "9^9^9^9"], "function: the exponent 387420489 is beyond the bound"),
    (["--function", "a +"], "function: expected a number, a, a function or '(' at column 4, found the end"),
    (["--function", "log(a)", "--points", "-1"], "points: f is not defined at a = -1"),
    (["--function", "1/a", "--points", "0"], "points: f is not defined at a = 0: it has a pole there"),
    (["--function", "1/a", "--points", "-0.5", "--nudge", "1"], "nudge: the nudge from a = -0.5 to 0.5"),
    (["--function", "sqrt(a)", "--points", "0"], "points: its derivative is not defined at a = 0"),
    # a denominator that is 0 whatever a is (once read as a traceback)
    (["--function", "(2a/0)^1"], "function: (2a/0)^1 divides by zero for every a"),
    (["--function", "2a/0"], "points: f is not defined at a = 2: it has a pole there"),
    (["--function", "a/(a-a)"], "points: f is not defined at a = 2: it has a pole there"),
    (
        ["--function", "a^12", "--points", "100"],
        "points: f at a = 100 is beyond ±1000000000, too large to draw and read",
    ),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_a_bad_function_is_one_line_at_once(tmp_path, args, message):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = derivatives(tmp_path, "transcript", *args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # the command's own CPU time, not the wall clock: a loaded machine makes it wait, not work more
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert cpu < 5, f"refusing took {cpu:.1f} CPU-seconds (a Python start-up included)"
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"derivatives: error: {message}"), lines[0]


def test_a_curve_previews_into_a_folder_named_by_its_function(tmp_path):
    """The commands that draw take a curve: a preview lands in the function's own variant folder."""
    result = derivatives(tmp_path, "preview", "TheNudge", "--function", "1/a", "--points", "1,2")
    assert result.returncode == 0, result.stderr
    png = tmp_path / "renders" / "preview" / "function-1diva_points-1,2" / "TheNudge.png"
    assert str(png.relative_to(tmp_path)) in result.stdout
    with Image.open(png) as image:
        assert image.size == (854, 480)
        assert image.getextrema() != ((0, 0), (0, 0), (0, 0)), "not a black frame"


def test_a_rounded_value_is_never_said_to_equal(tmp_path):
    """A value shown rounded follows ≈, never '= ≈...'; a falling curve says which way f(a) moved."""
    out = transcript(tmp_path, "--function", "1/a", "--points", "2,3")
    assert "= ≈" not in out
    assert "Now take a = 3, where f(a) ≈ 0.333333333333." in out
    assert "0.001 ≈ -0.249875062469." in out
    assert "f(a) moved ≈0.249875062469 times as far as a did, and in the other direction." in out
    assert "At a = 2 that is -1 / 2^2 = -0.25; at a = 3, -1 / 3^2 ≈ -0.111111111111." in out
