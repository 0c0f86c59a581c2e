"""The lecture's look, in one place: colours, sizes, the frame's layout, and how derivlib's text becomes TeX.

Layout constants (sizes, buffers, positions, run-time weights) live here; numbers that the lecture
shows or says never do: those come from derivlib.
"""

from __future__ import annotations

from manim import (
    BLUE_C,
    DOWN,
    GREEN_C,
    GREY_B,
    GREY_D,
    LEFT,
    ORANGE,
    PINK,
    RIGHT,
    UP,
    WHITE,
    YELLOW,
    config,
)

from derivlib.languages import Language
from derivlib.numbers import powers_as_tex

# --- colours -------------------------------------------------------------------------------------
A_COLOR = BLUE_C  # a, a + h and the run (width)
F_COLOR = ORANGE  # f(a), f(a + h) and the rise (height)
TRIANGLE_COLOR = GREEN_C  # the triangle, green as in the lecture
LINE_COLOR = WHITE  # the graph of f
POINT_COLOR = YELLOW  # the point (a, f(a))
AXIS_COLOR = GREY_B
GRID_COLOR = GREY_D
NOTE_COLOR = GREY_B  # marks such as "not to scale"
TANGENT_COLOR = PINK  # a curve's tangent

# --- text sizes (font_size) -----------------------------------------------------------------------
TITLE_SIZE = 72
SUBTITLE_SIZE = 36
PANEL_SIZE = 40  # the equations at the right
BIG_SIZE = 56  # a formula that is the point of a beat (notation)
LABEL_SIZE = 30  # labels on the graph
TICK_SIZE = 26  # tick labels
NOTE_SIZE = 24  # "not to scale"
#: No text on screen is set smaller than this (a shrunk formula included): at 1080p a digit is then about
#: 17 pixels tall. Scenes lay out long lines in two rather than shrink them below it.
MIN_FONT_SIZE = 24
#: A row of the panel (a ratio, a derivative) that would be shrunk below this size to fit is set on two
#: lines instead: a long inexact number (12 significant digits) shrunk to the minimum was hard to read.
WRAP_BELOW = 32

# --- stroke widths ---------------------------------------------------------------------------------
LINE_STROKE = 4
AXIS_STROKE = 2
GRID_STROKE = 1
TRIANGLE_STROKE = 4
TANGENT_STROKE = 3
DOT_RADIUS = 0.08
TIP_LENGTH = 0.2

# --- the frame: the plot at the left, the panel of equations at the right --------------------------
FRAME_WIDTH = config.frame_width
FRAME_HEIGHT = config.frame_height
MARGIN = 0.35
PLOT_LEFT = -FRAME_WIDTH / 2 + 1.3  # room for the y tick labels
PLOT_RIGHT = 1.5
PLOT_BOTTOM = -FRAME_HEIGHT / 2 + 1.0  # room for the x tick labels
PLOT_TOP = FRAME_HEIGHT / 2 - 0.9  # room for the f(a) axis label
PANEL_LEFT = 2.3
PANEL_RIGHT = FRAME_WIDTH / 2 - MARGIN
PANEL_TOP = FRAME_HEIGHT / 2 - 0.6
PANEL_WIDTH = PANEL_RIGHT - PANEL_LEFT
PANEL_BUFF = 0.35  # between panel lines
PANEL_GAP = 0.2  # the least room between a label on the plot and the panel

#: The not-to-scale triangle is drawn this fraction of the plot's width wide (or less, when steep).
DISPLAY_TRIANGLE_WIDTH = 0.16
#: ... and at most this fraction of the plot's height tall.
DISPLAY_TRIANGLE_HEIGHT = 0.32
#: Near the panel it is made narrower, to leave room for its height's label beside it, down to this
#: share of that size (below, it keeps its size and the label goes elsewhere).
DISPLAY_TRIANGLE_LEAST = 0.25
#: When the camera zooms in, the true triangle fills this fraction of the frame's width (or height).
ZOOM_FILL = 0.3

# --- timing ----------------------------------------------------------------------------------------
#: An animation may be slowed to at most this many times its own run time to fill its part of a cue;
#: the rest of the part is a still hold (see LectureScene.narrate).
MAX_STRETCH = 1.5

__all__ = ["A_COLOR", "DOWN", "F_COLOR", "LEFT", "RIGHT", "TRIANGLE_COLOR", "UP", "as_tex", "tex_number"]


def tex_number(written: str) -> str:
    """A number as a language writes it (derivlib.languages), set in TeX's math: a decimal comma as
    ``{,}`` (a bare comma is punctuation there, and TeX would put a space after it) and a thin space
    between groups of digits as ``\\,`` (French's U+202F).

    >>> tex_number("2,001"), tex_number("1\u202f000,5"), tex_number("1.000")
    ('2{,}001', '1\\\\,000{,}5', '1.000')
    """
    return written.replace(",", "{,}").replace("\u202f", r"\,").replace("\xa0", r"\,")


def as_tex(written: str, language: Language | None = None) -> str:
    """derivlib's written math as TeX: only symbols change, never a digit; its numbers written by
    *language*'s rule (English's, derivlib's own, by default). The one place a number becomes TeX.

    >>> as_tex("≈6.003 × (-3)")
    '\\\\approx 6.003 \\\\times (-3)'
    >>> as_tex("-3 × 10⁻¹⁸")
    '-3 \\\\times 10^{-18}'
    >>> from derivlib.languages import language_named
    >>> as_tex(r"\\frac{0.003}{0.001} ≈ 2.5", language_named("de")), as_tex("2.001", language_named("zh-Hans"))
    ('\\\\frac{0{,}003}{0{,}001} \\\\approx  2{,}5', '2.001')
    """
    if language is not None:
        written = language.numbers_in(written, tex_number)
    written = powers_as_tex(written)
    return (
        written.replace("≈", r"\approx ").replace("×", r"\times").replace("·", r"\cdot ").replace(":", r":")
    )
