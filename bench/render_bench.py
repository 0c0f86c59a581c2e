"""Render benchmark: the pipeline against plain Manim and against the cost of encoding alone.

    .venv/bin/python bench/render_bench.py [-q l h] [--keep DIR]

For each quality, measured side by side in one run, each in fresh temporary folders:

  manim cold      plain `manim -q<q>` on every scene, one after another (its own cache empty)
  manim cached    the same again (manim's own cache warm)
  ours cold -j 1  `derivatives render -q<q> -j 1` (cache empty)
  ours cold -j 2  `derivatives render -q<q> -j 2` (cache empty)
  ours again      the same with nothing changed
  encode floor    encoding the lecture's frames (decoded from its lecture.mp4) with the pipeline's
                  encoder settings, timing only the encoding: as manim hands frames over (a copy and a
                  conversion per frame), and as the pipeline does (one conversion per distinct picture)

and prints the ratios the render issue asks for. Wall-clock seconds on this machine; run it on an
otherwise idle machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scenes.manifest import SCENES_IN_ORDER  # noqa: E402
from scenes.pipeline.settings import ENCODER_OPTIONS, QUALITIES  # noqa: E402


def timed(command: list[str], cwd: Path) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def plain_manim(quality: str, media: Path) -> float:
    total = 0.0
    for entry in SCENES_IN_ORDER:
        total += timed(
            [
                sys.executable,
                "-m",
                "manim",
                f"-q{quality}",
                "--media_dir",
                str(media),
                entry.path,
                entry.name,
            ],
            ROOT,
        )
    return total


def ours(quality: str, project: Path, jobs: int) -> float:
    # silent, so both sides render the same scenes for the same durations (plain manim has no voice)
    command = [sys.executable, "-m", "scenes", "render", f"-q{quality}", "-j", str(jobs), "--voice", "none"]
    return timed(command, project)


def encode_floor(
    lecture: Path, scratch: Path, options: dict[str, str] | None = None, *, once_per_picture: bool = False
) -> tuple[float, int]:
    """Seconds spent encoding every frame of *lecture* again from RGBA frames (as manim gives them) to
    H.264, timing only the encoding, and the number of frames.

    As manim does it: each frame copied into a VideoFrame and converted to YUV. With once_per_picture, as
    the pipeline does it (scenes.pipeline.running.encoding): wrapped without a copy, and a picture equal to the previous
    one (a frozen frame: compared outside the timing) not converted again. Either way x264 encodes
    every frame."""
    import av
    import numpy as np

    from scenes.pipeline.running.encoding import convert

    spent, frames = 0.0, 0
    previous = None
    with av.open(str(lecture)) as source, av.open(str(scratch / "floor.mp4"), "w") as target:
        video = source.streams.video[0]
        settings = dict(ENCODER_OPTIONS if options is None else options)
        stream = target.add_stream("libx264", rate=video.average_rate, options=settings)
        stream.width, stream.height, stream.pix_fmt = video.width, video.height, "yuv420p"
        time_base = Fraction(1, int(video.average_rate))
        for decoded in source.decode(video):
            pixels = decoded.to_ndarray(format="rgba")  # what manim hands its encoder
            repeat = once_per_picture and previous is not None and np.array_equal(pixels, previous)
            started = time.monotonic()
            if not once_per_picture:
                frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
            elif not repeat:  # a repeat sends the previous converted frame again
                frame = convert(pixels, stream.pix_fmt)
            frame.pts, frame.time_base = frames, time_base
            for packet in stream.encode(frame):
                target.mux(packet)
            spent += time.monotonic() - started
            frames += 1
            previous = pixels
        started = time.monotonic()
        for packet in stream.encode():
            target.mux(packet)
        spent += time.monotonic() - started
    return spent, frames


def bench(quality: str, keep: Path | None) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{quality}-", dir=keep))
    results: dict[str, float] = {}
    print(f"\n== quality {quality} ({QUALITIES[quality][1]}) in {work}", flush=True)
    media = work / "manim-media"
    results["manim cold"] = plain_manim(quality, media)
    print(f"manim cold      {results['manim cold']:8.1f} s", flush=True)
    results["manim cached"] = plain_manim(quality, media)
    print(f"manim cached    {results['manim cached']:8.1f} s", flush=True)
    for jobs in (1, 2):
        project = work / f"ours-j{jobs}"
        project.mkdir()
        results[f"ours cold -j {jobs}"] = ours(quality, project, jobs)
        print(f"ours cold -j {jobs}  {results[f'ours cold -j {jobs}']:8.1f} s", flush=True)
    project = work / "ours-j2"
    results["ours again"] = ours(quality, project, 2)
    print(f"ours again      {results['ours again']:8.1f} s", flush=True)
    lecture = project / "renders" / "voice-none" / QUALITIES[quality][1] / "lecture.mp4"
    results["encode floor"], frames = encode_floor(lecture, work)
    print(
        f"encode floor    {results['encode floor']:8.1f} s ({frames} frames, {ENCODER_OPTIONS}, "
        "each frame copied and converted as manim does)",
        flush=True,
    )
    results["encode floor once"], _ = encode_floor(lecture, work, once_per_picture=True)
    print(
        f"encode floor, one conversion per picture (as the pipeline) {results['encode floor once']:8.1f} s",
        flush=True,
    )
    results["encode floor default"], _ = encode_floor(lecture, work, {"crf": "23"})
    print(
        f"encode floor, x264 defaults (as plain manim) {results['encode floor default']:8.1f} s", flush=True
    )
    cold = results["ours cold -j 2"]
    print(f"-- ratios at {QUALITIES[quality][1]}")
    print(f"plain sequential manim / ours cold (-j 2):   {results['manim cold'] / cold:6.2f}x")
    print(f"ours cold (-j 2) / encode-only floor:        {cold / results['encode floor']:6.2f}x")
    print(f"ours cold (-j 2) / floor, one conversion:    {cold / results['encode floor once']:6.2f}x")
    print(f"ours cold (-j 2) / floor at x264 defaults:   {cold / results['encode floor default']:6.2f}x")
    print(f"ours no-change re-render / ours cold:        {results['ours again'] / cold:6.3f}")
    print(
        f"ours no-change re-render / manim cached:     {results['ours again'] / results['manim cached']:6.3f}"
    )
    print(f"-j 1 / -j 2 (speed-up of two jobs):          {results['ours cold -j 1'] / cold:6.2f}x")
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-q", "--quality", nargs="+", default=["l", "h"], choices=list(QUALITIES))
    parser.add_argument("--keep", type=Path, help="keep the work folders under DIR")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; encoder {ENCODER_OPTIONS}")
    for quality in args.quality:
        bench(quality, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
