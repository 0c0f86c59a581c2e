"""Beat 11, closing: the summary, and what comes next."""

from manim import DOWN, FadeIn, Write

from scenes import style as S
from scenes.common import LectureScene, fmt


class Closing(LectureScene):
    beat = "closing"

    def construct(self):
        line = S.math(self.part.formula.tex, font_size=S.BIG_SIZE)
        summary = S.math(
            r"\frac{df(a)}{da}",
            "=",
            fmt(self.slope),
            r"\text{ everywhere}",
            font_size=S.BIG_SIZE,
            colors={2: S.TRIANGLE_COLOR},
        )
        summary.next_to(line, DOWN, buff=0.5)
        nxt = S.text("Next: a function whose slope changes from point to point", color=S.NOTE_COLOR)
        nxt.next_to(summary, DOWN, buff=0.9)
        self.narrate("summary", Write(line), Write(summary))
        self.narrate("next", FadeIn(nxt), 1.0)
