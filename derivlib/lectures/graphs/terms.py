"""The pieces the graph lectures' sentences are made of: a variable's name, a step, the function, a
value, a derivative's name, each as written and as said (derivlib.wording's Term).

>>> from derivlib.lectures.graphs.params import GraphParams
>>> g = GraphParams().graph
>>> function(g)
Term(text='J(a, b, c) = 3(a + b*c)', spoken='J of eh, b, c equals three times the quantity eh plus b times c')
>>> step(g, "u"), worked(g, "J")
(Term(text='u = b*c', spoken='u equals b times c'), Term(text='3 × 11', spoken='three times eleven'))
>>> d_of(g.output, "v"), code_name("v")
(Term(text='dJ/dv', spoken='d J over d v'), Term(text='dv', spoken='d v'))
"""

from __future__ import annotations

from collections.abc import Mapping

from ...graph import Graph, Value
from ...numbers import format_number
from ...printing import said_name, spoken
from ...wording import Term, equals, num

__all__ = ["code_name", "d_of", "forward_lines", "function", "step", "value", "var", "worked"]


def var(name: str) -> Term:
    return Term(name, said_name(name))


def value(v: Value) -> Term:
    return num(v)


def function(graph: Graph) -> Term:
    """'J(a, b, c) = 3(a + b*c)': the output as a function of the inputs."""
    inputs = ", ".join(graph.inputs)
    said = ", ".join(said_name(n) for n in graph.inputs)
    out = graph.output
    composed = graph.composed()
    return Term(f"{out}({inputs}) = {composed.text}", f"{said_name(out)} of {said} equals {spoken(composed)}")


def step(graph: Graph, name: str) -> Term:
    """'u = b*c', as written and said."""
    s = graph.step(name)
    return Term(s.text, f"{said_name(name)} equals {spoken(s.expr)}")


def worked(graph: Graph, name: str, values: Mapping[str, Value] | None = None) -> Term:
    """The step with the values put in: '3 × 2'."""
    text, said, _ = graph.worked(name, values)
    return Term(text, said)


def d_of(top: str, bottom: str) -> Term:
    """'dJ/dv': the derivative of one variable with respect to another."""
    return Term(f"d{top}/d{bottom}", f"d {said_name(top)} over d {said_name(bottom)}")


def code_name(name: str) -> Term:
    """'dv': what code calls the derivative of the final output with respect to v."""
    return Term(f"d{name}", f"d {said_name(name)}")


def forward_lines(g: Graph) -> tuple[str, ...]:
    """'a = 5', ..., 'u = 3 × 2 = 6', ...: the forward pass."""
    given = tuple(f"{n} = {format_number(v)}" for n, v in g.values)
    return given + tuple(f"{s.name} = {worked(g, s.name).text} {equals(g.value(s.name)).text}" for s in g.steps)
