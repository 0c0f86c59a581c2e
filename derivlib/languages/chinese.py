"""Chinese numerals read aloud from derivlib's own number text (num2words has no Chinese): the integer
part by the grouping of ten thousands (万, 亿), with 零 where a place is skipped; the decimals digit by
digit after 点; a minus sign is 负.

>>> [spoken("12"), spoken("105"), spoken("10005"), spoken("110000"), spoken("100010000")]
['十二', '一百零五', '一万零五', '十一万', '一亿零一万']
>>> spoken("2.001"), spoken("-0.5"), spoken("≈0.693147180560")
('二点零零一', '负零点五', '约零点六九三一四七一八零五六零')
"""

from __future__ import annotations

__all__ = ["integer", "spoken"]

_DIGITS = "零一二三四五六七八九"
_PLACES = ("", "十", "百", "千")


def _group(n: int) -> str:
    """1 to 9999 with its places, 零 for a skipped place inside it (1005: 一千零五)."""
    out, gap = "", False
    for place, char in zip(range(3, -1, -1), f"{n:04d}", strict=True):
        digit = int(char)
        if digit == 0:
            gap = bool(out)
            continue
        out += ("零" if gap else "") + _DIGITS[digit] + _PLACES[place]
        gap = False
    return out


def _integer(n: int) -> str:
    if n < 10**4:
        return _group(n)
    for unit, size in (("亿", 10**8), ("万", 10**4)):
        if n >= size:
            high, low = divmod(n, size)
            out = _integer(high) + unit
            if low:  # 零 where the lower part's highest place is skipped (一万零五)
                out += ("零" if low < size // 10 else "") + _integer(low)
            return out
    raise AssertionError(n)


def integer(n: int) -> str:
    """A whole number in Chinese numerals (10 to 19 start with 十, not 一十; 10¹² is 一万亿).

    >>> [integer(0), integer(10), integer(20), integer(1000000), integer(1000000000), integer(100010)]
    ['零', '十', '二十', '一百万', '十亿', '十万零一十']
    >>> integer(10**12), integer(1000100000000)
    ('一万亿', '一万零一亿')
    """
    if n == 0:
        return "零"
    out = _integer(n)
    return out[1:] if out.startswith("一十") else out


def spoken(text: str, approx: str = "约", minus: str = "负") -> str:
    """A number as derivlib writes it ('≈-0.5', '2.001') read aloud in Chinese."""
    words = ""
    if text.startswith("≈"):
        words, text = approx, text[1:]
    if text.startswith("-"):
        words, text = words + minus, text[1:]
    whole, _, fraction = text.partition(".")
    words += integer(int(whole))
    if fraction:
        words += "点" + "".join(_DIGITS[int(d)] for d in fraction)
    return words
