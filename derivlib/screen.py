"""What the screen writes about the function, as TeX for MathTex: f worked out at a point, its
derivative, and the derivative worked out at a point. Every number in these is derivlib's, written by
the one formatting rule; the same for a line and for a curve.

>>> from derivlib.params import Params
>>> line, square = Params().function, Params.from_strings(function="a^2").function
>>> evaluation_tex(line, Decimal(2)), evaluation_tex(square, Decimal(2))
('f(a) = 3 × 2 = 6', 'f(a) = 2^{2} = 4')
>>> derivative_tex(line), derivative_tex(square)
('3', '2a')
>>> derivative_at_tex(line, Decimal(5)), derivative_at_tex(square, Decimal(5))
('3', '2 \\\\cdot 5 = 10')
>>> evaluation_tex(Params.from_strings(function="log(a)").function, Decimal(2))
'f(a) = \\\\log\\\\left(2\\\\right) ≈ 0.69314718056'
"""

from __future__ import annotations

from decimal import Decimal

from .calculus import Line, Nudge
from .curve import Curve
from .numbers import format_number
from .printing import tex_at
from .wording import equals

__all__ = [
    "DEFINITION_TEX",
    "derivative_at_tex", "derivative_tex", "evaluation_tex", "is_curve", "relation_parts", "times_tex"]


#: The formal definition of the derivative, as TeX (its 0 is the definition's, not a computed value).
DEFINITION_TEX = r"\lim_{h \to 0} \frac{f(a + h) - f(a)}{h}"


def is_curve(fn: Line | Curve) -> bool:
    """Whether *fn* is a curve (its slope changes from point to point), not the line k·a + b."""
    return isinstance(fn, Curve)


def evaluation_tex(fn: Line | Curve, a: Decimal) -> str:
    """'f(a) = ... = value' at *a*: the line's worked product, or the curve's expression with a put in."""
    if isinstance(fn, Line):
        value = format_number(fn.at(a))
        return f"f(a) = {fn.worked_at(a)[0]} = {value}" if fn.slope else f"f(a) = {value}"
    return f"f(a) = {tex_at(fn.expr, a)} {equals(fn.at(a)).text}"


def derivative_tex(fn: Line | Curve) -> str:
    """The right-hand side of df(a)/da = ...: the line's slope, or the curve's derivative."""
    return fn.slope_formula.tex


def derivative_at_tex(fn: Line | Curve, a: Decimal) -> str:
    """The derivative at *a*: the line's slope, or the curve's derivative worked out ('2 · 5 = 10')."""
    if isinstance(fn, Line):
        return format_number(fn.slope)
    return f"{tex_at(fn.slope_expr, a)} {equals(fn.slope_at(a)).text}"


def times_tex(n: Nudge) -> tuple[str, str, str, str, str]:
    """The rise as the ratio times the run, in five parts (rise, relation, ratio, ×, run); the relation
    is ≈ when the ratio is rounded.

    >>> from derivlib.params import Params
    >>> times_tex(Params().function.nudge(Decimal(2), Decimal("0.001")))
    ('0.003', '=', '3', '\\\\times', '0.001')
    >>> times_tex(Params.from_strings(function="log(a)").function.nudge(Decimal(2), Decimal("0.001")))[1:3]
    ('≈', '0.499875041651')
    """
    relation, value = relation_parts(n.ratio)
    return format_number(n.rise), relation, value, r"\times", format_number(n.run)


def relation_parts(value) -> tuple[str, str]:
    """'= 4' or '≈ 0.69314718056' as two parts: the relation, and the number without its mark.

    >>> from fractions import Fraction
    >>> relation_parts(Decimal("4.001")), relation_parts(Fraction(1, 3))
    (('=', '4.001'), ('≈', '0.333333333333'))
    """
    relation, number = equals(value).text.split(" ", 1)
    return relation, number
