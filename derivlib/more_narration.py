"""The words of the second lecture, "More derivative examples": a function whose slope changes from
point to point (a² at 2 and at 5), its derivative's formula checked, why the ratio is only *about* the
derivative, then further functions (a³, log a) each at the first point. Every number is computed
(derivlib.curve, derivlib.calculus) and written by the one formatting rule; exact values are said
exactly, rounded ones with ≈ ("approximately").

>>> from derivlib.params import Params
>>> from derivlib.lectures import MORE_EXAMPLES
>>> cues = more_narration(MORE_EXAMPLES.defaults)
>>> [c.text for c in cues if c.id == "first-nudge"]
['Nudge a by 0.001, to 2.001, and f(a) becomes 4.004001.']
>>> [c.text for c in cues if c.id == "example-2-ratio"]
['It went up by 0.012006001, 12.006001 times the nudge; the formula gives 3 × 2^2 = 12.']
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .calculus import SHRINK, Line, Nudge, shrinking_nudges
from .curve import Curve
from .params import Params
from .printing import at_point
from .wording import Cue, Script, Term, equals, num, point_terms

__all__ = ["more_narration"]


def _formula(fn: Line | Curve) -> Term:
    form = fn.formula
    return Term(form.text, form.spoken)


def _derivative(fn: Line | Curve) -> Term:
    form = fn.slope_formula
    return Term(form.text, form.spoken)


def _slope_worked(fn: Line | Curve, a: Decimal) -> Term:
    """The derivative's formula worked out at a: '2 × 2 = 4' (a line's slope is just the slope)."""
    if isinstance(fn, Curve):
        return Term(*fn.slope_worked_out(a))
    return num(fn.slope)


def _value_worked(fn: Line | Curve, a: Decimal) -> Term:
    """f worked out at a: '2^2' (for a line, the value itself)."""
    if isinstance(fn, Curve):
        return Term(*at_point(fn.expr, a))
    return num(fn.at(a))


def _went(n: Nudge) -> str:
    return "up by {rise}" if n.rise > 0 else "down by {drop}" if n.rise < 0 else "nowhere: a rise of {rise}"


def more_narration(params: Params) -> tuple[Cue, ...]:
    """Every cue of the second lecture for these parameters, in its order (derivlib.lectures.MORE_BEATS)."""
    fn = params.function
    nudged = [fn.nudge(a, params.nudge) for a in params.points]
    first, *others = nudged
    slopes = {n.a: fn.slope_at(n.a) for n in nudged}
    scripts: list[Script] = []

    s = Script("opening")
    s.add("aim", "Here are more examples, this time of functions whose slope changes from point to point.")
    later = [_formula(p.function) for p in params.followers()]
    if later:
        s.add(
            "plan",
            "First {f}; then " + ", then ".join(f"{{g{i}}}" for i in range(len(later))) + ".",
            f=_formula(fn),
            **{f"g{i}": g for i, g in enumerate(later)},
        )
    else:
        s.add("plan", "The function is {f}.", f=_formula(fn))
    scripts.append(s)

    s = Script("curve")
    s.add("function", "Here is {f}, drawn with 𝑎 across and f(a) up.", f=_formula(fn))
    if isinstance(fn, Curve):
        s.add("shape", "It is not a straight line: how steep it is depends on where you look.")
    else:
        s.add("shape", "It is a straight line: its slope is the same everywhere.")
    scripts.append(s)

    t = point_terms(first)
    s = Script("first")
    s.add("pick", "Start at 𝑎 = {a}: f(a) = {worked}, which is {fa}.", worked=_value_worked(fn, first.a), **t)
    s.add("nudge", "Nudge 𝑎 by {h}, to {a_h}, and f(a) becomes {f_ah}.", **t)
    s.add(
        "triangle",
        "The triangle is {h} wide and {rise} high: its height over width is {ratio}.",
        **t,
    )
    s.add(
        "slope",
        "So the slope at 𝑎 = {a} is about {slope}; exactly, df(a)/da = {slope} when 𝑎 = {a}.",
        slope=num(slopes[first.a]),
        **t,
    )
    scripts.append(s)

    for i, n in enumerate(others, start=2):
        u = point_terms(n)
        s = Script("others", prefix=f"others-{i}")
        s.add("pick", "Now take 𝑎 = {a}, where f(a) {eq_fa}.", eq_fa=equals(n.f_a), **u)
        s.add("moves", "Nudged to {a_h}, f(a) becomes {f_ah}: " + _went(n) + ".", **u)
        s.add(
            "ratio",
            "Height over width is {ratio}: the slope at 𝑎 = {a} is {slope}.",
            slope=num(slopes[n.a]),
            **u,
        )
        scripts.append(s)

    if others:
        second = others[0]
        s = Script("changes")
        same = slopes[first.a] == slopes[second.a]
        s.add(
            "compare",
            "At 𝑎 = {a1} the slope is {s1}; at 𝑎 = {a2} it is {s2}: "
            + ("the same triangle at both points." if same else "the triangles have different shapes."),
            a1=num(first.a),
            s1=num(slopes[first.a]),
            a2=num(second.a),
            s2=num(slopes[second.a]),
        )
        s.add(
            "line",
            "For the straight line of the last lecture the slope was the same everywhere; "
            + ("here it depends on 𝑎." if not same else "so it is here, at these two points."),
        )
        scripts.append(s)

    s = Script("formula")
    s.add(
        "textbook",
        "A calculus textbook gives the slope at every 𝑎 at once: d/da f(a) = {d}.",
        d=_derivative(fn),
    )
    checks = [(n.a, _slope_worked(fn, n.a)) for n in nudged[:2]]
    s.add(
        "check",
        "Check it: " + "; ".join(f"at 𝑎 = {{a{i}}}, {{c{i}}}" for i in range(len(checks))) + ".",
        **{f"a{i}": num(a) for i, (a, _) in enumerate(checks)},
        **{f"c{i}": c for i, (_, c) in enumerate(checks)},
    )
    scripts.append(s)

    shrinking = shrinking_nudges(params)
    limit = slopes[first.a]
    excess = Fraction(first.ratio) - Fraction(limit)
    s = Script("about")
    s.add(
        "smaller",
        "Height over width was {r0}, not {d}: "
        + (
            "the extra {x} is the nudge itself. "
            if excess == Fraction(first.h)
            else "it is off by {x}, because the nudge has a size. "
        )
        + "Shrink the nudge to {h1}, then {h2}.",
        r0=num(first.ratio),
        d=num(limit),
        x=num(excess),
        h1=num(shrinking[1].h),
        h2=num(shrinking[2].h),
    )
    s.add(
        "ratios",
        "Each nudge {factor} times smaller, the ratio becomes {r1}, then {r2}: closer to {d} each time.",
        factor=num(Fraction(1) / Fraction(SHRINK)),
        r1=num(shrinking[1].ratio),
        r2=num(shrinking[2].ratio),
        d=num(limit),
    )
    s.add(
        "limit",
        "As the nudge shrinks to nothing, the ratio becomes exactly {d}: that is what the formal "
        "definition of the derivative means.",
        d=num(limit),
    )
    scripts.append(s)

    for i, p in enumerate(params.followers(), start=2):
        g = p.function
        n = g.nudge(p.points[0], p.nudge)
        u = point_terms(n)
        s = Script(f"example-{i}")
        words = "Another function: {f}. The textbook gives its derivative: d/da f(a) = {d}."
        if isinstance(g, Curve) and "log(" in g.text:
            words += " Here log is the natural logarithm, to base e; some write it ln."
        s.add("function", words, f=_formula(g), d=_derivative(g))
        s.add(
            "nudge",
            "At 𝑎 = {a}, f(a) {eq_fa}; nudged to {a_h}, f(a) {eq_f_ah}.",
            eq_fa=equals(n.f_a),
            eq_f_ah=equals(n.f_nudged),
            **u,
        )
        s.add(
            "ratio",
            "It went " + _went(n) + ", {ratio} times the nudge; the formula gives {check}.",
            check=_slope_worked(g, n.a),
            **u,
        )
        scripts.append(s)

    s = Script("closing")
    s.add(
        "takeaway",
        "Two things to take home. First, the derivative is the slope of the function, "
        "and that slope can be different at different points.",
    )
    s.add(
        "lookup",
        "Second, derivative formulas can be looked up, in a textbook or an encyclopedia, "
        "rather than worked out each time.",
    )
    s.add("next", "Next: the computation graph.")
    scripts.append(s)

    # (the scripts are made in the lecture's order, for just the beats these parameters have)
    return tuple(cue for s in scripts for cue in s.cues)
