"""Beat 1, opening: a title card."""

from manim import DOWN, FadeIn, Write

from scenes import style as S
from scenes.common import LectureScene


class Opening(LectureScene):
    beat = "opening"

    def construct(self):
        title = self.writer.title(font_size=S.TITLE_SIZE)
        subtitle = self.text("subtitle", color=S.NOTE_COLOR).next_to(title, DOWN, buff=0.4)
        example = self.math(self.part.formula.tex, font_size=S.PANEL_SIZE).next_to(subtitle, DOWN, buff=0.8)
        self.narrate("aim", Write(title), FadeIn(subtitle))
        self.narrate("reassure", FadeIn(example), 2.0)
