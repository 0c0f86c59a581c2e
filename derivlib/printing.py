"""Functions of a as a person reads them: TeX for the screen, words for a voice, and worked out at a
point ("2^2", "two squared"). Numbers go through the one formatting rule.

>>> from derivlib.grammar import parse
>>> f = parse("3a^2 - 2")
>>> tex(f), spoken(f)
('3a^{2} - 2', 'three eh squared minus two')
>>> at_point(parse("3a^2"), Decimal(2))
('3 × 2^2', 'three times two squared')
>>> tex(parse("1/(2sqrt(a))")), spoken(parse("1/a")), spoken(parse("exp(2a)"))
('\\\\frac{1}{2\\\\sqrt{a}}', 'one over eh', 'e to the two eh')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from num2words import num2words

from .expression import Add, Call, Div, Expr, Mul, Name, Neg, Num, Pow, Sub, Var, worked_text
from .numbers import format_number, spoken_number

__all__ = ["SAID_A", "at_point", "said_name", "spoken", "tex", "tex_at"]

#: How a voice says the variable a: the letter's name. Written "a", a synthetic voice (espeak-ng, and
#: Piper, which phonemizes with it) reads the English article, "uh"; "eh" is read as the letter, 'eI.
SAID_A = "eh"

_PRECEDENCE = {Add: 1, Sub: 1, Neg: 2, Mul: 3, Div: 3, Pow: 5, Num: 6, Var: 6, Name: 6, Call: 6}
_POWER_WORDS = {2: "squared", 3: "cubed"}


def said_name(name: str) -> str:
    """A variable's name as a voice says it: its letters one by one (a as SAID_A), then its number.

    >>> said_name("a"), said_name("w1"), said_name("J")
    ('eh', 'w one', 'J')
    """
    letters = name.rstrip("0123456789")
    words = [SAID_A if ch == "a" else ch for ch in letters]
    if letters != name:
        words.append(spoken_number(int(name[len(letters):])))
    return " ".join(words)


def _power_words(n: int) -> str:
    """A power as a teacher says it: 'squared', 'cubed', 'to the fourth', 'to the minus one'.

    >>> [_power_words(n) for n in (2, 3, 4, 12, 1, -1, -2)]
    ['squared', 'cubed', 'to the fourth', 'to the twelfth', 'to the first', 'to the minus one', 'to the minus two']
    """
    if n in _POWER_WORDS:
        return _POWER_WORDS[n]
    if n < 0:  # a negative power is said with the number: 'a to the minus one'
        return f"to the {spoken_number(n)}"
    return f"to the {num2words(n, lang='en', to='ordinal')}"


def _num_tex(value: Fraction) -> str:
    text = format_number(value)
    if text.startswith("≈"):  # a typed fraction such as 1/3: shown as one
        return rf"\frac{{{value.numerator}}}{{{value.denominator}}}"
    return text


def tex(e: Expr, outer: int = 0, a: str = "a") -> str:
    """TeX for MathTex: powers raised, quotients as fractions, functions upright."""
    mine = _PRECEDENCE[type(e)]
    match e:
        case Num(value):
            out = _num_tex(value)
            mine = 6 if value >= 0 else 2
        case Var():
            out = a
        case Name(name):  # w1 as w_1 (a value put in for a name is shown as it is)
            letters = name.rstrip("0123456789")
            out = name if not name.isidentifier() else letters + (f"_{{{name[len(letters):]}}}" if letters != name else "")
        case Neg(arg):
            out = "-" + tex(arg, 3, a)
        case Add(left, right):
            out = f"{tex(left, 1, a)} + {tex(right, 2, a)}"
        case Sub(left, right):
            out = f"{tex(left, 1, a)} - {tex(right, 2, a)}"
        case Mul(left, right):
            x, y = tex(left, 3, a), tex(right, 4, a)
            juxtapose = isinstance(left, Num) and a.isidentifier() and not y[0].isdigit()
            out = f"{x}{y}" if juxtapose else rf"{x} \cdot {y}"
        case Div(left, right):
            out = rf"\frac{{{tex(left, 0, a)}}}{{{tex(right, 0, a)}}}"
            mine = 6
        case Pow(base, n):
            out = f"{tex(base, 6, a)}^{{{n}}}"
        case Call("sqrt", arg):
            out = rf"\sqrt{{{tex(arg, 0, a)}}}"
        case Call("exp", arg):
            out = f"e^{{{tex(arg, 0, a)}}}"
        case Call(name, arg):
            out = rf"\{name}\left({tex(arg, 0, a)}\right)"
        case _:
            raise TypeError(e)
    return f"\\left({out}\\right)" if mine < outer else out


def spoken(e: Expr, a: str = SAID_A) -> str:
    """The words a voice says: 'three a squared', 'one over a', 'e to the a', 'the square root of a'."""
    match e:
        case Num(value):
            return spoken_number(value)
        case Var():
            return a
        case Name(name):
            return said_name(name)
        case Neg(arg):
            return f"minus {spoken(arg, a)}"
        case Add(left, right):
            return f"{spoken(left, a)} plus {spoken(right, a)}"
        case Sub(left, right):
            return f"{spoken(left, a)} minus {spoken(right, a)}"
        case Mul(Num() as left, right) if a == SAID_A and not isinstance(right, Num | Add | Sub):
            return f"{spoken(left, a)} {spoken(right, a)}"
        case Mul(left, right):  # a sum as a factor is 'the quantity ...', as a teacher reads 3(a + b)
            grouped = isinstance(right, Add | Sub)
            return f"{spoken(left, a)} times {'the quantity ' if grouped else ''}{spoken(right, a)}"
        case Div(left, right):
            inner = spoken(right, a)
            grouped = isinstance(right, Add | Sub)
            return f"{spoken(left, a)} over {'the quantity ' if grouped else ''}{inner}"
        case Pow(base, n):
            words = _power_words(n)
            grouped = isinstance(base, Add | Sub | Mul | Div | Neg)
            return f"{'the quantity ' if grouped else ''}{spoken(base, a)} {words}"
        case Call("sqrt", arg):
            return f"the square root of {spoken(arg, a)}"
        case Call("exp", arg):
            return f"e to the {spoken(arg, a)}"
        case Call(name, arg):
            return f"{name} of {spoken(arg, a)}"
    raise TypeError(e)


def at_point(e: Expr, a: Decimal) -> tuple[str, str]:
    """*e* with the number *a* put in for a, as text and as words ('3 × 2^2', 'three times two squared');
    every product is said with 'times', so two numbers never run together."""
    return worked_text(e, format_number(a)), spoken(e, a=spoken_number(a))


def tex_at(e: Expr, a: Decimal) -> str:
    """TeX of *e* with the number *a* put in for a (a negative number in parentheses).

    >>> from derivlib.grammar import parse
    >>> tex_at(parse("3a^2"), Decimal(2)), tex_at(parse("a^2"), Decimal(-3)), tex_at(parse("1/sqrt(a)"), Decimal(4))
    ('3 \\\\cdot 2^{2}', '\\\\left(-3\\\\right)^{2}', '\\\\frac{1}{\\\\sqrt{4}}')
    """
    text = format_number(a)
    return tex(e, a=rf"\left({text}\right)" if a < 0 else text)
