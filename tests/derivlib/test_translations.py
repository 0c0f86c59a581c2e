"""The lectures in other languages, without rendering: every message translated with its fields, the
numbers of each language's transcript exactly derivlib's (read back with Babel's parser for that
language), no English left, and the Chinese number reader."""

import re
import shutil
from decimal import Decimal

import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol, parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from derivlib.catalog import Catalog
from derivlib.languages import CODES, SOURCE, chinese, language_named
from derivlib.lectures import lecture_named, lectures
from derivlib.lectures.messages import catalogs, fields, problems, source_messages, update
from derivlib.printing import SAID_A
from derivlib.translations import po_path, translated
from derivlib.wording import _SPOKEN_SYMBOLS

OTHERS = [code for code in CODES if code != SOURCE]
ENGLISH_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#: another parameter set of each lecture than its defaults
OTHER_PARAMS = {
    "derivatives": {"function": "(a+1)^2/2", "points": "-1.5,3", "nudge": "0.01"},
    "more-examples": {"functions": "a^3, sqrt(a)", "points": "4,0.25", "nudge": "0.5"},
    "computation-graph": {"steps": "u = a*b; v = u^2 + c; J = log(v)", "values": "a=2,b=0.5,c=1"},
    "graph-derivatives": {"steps": "u = a*b; v = u^2 + c; J = log(v)", "values": "a=2,b=0.5,c=1"},
}


def params_sets(lecture):
    return [lecture.defaults, lecture.params_from(OTHER_PARAMS[lecture.name], source="test")]


def plans(code):
    for lecture in lectures():
        for params in params_sets(lecture):
            yield lecture.plan(params), lecture.plan(params, code)


@pytest.mark.parametrize("code", OTHERS)
def test_every_message_of_every_lecture_is_translated_with_its_fields(code):
    every = lectures()
    for catalog in catalogs(every):
        assert problems(catalog, every, code) == []
        words = translated(catalog, code)
        for message_id, english in source_messages(catalog, every).items():
            if ":" in message_id:
                text = words.message(message_id)
            else:
                beat, cue, *variant = message_id.split(".")
                text = words.template(beat, cue, *variant)
            assert fields(text) == fields(english), message_id
            assert text != english or not re.search(r"[A-Za-z]{2}", re.sub(r"\{\w+\}", "", english)), (
                message_id
            )


def _numbers(text, code):
    """The numbers in a text, read back with Babel's parser for the language."""
    if code == SOURCE:
        return [Decimal(n) for n in ENGLISH_NUMBER.findall(text)]
    locale = language_named(code).locale
    group, point = re.escape(get_group_symbol(locale)), re.escape(get_decimal_symbol(locale))
    number = re.compile(rf"-?\d{{1,3}}(?:{group}\d{{3}})+(?:{point}\d+)?|-?\d+(?:{point}\d+)?")
    return [parse_decimal(n, locale=locale, strict=True) for n in number.findall(text)]


@pytest.mark.parametrize("code", OTHERS)
def test_each_transcript_holds_exactly_derivlibs_numbers(code):
    """Cue by cue, the numbers of the translation, parsed by the language's CLDR rule, are those of
    the English (derivlib's own text); word order may differ, so they are compared as multisets."""
    point = get_decimal_symbol(language_named(code).locale)
    checked = 0
    for english, other in plans(code):
        assert [c.id for c in other.cues] == [c.id for c in english.cues]
        for mine, theirs in zip(english.cues, other.cues, strict=True):
            assert sorted(_numbers(theirs.text, code)) == sorted(_numbers(mine.text, SOURCE)), theirs.text
            assert theirs.text.count("≈") == mine.text.count("≈"), theirs.text
            if point != ".":
                assert not re.search(
                    r"\d\.\d", theirs.text.replace(get_group_symbol(language_named(code).locale), "")
                ), theirs.text
            checked += len(_numbers(mine.text, SOURCE))
    assert checked > 100


def _english_phrases():
    """Every run of two or more English words of the English templates (between their fields)."""
    phrases = set()
    for catalog in catalogs(lectures()):
        for message_id in catalog.ids():
            for literal in re.split(r"\{\w+\}", catalog.text(message_id)):
                for chunk in re.split(r"[.,;:?!]", literal):
                    words = re.findall(r"[A-Za-z']+", chunk)
                    if len(words) >= 2 and any(len(w) >= 3 for w in words):  # not notation (df a da)
                        phrases.add(" ".join(words))
    return phrases


@pytest.mark.parametrize("code", OTHERS)
def test_no_english_is_left_in_a_translated_transcript(code):
    """No phrase of the English catalogs in the text, and none of the English readings of symbols
    (derivlib.wording's table) in what the voice says."""
    phrases = _english_phrases()
    assert len(phrases) > 100
    readings = {said.strip() for _, said in _SPOKEN_SYMBOLS if re.search("[a-z]{2}", said)} | {SAID_A}
    for _, other in plans(code):
        text = other.transcript()
        words = " ".join(re.findall(r"[A-Za-z']+", text))
        assert [p for p in phrases if f" {p} " in f" {words} "] == []
        for cue in other.cues:
            spoken = f" {cue.spoken} "
            assert [r for r in readings if f" {r} " in spoken] == [], cue.spoken
    english = lecture_named("derivatives").plan(lecture_named("derivatives").defaults).transcript()
    assert [p for p in phrases if p in " ".join(re.findall(r"[A-Za-z']+", english))]  # the check sees English


@pytest.mark.parametrize("lecture", ["derivatives", "more-examples"])
@pytest.mark.parametrize("code", OTHERS)
def test_the_issues_examples(lecture, code):
    """Where English says 2.001, 6.003 and 0.003, German, Spanish, French and Portuguese say 2,001,
    6,003 and 0,003; Chinese keeps the point."""
    chosen = lecture_named(lecture)
    params = chosen.params_from(
        {"function": "3a"} if lecture == "derivatives" else {"functions": "3a"}, source="t"
    )
    english, other = chosen.plan(params).transcript(), chosen.plan(params, code).transcript()
    for number in ("2.001", "6.003", "0.003"):
        assert number in english
        written = number if code == "zh-Hans" else number.replace(".", ",")
        assert written in other
        assert (number in other) == (code == "zh-Hans")


def test_a_missing_translation_is_an_error_never_english(tmp_path):
    words = lectures()[0].words
    shutil.copytree(words.source.parent, tmp_path / "slope")
    copy = Catalog.load(tmp_path / "slope" / "words.toml")
    path = po_path(copy, "de")
    text = path.read_text(encoding="utf-8")
    entry = re.search(r'msgctxt "nudge\.moves\.up"\nmsgid ".*"\nmsgstr "(.*)"', text)
    path.write_text(
        text.replace(entry.group(0), entry.group(0).replace(entry.group(1), "")), encoding="utf-8"
    )
    assert any("nudge.moves.up is not translated" in p for p in problems(copy, [], "de"))
    with pytest.raises(KeyError):
        translated(copy, "de").template("nudge", "moves", "up")
    assert translated(copy, "de").template("nudge", "moves", "down") == translated(words, "de").template(
        "nudge", "moves", "down"
    )


def test_the_check_finds_a_changed_english_wrong_fields_and_copied_english(tmp_path):
    words = lectures()[0].words
    shutil.copytree(words.source.parent, tmp_path / "slope")
    toml = tmp_path / "slope" / "words.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("f(a) goes up, to", "f(a) rises, to"), encoding="utf-8"
    )
    copy = Catalog.load(toml)
    found = problems(copy, [], "de")
    assert any("messages.pot" in p for p in found)
    assert any("nudge.moves.up translates an older English" in p for p in found)
    update(copy, [], "de")  # the changed English's translation is kept, marked fuzzy, and not used
    assert [p.split(": ")[1] for p in problems(copy, [], "de") if "nudge.moves.up" in p] == [
        "nudge.moves.up is fuzzy"
    ]
    with pytest.raises(KeyError):
        translated(copy, "de").template("nudge", "moves", "up")
    path = po_path(copy, "fr")
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'msgstr "Choisissons un point : 𝑎 = {a}."', 'msgstr "Choisissons un point : 𝑎 = {b}."'
    )
    rising = copy.text("line.shape.rising")
    text = text.replace('msgstr "C’est une droite, qui monte quand 𝑎 augmente."', f'msgstr "{rising}"')
    path.write_text(text, encoding="utf-8")
    found = problems(copy, [], "fr")
    assert any("point.pick has the fields ['b'], not ['a']" in p for p in found)
    assert any("line.shape.rising is the English itself" in p for p in found)


def test_a_title_keeps_the_englishs_number_and_a_template_types_none(tmp_path):
    """'Nudge 2' may be 'Anstoß 2' (the English's own number), never another; a template never
    gets a number typed into it."""
    graph = lecture_named("graph-derivatives").words
    assert [p for p in problems(graph, lectures(), "de") if "title:" in p] == []
    words = lectures()[0].words
    shutil.copytree(words.source.parent, tmp_path / "slope")
    copy = Catalog.load(tmp_path / "slope" / "words.toml")
    path = po_path(copy, "fr")
    text = path.read_text(encoding="utf-8")
    typed = text.replace(
        'msgstr "Choisissons un point : 𝑎 = {a}."', 'msgstr "Choisissons un point : 𝑎 = {a} + 1."'
    )
    assert typed != text
    path.write_text(typed, encoding="utf-8")
    assert any("point.pick has a number typed into it" in p for p in problems(copy, [], "fr"))


@pytest.mark.parametrize("code", OTHERS)
def test_graph_notation_is_said_in_the_language(code):
    """dJ/dv is said as that language says a derivative (not 'd J durch d v'), J(a, b, c) as it says
    f(a), 3(a + b*c) as a product, the chain rule's · and the names' 'and' as words (not 'u n d')."""
    language = language_named(code)
    words = language.formula
    said = {}
    for name in ("computation-graph", "graph-derivatives"):
        lecture = lecture_named(name)
        said[name] = " ".join(c.spoken for c in lecture.plan(lecture.defaults, code).cues)
        assert "·" not in said[name] and " , " not in said[name]
        assert f"J{words['f('][1:]} a, b, c" in said[name]
        assert f"{language.spoken_number('3')} {words['×']} {words['(']} a" in said[name]
    last = translated(lecture_named("computation-graph").words, code).template("names", "last").strip()
    assert f"b {last} c" in said["computation-graph"]
    derivative = words["d/d"].format(top="J", bottom="v")
    chain = f"{words['d/d'].format(top='J', bottom='a')} {words['=']} {derivative} {language.symbols[' · '].strip()}"
    assert chain in said["graph-derivatives"]


@pytest.mark.parametrize("code", CODES)
def test_the_chain_rules_sum_is_said_in_the_language(code):
    """A variable that feeds two steps: its sum of terms is made from the lecture's own catalog and
    said in words, no '·' or '+' left to the voice."""
    lecture = lecture_named("graph-derivatives")
    params = lecture.params_from({"steps": "u = a*w1; v = a + u; J = 3v", "values": "a=2,w1=0.5"}, source="t")
    (cue,) = [c for c in lecture.plan(params, code).cues if "3 · 0" in c.text]
    assert "·" not in cue.spoken and (code == SOURCE or "+" not in cue.spoken), cue.spoken


def _parse_chinese(text):
    """An independent reading of a Chinese numeral back into a number."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    places = {"十": 10, "百": 100, "千": 1000}
    total = section = number = 0
    for ch in text:
        if ch in digits:
            number = digits[ch]
        elif ch in places:
            section += (number or 1) * places[ch]
            number = 0
        elif ch == "万":
            section = (section + number) * 10**4
            number = 0
        elif ch == "亿":
            total = (total + section + number) * 10**8
            section = number = 0
    return total + section + number


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_the_chinese_reader_says_every_whole_number(n):
    assert _parse_chinese(chinese.integer(n)) == n


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False))
def test_the_chinese_reader_reads_decimals_digit_by_digit(value):
    from derivlib.numbers import format_number

    text = format_number(value).removeprefix("≈")
    said = chinese.spoken(format_number(value))
    assert said.startswith("约") == format_number(value).startswith("≈")
    whole, _, fraction = said.removeprefix("约").removeprefix("负").partition("点")
    assert said.removeprefix("约").startswith("负") == text.startswith("-")
    assert _parse_chinese(whole) == int(text.lstrip("-").split(".")[0])
    assert fraction == "".join("零一二三四五六七八九"[int(d)] for d in text.partition(".")[2])


@pytest.mark.parametrize("code", CODES)
def test_each_languages_voice_is_espeak_ngs_and_says_a_cue(code, tmp_path):
    """The espeak-ng voice each language names exists, and says that language's first cue."""
    import subprocess
    import wave

    voice = language_named(code).espeak
    listed = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True, check=True).stdout
    assert voice in {line.split()[1] for line in listed.splitlines()[1:]}
    lecture = lectures()[0]
    cue = lecture.plan(lecture.defaults, code).cues[2]
    out = tmp_path / "cue.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(out), cue.spoken], check=True, capture_output=True)
    with wave.open(str(out)) as w:
        assert w.getnframes() / w.getframerate() > 1.0
