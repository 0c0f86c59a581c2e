"""The second lecture, "More derivative examples": its first function, beat by beat. Most beats are the
first lecture's pieces (the plot, the point, the nudge, the triangle along the tangent, the panel, the
sliding triangle, the shrinking nudge, the travelling tangent) with this lecture's words."""

from manim import DOWN, LEFT, RIGHT, Circumscribe, Create, FadeIn, GrowFromCenter, LaggedStart, VGroup, Write

from derivlib.lectures.more_examples import LECTURE as MORE_EXAMPLES
from derivlib.screen import evaluation_tex, relation_parts
from scenes import style as S
from scenes.another import AnotherPoint
from scenes.common import LectureScene, Panel, fmt
from scenes.everywhere import SameSlopeEverywhere
from scenes.formal import FormalDefinition
from scenes.line import TheLine

LECTURE = MORE_EXAMPLES.name


class MoreExamplesOpening(LectureScene):
    """Beat 1: the title card, and the first function."""

    beat = "opening"
    lecture = LECTURE

    def construct(self):
        title = self.writer.title(font_size=S.TITLE_SIZE)
        subtitle = self.text("subtitle", color=S.NOTE_COLOR)
        subtitle.next_to(title, DOWN, buff=0.4)
        example = self.math(self.part.formula.tex, font_size=S.PANEL_SIZE).next_to(subtitle, DOWN, buff=0.8)
        self.narrate("aim", Write(title), FadeIn(subtitle))
        self.narrate("plan", FadeIn(example), 1.0)


class TheCurve(TheLine):
    """Beat 2: the first function on its axes."""

    beat = "curve"
    lecture = LECTURE


class AtTheFirstPoint(LectureScene):
    """Beat 3: the first point, its nudge, the triangle (along the tangent, not to scale), its ratio
    and the derivative there."""

    beat = "first"
    lecture = LECTURE

    def construct(self):
        plot = self.plot
        self.backdrop()
        n = self.nudge(0)
        panel = Panel()
        self.add(panel.place(self.math(self.part.formula.tex)))
        dot = plot.dot(n.a)
        guides = plot.guides(n.a)
        a_is = panel.place(self.math("a", "=", fmt(n.a), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        value = panel.place(self.math(evaluation_tex(self.function, n.a), colors={0: S.F_COLOR}))
        self.add_foreground_mobject(dot)
        self.narrate(
            "pick",
            [Write(a_is), Create(guides), GrowFromCenter(dot)],
            [Write(value), FadeIn(self.point_label(n, dot))],
        )
        moved = panel.place(self.math("a + h", *relation_parts(n.a_nudged), colors={0: S.A_COLOR, 2: S.A_COLOR}))
        f_moved = panel.place(
            self.math("f(a + h)", *relation_parts(n.f_nudged), colors={0: S.F_COLOR, 2: S.F_COLOR})
        )
        self.narrate("nudge", Write(moved), Write(f_moved))
        picture = self.triangle_picture(n)
        tri, labels = picture[0], [picture[3], picture[4]]
        rest = list(picture[5:])
        ratio = panel.place(self.ratio_tex(n))
        self.narrate("triangle", Create(tri), [*(FadeIn(m) for m in (*labels, *rest)), Write(ratio)])
        derivative = panel.place(self.derivative_row(n))
        self.narrate("slope", Write(derivative), Circumscribe(derivative, color=S.TRIANGLE_COLOR))


class AtTheOtherPoints(AnotherPoint):
    """Beat 4: the triangle slides to each further point; each has its own ratio and derivative."""

    beat = "others"
    lecture = LECTURE


class TheSlopeChanges(LectureScene):
    """Beat 5: the triangles at the first two points side by side, each with its slope."""

    beat = "changes"
    lecture = LECTURE

    def construct(self):
        plot = self.plot
        self.backdrop()
        panel = Panel()
        pictures, rows = [], []
        for n in self.part.nudges[:2]:
            dot = plot.dot(n.a)
            tri = plot.display_triangle(n.a, plot.rise_room(n))
            slope = self.function.slope_at(n.a)
            pictures.append((tri, dot, self.point_label(n, dot)))
            # 'a = 3:' over 'slope ≈ -0.111111111111', so that a long slope is not shrunk to fit
            where = self.math(r"a = " + fmt(n.a) + r"\text{:}")
            value = self.math(self.words("slope"), *relation_parts(slope), colors={2: S.TRIANGLE_COLOR})
            value.next_to(where, DOWN, buff=0.15, aligned_edge=LEFT).shift(0.4 * RIGHT)
            rows.append(panel.place(VGroup(where, value)))
        self.narrate(
            "compare",
            LaggedStart(*[Create(p[0]) for p in pictures], lag_ratio=0.5),
            [*(FadeIn(m) for p in pictures for m in p[1:]), *(Write(r) for r in rows)],
        )
        note = panel.place(self.text("straight", color=S.NOTE_COLOR), buff=0.6)
        self.narrate("line", FadeIn(note), [Circumscribe(r, color=S.TRIANGLE_COLOR) for r in rows])


class TheFormula(SameSlopeEverywhere):
    """Beat 6: the textbook's derivative, the tangent travelling along the curve, the formula checked."""

    beat = "formula"
    lecture = LECTURE
    cue_names = ("textbook", "check")


class WhyAbout(FormalDefinition):
    """Beat 7: the ratio is only about the derivative; as the nudge shrinks it closes in on it."""

    beat = "about"
    lecture = LECTURE
