"""A voice checked before anything renders: what speaking would refuse half-way through a render (or a
batch, after other variants were published), refused at once with a one-line ParameterError."""

from __future__ import annotations

from collections.abc import Sequence

from derivlib.languages import language_named
from derivlib.narration import Cue
from scenes.pipeline.sound.piper_voice import find_model
from scenes.pipeline.sound.voice import check_espeak_voice, check_recordings
from scenes.pipeline.sound.voice_settings import VoiceSettings

__all__ = ["check_voice"]


def check_voice(settings: VoiceSettings, cues: Sequence[Cue], seen: set | None = None) -> None:
    """Refuse (ParameterError) now what speaking would refuse later: a Piper model missing or damaged,
    espeak-ng missing or without the voice, a recordings folder missing or without a whole WAV for
    every cue; a voice or recordings of another language than the lecture's. *seen* remembers the
    synthetic voices already checked (a batch checks each once)."""
    identity = (settings.engine, settings.voice, settings.language)
    if settings.silent or (seen is not None and identity in seen):
        return
    if settings.engine == "piper":
        find_model(settings.voice, language_named(settings.language))
    elif settings.engine == "espeak-ng":
        check_espeak_voice(settings.voice, settings.language)
    elif settings.engine == "recorded":
        check_recordings(cues, settings.recordings, settings.language)
        return  # (the recordings may change: checked each time)
    if seen is not None:
        seen.add(identity)
