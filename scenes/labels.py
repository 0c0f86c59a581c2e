"""Where a label goes: next to what it names, clear of everything else drawn.

A label is tried at positions around its anchor (a point, or another mobject's box), nearest first and
in the preferred direction first, and goes to the first one that lies inside its area and meets no
obstacle: no other text's box (the axes' tick labels included), no box of a filled shape (a triangle),
and no point of a drawn path (the curve, a tangent). Within LABEL_NEAR of its anchor it stands alone;
farther away (when there is no room near) a thin leader line joins it to its anchor.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

import numpy as np
from manim import Line, Mobject, VGroup

from scenes import style as S

__all__ = [
    "LABEL_NEAR",
    "Box",
    "Obstacles",
    "box_of",
    "distance_to_box",
    "path_points",
    "place_at_point",
    "place_beside",
]

Box = tuple[float, float, float, float]  # left, right, bottom, top

#: A label's box is at most this far (scene units) from its anchor point, unless a leader line joins them.
LABEL_NEAR = 0.5
#: Gaps (scene units) tried between a label and its anchor, nearest first; beyond LABEL_NEAR, with a leader.
_GAPS = (0.12, 0.22, 0.35, 0.5, 0.75, 1.0, 1.4)
#: Directions tried around the anchor.
_DIRECTIONS = 24
#: Clearance between a label and a drawn path, and between a label and another box (room for an
#: Indicate, which enlarges a label by a fifth).
_PAD = 0.05
_BOX_PAD = 0.15


def box_of(mob: Mobject) -> Box:
    return (mob.get_left()[0], mob.get_right()[0], mob.get_bottom()[1], mob.get_top()[1])


def distance_to_box(point: Sequence[float], box: Box) -> float:
    """The distance from *point* to the nearest point of *box* (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[1])
    dy = max(box[2] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


def path_points(mob: Mobject, step: float = 0.04) -> np.ndarray:
    """Points along every path of *mob*'s family, at most *step* apart (straight segments filled in)."""
    out = []
    for member in mob.family_members_with_points():
        pts = member.points[:, :2]
        out.append(pts)
        for a, b in itertools.pairwise(pts):
            gap = float(np.hypot(*(b - a)))
            if gap > step:
                t = np.linspace(0, 1, int(gap / step) + 2)[1:-1, None]
                out.append(a + (b - a) * t)
    return np.concatenate(out) if out else np.zeros((0, 2))


class Obstacles:
    """What a label must not cover: boxes, and points of drawn paths."""

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self._points: list[np.ndarray] = []

    def add_boxes(self, mobs: Iterable[Mobject]) -> Obstacles:
        self.boxes += [box_of(m) for m in mobs if m.has_points() or m.submobjects]
        return self

    def add_paths(self, mobs: Iterable[Mobject]) -> Obstacles:
        self._points += [path_points(m) for m in mobs]
        return self

    def add_points(self, points: np.ndarray) -> Obstacles:
        self._points.append(np.asarray(points)[:, :2])
        return self

    def hits(self, box: Box, pad: float = _PAD, box_pad: float = _BOX_PAD) -> bool:
        wide = (box[0] - box_pad, box[1] + box_pad, box[2] - box_pad, box[3] + box_pad)
        for b in self.boxes:
            if min(wide[1], b[1]) > max(wide[0], b[0]) and min(wide[3], b[3]) > max(wide[2], b[2]):
                return True
        left, right, bottom, top = box[0] - pad, box[1] + pad, box[2] - pad, box[3] + pad
        for pts in self._points:
            if len(pts) and np.any(
                (pts[:, 0] > left) & (pts[:, 0] < right) & (pts[:, 1] > bottom) & (pts[:, 1] < top)
            ):
                return True
        return False


def _inside(box: Box, area: Box) -> bool:
    return box[0] >= area[0] and box[1] <= area[1] and box[2] >= area[2] and box[3] <= area[3]


def _centre_at_gap(anchor: np.ndarray, u: np.ndarray, width: float, height: float, gap: float) -> np.ndarray:
    """The centre, along the ray from *anchor* in direction *u*, of a width x height box whose nearest
    point is *gap* from the anchor."""
    lo, hi = 0.0, gap + width + height
    for _ in range(30):
        mid = (lo + hi) / 2
        c = anchor[:2] + u * mid
        d = distance_to_box(
            anchor[:2], (c[0] - width / 2, c[0] + width / 2, c[1] - height / 2, c[1] + height / 2)
        )
        lo, hi = (mid, hi) if d < gap else (lo, mid)
    return np.array([*(anchor[:2] + u * hi), 0.0])


def place_at_point(
    label: Mobject,
    anchor: np.ndarray,
    obstacles: Obstacles,
    area: Box,
    prefer: np.ndarray,
    reserve: float = 0.0,
) -> Mobject:
    """Put *label* beside the point *anchor*, clear of *obstacles* and inside *area*, as near as there
    is room and towards *prefer* first; return the label, or the label and its leader line (a VGroup)
    when it had to go beyond LABEL_NEAR. *reserve* is kept clear around the anchor (a dot's radius)."""
    base = math.atan2(prefer[1], prefer[0])
    angles = sorted(
        (2 * math.pi * i / _DIRECTIONS for i in range(_DIRECTIONS)),
        key=lambda t: abs(math.remainder(t - base, 2 * math.pi)),
    )
    width, height = label.width, label.height
    for gap in _GAPS:
        for angle in angles:
            u = np.array([math.cos(angle), math.sin(angle)])
            centre = _centre_at_gap(anchor, u, width, height, gap + reserve)
            box = (
                centre[0] - width / 2,
                centre[0] + width / 2,
                centre[1] - height / 2,
                centre[1] + height / 2,
            )
            if _inside(box, area) and not obstacles.hits(box):
                label.move_to(centre)
                return label if gap + reserve <= LABEL_NEAR else _with_leader(label, anchor, reserve)
    u = np.array([math.cos(base), math.sin(base)])  # no room anywhere: the preferred place
    label.move_to(_centre_at_gap(anchor, u, width, height, _GAPS[0] + reserve))
    return label


def _with_leader(label: Mobject, anchor: np.ndarray, reserve: float) -> VGroup:
    """The label and a thin line from its box's nearest point to just short of the anchor."""
    box = box_of(label)
    near = np.array([min(max(anchor[0], box[0]), box[1]), min(max(anchor[1], box[2]), box[3]), 0.0])
    direction = near - anchor
    length = float(np.linalg.norm(direction))
    start = anchor + direction / length * (reserve + 0.04)
    end = near - direction / length * 0.04
    leader = Line(start, end).set_stroke(S.NOTE_COLOR, 1.5)
    label.led = True  # (a snapshot records it: the label may stand farther than LABEL_NEAR)
    return VGroup(label, leader)


def place_beside(
    label: Mobject, target: Mobject, obstacles: Obstacles, area: Box, sides: Sequence[np.ndarray]
) -> Mobject:
    """Put *label* next to *target* on the first of *sides* (left-aligned above or below, centred
    beside) where it is inside *area* and clear of *obstacles*, a little farther out if needed; the
    first side when none is clear."""
    for buff in (0.2, 0.3, 0.5):
        for side in sides:
            aligned = S.LEFT if side[0] == 0 else np.zeros(3)
            label.next_to(target, side, buff=buff, aligned_edge=aligned)
            box = box_of(label)
            if _inside(box, area) and not obstacles.hits(box):
                return label
    label.next_to(target, sides[0], buff=0.15, aligned_edge=S.LEFT if sides[0][0] == 0 else np.zeros(3))
    return label
