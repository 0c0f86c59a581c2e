"""`derivatives batch` checks every row's voice before anything renders, shows user text escaped and
cut short, and refuses a --summary in a missing folder (issue 24, item 5)."""

from __future__ import annotations

import json

from lecture_render import derivatives

GOOD = '[[variant]]\nname = "good"\nvoice = "none"\n\n'


def test_voice_problems_stop_the_batch_before_anything_renders(tmp_path):
    (tmp_path / "takes").mkdir()  # a recordings folder without a single recording
    rows = [
        'name = "model"\nvoice = "missing/model.onnx"',
        'name = "espeak"\nengine = "espeak-ng"\nvoice = "xx-nowhere"',
        'name = "folder"\nrecordings = "no-such-folder"',
        'name = "seven"\nrecordings = 7',
        'name = "empty"\nrecordings = "takes"',
    ]
    (tmp_path / "batch.toml").write_text(GOOD + "".join(f"[[variant]]\n{r}\n\n" for r in rows))
    result = derivatives(tmp_path, "batch", "batch.toml", "-q", "l")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(":")[3].strip() for line in lines] == [
        "voice",
        "voice",
        "recordings",
        "recordings",
        "recordings",
    ]
    assert lines[0].startswith(
        "derivatives: error: variant 2 (model): voice: missing/model.onnx is not a file"
    )
    assert lines[1].startswith(
        "derivatives: error: variant 3 (espeak): voice: espeak-ng cannot speak with voice 'xx-nowhere'"
    )
    assert lines[2] == "derivatives: error: variant 4 (folder): recordings: no-such-folder is not a folder"
    assert (
        lines[3]
        == "derivatives: error: variant 5 (seven): recordings: expected a folder's path as text, got 7"
    )
    assert (
        lines[4].startswith("derivatives: error: variant 6 (empty): recordings: ")
        and "no recording in takes" in lines[4]
    )
    assert result.stdout == ""
    assert not (tmp_path / "renders").exists()  # the good row did not render either


def test_a_rows_name_is_shown_escaped_and_cut_short(tmp_path):
    long_name = "x" * 100_000
    text = f'[[variant]]\nname = "\\u001b[2J\\u001b[31mred"\nnudge = 0\n\n[[variant]]\nname = "{long_name}"\n'
    (tmp_path / "batch.toml").write_text(text)
    result = derivatives(tmp_path, "batch", "batch.toml", "-q", "l")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    first, second = result.stderr.splitlines()
    assert (
        first == "derivatives: error: variant 1 (\\x1b[2J\\x1b[31mred): nudge: must be greater than 0, got 0"
    )
    assert second.startswith("derivatives: error: variant 2 (xxxxxxxx") and len(second) <= 600
    assert second.endswith("…")


def test_a_summary_in_a_missing_folder_is_refused_like_a_report(tmp_path):
    (tmp_path / "batch.toml").write_text(GOOD)
    result = derivatives(tmp_path, "batch", "batch.toml", "-q", "l", "--summary", "missing/dir/s.json")
    assert (result.returncode, result.stderr.splitlines()) == (
        2,
        ["derivatives: error: summary: missing/dir is not a folder"],
    )
    assert not (tmp_path / "missing").exists() and not (tmp_path / "renders").exists()


def test_a_bad_value_on_the_command_line_is_one_escaped_line(tmp_path):
    result = derivatives(tmp_path, "transcript", "--points", "\x1b[2J")
    assert result.returncode == 2 and "\x1b" not in result.stderr
    assert json.dumps(result.stderr.strip()).count("\\n") == 0
