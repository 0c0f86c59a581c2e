"""The second lecture's further functions (a³, log a, ...), each on axes fitted to it, and its close."""

from manim import DOWN, LEFT, RIGHT, Circumscribe, Create, FadeIn, Write

from derivlib.lectures.more_examples import LECTURE as MORE_EXAMPLES
from derivlib.screen import derivative_at_tex, derivative_tex, relation_parts
from scenes import style as S
from scenes.common import LectureScene, Panel, fmt

LECTURE = MORE_EXAMPLES.name


class AnotherFunction(LectureScene):
    """Beats 'example-2', 'example-3', ...: a further function, its derivative from the textbook, its
    nudge at the first point, and the triangle's ratio against the formula."""

    beat = "example"
    lecture = LECTURE

    def construct(self):
        plot = self.plot
        axes, graph = plot.axes(), plot.graph()
        n = self.nudge(0)
        panel = Panel()
        definition = panel.place(self.math(self.part.formula.tex))
        derivative = panel.place(
            self.math(r"\frac{d}{da} f(a)", "=", derivative_tex(self.function), colors={2: S.TRIANGLE_COLOR})
        )
        self.narrate("function", Create(axes), Create(graph), [Write(definition), Write(derivative)])

        dot = plot.dot(n.a)
        values = [
            panel.place(
                self.math("f(" + fmt(at) + ")", *relation_parts(value), colors={0: S.F_COLOR, 2: S.F_COLOR})
            )
            for at, value in ((n.a, n.f_a), (n.a_nudged, n.f_nudged))
        ]
        label = self.point_label(n, dot)
        self.narrate("nudge", [FadeIn(dot), FadeIn(label)], [Write(v) for v in values])

        picture = self.triangle_picture(n)
        extra = [m for m in picture if m is not picture[1] and m is not picture[2]]
        ratio = panel.place(self.ratio_tex(n))
        check = panel.place(
            self.math(self.words("formula"), derivative_at_tex(self.function, n.a), colors={1: S.TRIANGLE_COLOR})
        )
        self.narrate(
            "ratio",
            [Create(extra[0]), *(FadeIn(m) for m in extra[1:])],
            Write(ratio),
            [Write(check), Circumscribe(check, color=S.TRIANGLE_COLOR)],
        )


class MoreExamplesClosing(LectureScene):
    """The last beat: two things to take home, and what comes next."""

    beat = "closing"
    lecture = LECTURE

    def construct(self):
        first, *first_more = self.writer.lines("takeaway", font_size=S.SUBTITLE_SIZE)
        second = self.text("lookup", font_size=S.SUBTITLE_SIZE)
        first.move_to([0, 1.6, 0])
        above = first
        for line in first_more:  # the sentence's further lines, indented under its first
            above = line.next_to(above, DOWN, buff=0.25).align_to(first, LEFT).shift(1.2 * RIGHT)
        second.next_to(above, DOWN, buff=0.7).align_to(first, LEFT)
        nxt = self.text("next", color=S.NOTE_COLOR).next_to(second, DOWN, buff=1.0)
        self.narrate("takeaway", Write(first), *(Write(line) for line in first_more))
        self.narrate("lookup", Write(second), 1.0)
        self.narrate("next", FadeIn(nxt), 1.0)
