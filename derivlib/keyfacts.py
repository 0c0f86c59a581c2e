"""Each beat's key equation and numbers, as text: what a slide or a page says about a chapter. Each
lecture says its own (its beats' ``facts``); this asks the lecture a part belongs to.

>>> from derivlib.plan import lecture_plan
>>> key_facts(lecture_plan().part("slope")).equation
'0.003 / 0.001 = 3'
>>> key_facts(lecture_plan().part("triangle"), "fr").equation
'hauteur : largeur = 0,003 : 0,001'
"""

from __future__ import annotations

from .lectures import lecture_named
from .parts import BasePart, KeyFacts

__all__ = ["KeyFacts", "key_facts"]


def key_facts(part: BasePart, language: str | None = None) -> KeyFacts:
    """The key equation and numbers of the beat whose part this is, in *language* (English by
    default)."""
    return lecture_named(part.lecture).key_facts(part, language)
