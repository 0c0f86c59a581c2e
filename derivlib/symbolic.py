"""Derivatives of functions of a (derivlib.expression's trees), exact, and simplified enough to print
as a textbook writes them: a rational function of a as one fraction of polynomials in lowest terms
(descending powers), anything else with constants folded and 0 and 1 removed.

>>> from derivlib.grammar import parse
>>> derivative(parse("a^2")).text, derivative(parse("a**3 - 2*a + 1")).text
('2a', '3a^2 - 2')
>>> derivative(parse("(a+1)^2/2")).text, derivative(parse("log(a)")).text
('a + 1', '1/a')
"""

from __future__ import annotations

from fractions import Fraction

from .expression import Add, Call, Div, Expr, Mul, Name, Neg, Num, Pow, Sub, Var

__all__ = ["derivative", "simplify"]


def derivative(expr: Expr) -> Expr:
    """d/da of *expr*: sums, products, quotients, powers and the chain rule, then simplified.

    >>> from derivlib.grammar import parse
    >>> [derivative(parse(t)).text for t in ("1/a", "exp(2a)", "sqrt(a)", "log(a^2 + 1)", "exp(a)/2")]
    ['-1/a^2', '2exp(2a)', '1/(2sqrt(a))', '2a/(a^2 + 1)', 'exp(a)/2']
    >>> [derivative(parse(t)).text for t in ("3a^2 - 1/a", "a^3/6 - 2/a^2")]
    ['6a + 1/a^2', '0.5a^2 + 4/a^3']
    """
    return simplify(_d(expr))


def _d(e: Expr) -> Expr:
    match e:
        case Num() | Name():  # (another variable of a graph's step: constant to d/da)
            return Num(Fraction(0))
        case Var():
            return Num(Fraction(1))
        case Neg(arg):
            return Neg(_d(arg))
        case Add(left, right):
            return Add(_d(left), _d(right))
        case Sub(left, right):
            return Sub(_d(left), _d(right))
        case Mul(left, right):
            return Add(Mul(_d(left), right), Mul(left, _d(right)))
        case Div(left, right):
            return Div(Sub(Mul(_d(left), right), Mul(left, _d(right))), Pow(right, 2))
        case Pow(base, n):
            if n == 0:  # base^0 is 1
                return Num(Fraction(0))
            return Mul(Mul(Num(Fraction(n)), Pow(base, n - 1)), _d(base))
        case Call("log", arg):
            return Div(_d(arg), arg)
        case Call("exp", arg):
            return Mul(_d(arg), e)
        case Call("sqrt", arg):
            return Div(_d(arg), Mul(Num(Fraction(2)), e))
    raise TypeError(e)


def simplify(e: Expr) -> Expr:
    """A tidier equal expression: a rational function of a as one fraction of polynomials in lowest
    terms (descending powers), other expressions with constants folded and 0 and 1 removed."""
    poly = _rational(e)
    if poly is not None and poly[1]:  # (a zero denominator: nothing to tidy, it is undefined)
        return _from_rational(*poly)
    match e:
        case Neg(arg):
            return _neg(simplify(arg))
        case Add(left, right):
            return _add(simplify(left), simplify(right))
        case Sub(left, right):
            return _add(simplify(left), _neg(simplify(right)))
        case Mul(left, right):
            return _mul(simplify(left), simplify(right))
        case Div(left, right):
            return _div(simplify(left), simplify(right))
        case Pow(base, n):
            base = simplify(base)
            return Num(Fraction(1)) if n == 0 else base if n == 1 else Pow(base, n)
        case Call(name, arg):
            return Call(name, simplify(arg))
    return e


def _neg(e: Expr) -> Expr:
    if isinstance(e, Num):
        return Num(-e.value)
    return e.arg if isinstance(e, Neg) else Neg(e)


def _add(x: Expr, y: Expr) -> Expr:
    if isinstance(x, Num) and x.value == 0:
        return y
    if isinstance(y, Num) and y.value == 0:
        return x
    return Sub(x, y.arg) if isinstance(y, Neg) else Add(x, y)


def _mul(x: Expr, y: Expr) -> Expr:
    for p, q in ((x, y), (y, x)):
        if isinstance(p, Num):
            if p.value == 0:
                return Num(Fraction(0))
            if p.value == 1:
                return q
            if p.value == -1:
                return _neg(q)
            if isinstance(q, Num):
                return Num(p.value * q.value)
            if isinstance(q, Mul) and isinstance(q.left, Num):  # 2(3exp(a)) is 6exp(a) (q.right is smaller)
                return _mul(Num(p.value * q.left.value), q.right)
            return Mul(p, q)  # the number first: 2exp(2a), not exp(2a)2
    return Mul(x, y)


def _div(x: Expr, y: Expr) -> Expr:
    """x/y tidied. It terminates by construction: the one call to itself is on a strictly smaller
    denominator (y's right-hand factor), and every other case builds its result without it."""
    if isinstance(y, Num) and y.value == 1:
        return x
    if isinstance(x, Num) and x.value == 0:
        return x
    if isinstance(y, Num) and isinstance(x, Mul) and isinstance(x.left, Num):  # 2exp(a)/4 is exp(a)/2
        c = x.left.value / y.value  # (in lowest terms: c's numerator over its denominator)
        top = _mul(Num(Fraction(c.numerator)), x.right)
        return top if c.denominator == 1 else Div(top, Num(Fraction(c.denominator)))
    if isinstance(x, Mul) and isinstance(x.left, Num) and isinstance(y, Mul) and isinstance(y.left, Num):
        return _div(_mul(Num(x.left.value / y.left.value), x.right), y.right)
    return Div(x, y)


# Polynomials: {power: coefficient}, coefficients exact.
Poly = dict[int, Fraction]


#: A rational function is tidied as one fraction only up to this degree (numerator's and denominator's
#: together); beyond it expanding and dividing polynomials costs more than a render can wait for.
MAX_RATIONAL_DEGREE = 60


def _rational(e: Expr) -> tuple[Poly, Poly] | None:
    """*e* as numerator and denominator polynomials, or None when it holds a function call (or would be
    of a degree beyond MAX_RATIONAL_DEGREE: each case checks the degree before it multiplies)."""
    match e:
        case Num(value):
            return _trim({0: value}), {0: Fraction(1)}
        case Var():
            return {1: Fraction(1)}, {0: Fraction(1)}
        case Neg(arg):
            inner = _rational(arg)
            return None if inner is None else (_scale(inner[0], -1), inner[1])
        case Add(left, right) | Sub(left, right):
            p, q = _rational(left), _rational(right)
            if p is None or q is None or _size(p) + _size(q) > MAX_RATIONAL_DEGREE:
                return None
            sign = 1 if isinstance(e, Add) else -1
            return _plus(_times(p[0], q[1]), _scale(_times(q[0], p[1]), sign)), _times(p[1], q[1])
        case Mul(left, right):
            p, q = _rational(left), _rational(right)
            if p is None or q is None or _size(p) + _size(q) > MAX_RATIONAL_DEGREE:
                return None
            return _times(p[0], q[0]), _times(p[1], q[1])
        case Div(left, right):
            p, q = _rational(left), _rational(right)
            if p is None or q is None or not _trim(q[0]) or _size(p) + _size(q) > MAX_RATIONAL_DEGREE:
                return None
            return _times(p[0], q[1]), _times(p[1], q[0])
        case Pow(base, n):
            p = _rational(base)
            if p is None or _size(p) * abs(n) > MAX_RATIONAL_DEGREE:
                return None
            num, den = (p[0], p[1]) if n >= 0 else (p[1], p[0])
            out_n, out_d = {0: Fraction(1)}, {0: Fraction(1)}
            for _ in range(abs(n)):
                out_n, out_d = _times(out_n, num), _times(out_d, den)
            return out_n, out_d
    return None


def _size(p: tuple[Poly, Poly]) -> int:
    """The degrees of a numerator and denominator together."""
    return max(_degree(p[0]), 0) + max(_degree(p[1]), 0)


def _trim(p: Poly) -> Poly:
    return {k: v for k, v in p.items() if v}


def _scale(p: Poly, c: Fraction | int) -> Poly:
    return _trim({k: v * c for k, v in p.items()})


def _plus(p: Poly, q: Poly) -> Poly:
    out = dict(p)
    for k, v in q.items():
        out[k] = out.get(k, Fraction(0)) + v
    return _trim(out)


def _times(p: Poly, q: Poly) -> Poly:
    out: Poly = {}
    for i, x in p.items():
        for j, y in q.items():
            out[i + j] = out.get(i + j, Fraction(0)) + x * y
    return _trim(out)


def _degree(p: Poly) -> int:
    return max(p) if p else -1


def _divmod(p: Poly, q: Poly) -> tuple[Poly, Poly]:
    p, out = dict(p), {}
    while p and _degree(p) >= _degree(q):
        shift = _degree(p) - _degree(q)
        c = p[_degree(p)] / q[_degree(q)]
        out[shift] = c
        p = _plus(p, _scale({k + shift: v for k, v in q.items()}, -c))
    return _trim(out), p


def _gcd(p: Poly, q: Poly) -> Poly:
    while q:
        p, q = q, _divmod(p, q)[1]
    return _scale(p, 1 / p[_degree(p)]) if p else {0: Fraction(1)}


def _from_rational(num: Poly, den: Poly) -> Expr:
    common = _gcd(num, den)
    num, den = _divmod(num, common)[0], _divmod(den, common)[0]
    lead = den[_degree(den)]
    num, den = _scale(num, 1 / lead), _scale(den, 1 / lead)
    if den == {0: Fraction(1)}:
        return _poly_expr(num)
    if len(den) == 1 and len(num) > 1:  # over a power of a: term by term, 6a + 1/a^2
        (k,) = den
        return _sum(_monomial(c, i - k) for i, c in sorted(num.items(), reverse=True))
    if num and num[_degree(num)] < 0:  # the sign in front: -1/a^2, not (-1)/a^2
        return _neg(_div(_poly_expr(_scale(num, -1)), _poly_expr(den)))
    return _div(_poly_expr(num), _poly_expr(den))


def _monomial(c: Fraction, power: int) -> tuple[bool, Expr]:
    """c·a^power as (negative?, the expression of its size): a negative power over a fraction bar."""
    size = abs(c)
    if power >= 0:
        return c < 0, _poly_expr({power: size})
    over = Var() if power == -1 else Pow(Var(), -power)
    return c < 0, _div(Num(Fraction(size.numerator)), _mul(Num(Fraction(size.denominator)), over))


def _sum(terms) -> Expr:
    node: Expr | None = None
    for negative, term in terms:
        if node is None:
            node = _neg(term) if negative else term
        else:
            node = Sub(node, term) if negative else Add(node, term)
    assert node is not None
    return node


def _poly_expr(p: Poly) -> Expr:
    if not p:
        return Num(Fraction(0))
    node: Expr | None = None
    for k in sorted(p, reverse=True):
        c = p[k]
        term: Expr = Num(abs(c)) if k == 0 else _mul(Num(abs(c)), Var() if k == 1 else Pow(Var(), k))
        if node is None:
            node = term if c > 0 else _neg(term)
        else:
            node = Add(node, term) if c > 0 else Sub(node, term)
    assert node is not None
    return node
