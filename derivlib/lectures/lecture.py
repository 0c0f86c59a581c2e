"""What a lecture is: a name, a title, its own parameters, and its beats in order, each beat with what
it draws (its part of the plan), what it says, its key facts and the scene that draws it.

A lecture package (derivlib/lectures/<name>/) makes one :class:`Lecture`; the registry
(derivlib.lectures) lists them. Everything else reads the lecture: the command line its flags, the
render its scenes and folders, the slides and the page its title and key facts. None of them names a
lecture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from ..catalog import Catalog
from ..languages import SOURCE, Language
from ..numbers import ParameterError
from ..parts import BasePart, Beat, KeyFacts, LecturePlan, TimedCue
from ..translations import translated
from ..wording import Cue, Facts

__all__ = ["Flag", "Lecture", "LectureBeat", "beats_from"]


@dataclass(frozen=True)
class Flag:
    """A parameter a lecture takes: its key (a TOML key, and --KEY on the command line), what the
    command line shows for its value, and its help."""

    key: str
    metavar: str
    help: str


@dataclass(frozen=True)
class LectureBeat:
    """One beat of a lecture and everything it needs besides its part."""

    beat: Beat
    #: what the beat draws: the names of its part's fields that are filled in
    shows: frozenset[str]
    #: the scene that draws it, as 'module:Class' under scenes/ (a string: derivlib imports no scene)
    scene: str
    #: its narration, from its part alone (and the catalog of the language it is said in)
    say: Callable[[Any, Catalog], list[Cue]]
    #: its key equation and numbers, from its part alone (and a writer in the language they are in)
    facts: Callable[[Any, Facts], KeyFacts]

    @property
    def id(self) -> str:
        return self.beat.id


def beats_from(rows, words: Mapping[str, Callable], facts: Mapping[str, Callable]) -> tuple[LectureBeat, ...]:
    """A lecture's beats from rows (id, title, summary, what it shows as words, scene): each beat's words
    and key facts by its kind ('example-3' and 'nudge-2' are of the kinds 'example' and 'nudge')."""
    out = []
    for i, title, summary, shows, scene in rows:
        kind = i.split("-")[0]
        out.append(LectureBeat(Beat(i, title, summary), frozenset(shows.split()), scene, words[kind], facts[kind]))
    return tuple(out)


@dataclass(frozen=True)
class Lecture:
    """A lecture: what it is called, what it takes, and its beats."""

    #: for --lecture, and the start of its folders' names
    name: str
    title: str
    #: one line for `derivatives list`
    summary: str
    beats: tuple[LectureBeat, ...]
    #: its parameters' type: ``from_mapping(data, source=...)``, ``as_strings()``, equality
    params_type: type
    #: the parameters it takes, in the order the command line lists them
    flags: tuple[Flag, ...]
    #: its own parameters, as a mapping the parameter type reads
    defaults_mapping: Mapping[str, object]
    #: the beat ids a parameter set has, in order
    active: Callable[[Any], tuple[str, ...]]
    #: a beat's part, without its cues: (parameters, beat, position, lecture name) -> part
    part: Callable[[Any, LectureBeat, int, str], BasePart]
    #: its sentences (English)
    words: Catalog
    #: how the folders of its renders start under renders/ (its own parameters' folder is this;
    #: another set's adds what differs): '' for the course's first, whose folders are 'lecture' and
    #: just what differs
    prefix: str
    #: the refusal of a key another lecture takes and this one does not (key -> what to give instead)
    hints: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def defaults(self) -> Any:
        return self.params_type.from_mapping(self.defaults_mapping)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.flags)

    def beat(self, beat_id: str) -> LectureBeat:
        for b in self.beats:
            if b.id == beat_id:
                return b
        raise KeyError(beat_id)

    def params_from(self, data: Mapping[str, object], *, source: str) -> Any:
        """This lecture's parameters from given values (over its defaults); a key another lecture takes
        is refused in one line saying what to give instead (the parameter type refuses any other)."""
        for key in data:
            if key in self.hints:
                raise ParameterError(key, self.hints[key])
        merged = {**{k: v for k, v in self.defaults_mapping.items() if k not in data}, **data}
        return self.params_type.from_mapping(merged, source=source)

    def words_in(self, language: Language | str | None = None) -> Catalog:
        """Its sentences in *language* (English, the source, by default): its catalog translated."""
        code = _code(language)
        return self.words if code == SOURCE else translated(self.words, code)

    def title_in(self, language: Language | str | None = None) -> str:
        """Its title in *language*."""
        code = _code(language)
        return self.title if code == SOURCE else self.words_in(code).message("lecture:title")

    def plan(self, params: Any, language: Language | str | None = None, only: str | None = None) -> LecturePlan:
        """The lecture for *params*: each beat's part, then its words from that part (silent: every cue
        lasts its estimate until voiced), in *language* (English by default: its words and beat
        titles from that language's catalog, and each part drawn in it: its ``language``); with *only*, just
        that beat's (a job's)."""
        code = _code(language)
        words = self.words_in(code)
        positions = {b.id: i for i, b in enumerate(self.beats, start=1)}
        parts = []
        for beat_id in self.active(params):
            if only is not None and beat_id != only:
                continue
            beat = self.beat(beat_id)
            part = self.part(params, beat, positions[beat_id], self.name)
            cues = beat.say(part, words)
            if code != SOURCE and part.beat == beat.beat:  # (a part that names its beat keeps its name)
                part = replace(part, beat=replace(part.beat, title=words.message(f"title:{beat_id}")))
            parts.append(replace(part, cues=tuple(TimedCue(c) for c in cues), language=code))
        return LecturePlan(params=params, parts=tuple(parts), lecture=self.name, language=code)

    def key_facts(self, part: BasePart, language: Language | str | None = None) -> KeyFacts:
        """The key equation and numbers of the beat whose part this is, in *language* (English by
        default): its words from the [facts] templates of that language's catalog, its numbers by the
        language's rule."""
        return self.beat(part.beat.id).facts(part, Facts(self.words_in(language)))


def _code(language: Language | str | None) -> str:
    return SOURCE if language is None else language if isinstance(language, str) else language.code
