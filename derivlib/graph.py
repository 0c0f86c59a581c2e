"""A computation graph: named steps, each an expression of this project's grammar over the inputs and
earlier steps, the last one the output; its forward pass, its nudges and its backward pass, exact.

Values are exact (a Decimal when the value is a terminating decimal, otherwise a Fraction) where the
steps are rational at the values, and approximations (Decimals of WORKING_DIGITS digits, which the one
formatting rule shows ≈) otherwise, as for a curve (derivlib.curve). A step's derivative with respect
to one of its variables is derived symbolically by derivlib.symbolic, the others held constant, and
printed in their names (du/db = c).

>>> g = Graph.parse(["u = b*c", "v = a + u", "J = 3v"], {"a": "5", "b": "3", "c": "2"})
>>> g.inputs, [format_number(g.value(n)) for n in ("u", "v", "J")]
(('a', 'b', 'c'), ['6', '11', '33'])
>>> [format_number(g.nudged("b", Decimal("0.001"))[n]) for n in ("u", "v", "J")]
['6.002', '11.002', '33.006']
>>> g.local("u", "b").formula.text, format_number(g.local("u", "b").value)
('c', '2')
>>> {n: format_number(d) for n, d in g.backward().items()}
{'J': '1', 'v': '3', 'a': '3', 'u': '3', 'b': '6', 'c': '9'}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from functools import cached_property

from .calculus import Formula
from .expression import (
    WORKING_DIGITS,
    Add,
    Call,
    Div,
    Expr,
    Inexact,
    Mul,
    Name,
    Neg,
    Num,
    Pow,
    Sub,
    Var,
    approximate,
    text_in,
    worked_text,
)
from .grammar import names_in, parse
from .numbers import ParameterError, format_number, parse_number, to_decimal
from .printing import said_name, spoken, tex
from .symbolic import derivative

__all__ = ["MAX_INPUTS", "MAX_STEPS", "MAX_VALUE", "Graph", "Local", "Step", "Value", "combine", "is_approximate"]

Value = Decimal | Fraction
#: A graph has at most this many steps and inputs (a neuron z = w1*x1 + w2*x2 + b, a = ..., L = ... fits).
MAX_STEPS = 6
MAX_INPUTS = 6
#: Every value of the graph, nudged or not, stays within this bound, to be drawn and read.
MAX_VALUE = Decimal(10) ** 9
#: An input's value is within this bound, and shown exactly (at most 12 digits, 9 decimals).
MAX_INPUT = Decimal(10) ** 6
#: A variable's name: a letter, then letters or digits (w1), at most 8 characters.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,7}")


@dataclass(frozen=True)
class Step:
    """One step: the name it defines and its expression over named variables."""

    name: str
    expr: Expr

    @property
    def text(self) -> str:
        """'u = b*c', as the step reads back."""
        return f"{self.name} = {self.expr.text}"

    @cached_property
    def uses(self) -> tuple[str, ...]:
        """The variables it uses, each once, in order."""
        return tuple(dict.fromkeys(_names(self.expr)))


@dataclass(frozen=True)
class Local:
    """A step's derivative with respect to one of its variables: its formula and its value here."""

    step: str
    wrt: str
    formula: Formula
    value: Value


class Undefined(ArithmeticError):
    """A step with no value (log of a negative, a division by 0); args: the step's name, the reason."""


def _names(e: Expr) -> list[str]:
    match e:
        case Name(name):
            return [name]
        case Num() | Var():
            return []
        case Neg(arg) | Pow(arg, _) | Call(_, arg):
            return _names(arg)
        case Add(x, y) | Sub(x, y) | Mul(x, y) | Div(x, y):
            return _names(x) + _names(y)
    raise TypeError(e)


def _map(e: Expr, leaf) -> Expr:
    """*e* with each name replaced by ``leaf(name)``."""
    match e:
        case Name(name):
            return leaf(name)
        case Num() | Var():
            return e
        case Neg(arg):
            return Neg(_map(arg, leaf))
        case Add(x, y) | Sub(x, y) | Mul(x, y) | Div(x, y):
            return type(e)(_map(x, leaf), _map(y, leaf))
        case Pow(base, n):
            return Pow(_map(base, leaf), n)
        case Call(name, arg):
            return Call(name, _map(arg, leaf))
    raise TypeError(e)


def _exact(value: Fraction) -> Value:
    as_decimal = to_decimal(value)
    return as_decimal if as_decimal is not None else value


def is_approximate(value: Value) -> bool:
    """An approximation carries all its working digits (more than any exact value shown here needs)."""
    return isinstance(value, Decimal) and len(value.normalize().as_tuple().digits) >= WORKING_DIGITS - 2


def _worked_out(e: Expr, a: Value = Decimal(0)) -> Value:
    """The value of *e* at *a* (for its Var, if any): exact where it is rational, else ≈."""
    try:
        return _exact(e.at(Fraction(a)))
    except Inexact:
        with localcontext(Context(prec=WORKING_DIGITS)):
            return approximate(e, +Decimal(a) if isinstance(a, Decimal) else Decimal(a.numerator) / a.denominator)


_OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}


def combine(x: Value, y: Value, op: str) -> Value:
    """x op y (op '+', '-', '*' or '/'), exact when both are, an approximation otherwise.

    >>> combine(Decimal("33.003"), Decimal(33), "-"), combine(Fraction(1, 3), Decimal(3), "*")
    (Decimal('0.003'), Decimal('1'))
    """
    if is_approximate(x) or is_approximate(y):
        with localcontext(Context(prec=WORKING_DIGITS)):
            a, b = (Decimal(v.numerator) / v.denominator for v in (Fraction(x), Fraction(y)))
            return _OPS[op](a, b)
    return _exact(_OPS[op](Fraction(x), Fraction(y)))


def _parse_steps(texts: Sequence[str]) -> tuple[Step, ...]:
    """Each 'name = expression', checked alone and against the steps before it."""
    if not 1 <= len(texts) <= MAX_STEPS:
        raise ParameterError("steps", f"give from 1 to {MAX_STEPS} steps, got {len(texts)}")
    steps: list[Step] = []
    for i, text in enumerate(texts, start=1):
        if not isinstance(text, str) or "=" not in text:
            raise ParameterError("steps", f"step {i}: write it as name = expression, such as u = b*c")
        left, _, right = text.partition("=")
        name = left.strip()
        where = f"step {i} ({text.strip()})"
        if not _NAME.fullmatch(name) or name in ("log", "ln", "exp", "sqrt"):
            raise ParameterError("steps", f"{where}: {name!r} is not a name (a letter, then letters or digits)")
        if any(s.name == name for s in steps):
            raise ParameterError("steps", f"{where}: {name} is defined twice")
        try:
            expr = parse(right, frozenset(names_in(right)), parameter="steps")
        except ParameterError as err:
            shift = len(left) + 1  # columns counted in the step's own text
            message = re.sub(r"column (\d+)", lambda m, shift=shift: f"column {int(m.group(1)) + shift}", err.reason)
            raise ParameterError("steps", f"{where}: {message}") from None
        steps.append(Step(name, expr))
    _check_order(steps)
    return tuple(steps)


def _check_order(steps: Sequence[Step]) -> None:
    """A step uses only inputs and earlier steps: a later one is a cycle (if it needs this one) or out
    of order."""
    position = {s.name: i for i, s in enumerate(steps)}
    for i, s in enumerate(steps):
        for x in s.uses:
            if x == s.name:
                raise ParameterError("steps", f"step {i + 1} ({s.text}): a cycle: {x} uses itself")
            if position.get(x, -1) > i:
                later = steps[position[x]]
                needs = _needs(steps, later.name)
                kind = f"a cycle: {s.name} → {x} → {s.name}" if s.name in needs else "put that step first"
                raise ParameterError(
                    "steps", f"step {i + 1} ({s.text}) uses {x}, which step {position[x] + 1} defines later: {kind}"
                )


def _needs(steps: Sequence[Step], name: str) -> set[str]:
    """Every variable *name*'s step needs, however far back."""
    by_name = {s.name: s for s in steps}
    seen: set[str] = set()
    todo = [name]
    while todo:
        for x in by_name[todo.pop()].uses:
            if x not in seen:
                seen.add(x)
                if x in by_name:
                    todo.append(x)
    return seen


def _value(name: str, raw: object) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        raise ParameterError("values", f"{name}: expected a number, got {raw!r}")
    value = parse_number(str(raw), "values") if not isinstance(raw, Decimal) else raw
    if not value.is_finite() or value.copy_abs() > MAX_INPUT:
        raise ParameterError("values", f"{name} = {raw} is beyond ±{format_number(MAX_INPUT)}, too large to draw and read")
    shown = format_number(value)
    if shown.startswith("≈") or len(shown.partition(".")[2]) > 9:
        raise ParameterError("values", f"{name} = {raw} has too many digits to show exactly (at most 12, 9 decimals)")
    return parse_number(shown, "values")


@dataclass(frozen=True)
class Graph:
    """The steps in order (the last is the output) and the inputs' values."""

    steps: tuple[Step, ...]
    values: tuple[tuple[str, Decimal], ...]

    @classmethod
    def parse(cls, steps: Sequence[str], values: Mapping[str, object]) -> Graph:
        """Read and check the steps ('u = b*c', ...) and the inputs' values; a ParameterError naming
        the step (and the column) or the value otherwise."""
        parsed = _parse_steps(steps)
        defined = {s.name for s in parsed}
        inputs = tuple(dict.fromkeys(n for s in parsed for n in s.uses if n not in defined))
        if not inputs:
            raise ParameterError("steps", "the steps use no input: give at least one name with a value")
        if len(inputs) > MAX_INPUTS:
            raise ParameterError("steps", f"{len(inputs)} inputs ({', '.join(inputs)}); at most {MAX_INPUTS}")
        for name in values:
            if name not in inputs:
                what = "computed by a step" if name in defined else "not an input of the steps"
                raise ParameterError("values", f"{name} is {what}; the inputs are {', '.join(inputs)}")
        missing = [n for n in inputs if n not in values]
        if missing:
            raise ParameterError("values", f"give a value for {', '.join(missing)} (such as {missing[0]}=1)")
        graph = cls(parsed, tuple((n, _value(n, values[n])) for n in values))  # (in the order given)
        graph.check(Decimal(0))
        return graph

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.values)

    @property
    def names(self) -> tuple[str, ...]:
        """Every variable: the inputs, then the steps in order."""
        return (*self.inputs, *(s.name for s in self.steps))

    @property
    def output(self) -> str:
        return self.steps[-1].name

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    def forward(self, given: Mapping[str, Value], start: int = 0) -> dict[str, Value]:
        """Every variable's value from *given* (the inputs, and the steps before *start*); Undefined
        names the step that has none."""
        out = dict(given)
        for s in self.steps[start:]:
            try:
                out[s.name] = _worked_out(_map(s.expr, lambda n: Num(Fraction(out[n]))))
            except (ArithmeticError, ValueError) as err:
                why = "it divides by zero" if isinstance(err, ZeroDivisionError) else str(err)
                raise Undefined(s.name, why) from None
        return out

    @cached_property
    def _values(self) -> dict[str, Value]:
        return self.forward(dict(self.values))

    def value(self, name: str) -> Value:
        return self._values[name]

    def nudged(self, name: str, h: Decimal) -> dict[str, Value]:
        """Every variable's value with *name* nudged by *h* (an input, or a step, whose later steps then
        follow it)."""
        if name in self.inputs:
            return self.forward({**dict(self.values), name: self.value(name) + h})
        at = [s.name for s in self.steps].index(name)
        before = {n: self.value(n) for n in self.names[: len(self.inputs) + at]}
        return self.forward({**before, name: combine(self.value(name), h, "+")}, start=at + 1)

    def downstream(self, name: str) -> tuple[str, ...]:
        """The steps a nudge of *name* moves, in order: those that use it or use one that moved."""
        moved, out = {name}, []
        for s in self.steps:
            if moved & set(s.uses):
                moved.add(s.name)
                out.append(s.name)
        return tuple(out)

    def local(self, step: str, wrt: str) -> Local:
        """d step / d wrt: the formula in the variables' names, and its value at the graph's values."""
        d = derivative(_map(self.step(step).expr, lambda n: Var() if n == wrt else Name(n)))
        formula = Formula(text_in(d, wrt), tex(d, a=_tex_name(wrt)), spoken(d, a=said_name(wrt)))
        bound = _map(d, lambda n: Num(Fraction(self.value(n))))
        return Local(step, wrt, formula, _worked_out(bound, self.value(wrt)))

    def composed(self) -> Expr:
        """The output as one expression of the inputs: each step put in for its name (3(a + b*c))."""
        by_name = {s.name: s for s in self.steps}

        def expand(e: Expr) -> Expr:
            return _map(e, lambda n: expand(by_name[n].expr) if n in by_name else Name(n))

        return expand(self.steps[-1].expr)

    def worked(self, step: str, values: Mapping[str, Value] | None = None) -> tuple[str, str, str]:
        """The step's expression with the values put in (the graph's, or *values*): as text, as said
        and as TeX ('3 × 2', 'three times two', '3 \\cdot 2')."""
        values = self._values if values is None else values

        def shown(n: str) -> Expr:
            text = format_number(values[n])
            return Name(f"({text})" if text.startswith("-") else text)

        expr = self.step(step).expr
        said = spoken(_map(expr, lambda n: Num(Fraction(values[n]))), a="")
        return worked_text(_map(expr, shown), "0"), said, tex(_map(expr, shown), a="0")

    def backward(self) -> dict[str, Value]:
        """dJ/dx for every variable x, right to left, each from the ones to its right (the chain rule,
        summed over the steps that use x)."""
        d: dict[str, Value] = {self.output: Decimal(1)}
        for s in reversed(self.steps):
            for x in s.uses:
                term = combine(d[s.name], self.local(s.name, x).value, "*")
                d[x] = combine(d[x], term, "+") if x in d else term
        return d

    def check(self, h: Decimal) -> None:
        """Refuse (ParameterError) a graph undefined at its values or with any variable nudged by *h*,
        a derivative undefined there, and values too large to draw and read."""
        for name in (None, *self.names):
            where = "at the values" if name is None else f"with {name} nudged by {format_number(h)}"
            try:
                values = self._values if name is None else self.nudged(name, h)
            except Undefined as err:
                step, why = err.args
                raise ParameterError("steps", f"{self.step(step).text} is not defined {where}: {why}") from None
            for n, v in values.items():
                if abs(v) > MAX_VALUE:
                    shown = format_number(v) if abs(v) < MAX_VALUE * 1000 else "a value"
                    raise ParameterError("values", f"{n} is {shown} {where}, beyond ±{format_number(MAX_VALUE)}: too large to draw and read")
        for s in self.steps:
            for x in s.uses:
                try:
                    self.local(s.name, x)
                except (ArithmeticError, ValueError) as err:
                    raise ParameterError("steps", f"d{s.name}/d{x} is not defined at the values ({err})") from None


def _tex_name(name: str) -> str:
    letters = name.rstrip("0123456789")
    return letters + (f"_{{{name[len(letters):]}}}" if letters != name else "")
