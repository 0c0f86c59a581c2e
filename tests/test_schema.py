"""What crosses the process boundary is one schema, written and read by the same code: a missing or
unknown field is an error that names it."""

from __future__ import annotations

import json

import pytest

from scenes.pipeline.running.schema import ClipRecord, CueRecord, JobSpec, SchemaError, SpeechSpec

SPEC = JobSpec(
    scene="TheNudge",
    lecture="derivatives",
    beat="nudge",
    params={"slope": "3", "intercept": "0", "points": "2,5", "nudge": "0.001"},
    language="de",
    part="0" * 64,
    quality="l",
    media="/m",
    tex="/t",
    tex_shared="/s",
    out="/o",
    encoder_options={"preset": "ultrafast"},
    speech=(SpeechSpec("nudge-move", "/v/a.wav", 2.5, "ab" * 32),),
    timeout=1800.0,
)
RECORD = ClipRecord("TheNudge", 15, 90, 6.0, (CueRecord("nudge-move", "Now give a ...", 0.0, 2.9, 2.5),))


@pytest.mark.parametrize("value", [SPEC, RECORD], ids=["JobSpec", "ClipRecord"])
def test_written_and_read_back_alike(tmp_path, value):
    value.write(tmp_path / "x.json")
    assert type(value).read(tmp_path / "x.json") == value


def test_a_missing_field_is_named():
    data = json.loads(SPEC.to_json())
    del data["tex_shared"]
    with pytest.raises(SchemaError, match=r"^JobSpec: missing field\(s\) tex_shared$"):
        JobSpec.from_dict(data)


def test_an_unknown_field_is_named():
    data = json.loads(RECORD.to_json())
    data["cues"][0]["colour"] = "green"
    with pytest.raises(SchemaError, match=r"^CueRecord: unknown field\(s\) colour$"):
        ClipRecord.from_dict(data)


def test_a_field_of_the_wrong_type_is_named():
    data = json.loads(RECORD.to_json())
    data["frames"] = "90"
    with pytest.raises(SchemaError, match=r"^ClipRecord.frames: expected int, got '90'$"):
        ClipRecord.from_dict(data)
