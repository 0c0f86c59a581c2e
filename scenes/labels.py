"""Where a label goes: next to what it names, clear of everything else drawn.

A label is tried at positions around its anchor (a point, a segment such as a triangle's side, or
another mobject's box), nearest first and in the preferred direction first, and goes to the first one
that lies inside its area and meets no obstacle: no other text's box (the axes' tick labels included),
no box of a filled shape, no point of a drawn path (the curve, a tangent, the axes' lines) and no point
inside a triangle. Within LABEL_NEAR of its anchor it stands alone; farther away (when there is no room
near) a thin leader line joins it to its anchor.
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
    "fits",
    "path_points",
    "place_along",
    "place_at_point",
    "place_beside",
]

Box = tuple[float, float, float, float]  # left, right, bottom, top

#: A label's box is at most this far (scene units) from its anchor point, unless a leader line joins them.
LABEL_NEAR = 0.5
#: Gaps (scene units) tried between a label and its anchor, nearest first; beyond LABEL_NEAR, with a leader.
_GAPS = (0.12, 0.17, 0.22, 0.28, 0.35, 0.42, 0.5, 0.75, 1.0, 1.4)
#: Directions tried around the anchor.
_DIRECTIONS = 24
#: Near its anchor (within this beyond its reserve) what is drawn there (the curve through a point, the
#: sides of a triangle) does not count as standing between a label and its anchor.
_SIGHT_SKIP = 0.1
#: Where along a segment an anchor is tried, the middle first.
_ALONG = (0.5, 0.3, 0.7, 0.1, 0.9)
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

    def add_triangle(self, corners: Sequence[np.ndarray], step: float = 0.04) -> Obstacles:
        """A filled triangle: its sides and points all over its inside, at most *step* apart."""
        p, q, r = (np.asarray(c, dtype=float)[:2] for c in corners)
        size = max(np.hypot(*(q - p)), np.hypot(*(r - p)), np.hypot(*(r - q)))
        count = int(size / step) + 2
        grid = [(i / count, j / count) for i in range(count + 1) for j in range(count + 1 - i)]
        return self.add_points(np.array([p + s * (q - p) + t * (r - p) for s, t in grid]))

    def copy(self) -> Obstacles:
        other = Obstacles()
        other.boxes, other._points = list(self.boxes), list(self._points)
        return other

    def between(self, a: np.ndarray, b: np.ndarray, skip: float) -> bool:
        """Whether something drawn lies on the straight line from *a* to *b* (a path within _PAD of it,
        or a box across it), except within *skip* of *a* (the anchor's own lines)."""
        a, b = np.asarray(a, dtype=float)[:2], np.asarray(b, dtype=float)[:2]
        d = b - a
        length2 = float(d @ d)
        if length2 < 1e-12:
            return False
        for pts in self._points:
            if not len(pts):
                continue
            t = np.clip((pts - a) @ d / length2, 0.0, 1.0)
            off = np.hypot(*(pts - (a + t[:, None] * d)).T)
            if np.any((off < _PAD) & (np.hypot(*(pts - a).T) > skip)):
                return True
        line = a + np.linspace(0.0, 1.0, 24)[:, None] * d
        line = line[np.hypot(*(line - a).T) > skip]
        return any(
            np.any((line[:, 0] > b0) & (line[:, 0] < b1) & (line[:, 1] > b2) & (line[:, 1] < b3))
            for b0, b1, b2, b3 in self.boxes
        )

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
    return place_along(label, anchor, anchor, obstacles, area, prefer, reserve)


def place_along(
    label: Mobject,
    start: np.ndarray,
    end: np.ndarray,
    obstacles: Obstacles,
    area: Box,
    prefer: np.ndarray,
    reserve: float = 0.0,
    *,
    fallback: bool = True,
) -> Mobject | None:
    """Put *label* beside the segment from *start* to *end* (a point when they are one), as near to it
    as there is room, towards *prefer* first and from the segment's middle outwards; clear of
    *obstacles*, with nothing drawn between it and the segment, and inside *area*. Return the label,
    or the label and a leader line to the segment's nearest point (a VGroup) when it had to go beyond
    LABEL_NEAR; with no room anywhere, the label at the preferred place (None, without *fallback*)."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    anchors = [start + (end - start) * t for t in _ALONG]
    if np.linalg.norm((end - start)[:2]) < 1e-6:
        anchors = anchors[:1]
    base = math.atan2(prefer[1], prefer[0])
    angles = sorted(
        (2 * math.pi * i / _DIRECTIONS for i in range(_DIRECTIONS)),
        key=lambda t: abs(math.remainder(t - base, 2 * math.pi)),
    )
    width, height = label.width, label.height
    for gap in _GAPS:
        for angle in angles:
            u = np.array([math.cos(angle), math.sin(angle)])
            for anchor in anchors:
                centre = _centre_at_gap(anchor, u, width, height, gap + reserve)
                box = (
                    centre[0] - width / 2,
                    centre[0] + width / 2,
                    centre[1] - height / 2,
                    centre[1] + height / 2,
                )
                if not _inside(box, area) or obstacles.hits(box):
                    continue
                near = _nearest(start, end, box)
                if obstacles.between(near, _nearest_in(box, near), skip=reserve + _SIGHT_SKIP):
                    continue  # something drawn between it and what it names (the curve, an axis)
                label.move_to(centre)
                if gap + reserve <= LABEL_NEAR:
                    return label
                return _with_leader(label, near, reserve)
    if not fallback:
        return None
    u = np.array([math.cos(base), math.sin(base)])  # no room anywhere: the preferred place
    label.move_to(_centre_at_gap(anchors[0], u, width, height, _GAPS[0] + reserve))
    return label


def fits(mob: Mobject, obstacles: Obstacles, area: Box, pad: float = 0.02, box_pad: float = 0.05) -> bool:
    """Whether *mob*, where it stands, is inside *area* and clear of *obstacles* (by the small pads of
    a layout that sets a label close beside what it names)."""
    box = box_of(mob)
    return _inside(box, area) and not obstacles.hits(box, pad=pad, box_pad=box_pad)


def _nearest_in(box: Box, point: np.ndarray) -> np.ndarray:
    """The point of *box* nearest to *point*."""
    return np.array([min(max(point[0], box[0]), box[1]), min(max(point[1], box[2]), box[3])])


def _nearest(start: np.ndarray, end: np.ndarray, box: Box) -> np.ndarray:
    """The point of the segment start..end nearest to *box*."""
    ts = np.linspace(0.0, 1.0, 41)
    points = [start + (end - start) * t for t in ts]
    return min(points, key=lambda p: distance_to_box(p, box))


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
    """Put *label* next to *target* on the first of *sides* (above or below: left-aligned, else
    right-aligned; beside: centred) where it is inside *area* and clear of *obstacles*, a little farther
    out if needed. When no side is clear, the nearest clear place around *target*'s box (with a leader
    line to it beyond LABEL_NEAR); with no room anywhere, on the first side."""
    for buff in (0.2, 0.3, 0.5):
        for side in sides:
            for aligned in (S.LEFT, S.RIGHT) if side[0] == 0 else (np.zeros(3),):
                label.next_to(target, side, buff=buff, aligned_edge=aligned)
                box = box_of(label)
                if _inside(box, area) and not obstacles.hits(box):
                    return label
    left, right, bottom, top = box_of(target)
    edges = {"bottom": ([left, bottom, 0], [right, bottom, 0]), "top": ([left, top, 0], [right, top, 0])}
    edges["right"], edges["left"] = ([right, bottom, 0], [right, top, 0]), ([left, bottom, 0], [left, top, 0])
    first = (
        "top" if sides[0][1] > 0 else "bottom" if sides[0][1] < 0 else "right" if sides[0][0] > 0 else "left"
    )
    for name in sorted(edges, key=lambda e: e != first):
        placed = place_along(
            label, *(np.array(p, dtype=float) for p in edges[name]), obstacles, area, sides[0]
        )
        if _inside(box_of(label), area) and not obstacles.hits(box_of(label)):
            return placed
    label.next_to(target, sides[0], buff=0.15, aligned_edge=S.LEFT if sides[0][0] == 0 else np.zeros(3))
    return label
