"""Beat 6, slope = derivative: height over width is the slope, and that is all 'derivative' means; on a
curve the ratio is only about the derivative, and both numbers are shown."""

from manim import Circumscribe, Write

from derivlib.screen import relation_parts
from scenes import style as S
from scenes.common import LectureScene, Panel


class SlopeIsDerivative(LectureScene):
    beat = "slope"

    def construct(self):
        self.backdrop()
        n = self.nudge(0)
        picture = self.triangle_picture(n)
        panel = Panel()
        panel.place(self.math(self.part.formula.tex))
        self.add(picture, panel)

        definition = panel.place(self.math(self.words("slope"), "=", self.writer.over("height", "width")))
        ratio = panel.place(self.ratio_tex(n))
        self.narrate("ratio", Write(definition), Write(ratio), 0.5)

        if self.curved:
            derivative = panel.place(self.derivative_row(n))
        else:
            derivative = panel.place(
                self.math(
                    (self.words("derivative"), "=", self.words("slope")), *relation_parts(n.ratio), colors={2: S.TRIANGLE_COLOR}
                )
            )
        self.narrate("derivative", Write(derivative), Circumscribe(derivative, color=S.TRIANGLE_COLOR))
