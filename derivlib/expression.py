"""Functions of a as trees of this module's own nodes: exact values, approximate ones, and text.

:mod:`derivlib.grammar` reads them from what a user types; :mod:`derivlib.symbolic` differentiates them.

Values: a polynomial or rational function is evaluated exactly, as a Fraction, at every point; log, exp
and sqrt are computed with Decimal at WORKING_DIGITS significant digits (exactly when the result is a
rational number: sqrt(2.25) = 1.5, log(1) = 0, exp(0) = 1).

>>> from derivlib.grammar import parse
>>> f = parse("a^2")
>>> f.text, f.at(Fraction(2))
('a^2', Fraction(4, 1))
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from fractions import Fraction
from math import isqrt

from .numbers import format_number

__all__ = [
    "FUNCTIONS",
    "MAX_ORDER",
    "WORKING_DIGITS",
    "Add",
    "Call",
    "Div",
    "Expr",
    "Inexact",
    "Mul",
    "Name",
    "Neg",
    "Num",
    "OutOfRange",
    "Pow",
    "Sub",
    "Var",
    "approximate",
    "is_constant",
    "text_in",
    "worked_text",
]

#: Significant digits of log, exp and sqrt when their value is not a rational number.
WORKING_DIGITS = 40
#: Approximate values (and each step on the way to them) stay within ±10^MAX_ORDER, or are out of range;
#: values nearer zero than 10^-MAX_ORDER round to zero.
MAX_ORDER = 999
#: A power worked out exactly has at most about this many bits (beyond it, it is approximated).
EXACT_BITS = 4000
#: The names of functions, each with its own name for printing.
FUNCTIONS = {"log": "log", "ln": "log", "exp": "exp", "sqrt": "sqrt"}


class Inexact(ArithmeticError):
    """A value that has no exact rational form (log 2, sqrt 2, exp 1)."""


class OutOfRange(ArithmeticError):
    """A value (or a step on the way to it) beyond ±10^MAX_ORDER: too large to work with."""


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
class Name(Expr):
    """A named variable of a computation graph's step (b, u, w1): a constant to d/da, and given a value
    (or made the variable a) by derivlib.graph before the expression is worked out."""

    name: str

    def at(self, a):
        raise TypeError(f"{self.name} has no value here: bind it first (derivlib.graph)")


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
        base = self.base.at(a)
        if (base.numerator.bit_length() + base.denominator.bit_length()) * abs(self.exponent) > EXACT_BITS:
            raise Inexact(f"({base})^{self.exponent} is too long to work out exactly")
        return base**self.exponent  # ZeroDivisionError for 0 to a negative power


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

    >>> from derivlib.grammar import parse
    >>> str(approximate(parse("log(a)"), Decimal(2), 20))
    '0.69314718055994530942'
    """
    # Rounding, not the exact context's traps; a value beyond 10^MAX_ORDER overflows (a trap), so that no
    # value carries a million digits into the Fractions made from it.
    bounded = {"Emax": MAX_ORDER, "Emin": -MAX_ORDER, "traps": [InvalidOperation, DivisionByZero, Overflow]}
    try:
        with localcontext(Context(prec=digits + 5, **bounded)):
            value = _approx(expr, +a)
        with localcontext(Context(prec=digits, **bounded)):
            value = +value
    except Overflow:
        raise OutOfRange(f"a value beyond 10^{MAX_ORDER}") from None
    if not value.is_finite():  # (every way to an infinity or a NaN is trapped above; this says so)
        raise OutOfRange(f"{value} is not a number")
    return value


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
            x = _approx(base, a)
            if not x and exponent < 0:  # (Decimal's 0^-n is Infinity, not an error)
                raise ZeroDivisionError(f"0 to the power {exponent}")
            return x**exponent
        case Call("log", arg):
            x = _approx(arg, a)
            if x <= 0:  # (Decimal's ln(0) is -Infinity, not an error)
                raise ValueError(f"log is defined for positive values only, not {format_number(x)}")
            return x.ln()
        case Call("exp", arg):
            return _approx(arg, a).exp()
        case Call("sqrt", arg):
            x = _approx(arg, a)
            if x < 0:
                raise ValueError(f"sqrt is defined for values from 0 only, not {format_number(x)}")
            return x.sqrt()
    raise TypeError(expr)


def is_constant(expr: Expr) -> bool:
    """Whether *expr* does not depend on a (it holds no a)."""
    match expr:
        case Var() | Name():
            return False
        case Num():
            return True
        case Neg(arg) | Call(_, arg):
            return is_constant(arg)
        case Pow(base, _):
            return is_constant(base)
        case Add(left, right) | Sub(left, right) | Mul(left, right) | Div(left, right):
            return is_constant(left) and is_constant(right)
    raise TypeError(expr)


# --- printing --------------------------------------------------------------------------------------------
_PRECEDENCE = {Add: 1, Sub: 1, Neg: 2, Mul: 3, Div: 3, Pow: 5, Num: 6, Var: 6, Name: 6, Call: 6}


def _number(value: Fraction) -> str:
    if value.denominator != 1 and format_number(value).startswith("≈"):
        return f"{value.numerator}/{value.denominator}"
    return format_number(value)


def _text(e: Expr, outer: int, a: str = "a", times: str = "*", over: str = "/") -> str:
    """Plain text; with *a* a number's text, the expression worked out at that number (products then
    always show their sign *times*, as ' × ')."""
    mine = _PRECEDENCE[type(e)]
    sub = (a, times, over)
    match e:
        case Num(value):
            out = _number(value)
            mine = 3 if "/" in out else 6 if value >= 0 else 2
        case Var():
            out = a
            mine = 2 if a.startswith("-") else 6
        case Name(name):
            out = name
        case Neg(arg):
            out = "-" + _text(arg, 3, *sub)
        case Add(left, right):
            out = f"{_text(left, 1, *sub)} + {_text(right, 2, *sub)}"
        case Sub(left, right):
            out = f"{_text(left, 1, *sub)} - {_text(right, 2, *sub)}"
        case Mul(left, right):
            x, y = _text(left, 3, *sub), _text(right, 4, *sub)
            juxtapose = a.isidentifier() and isinstance(left, Num) and not y[0].isdigit() and "/" not in x
            out = f"{x}{y}" if juxtapose else f"{x}{times}{y}"
        case Div(left, right):
            out = f"{_text(left, 3, *sub)}{over}{_text(right, 4, *sub)}"
        case Pow(base, n):
            exponent = str(n) if n >= 0 else f"({n})"
            out = f"{_text(base, 6, *sub)}^{exponent}"
        case Call(name, arg):
            out = f"{name}({_text(arg, 0, *sub)})"
        case _:
            raise TypeError(e)
    return f"({out})" if mine < outer else out


def text_in(e: Expr, a: str) -> str:
    """*e* as text with the variable written *a* (a graph's step derived by b prints b, not a)."""
    return _text(e, 0, a)


def worked_text(e: Expr, a: str) -> str:
    """*e* as text with the number *a* (its text) put in for a: '3 × 2^2', '1 / 2'."""
    return _text(e, 0, a, " × ", " / ")
