"""The parameters of "More derivative examples": the functions it shows in turn (the first at every
point, each further one at the first point, on axes of its own), the points and the nudge. Each
function at its points is checked as the first lecture checks its one function (derivlib.params).

>>> p = ExamplesParams.from_mapping({"functions": "a^2, a^3, log(a)"})
>>> p.as_strings()
{'functions': 'a^2, a^3, log(a)', 'points': '2,5', 'nudge': '0.001'}
>>> [f.function.text for f in p.followers()]
['a^3', 'log(a)']
>>> ExamplesParams.from_mapping({"functions": "a, a, a, a, a, a"})
Traceback (most recent call last):
...
derivlib.numbers.ParameterError: functions: give from 1 to 5 functions, got 6
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ...calculus import Line
from ...curve import Curve
from ...numbers import ParameterError
from ...params import MAX_FUNCTIONS, Params, function_shape

__all__ = ["ExamplesParams"]

_KEYS = ("functions", "points", "nudge")


def _shape(fn: Line | Curve) -> dict[str, object]:
    return {"curve": fn} if isinstance(fn, Curve) else {"slope": fn.slope, "intercept": fn.intercept}


def _text(fn: Line | Curve) -> str:
    """A function as the text that reads back to it ('a^2', '3a + 1')."""
    return fn.text if isinstance(fn, Curve) else fn.formula.text.removeprefix("f(a) = ")


@dataclass(frozen=True)
class ExamplesParams:
    """The functions in order, the points and the nudge; validated on construction."""

    functions: tuple[Line | Curve, ...]
    points: tuple[Decimal, ...] = field(default=(Decimal(2), Decimal(5)))
    nudge: Decimal = Decimal("0.001")

    def __post_init__(self) -> None:
        if not isinstance(self.functions, tuple) or not all(isinstance(g, Line | Curve) for g in self.functions):
            raise ParameterError("functions", "expected a tuple of functions")
        if not 1 <= len(self.functions) <= MAX_FUNCTIONS:
            raise ParameterError("functions", f"give from 1 to {MAX_FUNCTIONS} functions, got {len(self.functions)}")
        first = self.first  # (checked: the first function at every point)
        object.__setattr__(self, "points", first.points)  # (canonical: 2.0 is 2)
        object.__setattr__(self, "nudge", first.nudge)
        self.followers()  # (each further function at the first point)

    @property
    def first(self) -> Params:
        """The first function at every point, as the first lecture's parameters."""
        return Params(points=self.points, nudge=self.nudge, **_shape(self.functions[0]))

    @property
    def function(self) -> Line | Curve:
        return self.functions[0]

    def followers(self) -> tuple[Params, ...]:
        """Each further function at the first point, with the same nudge."""
        return tuple(Params(points=self.points[:1], nudge=self.nudge, **_shape(g)) for g in self.functions[1:])

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "config") -> ExamplesParams:
        """From a TOML table or the flags' text; an unknown key is an error."""
        for key in data:
            if key not in _KEYS:
                raise ParameterError(key, f"unknown key in {source}; known keys are {', '.join(_KEYS)}")
        raw = data.get("functions", ())
        items = raw.split(",") if isinstance(raw, str) else raw
        if not isinstance(items, list | tuple) or not items or not all(isinstance(t, str) for t in items):
            raise ParameterError("functions", f'expected a list of functions, such as ["a^2", "log(a)"], got {raw!r}')
        if len(items) > MAX_FUNCTIONS:
            raise ParameterError("functions", f"give from 1 to {MAX_FUNCTIONS} functions, got {len(items)}")
        common = {k: data[k] for k in ("points", "nudge") if k in data}
        first = Params.from_mapping({"function": items[0].strip(), **common}, source=source)
        at_first = {"points": first.points[:1], "nudge": first.nudge}  # (where each further one is shown)
        later = tuple(Params(**at_first, **function_shape(t.strip())).function for t in items[1:])
        return cls((first.function, *later), first.points, first.nudge)

    def as_strings(self) -> dict[str, str]:
        """Each parameter as the text that reads back to it."""
        first = self.first.as_strings()
        return {"functions": ", ".join(_text(g) for g in self.functions), "points": first["points"], "nudge": first["nudge"]}
