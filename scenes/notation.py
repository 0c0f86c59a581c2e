"""Beat 8, notation: df(a)/da = k, and d/da f(a) = k."""

from manim import Circumscribe, Indicate, Write

from derivlib.screen import derivative_tex
from scenes import style as S
from scenes.common import LectureScene, Panel


class Notation(LectureScene):
    beat = "notation"

    def construct(self):
        self.backdrop()
        n = self.nudge(0)
        picture = self.triangle_picture(n)
        self.add(picture)
        panel = Panel()
        k = derivative_tex(self.function)
        leibniz = panel.place(
            self.math(r"\frac{df(a)}{da}", "=", k, font_size=S.BIG_SIZE, colors={2: S.TRIANGLE_COLOR})
        )
        self.narrate("leibniz", Write(leibniz), 1.0)
        operator = panel.place(
            self.math(r"\frac{d}{da} f(a)", "=", k, font_size=S.BIG_SIZE, colors={2: S.TRIANGLE_COLOR}), buff=0.6
        )
        self.narrate("operator", Write(operator), 1.0)
        run_label, rise_label = picture[3], picture[4]
        self.narrate(
            "meaning",
            Indicate(run_label, color=S.A_COLOR),
            Indicate(rise_label, color=S.F_COLOR),
            [Circumscribe(leibniz, color=S.TRIANGLE_COLOR), Circumscribe(operator, color=S.TRIANGLE_COLOR)],
        )
