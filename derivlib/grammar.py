"""Functions of a, as a user types them: a grammar of this project's own.

Text is parsed by a small recursive-descent parser into this module's own expression tree (never
``eval``, ``sympify`` or anything that can run code). Numbers are plain decimals, read exactly.

Grammar (whitespace is ignored)::

    expression := term (("+" | "-") term)*
    term       := signed (("*" | "/") signed | juxtaposed)*      3a, 2(a + 1), (a + 1)(a - 1)
    signed     := ("-" | "+") signed | power                     -a^2 is -(a^2)
    power      := atom (("^" | "**") signed)?                    right to left: 2^3^2 is 2^9
    atom       := NUMBER | "a" | NAME "(" expression ")" | "(" expression ")"

Names: ``a`` (the variable); ``log`` and ``ln`` (both the natural logarithm), ``exp`` and ``sqrt``. There
is no sin or cos: the lecture's points and nudges are decimals, and radians would make every value an
approximation with nothing for a viewer to check by hand. Implicit multiplication binds like ``*``, so
``1/2a`` is (1/2)·a. An exponent must be a whole number from -MAX_EXPONENT to MAX_EXPONENT once worked
out (``a^(1/2)``: write ``sqrt(a)``); text is at most MAX_LENGTH characters nested at most MAX_DEPTH deep.

>>> parse("3a").text
'3a'
>>> parse("9^9^9^9")
Traceback (most recent call last):
...
derivlib.numbers.ParameterError: function: the exponent 387420489 is beyond the bound: use whole exponents from -12 to 12
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .expression import (
    FUNCTIONS,
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
    is_constant,
)
from .numbers import ParameterError

__all__ = ["MAX_DEPTH", "MAX_EXPONENT", "MAX_LENGTH", "names_in", "parse"]

#: The longest text accepted, in characters.
MAX_LENGTH = 200
#: The deepest nesting accepted (parentheses, powers, unary signs, calls).
MAX_DEPTH = 24
#: Exponents are whole numbers within this bound.
MAX_EXPONENT = 12

_PARAMETER = "function"


_TOKEN = re.compile(
    r"\s*(?:(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)|(?P<name>[A-Za-z_]+)|(?P<op>\*\*|[-+*/^()])|(?P<other>\S))"
)
#: With named variables (a graph's steps) a name may end in digits: w1, x2.
_NAMED_TOKEN = re.compile(
    r"\s*(?:(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|(?P<op>\*\*|[-+*/^()])|(?P<other>\S))"
)


@dataclass(frozen=True)
class _Token:
    kind: str  # number, name, op, end
    text: str
    column: int  # 1-based


def _tokens(text: str, pattern: re.Pattern = _TOKEN) -> list[_Token]:
    out, at = [], 0
    while at < len(text) and text[at:].strip():
        match = pattern.match(text, at)
        assert match is not None  # every character but space is a token, if only an 'other' one
        kind = match.lastgroup
        out.append(_Token(kind, match.group(kind), match.start(kind) + 1))
        at = match.end()
    out.append(_Token("end", "", len(text) + 1))
    return out


class _Parser:
    def __init__(self, text: str, names: frozenset[str] | None = None, parameter: str = _PARAMETER):
        self.tokens = _tokens(text, _TOKEN if names is None else _NAMED_TOKEN)
        self.i = 0
        self.depth = 0
        #: the named variables it may use (a graph's step), or None for a function of a
        self.names = names
        self.parameter = parameter

    @property
    def token(self) -> _Token:
        return self.tokens[self.i]

    def take(self, *texts: str) -> _Token | None:
        if self.token.kind == "op" and self.token.text in texts:
            self.i += 1
            return self.tokens[self.i - 1]
        return None

    def fail(self, what: str) -> ParameterError:
        found = "the end" if self.token.kind == "end" else repr(self.token.text)
        return ParameterError(self.parameter, f"{what} at column {self.token.column}, found {found}")

    def nested(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParameterError(self.parameter, f"nested more than {MAX_DEPTH} deep")

    def expression(self) -> Expr:
        node = self.term()
        while op := self.take("+", "-"):
            right = self.term()
            node = Add(node, right) if op.text == "+" else Sub(node, right)
        return node

    def term(self) -> Expr:
        node = self.signed()
        while True:
            if op := self.take("*", "/"):
                right = self.signed()
                node = Mul(node, right) if op.text == "*" else Div(node, right)
            elif self.token.kind in ("number", "name") or (
                self.token.kind == "op" and self.token.text == "("
            ):
                node = Mul(node, self.power())  # juxtaposed: 3a, 2(a + 1)
            else:
                return node

    def signed(self) -> Expr:
        if op := self.take("-", "+"):
            self.nested()
            inner = self.signed()
            self.depth -= 1
            return Neg(inner) if op.text == "-" else inner
        return self.power()

    def power(self) -> Expr:
        base = self.atom()
        if self.take("^", "**"):
            self.nested()
            exponent = _whole_exponent(self.signed(), self.parameter)
            self.depth -= 1
            return Pow(base, exponent)
        return base

    def atom(self) -> Expr:
        token = self.token
        if token.kind == "number":
            self.i += 1
            return Num(Fraction(Decimal(token.text)))
        if token.kind == "name":
            self.i += 1
            if self.names is not None and token.text in self.names and token.text not in FUNCTIONS:
                return Name(token.text)
            if self.names is None and token.text == "a":
                return Var()
            if token.text not in FUNCTIONS:
                own = sorted(self.names) if self.names is not None else ["a"]
                known = ", ".join([*own, *FUNCTIONS])
                raise ParameterError(
                    self.parameter,
                    f"unknown name {token.text!r} at column {token.column}; the names are {known}",
                )
            if not self.take("("):
                raise self.fail(f"{token.text} needs its argument in parentheses")
            return Call(FUNCTIONS[token.text], self.parenthesised())
        if self.take("("):
            return self.parenthesised()
        if token.kind == "other":
            raise ParameterError(self.parameter, f"unexpected {token.text!r} at column {token.column}")
        raise self.fail("expected a number, a, a function or '('")

    def parenthesised(self) -> Expr:
        self.nested()
        inner = self.expression()
        if not self.take(")"):
            raise self.fail("expected ')'")
        self.depth -= 1
        return inner


def _whole_exponent(expr: Expr, parameter: str = _PARAMETER) -> int:
    try:
        value = expr.at(Fraction(0)) if is_constant(expr) else None
    except (Inexact, ZeroDivisionError, ValueError):
        value = None
    if value is None or value.denominator != 1:
        raise ParameterError(
            parameter,
            f"an exponent must be a whole number from -{MAX_EXPONENT} to {MAX_EXPONENT} "
            "(for a square root write sqrt(a))",
        )
    if abs(value) > MAX_EXPONENT:
        raise ParameterError(
            parameter,
            f"the exponent {value} is beyond the bound: use whole exponents from -{MAX_EXPONENT} to {MAX_EXPONENT}",
        )
    return int(value)


def names_in(text: str) -> tuple[str, ...]:
    """The variables' names in a graph step's expression, each once, in order (function names apart).

    >>> names_in("w1*x1 + w2*x2 + b"), names_in("log(u) + 3v")
    (('w1', 'x1', 'w2', 'x2', 'b'), ('u', 'v'))
    """
    found = (t.text for t in _tokens(text, _NAMED_TOKEN) if t.kind == "name" and t.text not in FUNCTIONS)
    return tuple(dict.fromkeys(found))


def parse(text: str, names: frozenset[str] | None = None, parameter: str = _PARAMETER) -> Expr:
    """The expression *text* says, as it says it; a ParameterError naming what is wrong (and where).

    >>> parse("2(a+1)").text, parse("(a+1)^2/2").text, parse("3a").text, parse("-a^2").text
    ('2(a + 1)', '(a + 1)^2/2', '3a', '-a^2')
    >>> parse("__import__('os')")
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: function: unknown name '__import__' at column 1; the names are a, log, ln, exp, sqrt
    >>> parse("a +* 2")
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: function: expected a number, a, a function or '(' at column 4, found '*'
    """
    if not isinstance(text, str):
        raise ParameterError(parameter, f"expected text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParameterError(parameter, f"longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ParameterError(parameter, "empty; write a function of a such as a^2 or 3a")
    parser = _Parser(text, names, parameter)
    tree = parser.expression()
    if parser.token.kind != "end":
        raise parser.fail("unexpected text")
    return tree
