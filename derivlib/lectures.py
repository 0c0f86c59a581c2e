"""The course's lectures: each a name, a title, an ordered list of beats, its default parameters, its
narration and what each beat shows. One place lists them; the first is the default everywhere.

>>> [lecture.name for lecture in LECTURES]
['derivatives', 'more-examples']
>>> [b.id for b in MORE_EXAMPLES.active(MORE_EXAMPLES.defaults)]
['opening', 'curve', 'first', 'others', 'changes', 'formula', 'about', 'example-2', 'example-3', 'closing']
>>> lecture_named("derivatives") is DERIVATIVES
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from .beats import BEATS, Beat, beats
from .numbers import ParameterError
from .params import MAX_FUNCTIONS, Params
from .wording import Cue

__all__ = ["DERIVATIVES", "LECTURES", "MORE_EXAMPLES", "Lecture", "lecture_named"]

#: What each beat of the first lecture draws, beyond its cues and the function (see derivlib.plan):
#:   formula     f(a) = ... as text and TeX
#:   view        the axes (their ranges and ticks)
#:   points      the first point, without its nudge
#:   nudges      every point with its nudge (the triangle)
#:   shrinking   the formal definition's ever smaller nudges
#:   everywhere  the points of 'same slope everywhere' (a line) or of the travelling tangent (a curve)
SHOWS: dict[str, frozenset[str]] = {
    "opening": frozenset({"formula"}),
    "line": frozenset({"formula", "view"}),
    "point": frozenset({"formula", "view", "points"}),
    "nudge": frozenset({"formula", "view", "nudges"}),
    "triangle": frozenset({"view", "nudges"}),
    "slope": frozenset({"formula", "view", "nudges"}),
    "another": frozenset({"view", "nudges"}),
    "notation": frozenset({"view", "nudges"}),
    "formal": frozenset({"view", "nudges", "shrinking"}),
    "everywhere": frozenset({"view", "nudges", "everywhere"}),
    "closing": frozenset({"formula"}),
}

_ORDINALS = ("second", "third", "fourth", "fifth")
#: The second lecture's beats (../shared/lecture/MORE-EXAMPLES.md); 'example-k' shows the k-th function.
MORE_BEATS: tuple[Beat, ...] = (
    Beat("opening", "Opening", "More examples: functions whose slope changes from point to point."),
    Beat("curve", "The curve", "The first function, plotted."),
    Beat("first", "At the first point", "f(a), the nudge and the triangle: the slope there."),
    Beat("others", "At the other points", "The same at each further point: another slope."),
    Beat("changes", "The slope changes", "Different points, differently shaped triangles."),
    Beat("formula", "The formula", "The textbook's derivative, checked at the points."),
    Beat(
        "about",
        "Why 'about'",
        "The ratio is off by a little; as the nudge shrinks it becomes the derivative.",
    ),
    *(
        Beat(
            f"example-{k}",
            f"A {word} function",
            "Another function, its derivative checked at the first point.",
        )
        for k, word in enumerate(_ORDINALS[: MAX_FUNCTIONS - 1], start=2)
    ),
    Beat("closing", "Closing", "Two things to take home; next, the computation graph."),
)
MORE_SHOWS: dict[str, frozenset[str]] = {
    "opening": frozenset({"formula"}),
    "curve": frozenset({"formula", "view"}),
    "first": frozenset({"formula", "view", "nudges"}),
    "others": frozenset({"view", "nudges"}),
    "changes": frozenset({"view", "nudges"}),
    "formula": frozenset({"view", "nudges", "everywhere"}),
    "about": frozenset({"view", "nudges", "shrinking"}),
    **{b.id: frozenset({"formula", "view", "nudges"}) for b in MORE_BEATS if b.id.startswith("example-")},
    "closing": frozenset({"formula"}),
}


@dataclass(frozen=True)
class Lecture:
    """One lecture: its name (for --lecture and its folders), title, beats in order and what each shows."""

    name: str
    title: str
    beats: tuple[Beat, ...]
    shows: Mapping[str, frozenset[str]]
    #: the narration of the whole lecture for a parameter set
    narrate: Callable[[Params], tuple[Cue, ...]]
    #: the beats a parameter set has, in order
    active: Callable[[Params], tuple[Beat, ...]]
    #: the keys of its parameters besides points and nudge ('function' or 'functions')
    function_key: str
    defaults_mapping: Mapping[str, object]

    @cached_property
    def defaults(self) -> Params:
        return Params.from_mapping(self.defaults_mapping)

    def part_params(self, params: Params, beat: str) -> Params:
        """The parameters a beat draws: those of its function ('example-k': the k-th, at the first point)."""
        if beat.startswith("example-"):
            return params.followers()[int(beat.split("-")[1]) - 2]
        return params

    def params_from(self, data: Mapping[str, object], *, source: str) -> Params:
        """This lecture's parameters from a mapping of given values over its defaults; a function key of
        the other kind is refused with the key this lecture takes."""
        other = {"function": "functions", "slope": "functions", "intercept": "functions"}
        if self.function_key == "functions":
            wrong = [k for k in data if k in other]
            if wrong:
                raise ParameterError(
                    wrong[0],
                    f"the lecture {self.name} shows several functions in turn: give them as functions "
                    '(--functions "a^2, a^3, log(a)")',
                )
        elif "functions" in data:
            raise ParameterError(
                "functions", f"the lecture {self.name} shows one function: give it as --function (or --slope)"
            )
        merged = dict(data)
        if self.function_key == "functions" and "functions" not in merged:
            merged["functions"] = self.defaults_mapping["functions"]
        return Params.from_mapping(merged, source=source)

    def is_default(self, params: Params) -> bool:
        return params == self.defaults


def _more_active(params: Params) -> tuple[Beat, ...]:
    several = len(params.points) > 1
    count = len(params.more)
    keep = {"others": several, "changes": several}
    keep.update({f"example-{k}": k - 2 < count for k in range(2, MAX_FUNCTIONS + 1)})
    return tuple(b for b in MORE_BEATS if keep.get(b.id, True))


def _first_narration(params: Params) -> tuple[Cue, ...]:
    from .narration import narration

    return narration(params)


def _more_narration(params: Params) -> tuple[Cue, ...]:
    from .more_narration import more_narration

    return more_narration(params)


DERIVATIVES = Lecture(
    name="derivatives",
    title="Derivatives",
    beats=BEATS,
    shows=SHOWS,
    narrate=_first_narration,
    active=beats,
    function_key="function",
    defaults_mapping={},
)
MORE_EXAMPLES = Lecture(
    name="more-examples",
    title="More derivative examples",
    beats=MORE_BEATS,
    shows=MORE_SHOWS,
    narrate=_more_narration,
    active=_more_active,
    function_key="functions",
    defaults_mapping={"functions": ("a^2", "a^3", "log(a)")},
)
#: Every lecture, in the course's order; the first is the default of every command.
LECTURES: tuple[Lecture, ...] = (DERIVATIVES, MORE_EXAMPLES)
assert set(SHOWS) == {b.id for b in BEATS}, "every beat says what it shows"
assert set(MORE_SHOWS) == {b.id for b in MORE_BEATS}, "every beat says what it shows"


def lecture_named(name: str) -> Lecture:
    """The lecture with this name; a ParameterError naming the lectures otherwise."""
    for lecture in LECTURES:
        if lecture.name == name:
            return lecture
    known = ", ".join(lecture.name for lecture in LECTURES)
    raise ParameterError("lecture", f"no lecture named {name!r}; the lectures are {known}")
