"""The command line, run as a user runs it: a real process, its stdout, stderr and exit status."""

import subprocess
import sys

import pytest

from derivlib.lectures import lectures
from scenes.manifest import SCENES_IN_ORDER, scenes_of


def run(*args, check=False):
    return subprocess.run(
        [sys.executable, "-m", "scenes", *args], capture_output=True, text=True, check=check
    )


def test_list_prints_each_lecture_and_its_scenes_in_order():
    out = run("list", check=True).stdout.splitlines()
    headers = [i for i, line in enumerate(out) if not line.startswith(" ")]
    assert [out[i].split(":")[0] for i in headers] == [lecture.name for lecture in lectures()]
    for start, lecture in zip(headers, lectures(), strict=True):
        lines = out[start + 1 : start + 1 + len(scenes_of(lecture.name))]
        assert [line.split()[1] for line in lines] == [e.name for e in scenes_of(lecture.name)]
        assert [int(line.split()[0]) for line in lines] == list(range(1, len(lines) + 1))
    assert [line.split()[1] for line in out[1:12]] == [e.name for e in SCENES_IN_ORDER]


def test_transcript_defaults():
    out = run("transcript", check=True).stdout
    for number in ["2.001", "6.003", "0.003", "0.001", "5.001", "15.003", "= 3"]:
        assert number in out


def test_transcript_issue_example():
    out = run("transcript", "--slope", "7", "--points", "-3,0.5", "--nudge", "0.01", check=True).stdout
    for piece in ["7 × (-3) = -21", "-2.99", "-20.93", "0.07 / 0.01 = 7"]:
        assert piece in out


def test_transcript_with_ids():
    out = run("transcript", "--with-ids", check=True).stdout
    assert "[nudge-move] " in out


def test_config_file_and_flag_override(tmp_path):
    cfg = tmp_path / "p.toml"
    cfg.write_text('slope = 7\nnudge = 0.01\npoints = [-3, "0.5"]\n')
    out = run("transcript", "--config", str(cfg), check=True).stdout
    assert "-20.93" in out
    out = run("transcript", "--config", str(cfg), "--slope", "2", check=True).stdout
    assert "f(a) = 2a" in out and "-5.98" in out


BAD = [
    (["--nudge", "0"], "nudge"),
    (["--nudge", "-0.5"], "nudge"),
    (["--nudge", "1.5"], "nudge"),
    (["--slope", "nan"], "slope"),
    (["--slope", "inf"], "slope"),
    (["--slope", "-inf"], "slope"),
    (["--slope", "1e400"], "slope"),
    (["--points", "1_000"], "points"),
    (["--points", "٣"], "points"),
    (["--intercept", ""], "intercept"),
    (["--points", "2,2.0"], "points"),
    (["--points", "1,2,3,4,5,6"], "points"),
    (["--slope", "5000"], "slope"),
    (["--points", "2000000"], "points"),
    (["--intercept", "1e7"], "intercept"),
    (["--slope", "1.0000000000001"], "slope"),
    (["--nudge", "0.0000000001"], "nudge"),
    (["--points", "1000000", "--nudge", "0.000000001"], "nudge"),  # a + h would show as a
]


@pytest.mark.parametrize(("args", "parameter"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_fails_cleanly(args, parameter):
    result = run("transcript", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"derivatives: error: {parameter}: ")
    assert "Traceback" not in result.stderr


BAD_CONFIGS = [
    ('slope = 3\ncolour = "green"\n', "colour: unknown key"),
    ("slope = [\n", "config: "),
    ("slope = nan\n", "slope: "),
    ("slope = inf\n", "slope: "),
    ("slope = 1e400\n", "slope: "),
    ("nudge = 0\n", "nudge: "),
    ("slope = true\n", "slope: "),
    ('points = "2,2"\n', "points: "),
    ("points = 2\n", "points: "),
]


@pytest.mark.parametrize(("content", "message"), BAD_CONFIGS)
def test_bad_config_fails_cleanly(tmp_path, content, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    result = run("transcript", "--config", str(cfg))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"derivatives: error: {message}")


def test_unreadable_and_non_utf8_config(tmp_path):
    missing = run("transcript", "--config", str(tmp_path / "none.toml"))
    assert missing.returncode == 2 and "config: cannot read" in missing.stderr
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe slope = 3")
    result = run("transcript", "--config", str(binary))
    assert result.returncode == 2 and "config: " in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("lecture", [lecture.name for lecture in lectures()])
def test_transcript_in_another_language(lecture, tmp_path):
    """`derivatives transcript --language de` (or the TOML key language) prints the lecture in German,
    its numbers by German's rule; a French render refuses the English Piper voice, in one line naming
    the voice, before anything is made."""
    # (the computation graph's default values are whole numbers: one with decimals is given)
    values = ["--values", "a=2.001,b=3,c=2"] if lecture == "computation-graph" else []
    english = run("transcript", "--lecture", lecture, *values, check=True).stdout
    german = run("transcript", "--lecture", lecture, *values, "--language", "de", check=True).stdout
    cfg = tmp_path / "de.toml"
    cfg.write_text('language = "de"\n')
    assert run("transcript", "--lecture", lecture, *values, "--config", str(cfg), check=True).stdout == german
    assert "2.001" in english and "2,001" in german and "2.001" not in german
    assert german.count("\n") == english.count("\n") and german != english
    bad = run("transcript", "--lecture", lecture, "--language", "xx")
    assert bad.returncode == 2 and bad.stderr.strip().endswith("the languages are en, es, de, fr, pt-BR, zh-Hans")
    out = tmp_path / "r"
    refused = run("render", "--lecture", lecture, "--language", "fr", "--voice", "joe", "-q", "l", "--out", str(out))
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert "error: voice: the Piper voice 'joe' speaks en-us" in refused.stderr and "not fr" in refused.stderr
    assert not out.exists()
