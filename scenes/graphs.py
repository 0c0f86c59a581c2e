"""A computation graph drawn: each input a name in a circle on the left, each step a box with its
formula, arrows from what a step uses to the step, laid out by derivlib (layout: columns left to
right, no crossing arrows for the course's graphs), and labels under the boxes for values, nudges and
derivatives. Every number placed here is derivlib's text."""

from __future__ import annotations

from string import digits

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Mobject,
    RoundedRectangle,
    VGroup,
)

from derivlib.graph import Graph
from derivlib.lectures.graphs.part import layout
from derivlib.printing import tex
from derivlib.wording import equals
from scenes import style as S
from scenes.writing import Words, Writer

__all__ = ["GraphPicture", "bottom_line", "function_tex", "inside", "name_tex", "value_parts"]

#: The picture's room in the frame (the rest holds the title above and an equation below).
LEFT_EDGE, RIGHT_EDGE = -S.FRAME_WIDTH / 2 + 2.6, S.FRAME_WIDTH / 2 - 1.5
TOP_EDGE, BOTTOM_EDGE = S.FRAME_HEIGHT / 2 - 1.4, -S.FRAME_HEIGHT / 2 + 2.5
NODE_SIZE = 44  # a box's formula
VALUE_SIZE = 34  # a label under a box
INPUT_COLOR = S.A_COLOR
STEP_COLOR = S.LINE_COLOR
VALUE_COLOR = S.POINT_COLOR
DERIVATIVE_COLOR = S.TRIANGLE_COLOR
NUDGE_COLOR = S.F_COLOR


def name_tex(name: str) -> str:
    """A variable's name as TeX (w1 as w_1)."""
    letters = name.rstrip(digits)
    return letters + (f"_{{{name[len(letters):]}}}" if letters != name else "")


class GraphPicture:
    """The nodes (by name) and arrows of a graph, placed in the frame; its formulas and labels written by
    the scene's writer (in its language)."""

    def __init__(self, graph: Graph, writer: Writer):
        self.graph, self.writer = graph, writer
        place = layout(graph)
        columns = max(c for c, _ in place.values()) or 1
        heights = [h for _, h in place.values()]
        low, high = min(heights), max(heights)
        span = (high - low) or 1.0
        step_x = (RIGHT_EDGE - LEFT_EDGE) / columns
        self.nodes: dict[str, VGroup] = {}
        for name, (column, height) in place.items():
            x = LEFT_EDGE + column * step_x
            y = (TOP_EDGE + BOTTOM_EDGE) / 2 if high == low else BOTTOM_EDGE + (height - low) / span * (TOP_EDGE - BOTTOM_EDGE)
            node = self._node(name, step_x * 0.8)
            node.move_to([x, y, 0])
            self.nodes[name] = node
        self.arrows: dict[tuple[str, str], Arrow] = {}
        for s in graph.steps:
            for x in s.uses:
                self.arrows[(x, s.name)] = Arrow(
                    self.nodes[x].get_right(),
                    self.nodes[s.name].get_left(),
                    buff=0.08,
                    stroke_width=S.AXIS_STROKE + 1,
                    max_tip_length_to_length_ratio=0.12,
                    color=S.AXIS_COLOR,
                )

    def _node(self, name: str, room: float) -> VGroup:
        if name in self.graph.inputs:
            label = self.writer.math(name_tex(name), font_size=NODE_SIZE).set_color(INPUT_COLOR)
            ring = Circle(radius=max(label.width, label.height) / 2 + 0.18, color=INPUT_COLOR, stroke_width=S.AXIS_STROKE)
            return VGroup(ring.move_to(label), label)
        step = self.graph.step(name)
        label = self.writer.math(name_tex(name), "=", tex(step.expr), font_size=NODE_SIZE).set_color(STEP_COLOR)
        if label.width > room:
            label.scale_to_fit_width(room)
        box = RoundedRectangle(
            corner_radius=0.12, width=label.width + 0.4, height=label.height + 0.35, color=STEP_COLOR, stroke_width=S.AXIS_STROKE
        )
        return VGroup(box.move_to(label), label)

    def all(self) -> VGroup:
        return VGroup(*self.nodes.values(), *self.arrows.values())

    def inputs(self) -> VGroup:
        return VGroup(*(self.nodes[n] for n in self.graph.inputs))

    def steps(self) -> VGroup:
        return VGroup(*(self.nodes[s.name] for s in self.graph.steps))

    def into(self, name: str) -> list[Arrow]:
        """The arrows into a step."""
        return [a for (x, y), a in self.arrows.items() if y == name]

    def path(self, start: str) -> list[Arrow]:
        """The arrows a nudge of *start* travels along to the output."""
        moved = {start, *self.graph.downstream(start)}
        return [a for (x, y), a in self.arrows.items() if x in moved and y in moved]

    def label(self, name: str, *parts: str, color: str = VALUE_COLOR, above: bool = False) -> Mobject:
        """A label beside a node, from derivlib's text: left of an input, under a step (above it with
        *above*); on two lines (the first part, then the rest) when one would not fit."""
        out = self.writer.math(*parts, font_size=VALUE_SIZE).set_color(color)
        room = LEFT_EDGE + S.FRAME_WIDTH / 2 - 0.5 if name in self.graph.inputs else self._room()
        if out.width > room and len(parts) > 1:
            head, *rest = parts
            out = VGroup(self.writer.math(head, font_size=VALUE_SIZE), self.writer.math(*rest, font_size=VALUE_SIZE))
            out.arrange(DOWN, buff=0.08, aligned_edge=RIGHT if name in self.graph.inputs else LEFT).set_color(color)
        if out.width > room:
            out.scale_to_fit_width(room)
        node = self.nodes[name]
        if name in self.graph.inputs:
            out.next_to(node, LEFT, buff=0.15)
        else:
            out.next_to(node, UP if above else DOWN, buff=0.15)
        return inside(out)

    def beside(self, arrow: Mobject, *parts: str, color: str = DERIVATIVE_COLOR) -> Mobject:
        """A label beside an arrow's middle (the chain rule's factor that crosses it)."""
        out = self.writer.math(*parts, font_size=VALUE_SIZE)
        out.set_color(color)
        out.next_to(arrow.get_center(), UP, buff=0.12)
        return out

    def _room(self) -> float:
        columns = max(c for c, _ in layout(self.graph).values()) or 1
        return (RIGHT_EDGE - LEFT_EDGE) / columns * 0.95


def inside(mob: Mobject, margin: float = 0.2) -> Mobject:
    """*mob* moved sideways, if need be, to lie inside the frame."""
    left, right = -S.FRAME_WIDTH / 2 + margin, S.FRAME_WIDTH / 2 - margin
    if mob.get_left()[0] < left:
        mob.shift(RIGHT * (left - mob.get_left()[0]))
    if mob.get_right()[0] > right:
        mob.shift(LEFT * (mob.get_right()[0] - right))
    return mob


def bottom_line(writer: Writer, *parts: str | Words, font_size: float = S.PANEL_SIZE) -> Mobject:
    """An equation across the bottom of the frame, under the graph."""
    out = writer.math(*parts, font_size=font_size)
    out.to_edge(DOWN, buff=0.45)
    if out.width > S.FRAME_WIDTH - 1.0:
        out.scale_to_fit_width(S.FRAME_WIDTH - 1.0)
    return out


def function_tex(graph) -> str:
    """J(a, b, c) = 3(a + b·c) as TeX."""
    inputs = ", ".join(name_tex(n) for n in graph.inputs)
    return f"{name_tex(graph.output)}({inputs}) = {tex(graph.composed())}"


def value_parts(graph, name: str) -> tuple[str, ...]:
    """'= 6' (or '≈ 0.679...') for a variable's value."""
    return (equals(graph.value(name)).text,)
