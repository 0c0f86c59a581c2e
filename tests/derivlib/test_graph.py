"""The computation graph (derivlib.graph) and the two lectures on it, without rendering: their numbers
against hand-written oracles, every derivative against a difference quotient at high precision, every
refusal in one line naming the step, and a picture without crossing arrows."""

from __future__ import annotations

import re
import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivlib.graph import Graph
from derivlib.lectures import lecture_named
from derivlib.lectures.graphs.params import GraphParams
from derivlib.lectures.graphs.part import backward_order, crossings
from derivlib.numbers import ParameterError, format_number

DERIVATIVES = lecture_named("graph-derivatives")
GRAPH = lecture_named("computation-graph")


def transcript(lecture, data=None) -> str:
    return lecture.plan(lecture.params_from(data or {}, source="test")).transcript()


def test_the_defaults_say_the_sheets_numbers():
    """../shared/lecture/COMPUTATION-GRAPH.md, written out by hand."""
    forward = transcript(GRAPH)
    for piece in ["u = 3 × 2 = 6", "v = 5 + 6 = 11", "J = 3 × 11 = 33", "J(a, b, c) = 3(a + b*c)"]:
        assert piece in forward
    text = transcript(DERIVATIVES)
    for piece in [
        "Nudge v from 11 to 11.001.",
        "J goes from 33 to 33.003.",
        "0.003 / 0.001 = 3: dJ/dv = 3",
        "Nudge a from 5 to 5.001.",
        "v goes from 11 to 11.001, then J from 33 to 33.003.",
        "dJ/da = dJ/dv · dv/da = 3 · 1 = 3",
        "Nudge b from 3 to 3.001.",
        "u goes from 6 to 6.002, then v from 11 to 11.002, then J from 33 to 33.006.",
        "dJ/db = dJ/du · du/db = 3 · 2 = 6, where du/db is c",
        "Nudge c from 2 to 2.001.",
        "u goes from 6 to 6.003, then v from 11 to 11.003, then J from 33 to 33.009.",
        "dJ/dc = dJ/du · du/dc = 3 · 3 = 9, where du/dc is b",
        "dv = 3, da = 3, du = 3, db = 6, dc = 9",
    ]:
        assert piece in text, piece


def test_another_graph_says_its_own_numbers():
    """A nonlinear step: the ratio is only about the derivative, and the narration says so."""
    data = {"steps": "u = b*c; J = u^2", "values": "b=2,c=3", "nudge": "0.01"}
    text = transcript(DERIVATIVES, data)
    # by hand: u = 6, J = 36; u -> 6.01: J = 36.1201, ratio 12.01 vs dJ/du = 2u = 12
    for piece in [
        "Nudge u from 6 to 6.01.",
        "J goes from 36 to 36.1201.",
        "0.1201 / 0.01 = 12.01: about the derivative, dJ/du = 12.",
        "dJ/du = 2u",
        # b -> 2.01: u = 6.03, J = 36.3609, ratio 36.09 vs 12 · 3 = 36
        "u goes from 6 to 6.03, then J from 36 to 36.3609.",
        "dJ/db = dJ/du · du/db = 12 · 3 = 36, where du/db is c.",
        "du = 12, db = 36, dc = 24",
    ]:
        assert piece in text, piece
    for stale in ["33", "11.001", "0.001"]:
        assert stale not in text


def test_the_command_line_says_it(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "scenes", "transcript", "--lecture", "graph-derivatives", "--steps",
         "u = a*b; J = u + c", "--values", "a=2,b=-3,c=1"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout
    assert "dJ/da = dJ/du · du/da = 1 · (-3) = -3" in out
    assert "du = 1, dc = 1, da = -3, db = 2" in out


REFUSALS = [
    ({"steps": "u = b*c; v = a + w; J = 3v"}, "values: give a value for w"),
    ({"steps": "u = b*c; v = a + J; J = 3v"}, "a cycle: v → J → v"),
    ({"steps": "u = b*c; v = a + u; J = 3u + z2; v = 2a"}, "v is defined twice"),
    ({"steps": "u = b*c; J = u; v = J + u", "values": "b=1,c=2"}, None),
    ({"steps": "u = b*c; J = u +* 2", "values": "b=1,c=2"}, "step 2 (J = u +* 2): expected a number"),
    ({"steps": "u = b*c; J = u + bc", "values": "b=1,c=2"}, "give a value for bc"),
    ({"values": "a=5,b=3"}, "give a value for c"),
    ({"values": "a=5,b=3,c=2,d=1"}, "d is not an input of the steps"),
    ({"values": "a=5,b=3,c=2,u=1"}, "u is computed by a step"),
    ({"steps": "u = log(b - c); J = 3u", "values": "b=2,c=3"}, "u = log(b - c) is not defined at the values"),
    ({"steps": "u = 1/(b - c); J = 3u", "values": "b=2,c=2"}, "it divides by zero"),
    ({"steps": "u = 1/(b - c); J = 3u", "values": "b=2.001,c=2"}, "not defined with c nudged by 0.001"),
    ({"steps": "u = b^c; J = u", "values": "b=2,c=2"}, "an exponent must be a whole number"),
    ({"steps": "; ".join(f"s{i} = a + {i}" for i in range(7))}, "give from 1 to 6 steps"),
    ({"steps": "u = a+b+c+d+e+f+g; J = u", "values": "a=1,b=1,c=1,d=1,e=1,f=1,g=1"}, "7 inputs"),
    ({"steps": "u = b^12; J = u^12", "values": "b=9"}, "too large to draw and read"),
    ({"values": "a=5,b=3,c=2000000"}, "too large to draw and read"),
    ({"steps": "log = 2a; J = log", "values": "a=1"}, "'log' is not a name"),
    ({"nudge": "0.0000000001"}, "nudge"),
    ({"nudge": "2"}, "at most 1"),
]


@pytest.mark.parametrize(("data", "message"), REFUSALS, ids=[str(i) for i in range(len(REFUSALS))])
def test_bad_graphs_are_refused_in_one_line(data, message):
    merged = {"steps": "u = b*c; v = a + u; J = 3v", "values": "a=5,b=3,c=2", **data}
    if message is None:  # a step after the output is still a step: the last one is the output
        assert GraphParams.from_mapping(merged).graph.output == "v"
        return
    with pytest.raises(ParameterError) as err:
        GraphParams.from_mapping(merged)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_refusal_names_the_column_in_the_steps_own_text():
    with pytest.raises(ParameterError, match=r"step 1 \(u = b \$ c\): unexpected text at column 7, found '\$'"):
        GraphParams.from_mapping({"steps": "u = b $ c; J = u", "values": "b=1,c=2"})


def test_the_command_line_refuses_in_one_line(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "scenes", "transcript", "--lecture", "computation-graph", "--steps", "u = b*c; J = u/(b - c)", "--values", "b=2,c=2"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "J = u/(b - c) is not defined at the values" in run.stderr


def test_the_neuron_fits_and_its_picture_has_no_crossing():
    neuron = GraphParams.from_mapping(
        {"steps": "z = w1*x1 + w2*x2 + b; a = 1/(1 + exp(-z)); L = (a - y)^2", "values": "w1=0.5,x1=2,w2=-1,x2=0.5,b=0.25,y=1"}
    )
    assert crossings(GraphParams().graph) == 0
    assert crossings(neuron.graph) == 0
    assert backward_order(neuron.graph) == ("a", "y", "z", "w1", "x1", "w2", "x2", "b")


# --- every derivative against a difference quotient -----------------------------------------------
NAMES = ["a", "b", "c"]
_atoms = st.sampled_from(NAMES) | st.integers(1, 4).map(str)


def _expr(depth: int):
    if depth == 0:
        return _atoms
    smaller = _expr(depth - 1)
    return st.one_of(
        _atoms,
        st.tuples(smaller, st.sampled_from(["+", "-", "*"]), smaller).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        smaller.map(lambda e: f"{e}^2"),
    )


@settings(max_examples=40, deadline=None)
@given(
    first=_expr(2),
    second=_expr(2),
    values=st.tuples(*(st.integers(-3, 3) for _ in NAMES)),
)
def test_every_derivative_is_the_limit_of_its_ratio(first, second, values):
    """dJ/dx from the backward pass equals (J(x + h) - J(x - h)) / 2h to within h² (central difference,
    at 60 digits), for small random graphs of polynomial steps."""
    steps = [f"u = {first}", f"J = u*{second} + u"]
    used = set(re.findall(r"[abc]", first + second))
    given_values = {n: str(v) for n, v in zip(NAMES, values, strict=True) if n in used}
    if not given_values:
        return
    try:
        g = Graph.parse(steps, given_values)
    except ParameterError:
        return  # (values too large to draw)
    d = g.backward()
    h = Fraction(1, 10**12)
    for x in g.inputs:
        up = g.forward({**{n: Fraction(v) for n, v in g.values}, x: Fraction(g.value(x)) + h})
        down = g.forward({**{n: Fraction(v) for n, v in g.values}, x: Fraction(g.value(x)) - h})
        quotient = (Fraction(up["J"]) - Fraction(down["J"])) / (2 * h)
        assert abs(quotient - Fraction(d[x])) < Fraction(1, 10**6), (steps, given_values, x)


def test_exact_where_rational_approximate_only_where_not():
    g = Graph.parse(["u = b/c", "J = log(u) + u"], {"b": "1", "c": "3"})
    assert g.value("u") == Fraction(1, 3)
    assert format_number(g.value("J")).startswith("≈")
    # dJ/du = 1/u + 1 = 4, du/db = 1/c: dJ/db = 4/3, through an approximation of log's neighbourhood
    assert abs(Fraction(g.backward()["b"]) - Fraction(4, 3)) < Fraction(1, 10**30)
