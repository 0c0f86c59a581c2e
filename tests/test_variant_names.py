"""Folder names of variants with a function: readable, shell-safe, and never shared by two functions."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from derivlib.expression import Call
from derivlib.params import Params
from scenes.pipeline.settings import _SLUG, function_slug, variant_name
from tests.derivlib.test_expression import rational_exprs, with_functions

# the words a slug is made of: the grammar's names, the variable, the signs' words, digits and marks
_TOKENS = ["log", "exp", "sqrt", "a", *(w for w in _SLUG.values() if w), "(", ")", ".", *"0123456789"]
_BACK = {w: ch for ch, w in _SLUG.items() if w}


def decode(slug: str) -> str:
    """The function's text (without spaces) back from its slug; fails if the slug is ambiguous."""
    out, i = [], 0
    while i < len(slug):
        matches = [t for t in _TOKENS if slug.startswith(t, i)]
        assert len(matches) == 1, (slug, i, matches)  # prefix-free: one word fits at each place
        out.append(_BACK.get(matches[0], matches[0]))
        i += len(matches[0])
    return "".join(out)


def test_the_words_are_a_prefix_free_code():
    for a in _TOKENS:
        for b in _TOKENS:
            assert a == b or not b.startswith(a), (a, b)





@settings(max_examples=300, deadline=None)
@given(st.one_of(rational_exprs(), with_functions(), st.builds(Call, st.sampled_from(["log"]), rational_exprs())))
def test_a_slug_reads_back_to_its_function(expr):
    text = expr.text
    slug = function_slug(text)
    assert re.fullmatch(r"[a-z0-9.()]+", slug), slug  # nothing a shell or a file system treats specially
    assert decode(slug) == text.replace(" ", "")


def test_a_variant_with_a_function_is_named_by_it():
    assert variant_name(Params.from_strings(function="log(a)")) == "function-log(a)"
    assert variant_name(Params.from_strings(function="a^2", nudge="0.01")) == "function-apow2_nudge-0.01"
    # two functions that differ only in their grouping get two folders
    one = variant_name(Params.from_strings(function="(a+1)^2", points="2"))
    two = variant_name(Params.from_strings(function="a+1^2", points="2"))
    assert one != two
