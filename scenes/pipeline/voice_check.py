"""A voice checked before anything renders: what speaking would refuse half-way through a render (or a
batch, after other variants were published), refused at once with a one-line ParameterError."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

from derivlib.narration import Cue
from derivlib.numbers import ParameterError
from scenes.pipeline.piper_voice import find_model
from scenes.pipeline.voice import VoiceSettings, check_recordings, espeak_version

__all__ = ["check_voice"]


def check_voice(settings: VoiceSettings, cues: Sequence[Cue], seen: set | None = None) -> None:
    """Refuse (ParameterError) now what speaking would refuse later: a Piper model missing or damaged,
    espeak-ng missing or without the voice, a recordings folder missing or without a whole WAV for
    every cue. *seen* remembers the synthetic voices already checked (a batch checks each once)."""
    identity = (settings.engine, settings.voice)
    if settings.silent or (seen is not None and identity in seen):
        return
    if settings.engine == "piper":
        find_model(settings.voice)
    elif settings.engine == "espeak-ng":
        espeak_version()
        done = subprocess.run(
            ["espeak-ng", "-q", "-v", settings.voice, "--", "a"], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
            why = f": {lines[0]}" if lines else ""
            raise ParameterError("voice", f"espeak-ng cannot speak with voice {settings.voice!r}{why}")
    elif settings.engine == "recorded":
        check_recordings(cues, settings.recordings)
        return  # (the recordings may change: checked each time)
    if seen is not None:
        seen.add(identity)
