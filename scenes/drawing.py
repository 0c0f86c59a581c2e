"""Drawing less per frame, with the same pictures: what manim redraws during an animation.

Manim (Cairo) draws the mobjects that do not move once per animation (a static image) and redraws
the rest every frame. "The rest" is every mobject from the first moving one to the end of the scene's
list, moving or not: a mobject added later is drawn on top, and manim does not know whether it overlaps
the moving one. In this lecture most of those are far away (the panel of equations on the right while
the triangle changes on the left), and redrawing them was about half of all drawing.

:class:`HoistStatic` puts such a mobject into the static image instead whenever it cannot overlap
anything that moves: its bounding box, and every moving mobject's bounding box, each widened by what
a stroke can add (mitred corners) and a few pixels of anti-aliasing, are apart. That is checked before
the animation starts and again before every frame is drawn; if ever they would touch, the animation
goes back to manim's own split from that frame on (its static image redrawn), so every frame is the one
manim draws. Pixels where two mobjects do not meet do not depend on which is drawn first: the frames
are identical, which tests/scenes/test_drawing.py checks frame by frame against manim's own way.
"""

from __future__ import annotations

import numpy as np
from manim import Mobject, VMobject, config
from manim.animation.composition import AnimationGroup
from manim.constants import RendererType
from manim.utils.family import extract_mobject_family_members
from manim.utils.iterables import list_difference_update, list_update

#: Anti-aliasing and rounding margin, in pixels.
EDGE_PIXELS = 4
#: How far a stroke can reach past a path's points, in stroke widths: half the width, or at a mitred
#: corner up to cairo's default miter limit (10) times the half width.
STROKE_REACH = 5.0


def _animated(animations) -> set[Mobject]:
    """Every mobject an animation acts on (as manim's get_moving_mobjects collects them)."""
    out: set[Mobject] = set()
    for animation in animations:
        out.update(animation.mobject.get_family())
        if isinstance(animation, AnimationGroup):
            out.update(_animated(animation.animations))
    return out


class HoistStatic:
    """A mixin for a Cairo scene: static mobjects drawn after moving ones join the static image when
    they cannot overlap them (see the module's docstring). ``hoist_static = False`` turns it off."""

    hoist_static: bool = True
    #: plays that drew fewer mobjects per frame, and plays that had to go back to manim's split
    hoisted_plays: int = 0
    restored_plays: int = 0

    def get_moving_mobjects(self, *animations):
        everything = super().get_moving_mobjects(*animations)
        self._hoist = None
        if not self.hoist_static or not everything or config.renderer != RendererType.CAIRO:
            return everything
        family = extract_mobject_family_members(everything)
        camera = self.renderer.camera
        if any(m in family for m in camera.get_mobjects_indicating_movement()):
            return everything  # the camera moves: everything moves on screen
        animated = _animated(animations)
        foreground = set(self.foreground_mobjects)
        memo: dict[int, bool] = {}

        def moves(m: Mobject) -> bool:
            if id(m) not in memo:
                memo[id(m)] = (
                    m in animated
                    or bool(m.updaters)
                    or m in foreground
                    or any(moves(s) for s in m.submobjects)
                )
            return memo[id(m)]

        moving_family = set(extract_mobject_family_members([m for m in everything if moves(m)]))
        # every entry of manim's list that belongs to a moving family, in that list's order (the order
        # families are drawn in: manim keeps each mobject's last entry)
        moving = [m for m in everything if m in moving_family]
        hoisted = [
            m
            for m in extract_mobject_family_members(everything, only_those_with_points=True)
            if m not in moving_family
        ]
        drawn = [m for m in moving_family if m.has_points()] + hoisted
        if not hoisted or not all(isinstance(m, VMobject) for m in drawn):
            return everything
        widest = max(
            (max(m.get_stroke_width(), m.get_stroke_width(background=True)) for m in drawn), default=0
        )
        pad = STROKE_REACH * widest * camera.cairo_line_width_multiple + EDGE_PIXELS * (
            camera.frame_width / camera.pixel_width
        )
        lo, hi = _boxes(hoisted)
        # the members whose boxes are checked every frame: the same mobjects all animation long
        members = extract_mobject_family_members(moving, only_those_with_points=True)
        self._hoist = (everything, members, lo - pad, hi + pad)
        if self._moving_meets_hoisted():
            self._hoist = None
            return everything
        self.hoisted_plays += 1
        return moving

    def _moving_meets_hoisted(self) -> bool:
        _, members, lo, hi = self._hoist
        if not members:
            return False
        mlo, mhi = _boxes(members)
        apart = (mlo[:, None, :] > hi[None, :, :]) | (mhi[:, None, :] < lo[None, :, :])
        return bool((~apart.any(axis=2)).any())

    def update_to_time(self, t: float) -> None:
        super().update_to_time(t)
        if getattr(self, "_hoist", None) is not None and self._moving_meets_hoisted():
            self._restore_manims_split()

    def _restore_manims_split(self) -> None:
        """From this frame on, draw as manim would: its moving list, its static image."""
        everything = self._hoist[0]
        self._hoist = None
        self.restored_plays += 1
        known = set(everything)
        moving = everything + [m for m in self.moving_mobjects if m not in known]  # added during the play
        use_z = self.renderer.camera.use_z_index
        all_families = extract_mobject_family_members(
            list_update(self.mobjects, self.foreground_mobjects),
            use_z_index=use_z,
            only_those_with_points=True,
        )
        self.moving_mobjects = extract_mobject_family_members(moving, use_z_index=use_z)
        self.static_mobjects = list_difference_update(all_families, self.moving_mobjects)
        self.renderer.save_static_frame_data(self, self.static_mobjects)


def _boxes(mobjects) -> tuple[np.ndarray, np.ndarray]:
    """Each mobject's own points' lower-left and upper-right corners (x, y), as two n x 2 arrays."""
    lo = np.array([m.points[:, :2].min(axis=0) for m in mobjects])
    hi = np.array([m.points[:, :2].max(axis=0) for m in mobjects])
    return lo, hi
