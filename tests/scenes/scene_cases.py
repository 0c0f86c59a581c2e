"""The parameter sets the scene tests render, and the (set, scene) cases they make."""

from derivlib.lectures import default_lecture
from derivlib.params import Params
from scenes.manifest import SCENES_IN_ORDER, find

PARAM_SETS = {
    "default": Params(),
    "negative": Params.from_strings(slope="-2", intercept="1"),
    "zero": Params.from_strings(slope="0", intercept="4"),
    "issue": Params.from_strings(slope="7", points="-3,0.5", nudge="0.01"),
    "far": Params.from_strings(slope="0.5", intercept="-1000", points="999997,1000000", nudge="0.5"),
    "three": Params.from_strings(slope="-0.25", points="-4,1,3", nudge="0.1"),
    "tiny": Params.from_strings(slope="1.5", points="0.5", nudge="0.000001"),
    # curves: a polynomial, one point of a steep one, a logarithm (inexact values), a rational function
    # falling towards its pole at 0 (√a, inexact too, is drawn in the second lecture's tests)
    "square": Params.from_strings(function="a^2", points="2,5"),
    "cube": Params.from_strings(function="a^3", points="2"),
    "log": Params.from_strings(function="log(a)", points="2,5"),
    "inverse": Params.from_strings(function="1/a", points="1,2"),
    # issue 23: a cubic dipping below 0 between its points, with derivative 0 at the first (its formal
    # definition's last height is -2.999999999 × 10⁻¹⁸); 1/a at one positive point, nudged far
    "turning": Params.from_strings(function="a^3 - 3a", points="-1,2"),
    "inverse-one": Params.from_strings(function="1/a", points="2", nudge="0.5"),
}

#: The parameter sets whose function is a curve.
CURVES = [name for name, p in PARAM_SETS.items() if p.curve is not None]

CASES = [
    (set_name, entry)
    for set_name, params in PARAM_SETS.items()
    for entry in SCENES_IN_ORDER
    if entry.beat.id in default_lecture().active(params)
]

#: Issue 23's picture tests (tests/scenes/test_pictures.py) look at eight functions: the curves above
#: (a cubic with a turning point below 0 and derivative 0 at -1, 1/a at a positive point, ...) and these
#: two, rendered only for the beats the picture tests look at (every scene of them adds nothing those do
#: not show): e to the a at 0 and 1 (0 on the f(a) axis), and a function negative everywhere.
PICTURE_SETS = {
    "exp": Params.from_strings(function="exp(a)", points="0,1"),
    "below-zero": Params.from_strings(function="-a^2 - 1", points="1,2"),
}
#: Every parameter set a scene test may render (by a name of its own: renders are cached by it).
assert not PARAM_SETS.keys() & PICTURE_SETS.keys()
ALL_SETS = {**PARAM_SETS, **PICTURE_SETS}
#: The beats the picture tests look at: the point's label with the triangle, its width and height and
#: "not to scale" (slope), and the same as the nudge shrinks, with the smallest numbers (formal).
PICTURE_BEATS = ("slope", "formal")
PICTURE_CASES = [(s, find(beat)) for s in [*CURVES, *PICTURE_SETS] for beat in PICTURE_BEATS]
