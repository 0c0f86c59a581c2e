"""Functions of a, as a user types them: a grammar of this project's own, exact values, exact derivatives.

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

Values: a polynomial or rational function is evaluated exactly, as a Fraction, at every point; log, exp
and sqrt are computed with Decimal at WORKING_DIGITS significant digits (exactly when the result is a
rational number: sqrt(2.25) = 1.5, log(1) = 0, exp(0) = 1).

>>> f = parse("a^2")
>>> f.text, f.at(Fraction(2)), derivative(f).text
('a^2', Fraction(4, 1), '2a')
>>> derivative(parse("a**3 - 2*a + 1")).text, derivative(parse("(a+1)^2/2")).text
('3a^2 - 2', 'a + 1')
>>> derivative(parse("log(a)")).text
'1/a'
>>> parse("9^9^9^9")
Traceback (most recent call last):
...
derivlib.numbers.ParameterError: function: the exponent 387420489 is beyond the bound: use whole exponents from -12 to 12
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from math import isqrt

from .numbers import ParameterError, format_number

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "WORKING_DIGITS",
    "Expr",
    "Inexact",
    "derivative",
    "parse",
]

#: The longest text accepted, in characters.
MAX_LENGTH = 200
#: The deepest nesting accepted (parentheses, powers, unary signs, calls).
MAX_DEPTH = 24
#: Exponents are whole numbers within this bound.
MAX_EXPONENT = 12
#: Significant digits of log, exp and sqrt when their value is not a rational number.
WORKING_DIGITS = 40
#: The names of functions, each with its own name for printing.
FUNCTIONS = {"log": "log", "ln": "log", "exp": "exp", "sqrt": "sqrt"}

_PARAMETER = "function"


class Inexact(ArithmeticError):
    """A value that has no exact rational form (log 2, sqrt 2, exp 1)."""


# --- the tree --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Expr:
    """An expression of a; subclasses are the node kinds."""

    def at(self, a: Fraction) -> Fraction:
        """The exact value at *a*; Inexact when it is not rational; ZeroDivisionError or ValueError
        outside the domain."""
        raise NotImplementedError

    @property
    def text(self) -> str:
        return _text(self, 0)


@dataclass(frozen=True)
class Num(Expr):
    value: Fraction

    def at(self, a):
        return self.value


@dataclass(frozen=True)
class Var(Expr):
    def at(self, a):
        return Fraction(a)


@dataclass(frozen=True)
class Neg(Expr):
    arg: Expr

    def at(self, a):
        return -self.arg.at(a)


@dataclass(frozen=True)
class Add(Expr):
    left: Expr
    right: Expr

    def at(self, a):
        return self.left.at(a) + self.right.at(a)


@dataclass(frozen=True)
class Sub(Expr):
    left: Expr
    right: Expr

    def at(self, a):
        return self.left.at(a) - self.right.at(a)


@dataclass(frozen=True)
class Mul(Expr):
    left: Expr
    right: Expr

    def at(self, a):
        return self.left.at(a) * self.right.at(a)


@dataclass(frozen=True)
class Div(Expr):
    left: Expr
    right: Expr

    def at(self, a):
        return self.left.at(a) / self.right.at(a)  # ZeroDivisionError at a pole


@dataclass(frozen=True)
class Pow(Expr):
    base: Expr
    exponent: int

    def at(self, a):
        return self.base.at(a) ** self.exponent  # ZeroDivisionError for 0 to a negative power


@dataclass(frozen=True)
class Call(Expr):
    name: str  # log, exp or sqrt
    arg: Expr

    def at(self, a):
        x = self.arg.at(a)
        if self.name == "log":
            if x <= 0:
                raise ValueError(f"log is defined for positive values only, not {x}")
            if x == 1:
                return Fraction(0)
            raise Inexact(f"log({x})")
        if self.name == "exp":
            if x == 0:
                return Fraction(1)
            raise Inexact(f"exp({x})")
        if x < 0:
            raise ValueError(f"sqrt is defined for values from 0 only, not {x}")
        root = _rational_sqrt(x)
        if root is None:
            raise Inexact(f"sqrt({x})")
        return root


def _rational_sqrt(x: Fraction) -> Fraction | None:
    n, d = isqrt(x.numerator), isqrt(x.denominator)
    return Fraction(n, d) if n * n == x.numerator and d * d == x.denominator else None


def approximate(expr: Expr, a: Decimal, digits: int = WORKING_DIGITS) -> Decimal:
    """The value at *a* with Decimal at *digits* significant digits (log, exp and sqrt included).

    >>> str(approximate(parse("log(a)"), Decimal(2), 20))
    '0.69314718055994530942'
    """
    with localcontext() as ctx:
        ctx.prec = digits + 5
        value = _approx(expr, +a)
    with localcontext() as ctx:
        ctx.prec = digits
        return +value


def _approx(expr: Expr, a: Decimal) -> Decimal:
    match expr:
        case Num(value):
            return Decimal(value.numerator) / Decimal(value.denominator)
        case Var():
            return a
        case Neg(arg):
            return -_approx(arg, a)
        case Add(left, right):
            return _approx(left, a) + _approx(right, a)
        case Sub(left, right):
            return _approx(left, a) - _approx(right, a)
        case Mul(left, right):
            return _approx(left, a) * _approx(right, a)
        case Div(left, right):
            return _approx(left, a) / _approx(right, a)
        case Pow(base, exponent):
            return _approx(base, a) ** exponent
        case Call("log", arg):
            return _approx(arg, a).ln()
        case Call("exp", arg):
            return _approx(arg, a).exp()
        case Call("sqrt", arg):
            return _approx(arg, a).sqrt()
    raise TypeError(expr)


# --- parsing ---------------------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"\s*(?:(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)|(?P<name>[A-Za-z_]+)|(?P<op>\*\*|[-+*/^()])|(?P<other>\S))"
)


@dataclass(frozen=True)
class _Token:
    kind: str  # number, name, op, end
    text: str
    column: int  # 1-based


def _tokens(text: str) -> list[_Token]:
    out, at = [], 0
    while at < len(text) and text[at:].strip():
        match = _TOKEN.match(text, at)
        assert match is not None  # every character but space is a token, if only an 'other' one
        kind = match.lastgroup
        out.append(_Token(kind, match.group(kind), match.start(kind) + 1))
        at = match.end()
    out.append(_Token("end", "", len(text) + 1))
    return out


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

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
        return ParameterError(_PARAMETER, f"{what} at column {self.token.column}, found {found}")

    def nested(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParameterError(_PARAMETER, f"nested more than {MAX_DEPTH} deep")

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
            exponent = _whole_exponent(self.signed())
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
            if token.text == "a":
                return Var()
            if token.text not in FUNCTIONS:
                known = ", ".join(["a", *FUNCTIONS])
                raise ParameterError(
                    _PARAMETER, f"unknown name {token.text!r} at column {token.column}; the names are {known}"
                )
            if not self.take("("):
                raise self.fail(f"{token.text} needs its argument in parentheses")
            return Call(FUNCTIONS[token.text], self.parenthesised())
        if self.take("("):
            return self.parenthesised()
        if token.kind == "other":
            raise ParameterError(_PARAMETER, f"unexpected {token.text!r} at column {token.column}")
        raise self.fail("expected a number, a, a function or '('")

    def parenthesised(self) -> Expr:
        self.nested()
        inner = self.expression()
        if not self.take(")"):
            raise self.fail("expected ')'")
        self.depth -= 1
        return inner


def _whole_exponent(expr: Expr) -> int:
    try:
        value = expr.at(Fraction(0)) if _constant(expr) else None
    except (Inexact, ZeroDivisionError, ValueError):
        value = None
    if value is None or value.denominator != 1:
        raise ParameterError(
            _PARAMETER,
            f"an exponent must be a whole number from -{MAX_EXPONENT} to {MAX_EXPONENT} "
            "(for a square root write sqrt(a))",
        )
    if abs(value) > MAX_EXPONENT:
        raise ParameterError(
            _PARAMETER,
            f"the exponent {value} is beyond the bound: use whole exponents from -{MAX_EXPONENT} to {MAX_EXPONENT}",
        )
    return int(value)


def _constant(expr: Expr) -> bool:
    match expr:
        case Var():
            return False
        case Num():
            return True
        case Neg(arg) | Call(_, arg):
            return _constant(arg)
        case Pow(base, _):
            return _constant(base)
        case Add(left, right) | Sub(left, right) | Mul(left, right) | Div(left, right):
            return _constant(left) and _constant(right)
    raise TypeError(expr)


def parse(text: str) -> Expr:
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
        raise ParameterError(_PARAMETER, f"expected text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParameterError(_PARAMETER, f"longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ParameterError(_PARAMETER, "empty; write a function of a such as a^2 or 3a")
    parser = _Parser(text)
    tree = parser.expression()
    if parser.token.kind != "end":
        raise parser.fail("unexpected text")
    return tree


# --- derivatives and simplification ---------------------------------------------------------------------
def derivative(expr: Expr) -> Expr:
    """d/da of *expr*: sums, products, quotients, powers and the chain rule, then simplified.

    >>> [derivative(parse(t)).text for t in ("1/a", "exp(2a)", "sqrt(a)", "log(a^2 + 1)")]
    ['-1/a^2', '2exp(2a)', '1/(2sqrt(a))', '2a/(a^2 + 1)']
    """
    return simplify(_d(expr))


def _d(e: Expr) -> Expr:
    match e:
        case Num():
            return Num(Fraction(0))
        case Var():
            return Num(Fraction(1))
        case Neg(arg):
            return Neg(_d(arg))
        case Add(left, right):
            return Add(_d(left), _d(right))
        case Sub(left, right):
            return Sub(_d(left), _d(right))
        case Mul(left, right):
            return Add(Mul(_d(left), right), Mul(left, _d(right)))
        case Div(left, right):
            return Div(Sub(Mul(_d(left), right), Mul(left, _d(right))), Pow(right, 2))
        case Pow(base, n):
            if n == 0:  # base^0 is 1
                return Num(Fraction(0))
            return Mul(Mul(Num(Fraction(n)), Pow(base, n - 1)), _d(base))
        case Call("log", arg):
            return Div(_d(arg), arg)
        case Call("exp", arg):
            return Mul(_d(arg), e)
        case Call("sqrt", arg):
            return Div(_d(arg), Mul(Num(Fraction(2)), e))
    raise TypeError(e)


def simplify(e: Expr) -> Expr:
    """A tidier equal expression: a rational function of a as one fraction of polynomials in lowest
    terms (descending powers), other expressions with constants folded and 0 and 1 removed."""
    poly = _rational(e)
    if poly is not None and poly[1]:  # (a zero denominator: nothing to tidy, it is undefined)
        return _from_rational(*poly)
    match e:
        case Neg(arg):
            return _neg(simplify(arg))
        case Add(left, right):
            return _add(simplify(left), simplify(right))
        case Sub(left, right):
            return _add(simplify(left), _neg(simplify(right)))
        case Mul(left, right):
            return _mul(simplify(left), simplify(right))
        case Div(left, right):
            return _div(simplify(left), simplify(right))
        case Pow(base, n):
            base = simplify(base)
            return Num(Fraction(1)) if n == 0 else base if n == 1 else Pow(base, n)
        case Call(name, arg):
            return Call(name, simplify(arg))
    return e


def _neg(e: Expr) -> Expr:
    if isinstance(e, Num):
        return Num(-e.value)
    return e.arg if isinstance(e, Neg) else Neg(e)


def _add(x: Expr, y: Expr) -> Expr:
    if isinstance(x, Num) and x.value == 0:
        return y
    if isinstance(y, Num) and y.value == 0:
        return x
    return Sub(x, y.arg) if isinstance(y, Neg) else Add(x, y)


def _mul(x: Expr, y: Expr) -> Expr:
    for p, q in ((x, y), (y, x)):
        if isinstance(p, Num):
            if p.value == 0:
                return Num(Fraction(0))
            if p.value == 1:
                return q
            if p.value == -1:
                return _neg(q)
            if isinstance(q, Num):
                return Num(p.value * q.value)
            return Mul(p, q)  # the number first: 2exp(2a), not exp(2a)2
    return Mul(x, y)


def _div(x: Expr, y: Expr) -> Expr:
    if isinstance(y, Num) and y.value == 1:
        return x
    if isinstance(x, Num) and x.value == 0:
        return x
    if isinstance(x, Mul) and isinstance(x.left, Num) and isinstance(y, Mul) and isinstance(y.left, Num):
        return _div(_mul(Num(x.left.value / y.left.value), x.right), y.right)
    return Div(x, y)


# Polynomials: {power: coefficient}, coefficients exact.
Poly = dict[int, Fraction]


def _rational(e: Expr) -> tuple[Poly, Poly] | None:
    """*e* as numerator and denominator polynomials, or None when it holds a function call."""
    match e:
        case Num(value):
            return _trim({0: value}), {0: Fraction(1)}
        case Var():
            return {1: Fraction(1)}, {0: Fraction(1)}
        case Neg(arg):
            inner = _rational(arg)
            return None if inner is None else (_scale(inner[0], -1), inner[1])
        case Add(left, right) | Sub(left, right):
            p, q = _rational(left), _rational(right)
            if p is None or q is None:
                return None
            sign = 1 if isinstance(e, Add) else -1
            return _plus(_times(p[0], q[1]), _scale(_times(q[0], p[1]), sign)), _times(p[1], q[1])
        case Mul(left, right):
            p, q = _rational(left), _rational(right)
            return None if p is None or q is None else (_times(p[0], q[0]), _times(p[1], q[1]))
        case Div(left, right):
            p, q = _rational(left), _rational(right)
            if p is None or q is None or not _trim(q[0]):
                return None
            return _times(p[0], q[1]), _times(p[1], q[0])
        case Pow(base, n):
            p = _rational(base)
            if p is None:
                return None
            num, den = (p[0], p[1]) if n >= 0 else (p[1], p[0])
            out_n, out_d = {0: Fraction(1)}, {0: Fraction(1)}
            for _ in range(abs(n)):
                out_n, out_d = _times(out_n, num), _times(out_d, den)
            return out_n, out_d
    return None


def _trim(p: Poly) -> Poly:
    return {k: v for k, v in p.items() if v}


def _scale(p: Poly, c: Fraction | int) -> Poly:
    return _trim({k: v * c for k, v in p.items()})


def _plus(p: Poly, q: Poly) -> Poly:
    out = dict(p)
    for k, v in q.items():
        out[k] = out.get(k, Fraction(0)) + v
    return _trim(out)


def _times(p: Poly, q: Poly) -> Poly:
    out: Poly = {}
    for i, x in p.items():
        for j, y in q.items():
            out[i + j] = out.get(i + j, Fraction(0)) + x * y
    return _trim(out)


def _degree(p: Poly) -> int:
    return max(p) if p else -1


def _divmod(p: Poly, q: Poly) -> tuple[Poly, Poly]:
    p, out = dict(p), {}
    while p and _degree(p) >= _degree(q):
        shift = _degree(p) - _degree(q)
        c = p[_degree(p)] / q[_degree(q)]
        out[shift] = c
        p = _plus(p, _scale({k + shift: v for k, v in q.items()}, -c))
    return _trim(out), p


def _gcd(p: Poly, q: Poly) -> Poly:
    while q:
        p, q = q, _divmod(p, q)[1]
    return _scale(p, 1 / p[_degree(p)]) if p else {0: Fraction(1)}


def _from_rational(num: Poly, den: Poly) -> Expr:
    common = _gcd(num, den)
    num, den = _divmod(num, common)[0], _divmod(den, common)[0]
    lead = den[_degree(den)]
    num, den = _scale(num, 1 / lead), _scale(den, 1 / lead)
    if den == {0: Fraction(1)}:
        return _poly_expr(num)
    if num and num[_degree(num)] < 0:  # the sign in front: -1/a^2, not (-1)/a^2
        return _neg(_div(_poly_expr(_scale(num, -1)), _poly_expr(den)))
    return _div(_poly_expr(num), _poly_expr(den))


def _poly_expr(p: Poly) -> Expr:
    if not p:
        return Num(Fraction(0))
    node: Expr | None = None
    for k in sorted(p, reverse=True):
        c = p[k]
        term: Expr = Num(abs(c)) if k == 0 else _mul(Num(abs(c)), Var() if k == 1 else Pow(Var(), k))
        if node is None:
            node = term if c > 0 else _neg(term)
        else:
            node = Add(node, term) if c > 0 else Sub(node, term)
    assert node is not None
    return node


# --- printing --------------------------------------------------------------------------------------------
_PRECEDENCE = {Add: 1, Sub: 1, Neg: 2, Mul: 3, Div: 3, Pow: 5, Num: 6, Var: 6, Call: 6}


def _number(value: Fraction) -> str:
    if value.denominator != 1 and format_number(value).startswith("≈"):
        return f"{value.numerator}/{value.denominator}"
    return format_number(value)


def _text(e: Expr, outer: int) -> str:
    mine = _PRECEDENCE[type(e)]
    match e:
        case Num(value):
            out = _number(value)
            mine = 3 if "/" in out else 6 if value >= 0 else 2
        case Var():
            out = "a"
        case Neg(arg):
            out = "-" + _text(arg, 3)
        case Add(left, right):
            out = f"{_text(left, 1)} + {_text(right, 2)}"
        case Sub(left, right):
            out = f"{_text(left, 1)} - {_text(right, 2)}"
        case Mul(left, right):
            a, b = _text(left, 3), _text(right, 4)
            juxtapose = isinstance(left, Num) and not b[0].isdigit() and "/" not in a
            out = f"{a}{b}" if juxtapose else f"{a}*{b}"
        case Div(left, right):
            out = f"{_text(left, 3)}/{_text(right, 4)}"
        case Pow(base, n):
            exponent = str(n) if n >= 0 else f"({n})"
            out = f"{_text(base, 6)}^{exponent}"
        case Call(name, arg):
            out = f"{name}({_text(arg, 0)})"
        case _:
            raise TypeError(e)
    return f"({out})" if mine < outer else out
