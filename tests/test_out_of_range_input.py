"""Input beyond what the project was written for is one line and exit 2, never a traceback, and is
refused before anything renders (issue 24, item 4): a Piper model's config that parses but is wrong,
a --rate of 5000 digits, TOML nested 100 000 deep, an --out where nothing can be written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lecture_render import derivatives

from derivlib.numbers import ParameterError
from scenes.pipeline.sound.piper_voice import find_model


def one_line_refusal(result, parameter: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"derivatives: error: {parameter}: "), lines[0]
    return lines[0]


@pytest.fixture
def own_model(tmp_path):
    """A copy of the joe voice as a model file of the user's own, and its config as data."""
    joe = find_model("joe")
    model = tmp_path / "mine.onnx"
    shutil.copy(joe.model, model)
    return model, json.loads(joe.config.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda c: c["audio"].update(sample_rate=0), "its sample rate 0 is not"),
        (lambda c: c["espeak"].update(voice="xx-nowhere"), "Piper's espeak-ng has no voice 'xx-nowhere'"),
        (lambda c: c.update(num_speakers=4), "it has 4 speakers"),
        (lambda c: c.update(phoneme_id_map={}), "it has no phoneme_id_map"),
    ],
)
def test_a_piper_config_that_parses_but_is_wrong_is_refused_when_the_model_is_found(own_model, change, why):
    model, config = own_model
    change(config)
    Path(f"{model}.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ParameterError) as refused:
        find_model(str(model))
    assert refused.value.parameter == "voice" and why in refused.value.reason


def test_a_piper_config_with_sample_rate_0_is_one_line_before_anything_renders(own_model, tmp_path):
    model, config = own_model
    config["audio"]["sample_rate"] = 0
    Path(f"{model}.json").write_text(json.dumps(config), encoding="utf-8")
    result = derivatives(tmp_path, "render", "TheLine", "-q", "l", "--voice", str(model))
    assert "sample rate 0" in one_line_refusal(result, "voice")
    assert not [p for p in (tmp_path / "renders").rglob("*") if p.is_file()]  # (at most the empty cache folder)


def test_a_rate_of_5000_digits_is_one_line(tmp_path):
    result = derivatives(tmp_path, "render", "TheLine", "-q", "l", "--rate", "9" * 5000)
    line = one_line_refusal(result, "rate")
    assert len(line) <= 600
    assert not (tmp_path / "renders").exists()


def test_toml_nested_100000_deep_is_one_line(tmp_path):
    (tmp_path / "deep.toml").write_text("points = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = derivatives(tmp_path, "transcript", "--config", "deep.toml")
    assert "nests its values too deeply" in one_line_refusal(result, "config")
    (tmp_path / "batch.toml").write_text("[[variant]]\npoints = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = derivatives(tmp_path, "batch", "batch.toml", "-q", "l")
    assert "nests its values too deeply" in one_line_refusal(result, "config")


def test_an_out_where_nothing_can_be_written_is_refused_before_rendering(tmp_path):
    result = derivatives(tmp_path, "render", "TheLine", "-q", "l", "--voice", "none", "--out", "/proc/x")
    assert (
        one_line_refusal(result, "out")
        == "derivatives: error: out: cannot write in /proc: No such file or directory"
    )
    assert not (tmp_path / "renders").exists()
