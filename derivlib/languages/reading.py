"""Reading aloud in a language other than English, from what is written: a template's own words (its
symbols replaced by their reading, the language's ``[symbols]`` table) and a term's text (a formula,
a worked product, a number: derivlib's own notation, read token by token with its ``[formula]``
table). The words come from the language's table; the numbers from its number reader.

>>> table = {"=": "gleich", "×": "mal", "+": "plus", "-": "minus", "negative": "minus", "^2": "Quadrat",
...          "^n": "hoch {n}", "variable": "a", "log(": "Logarithmus von", "f(": "f von", "/": "durch"}
>>> read = FormulaReader(table, {"f(a)": "f von a"}, str)
>>> read("f(a) = 0.5a^2 - 3")
'f von a gleich 0.5 a Quadrat minus 3'
>>> read("7 × (-3) + log(a)")
'7 mal minus 3 plus Logarithmus von a'
>>> read("a^(-1)")
'a hoch minus 1'
>>> FormulaReader({**table, "(": "Klammer auf", ")": "Klammer zu"}, {}, str)("(a + 1)^2/2 × (-3)")
'Klammer auf a plus 1 Klammer zu Quadrat durch 2 mal minus 3'
>>> graph = FormulaReader({**table, "d/d": "d {top} nach d {bottom}", "(": "Klammer auf", ")": "Klammer zu"}, {}, str)
>>> graph("J(a, b, c) = 3(a + b*c)"), graph("dJ/dw1 = dJ/dv × 2")
('J von a, b, c gleich 3 mal Klammer auf a plus b mal c Klammer zu', 'd J nach d w 1 gleich d J nach d v mal 2')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

__all__ = ["FormulaReader", "read_literal"]

_NUMBER = r"\d+(?:\.\d+)?"
# A power, a function's opening, a number, a letter, an operator or a bracket; spaces between.
_TOKEN = re.compile(
    rf"(?P<power>\^(?:\((?P<neg>-)?(?P<n1>\d+)\)|(?P<n2>\d+)))"
    rf"|(?P<call>[a-z]+\(|[A-Z]\()"
    rf"|(?P<number>{_NUMBER})"
    r"|(?P<letter>[a-z])"
    r"|(?P<op>[=≈+\-×*/:])"
    r"|(?P<open>\()|(?P<close>\))"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)"
)


_GROUPED = re.compile(r"\s[-+×]\s|[/*]")
# A derivative's name, 'dJ/dv' or 'dJ/dw1' (one variable's change over another's), read as one thing.
_LEIBNIZ = re.compile(r"(?<![A-Za-z0-9])d([A-Za-z][A-Za-z0-9]*)/d([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9(])")


def _inside(text: str, start: int) -> str:
    """What lies between the bracket opened just before *start* and the one that closes it."""
    depth = 1
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return text[start:i]
    return text[start:]


def read_literal(literal: str, symbols: Mapping[str, str]) -> str:
    """A template's own words with its symbols read aloud (the longest symbol first)."""
    if not symbols:
        return literal
    keys = sorted(symbols, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return pattern.sub(lambda m: symbols[m.group(0)], literal)


class FormulaReader:
    """Reads derivlib's notation (a term's text) aloud with a language's words.

    *words*: the ``[formula]`` table (operators, powers '^2', '^3', '^n', function openings 'log(' and
    their closings 'log)', 'variable', 'negative', 'approx', and '(' and ')' for a bracketed group of
    several terms); *symbols*: whole symbols read first
    ('f(a)'); *number*: reads one number as derivlib writes it ('≈-0.5')."""

    def __init__(self, words: Mapping[str, str], symbols: Mapping[str, str], number: Callable[[str], str]):
        self.words, self.number = words, number
        whole = sorted((k.strip() for k in symbols if "(" in k or "/" in k), key=len, reverse=True)
        self.symbols = {k.strip(): v.strip() for k, v in symbols.items()}
        self._whole = re.compile("|".join(re.escape(k) for k in whole)) if whole else None

    def __call__(self, text: str) -> str:
        out: list[str] = []
        if "d/d" in self.words and _LEIBNIZ.search(text):  # 'dJ/dv': its own reading
            pieces, at = [], 0
            for m in _LEIBNIZ.finditer(text):
                top, bottom = (" ".join(self._tokens(name)) for name in m.groups())
                pieces += [self(text[at : m.start()]), self.words["d/d"].format(top=top, bottom=bottom)]
                at = m.end()
            return " ".join(w for w in [*pieces, self(text[at:])] if w)
        pieces = self._whole.split(text) if self._whole else [text]
        found = self._whole.findall(text) if self._whole else []
        for i, piece in enumerate(pieces):
            out += self._tokens(piece)
            if i < len(found):
                out.append(self.symbols[found[i]])
        return re.sub(r" ([,;])", r"\1", " ".join(w for w in out if w))

    def _tokens(self, text: str) -> list[str]:
        words, out, closing = self.words, [], []
        previous = None  # what came before: an operand, an operator, an opening (a minus after
        # anything but an operand is a sign)
        for m in _TOKEN.finditer(text):
            kind, token = m.lastgroup, m.group(0)
            if kind == "space":
                continue
            if kind == "power":
                n = ("-" if m.group("neg") else "") + (m.group("n1") or m.group("n2"))
                out.append(words.get(f"^{n}") or words["^n"].format(n=self._number(n)))
            elif kind == "call" and token[0].isupper():  # 'J(a, b, c)': said as f(a) is
                out.append(words.get(token) or token[0] + words.get("f(", "f")[1:])
                closing.append(words.get("f)", ""))
            elif kind == "call":
                out.append(words.get(token, token[:-1]))
                closing.append(words.get(token[:-1] + ")", ""))
            elif kind == "number":
                out.append(self._number(token))
            elif kind == "letter":
                out.append(words["variable"] if token == "a" else token)
            elif kind == "op" and token == "-" and previous in (None, "op", "open", "call"):
                out.append(words["negative"])
            elif kind == "op":
                out.append(words["approx"] if token == "≈" else words["×" if token == "*" else token])
            elif kind == "open":  # a group of several terms is said as one ("(a + 1)^2")
                grouped = "(" in words and _GROUPED.search(_inside(text, m.end()))
                if previous == "operand" and text[m.start() - 1 : m.start()] not in (" ", ""):
                    out.append(words["×"])  # '3(a + b)': a product
                out.append(words["("] if grouped else "")
                closing.append(words[")"] if grouped else "")
            elif kind == "close":
                out.append(closing.pop() if closing else "")
            else:
                out.append(token)
            previous = kind if kind in ("op", "open", "call") else "operand"
        return out

    def _number(self, text: str) -> str:
        if text.startswith("-"):
            return f"{self.words['negative']} {self.number(text[1:])}"
        return self.number(text)
