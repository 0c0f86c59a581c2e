"""The lecture's parameters: one frozen, validated object.

f(a) = slope · a + intercept, evaluated at one to five distinct points and nudged by ``nudge``.
Values are exact Decimals. Bounds keep every number drawable on the axes and readable on screen:

============  =====================================================
slope         -1000 ≤ k ≤ 1000
intercept     -1000000 ≤ b ≤ 1000000
points        1 to 5 distinct values, each -1000000 ≤ a ≤ 1000000
nudge         0 < h ≤ 1
every value   shown exactly: at most 12 significant digits and 9 decimals
============  =====================================================

and the nudge must be visible in what is shown: a + h must not format as a (nor f(a + h) as f(a) when
the slope is not zero).

>>> p = Params()
>>> p.slope, p.intercept, p.points, p.nudge
(Decimal('3'), Decimal('0'), (Decimal('2'), Decimal('5')), Decimal('0.001'))
>>> Params.from_strings(slope="7", points="-3,0.5", nudge="0.01").points
(Decimal('-3'), Decimal('0.5'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from fractions import Fraction

from .calculus import Line
from .curve import Curve
from .numbers import (
    APPROX,
    MAX_SIGNIFICANT,
    ParameterError,
    describe,
    exact,
    format_number,
    parse_number,
    shown_value,
    to_decimal,
)
from .view import fit_view

__all__ = ["BOUNDS", "MAX_FUNCTIONS", "MAX_INPUT_DECIMALS", "MAX_POINTS", "Params", "function_shape"]

#: Largest magnitude allowed for each parameter, inclusive.
BOUNDS = {
    "slope": Decimal(1000),
    "intercept": Decimal(1_000_000),
    "points": Decimal(1_000_000),
    "nudge": Decimal(1),
}
#: At most this many digits after the decimal point in any input.
MAX_INPUT_DECIMALS = 9
#: The lecture visits at most this many points.
MAX_POINTS = 5
#: A lecture shows at most this many functions in turn.
MAX_FUNCTIONS = 5

_DEFAULTS = {"slope": "3", "intercept": "0", "points": "2,5", "nudge": "0.001"}


def _check_value(name: str, value: Decimal) -> None:
    if not value.is_finite():
        raise ParameterError(name, f"must be a finite number, got {value}")
    bound = BOUNDS[name]
    if value.copy_abs() > bound:  # checked first: a huge exponent is never written out
        allowed = (
            f"greater than 0 and at most {format_number(bound)}"
            if name == "nudge"
            else f"from {format_number(-bound)} to {format_number(bound)}"
        )
        raise ParameterError(name, f"{describe(value)} is too large to draw and read; use a value {allowed}")
    if value and value.adjusted() < -MAX_INPUT_DECIMALS:
        raise ParameterError(
            name,
            f"{describe(value)} is too small to show; at most {MAX_INPUT_DECIMALS} decimals can be shown",
        )
    shown = format_number(value)
    if shown.startswith(APPROX):
        raise ParameterError(
            name,
            f"{describe(value)} has more than {MAX_SIGNIFICANT} significant digits, too many to show exactly",
        )
    decimals = len(shown.partition(".")[2])
    if decimals > MAX_INPUT_DECIMALS:
        raise ParameterError(
            name, f"{shown} has {decimals} decimals; at most {MAX_INPUT_DECIMALS} can be shown"
        )


@dataclass(frozen=True)
class Params:
    """Slope, intercept, points and nudge of the lecture; validated on construction.

    >>> Params(nudge=Decimal(0))
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: nudge: must be greater than 0, got 0
    >>> Params(points=(Decimal(2), Decimal("2.0")))
    Traceback (most recent call last):
    ...
    derivlib.numbers.ParameterError: points: 2 is given twice; points must be distinct
    """

    slope: Decimal = Decimal(_DEFAULTS["slope"])
    intercept: Decimal = Decimal(_DEFAULTS["intercept"])
    points: tuple[Decimal, ...] = field(default=(Decimal(2), Decimal(5)))
    nudge: Decimal = Decimal(_DEFAULTS["nudge"])
    #: f(a) given as an expression (--function); None for the line slope · a + intercept
    curve: Curve | None = None

    def __post_init__(self) -> None:
        for name in ("slope", "intercept", "nudge"):
            value = getattr(self, name)
            if not isinstance(value, Decimal):
                raise ParameterError(name, f"expected an exact Decimal, got {type(value).__name__}")
            _check_value(name, value)
        if not isinstance(self.points, tuple) or not all(isinstance(a, Decimal) for a in self.points):
            raise ParameterError("points", "expected a tuple of exact Decimals")
        if not 1 <= len(self.points) <= MAX_POINTS:
            raise ParameterError("points", f"give from 1 to {MAX_POINTS} points, got {len(self.points)}")
        seen: set[Decimal] = set()
        for a in self.points:
            _check_value("points", a)
            if a in seen:
                raise ParameterError("points", f"{format_number(a)} is given twice; points must be distinct")
            seen.add(a)
        if self.nudge <= 0:
            raise ParameterError("nudge", f"must be greater than 0, got {format_number(self.nudge)}")
        if self.curve is not None:
            if not isinstance(self.curve, Curve):
                raise ParameterError("function", f"expected a Curve, got {type(self.curve).__name__}")
            if (self.slope, self.intercept) != (Decimal(_DEFAULTS["slope"]), Decimal(_DEFAULTS["intercept"])):
                raise ParameterError(
                    "function", "give either a function or a slope and an intercept, not both"
                )
            self.curve.check(self.points, self.nudge)
        with exact():
            for a in self.points:
                moved = a + self.nudge
                if shown_value(moved) == a:
                    raise ParameterError(
                        "nudge",
                        f"{format_number(self.nudge)} is too small to see at a = {format_number(a)}: "
                        f"a + h would show as {format_number(moved)}",
                    )
                f_a, f_moved = self.function.at(a), self.function.at(moved)
                moving = self.curve.slope_at(a) if self.curve is not None else self.slope
                if moving and shown_value(f_moved) == shown_value(f_a):
                    raise ParameterError(
                        "nudge",
                        f"{format_number(self.nudge)} is too small to see at a = {format_number(a)}: "
                        f"f(a + h) would show as {format_number(f_moved)}, like f(a)",
                    )
        # Canonical forms: 2.0 and 2 are the same parameter, so they make the same object.
        for name in ("slope", "intercept", "nudge"):
            object.__setattr__(self, name, _canonical(getattr(self, name)))
        object.__setattr__(self, "points", tuple(_canonical(a) for a in self.points))
        # The picture must be drawable: axes that fit, and a nudge the camera can zoom in on.
        fit_view(self.function, self.points, self.nudge)

    @classmethod
    def from_strings(
        cls,
        *,
        slope: str | None = None,
        intercept: str | None = None,
        points: str | None = None,
        nudge: str | None = None,
        function: str | None = None,
    ) -> Params:
        """Build from text as typed on a command line; None means the default.

        >>> Params.from_strings(points="1, 2 ,3").points
        (Decimal('1'), Decimal('2'), Decimal('3'))
        >>> Params.from_strings(slope="nan")
        Traceback (most recent call last):
        ...
        derivlib.numbers.ParameterError: slope: 'nan' is not a plain decimal number (write it like 2, -0.5 or 0.001)
        """
        given = {
            "slope": slope,
            "intercept": intercept,
            "points": points,
            "nudge": nudge,
            "function": function,
        }
        return cls.from_mapping({k: v for k, v in given.items() if v is not None}, source="the command line")

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "config") -> Params:
        """Build from a mapping such as a parsed TOML table; an unknown key is an error.

        Numbers may be exact Decimals, ints, or strings in plain decimal notation; ``points`` is a list
        of them (or a comma-separated string).

        >>> Params.from_mapping({"slope": Decimal("-2"), "points": [1, "4.5"]}).points
        (Decimal('1'), Decimal('4.5'))
        >>> Params.from_mapping({"slop": 2})
        Traceback (most recent call last):
        ...
        derivlib.numbers.ParameterError: slop: unknown key in config; known keys are function, intercept, nudge, points, slope
        >>> Params.from_mapping({"function": "3a + 1"}) == Params.from_strings(slope="3", intercept="1")
        True
        """
        known = ({f.name for f in fields(cls)} - {"curve"}) | {"function"}
        values: dict[str, object] = {}
        for key, raw in data.items():
            if key not in known:
                raise ParameterError(
                    key, f"unknown key in {source}; known keys are {', '.join(sorted(known))}"
                )
            if key == "function":
                if not isinstance(raw, str):
                    raise ParameterError(key, f'expected the function as text, such as "a^2", got {raw!r}')
                if "slope" in data or "intercept" in data:
                    raise ParameterError(key, "give either a function or a slope and an intercept, not both")
                values.update(function_shape(raw))
            elif key == "points":
                items = raw.split(",") if isinstance(raw, str) else raw
                if not isinstance(items, list | tuple):
                    raise ParameterError(key, f"expected a list of numbers, got {raw!r}")
                values[key] = tuple(_coerce(item, key) for item in items)
            else:
                values[key] = _coerce(raw, key)
        return cls(**values)

    @property
    def function(self) -> Line | Curve:
        """f: the curve given as an expression, or the line slope · a + intercept."""
        return self.curve if self.curve is not None else self.line

    def at(self, a: Decimal):
        """f(a), exact where it can be (see derivlib.curve).

        >>> Params().at(Decimal("2.001")), Params.from_strings(function="a^2").at(Decimal("2.001"))
        (Decimal('6.003'), Decimal('4.004001'))
        """
        return self.function.at(a)

    @property
    def line(self) -> Line:
        """The function f(a) = slope · a + intercept.

        >>> Params().line
        Line(slope=Decimal('3'), intercept=Decimal('0'))
        """
        return Line(self.slope, self.intercept)

    def replace(self, **changes: object) -> Params:
        """A copy with some values changed, validated again.

        >>> Params().replace(slope=Decimal(-1)).slope
        Decimal('-1')
        """
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        current.update(changes)
        return type(self)(**current)

    def as_strings(self) -> dict[str, str]:
        """Each parameter as its formatted text, as a config file or a command line would give it.

        >>> Params().as_strings()
        {'slope': '3', 'intercept': '0', 'points': '2,5', 'nudge': '0.001'}
        """
        out = {
            "slope": format_number(self.slope),
            "intercept": format_number(self.intercept),
            "points": ",".join(format_number(a) for a in self.points),
            "nudge": format_number(self.nudge),
        }
        if self.curve is not None:  # the function instead of the line's slope and intercept
            return {"function": self.curve.text, "points": out["points"], "nudge": out["nudge"]}
        return out

    def is_default(self) -> bool:
        """Whether these are the lecture's own parameters.

        >>> Params().is_default(), Params.from_strings(slope="3.0").is_default()
        (True, True)
        """
        return self == Params()


def function_shape(text: str) -> dict[str, object]:
    """The parameters a function stands for: a line k·a + b with decimal k and b is the lecture's own
    kind of function (slope and intercept); anything else is a curve, a line whose k or b is irrational
    (a + sqrt(3)) or not a finite decimal (a/3) included."""
    curve = Curve.parse(text)
    if curve.is_line():
        try:  # exactly: Inexact when k or b is not a rational number
            slope, intercept = curve.slope_expr.at(Fraction(0)), curve.expr.at(Fraction(0))
        except (ArithmeticError, ValueError):  # undefined at 0 (its points say where: Curve.check), inexact
            return {"curve": curve}
        slope, intercept = to_decimal(slope), to_decimal(intercept)
        if slope is not None and intercept is not None:
            return {"slope": slope, "intercept": intercept}
    return {"curve": curve}


def _canonical(value: Decimal) -> Decimal:
    """The same value with no trailing zeros and no negative zero (2.50 → 2.5, 1E+3 → 1000)."""
    return parse_number(format_number(value), "value")


def _coerce(raw: object, name: str) -> Decimal:
    if isinstance(raw, bool):
        raise ParameterError(name, f"expected a number, got {str(raw).lower()}")
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, str):
        return parse_number(raw, name)
    raise ParameterError(name, f"expected a number, got {raw!r}")
