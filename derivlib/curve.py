"""A function of a given as an expression (``--function``): its values, exact where the mathematics is,
its derivative, and the nudge's numbers at a point.

Values are exact (a Decimal when the value is a terminating decimal, otherwise a Fraction) for
polynomials and rational functions, and for log, exp and sqrt where the value is rational. Otherwise
they are approximations: Decimals of WORKING_DIGITS significant digits, which the one formatting rule
shows rounded and marked ≈. A value worked out from an approximation is an approximation too.

>>> f = Curve.parse("a^2")
>>> n = f.nudge(Decimal(2), Decimal("0.001"))
>>> [format_number(v) for v in (n.f_a, n.f_nudged, n.rise, n.ratio, f.slope_at(Decimal(2)))]
['4', '4.004001', '0.004001', '4.001', '4']
>>> format_number(Curve.parse("log(a)").at(Decimal(2)))
'≈0.69314718056'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from fractions import Fraction

from .calculus import SHRINK, SHRINKING_STEPS, Formula, Nudge
from .expression import WORKING_DIGITS, Expr, Inexact, OutOfRange, approximate, is_constant
from .grammar import parse
from .numbers import ParameterError, exact, format_number, to_decimal
from .printing import SAID_A, at_point, spoken, tex
from .symbolic import derivative
from .trace import gap_between
from .wording import equals

__all__ = ["MAX_VALUE", "Curve", "Value"]

Value = Decimal | Fraction
#: f and its derivative at the lecture's points must be within this bound, to be drawn and read.
MAX_VALUE = Decimal(10) ** 9
#: [a, a + h] is checked for a pole or the domain's edge at this many points.
_INTERVAL_SAMPLES = 64


def _exact(value: Fraction) -> Value:
    as_decimal = to_decimal(value)
    return as_decimal if as_decimal is not None else value


def _approx(value: Fraction | Decimal) -> Decimal:
    with localcontext(Context(prec=WORKING_DIGITS)):  # rounding, not the exact context's traps
        if isinstance(value, Fraction):
            return Decimal(value.numerator) / Decimal(value.denominator)
        return +value


def _bounded(what: str, where: str, value: Value) -> None:
    if abs(value) > MAX_VALUE:
        raise ParameterError(
            "points", f"{what} at {where} is beyond ±{format_number(MAX_VALUE)}, too large to draw and read"
        )


def _is_approximate(value: Value) -> bool:
    """An approximation carries all its working digits (more than any exact value shown here needs)."""
    return isinstance(value, Decimal) and len(value.normalize().as_tuple().digits) >= WORKING_DIGITS - 2


@dataclass(frozen=True)
class Curve:
    """f(a) as an expression, and its derivative."""

    expr: Expr
    slope_expr: Expr

    @classmethod
    def parse(cls, text: str) -> Curve:
        """Read *text* (a ParameterError 'function: ...' when it is not a function of a).

        >>> Curve.parse("(2a/0)^1")
        Traceback (most recent call last):
        ...
        derivlib.numbers.ParameterError: function: (2a/0)^1 divides by zero for every a
        """
        expr = parse(text)
        try:
            return cls(expr, derivative(expr))
        except ZeroDivisionError:  # simplifying met a denominator that is 0 whatever a is
            raise ParameterError("function", f"{text.strip()} divides by zero for every a") from None

    @property
    def text(self) -> str:
        return self.expr.text

    def is_line(self) -> bool:
        """Whether f is a line k·a + b (its derivative, simplified, holds no a)."""
        return is_constant(self.slope_expr)

    def _value(self, expr: Expr, a: Value) -> Value:
        exact_a = Fraction(a)
        try:
            return _exact(expr.at(exact_a))
        except Inexact:
            return approximate(expr, _approx(a))

    def at(self, a: Value) -> Value:
        """f(a): exact where it can be; ZeroDivisionError or ValueError outside the domain."""
        return self._value(self.expr, a)

    def slope_at(self, a: Value) -> Value:
        """f'(a), the derivative at *a*."""
        return self._value(self.slope_expr, a)

    def nudge(self, a: Decimal, h: Decimal) -> Nudge:
        """The nudge of *a* by *h*: both ends, the triangle, its ratio (all exact where they can be)."""
        a_h = a + h
        f_a, f_ah = self.at(a), self.at(a_h)
        approx = _is_approximate(f_a) or _is_approximate(f_ah)
        rise = Fraction(f_ah) - Fraction(f_a)
        ratio = rise / Fraction(h)
        if approx:
            return Nudge(a, h, f_a, a_h, f_ah, _approx(rise), h, _approx(ratio))
        return Nudge(a, h, f_a, a_h, f_ah, _exact(rise), h, _exact(ratio))

    def check(self, points, nudge: Decimal) -> None:
        """Refuse (ParameterError) points where f or its derivative is undefined, nudges whose interval
        [a, a + h] leaves the domain or crosses a pole, and values too large to draw and read. It works
        out everything a lecture works out at a point: f and f' there, and the nudge and the formal
        definition's shrinking nudges (calculus.shrinking_nudges) from there."""
        for a in points:
            where = f"a = {format_number(a)}"
            for what, value in (("f", self.at), ("its derivative", self.slope_at)):
                try:
                    result = value(a)
                except OutOfRange:
                    result = MAX_VALUE * 2  # (beyond the bound on its way: beyond the bound)
                except (ArithmeticError, ValueError) as err:
                    why = "it has a pole there" if isinstance(err, ZeroDivisionError) else str(err)
                    raise ParameterError("points", f"{what} is not defined at {where}: {why}") from None
                _bounded(what, where, result)
            self._check_interval(a, nudge)
            h = nudge
            for _ in range(SHRINKING_STEPS):
                try:
                    n = self.nudge(a, h)
                except OutOfRange:
                    _bounded("f", f"a + h = {format_number(a + h)}", MAX_VALUE * 2)
                except (ArithmeticError, ValueError):
                    raise ParameterError(
                        "nudge",
                        f"f is not defined at a + h = {format_number(a + h)} (the nudge from {where})",
                    ) from None
                _bounded("f", f"a + h = {format_number(n.a_nudged)}", n.f_nudged)
                with exact():
                    h = h * SHRINK

    def _check_interval(self, a: Decimal, nudge: Decimal) -> None:
        """f defined at _INTERVAL_SAMPLES points of [a, a + h], and no pole between two of them (found
        as the drawing finds one: derivlib.trace.gap_between)."""
        samples = [a + nudge * Decimal(i) / _INTERVAL_SAMPLES for i in range(_INTERVAL_SAMPLES + 1)]

        def refuse(at: Decimal, where: str = "at") -> ParameterError:
            return ParameterError(
                "nudge",
                f"the nudge from a = {format_number(a)} to {format_number(a + nudge)} leaves the function's "
                f"domain or crosses a pole ({where} {format_number(at)})",
            )

        values = []
        for inside in samples:
            try:
                values.append(Fraction(self.at(inside)))
            except (ArithmeticError, ValueError):
                raise refuse(inside) from None
        span = max(max(values) - min(values), Fraction(1, 10**6))
        for i in range(_INTERVAL_SAMPLES):
            if gap_between(
                self, Fraction(samples[i]), Fraction(samples[i + 1]), values[i], values[i + 1], span
            ):
                raise refuse((samples[i] + samples[i + 1]) / 2, "near")

    @property
    def formula(self) -> Formula:
        """f(a) = ... as text, TeX and words."""
        return Formula(
            text=f"f(a) = {self.expr.text}",
            tex=f"f(a) = {tex(self.expr)}",
            spoken=f"f of {SAID_A} equals {spoken(self.expr)}",
        )

    @property
    def slope_formula(self) -> Formula:
        """The derivative's right-hand side as text, TeX and words ('2a', '2a', 'two a')."""
        return Formula(text=self.slope_expr.text, tex=tex(self.slope_expr), spoken=spoken(self.slope_expr))

    @property
    def kinds(self) -> tuple[str, ...]:
        """What the narration may say of this function (see derivlib.catalog): a curve."""
        return ("curve",)

    @property
    def notes(self) -> tuple[str, ...]:
        """What a teacher would add when first showing this function: 'log' when it has a logarithm
        (which one is meant)."""
        return ("log",) if "log(" in self.text else ()

    def worked_at(self, a: Decimal) -> tuple[str, str]:
        """f(a) worked out at a point, before its value: ('2^2', 'two squared')."""
        return at_point(self.expr, a)

    def slope_worked_out(self, a: Decimal) -> tuple[str, str]:
        """The derivative at *a*, worked out: ('2 × 2 = 4', 'two times two equals four')."""
        text, words = at_point(self.slope_expr, a)
        result = equals(self.slope_at(a))
        return f"{text} {result.text}", f"{words} {result.spoken}"
