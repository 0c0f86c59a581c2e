"""The second lecture, "More derivative examples" (../shared/lecture/MORE-EXAMPLES.md): functions whose
slope changes from point to point. The first function at every point (a² at 2 and 5), its derivative's
formula checked, why the ratio is only *about* the derivative, then each further function at the first
point on axes of its own (a³, log a), and two things to take home.

>>> [p.beat.id for p in LECTURE.plan(LECTURE.defaults).parts]
['opening', 'curve', 'first', 'others', 'changes', 'formula', 'about', 'example-2', 'example-3', 'closing']
"""

from __future__ import annotations

from dataclasses import replace

from ...params import MAX_FUNCTIONS
from ...parts import Part
from ..lecture import Flag, Lecture, LectureBeat, beats_from
from ..slope.part import function_part
from .facts import BEAT_FACTS
from .params import ExamplesParams
from .words import BEAT_WORDS, WORDS

__all__ = ["LECTURE"]

_ORDINALS = ("second", "third", "fourth", "fifth")
_EXAMPLE = "Another function, its derivative checked at the first point."
# id, title, summary; what it shows; the scene that draws it ('example-k' shows the k-th function)
_BEATS = (
    ("opening", "Opening", "More examples: functions whose slope changes from point to point.", "formula functions", "examples:MoreExamplesOpening"),
    ("curve", "The curve", "The first function, plotted.", "formula view", "examples:TheCurve"),
    ("first", "At the first point", "f(a), the nudge and the triangle: the slope there.", "formula view nudges", "examples:AtTheFirstPoint"),
    ("others", "At the other points", "The same at each further point: another slope.", "view nudges", "examples:AtTheOtherPoints"),
    ("changes", "The slope changes", "Different points, differently shaped triangles.", "view nudges", "examples:TheSlopeChanges"),
    ("formula", "The formula", "The textbook's derivative, checked at the points.", "view nudges everywhere", "examples:TheFormula"),
    ("about", "Why 'about'", "The ratio is off by a little; as the nudge shrinks it becomes the derivative.", "view nudges shrinking", "examples:WhyAbout"),
    *(
        (f"example-{k}", f"A {word} function", _EXAMPLE, "formula view nudges", "functions:AnotherFunction")
        for k, word in enumerate(_ORDINALS[: MAX_FUNCTIONS - 1], start=2)
    ),
    ("closing", "Closing", "Two things to take home; next, the computation graph.", "formula", "functions:MoreExamplesClosing"),
)


def _active(params: ExamplesParams) -> tuple[str, ...]:
    """Its beats for a parameter set: the other points' beats need a second point, and each further
    function has its beat."""
    several = len(params.points) > 1
    keep = {"others": several, "changes": several}
    keep.update({f"example-{k}": k <= len(params.functions) for k in range(2, MAX_FUNCTIONS + 1)})
    return tuple(b[0] for b in _BEATS if keep.get(b[0], True))


def _part(params: ExamplesParams, beat: LectureBeat, position: int, lecture: str) -> Part:
    """A beat's part: the k-th function's for 'example-k' (at the first point), the first's otherwise;
    the opening names them all."""
    one = params.followers()[int(beat.id.split("-")[1]) - 2] if beat.id.startswith("example-") else params.first
    return replace(function_part(one, beat, position, lecture), functions=params.functions if "functions" in beat.shows else ())


_SEVERAL = 'the lecture more-examples shows several functions in turn: give them as functions (--functions "a^2, a^3, log(a)")'

LECTURE = Lecture(
    name="more-examples",
    title="More derivative examples",
    summary="functions whose slope changes from point to point (a² at 2 and 5, then a³ and log a)",
    beats=beats_from(_BEATS, BEAT_WORDS, BEAT_FACTS),
    params_type=ExamplesParams,
    flags=(
        Flag("functions", "F1,F2,...", "the functions shown in turn (default 'a^2, a^3, log(a)'; 1 to 5)"),
        Flag("points", "A1,A2,...", "1 to 5 distinct points a (default 2,5)"),
        Flag("nudge", "H", "the nudge h, 0 < h <= 1 (default 0.001)"),
    ),
    defaults_mapping={"functions": ("a^2", "a^3", "log(a)")},
    active=_active,
    part=_part,
    words=WORDS,
    prefix="more-examples",
    hints={key: _SEVERAL for key in ("function", "slope", "intercept")},
)
