"""The parameters of a lecture about a computation graph: its steps, its inputs' values and the nudge.

``steps`` is a list of 'name = expression' (or one text, the steps separated by ';'), ``values`` the
inputs' values (a table, or 'a=5,b=3,c=2'), ``nudge`` 0 < h ≤ 1 with at most 9 decimals, small enough to
see: every variable that a nudge moves must show a different value.

>>> p = GraphParams()
>>> p.as_strings()
{'steps': 'u = b*c; v = a + u; J = 3v', 'values': 'a=5,b=3,c=2', 'nudge': '0.001'}
>>> GraphParams.from_mapping({"steps": "u = b*c; J = u^2", "values": {"b": 2, "c": "0.5"}}).graph.value("J")
Decimal('1')
>>> GraphParams.from_mapping({"values": "a=5,b=3"})
Traceback (most recent call last):
...
derivlib.numbers.ParameterError: values: give a value for c (such as c=1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from ...graph import Graph
from ...numbers import ParameterError, format_number, parse_number, shown_value
from ..lecture import Flag

__all__ = ["DEFAULT_STEPS", "DEFAULT_VALUES", "FLAGS", "GraphParams"]

DEFAULT_STEPS = ("u = b*c", "v = a + u", "J = 3v")
DEFAULT_VALUES = (("a", Decimal(5)), ("b", Decimal(3)), ("c", Decimal(2)))
_KEYS = ("steps", "values", "nudge")
#: The parameters of a graph lecture, as the command line takes them.
FLAGS = (
    Flag("steps", "STEPS", "the graph's steps, 'name = expression' separated by ';' (default 'u = b*c; v = a + u; J = 3v')"),
    Flag("values", "N=V,...", "the inputs' values (default a=5,b=3,c=2)"),
    Flag("nudge", "H", "the nudge h, 0 < h <= 1 (default 0.001)"),
)



@dataclass(frozen=True)
class GraphParams:
    """A graph's steps (each as it reads back), its inputs' values and the nudge; checked whole."""

    steps: tuple[str, ...] = DEFAULT_STEPS
    values: tuple[tuple[str, Decimal], ...] = DEFAULT_VALUES
    nudge: Decimal = Decimal("0.001")

    def __post_init__(self) -> None:
        graph = Graph.parse(self.steps, dict(self.values))
        object.__setattr__(self, "steps", tuple(s.text for s in graph.steps))  # (one spelling per graph)
        object.__setattr__(self, "values", graph.values)
        h = self.nudge
        if not isinstance(h, Decimal) or not h.is_finite() or not 0 < h <= 1:
            raise ParameterError("nudge", f"must be greater than 0 and at most 1, got {h}")
        if h.normalize().as_tuple().exponent < -9:
            raise ParameterError("nudge", f"{format_number(h)} has more than 9 decimals")
        object.__setattr__(self, "nudge", parse_number(format_number(h), "nudge"))
        graph.check(h)
        for name in graph.names:
            moved = graph.nudged(name, h)
            for later in (name, *graph.downstream(name)):
                before, after = graph.value(later), moved[later]
                if before != after and shown_value(before) == shown_value(after):
                    raise ParameterError(
                        "nudge",
                        f"{format_number(h)} is too small to see: with {name} nudged, {later} would still "
                        f"show {format_number(after)}",
                    )

    @cached_property
    def graph(self) -> Graph:
        return Graph.parse(self.steps, dict(self.values))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, source: str = "config") -> GraphParams:
        """From a TOML table or flags' text; an unknown key is an error."""
        given: dict[str, object] = {}
        for key, raw in data.items():
            if key not in _KEYS:
                raise ParameterError(key, f"unknown key in {source}; known keys are {', '.join(_KEYS)}")
            if key == "steps":
                items = raw.split(";") if isinstance(raw, str) else raw
                if not isinstance(items, list | tuple) or not all(isinstance(t, str) for t in items):
                    raise ParameterError(key, f'expected steps such as "u = b*c; v = a + u; J = 3v", got {raw!r}')
                given[key] = tuple(t.strip() for t in items if t.strip())
            elif key == "values":
                given[key] = tuple(_values(raw).items())
            else:
                if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
                    raise ParameterError(key, f"expected a number, got {raw!r}")
                given[key] = raw if isinstance(raw, Decimal) else parse_number(str(raw), key)
        return cls(**given)

    def as_strings(self) -> dict[str, str]:
        """Each parameter as the text that reads back to it."""
        return {
            "steps": "; ".join(self.steps),
            "values": ",".join(f"{n}={format_number(v)}" for n, v in self.values),
            "nudge": format_number(self.nudge),
        }


def _values(raw: object) -> dict[str, object]:
    """'a=5,b=3' or a table {a = 5, b = 3}: each input's value, in the order given."""
    if isinstance(raw, Mapping):
        return dict(raw)
    if not isinstance(raw, str):
        raise ParameterError("values", f"expected values such as a=5,b=3,c=2, got {raw!r}")
    out: dict[str, object] = {}
    for item in raw.split(","):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError("values", f"{item.strip()!r}: write each value as name=number, such as a=5")
        if name.strip() in out:
            raise ParameterError("values", f"{name.strip()} is given twice")
        out[name.strip()] = value.strip()
    return out
