"""Beat 11, closing: the summary, and what comes next."""

from manim import DOWN, FadeIn, Write

from derivlib.screen import derivative_tex
from scenes import style as S
from scenes.common import LectureScene


class Closing(LectureScene):
    beat = "closing"

    def construct(self):
        line = self.math(self.part.formula.tex, font_size=S.BIG_SIZE)
        summary = self.math(
            r"\frac{df(a)}{da}",
            "=",
            derivative_tex(self.function),
            self.words("for_every", a="a") if self.curved else self.words("everywhere"),
            font_size=S.BIG_SIZE,
            colors={2: S.TRIANGLE_COLOR},
        )
        summary.next_to(line, DOWN, buff=0.5)
        nxt = self.text("next", *self.function.kinds, color=S.NOTE_COLOR)
        nxt.next_to(summary, DOWN, buff=0.9)
        self.narrate("summary", Write(line), Write(summary))
        self.narrate("next", FadeIn(nxt), 1.0)
