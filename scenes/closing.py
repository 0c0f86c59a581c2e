"""Beat 11, closing: the summary, and what comes next."""

from manim import DOWN, FadeIn, Write

from derivlib.screen import derivative_tex
from scenes import style as S
from scenes.common import LectureScene


class Closing(LectureScene):
    beat = "closing"

    def construct(self):
        line = S.math(self.part.formula.tex, font_size=S.BIG_SIZE)
        summary = S.math(
            r"\frac{df(a)}{da}",
            "=",
            derivative_tex(self.function),
            r"\text{ for every } a" if self.curved else r"\text{ everywhere}",
            font_size=S.BIG_SIZE,
            colors={2: S.TRIANGLE_COLOR},
        )
        summary.next_to(line, DOWN, buff=0.5)
        upcoming = (
            "Next: more functions and their derivatives"
            if self.curved
            else "Next: a function whose slope changes from point to point"
        )
        nxt = S.text(upcoming, color=S.NOTE_COLOR)
        nxt.next_to(summary, DOWN, buff=0.9)
        self.narrate("summary", Write(line), Write(summary))
        self.narrate("next", FadeIn(nxt), 1.0)
