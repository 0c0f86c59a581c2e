"""The second lecture, "More derivative examples", through the command line: its numbers (written here
by hand, not read from derivlib), another nudge changing every one of them, its refusals, and its
folders beside the first lecture's."""

from __future__ import annotations

import pytest
from lecture_render import derivatives

from derivlib.lectures import lecture_named
from scenes.pipeline.settings import output_folder, variant_name
from scenes.pipeline.sound.voice_settings import VoiceSettings

MORE_EXAMPLES = lecture_named("more-examples")


def transcript(tmp_path, *args: str) -> dict[str, str]:
    """Cue id -> its line."""
    result = derivatives(tmp_path, "transcript", "--lecture", "more-examples", "--with-ids", *args)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("[")]
    return {line[1 : line.index("]")]: line[line.index("]") + 2 :] for line in lines}


def test_the_lectures_numbers(tmp_path):
    said = transcript(tmp_path)
    # a² at 2: 2.001² = 4.004001, rise 0.004001, ratio 4.001, derivative 2 × 2 = 4
    assert "4.004001" in said["first-nudge"]
    assert "0.004001" in said["first-triangle"] and "4.001" in said["first-triangle"]
    assert "df(a)/da = 4 when a = 2" in said["first-slope"]
    # a² at 5: 5.001² = 25.010001, rise 0.010001, ratio 10.001, derivative 10
    assert "25.010001" in said["others-2-moves"] and "0.010001" in said["others-2-moves"]
    assert "10.001" in said["others-2-ratio"] and "slope at a = 5 is 10" in said["others-2-ratio"]
    assert said["formula-check"] == "Check it: at a = 2, 2 × 2 = 4; at a = 5, 2 × 5 = 10."
    # why 'about': 4.001 - 4 = 0.001, the nudge; then 4.000001 and 4.000000001
    assert "4.001, not 4: the extra 0.001 is the nudge itself" in said["about-smaller"]
    assert "4.000001, then 4.000000001" in said["about-ratios"]
    # a³ at 2: 2.001³ = 8.012006001, rise 0.012006001, ratio 12.006001, 3 × 2² = 12
    assert "8.012006001" in said["example-2-nudge"]
    assert said["example-2-ratio"] == (
        "It went up by 0.012006001, 12.006001 times the nudge; the formula gives 3 × 2^2 = 12."
    )
    # log a at 2: ln 2 ≈ 0.693147, ln 2.001 ≈ 0.693647, the rise ≈ 0.000499875, 1/2 = 0.5
    assert "f(a) ≈ 0.69314718056; nudged to 2.001, f(a) ≈ 0.693647055602" in said["example-3-nudge"]
    assert "≈0.000499875041651" in said["example-3-ratio"] and "1 / 2 = 0.5" in said["example-3-ratio"]


def test_another_nudge_changes_every_number(tmp_path):
    said = transcript(tmp_path, "--nudge", "0.01")
    # 2.01² = 4.0401, 5.01² = 25.1001, 2.01³ = 8.120601; ratios 4.01, 10.01, 12.0601
    assert "4.0401" in said["first-nudge"] and "4.01" in said["first-triangle"]
    assert "25.1001" in said["others-2-moves"] and "10.01" in said["others-2-ratio"]
    assert "8.120601" in said["example-2-nudge"] and "12.0601" in said["example-2-ratio"]
    assert "4.01, not 4: the extra 0.01 is the nudge itself" in said["about-smaller"]
    assert "0.00001, then 0.00000001" in said["about-smaller"]
    assert "4.00001, then 4.00000001" in said["about-ratios"]


def test_other_functions_and_points(tmp_path):
    said = transcript(tmp_path, "--functions", "a^3, 1/a", "--points", "1,3")
    assert said["first-pick"] == "Start at a = 1: f(a) = 1^3, which is 1."
    assert said["formula-textbook"].endswith("d/da f(a) = 3a^2.")
    assert "Check it: at a = 1, 3 × 1^2 = 3; at a = 3, 3 × 3^2 = 27." == said["formula-check"]
    assert "example-3-function" not in said  # two functions: one further
    # 1/a at 1: 1/1.001 ≈ 0.999000999001, falling: 'down by'
    assert "went down by" in said["example-2-ratio"] and "-1 / 1^2 = -1" in said["example-2-ratio"]


BAD = [
    (["--lecture", "nope"], "lecture: no lecture named 'nope'; the lectures are derivatives, more-examples, computation-graph, graph-derivatives"),
    (["--lecture", "more-examples", "--function", "a^2"], "function: the lecture more-examples shows several"),
    (["--lecture", "more-examples", "--slope", "2"], "slope: the lecture more-examples shows several"),
    (["--functions", "a^2, a^3"], "functions: the lecture derivatives shows one function"),
    (["--lecture", "more-examples", "--functions", "a^2, sin(a)"], "function: unknown name 'sin' at column 1"),
    (["--lecture", "more-examples", "--functions", "a, a, a, a, a, a"], "functions: give from 1 to 5 functions"),
    (["--lecture", "more-examples", "--functions", "a^2, log(a)", "--points", "-1,2"], "points: f is not defined"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_bad_input_is_one_line(tmp_path, args, message):
    result = derivatives(tmp_path, "transcript", *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"derivatives: error: {message}"), lines[0]


def test_its_folders_never_are_the_first_lectures():
    voice = VoiceSettings()
    first = {variant_name(MORE_EXAMPLES.defaults), variant_name(MORE_EXAMPLES.defaults, voice)}
    mine = variant_name(MORE_EXAMPLES.defaults, voice, MORE_EXAMPLES.name)
    assert mine == "more-examples" and mine not in first
    other = MORE_EXAMPLES.params_from({"nudge": "0.01"}, source="-")
    assert variant_name(other, voice, MORE_EXAMPLES.name) == "more-examples_nudge-0.01"
    assert output_folder(MORE_EXAMPLES.defaults, voice, "l", lecture=MORE_EXAMPLES.name).parts[-2:] == (
        "more-examples",
        "480p15",
    )
