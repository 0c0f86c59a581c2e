"""Batch benchmark: many variants as one `derivatives batch` against as many `derivatives render` calls,
and the same batch on a Dask LocalCluster against this machine's own processes.

    .venv/bin/python bench/batch_bench.py [-n 8] [-q l] [--voice en-us|none] [--repeat N] [--skip-renders]

Each side runs in a fresh temporary project folder (an empty cache):

  renders   `derivatives render -q<q> -j <cores> --slope K --points A` for each variant, one after another,
            in one project (so they share its cache, as a user's renders would)
  batch     `derivatives batch` of the same variants, default engine (-j <cores>)
  cluster   the same batch with `--scheduler` on a LocalCluster of <cores> worker processes, one thread
            each, started before the clock starts (as a cluster is, before a batch is sent to it), its
            workers' profiler off (as README's cluster set-up says)

and prints renders / batch (goal: >= 1.3) and cluster / batch (goal: <= 1.1). The variants are what a
teacher gives each student: their own slope and points. Wall-clock seconds; run on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def variants(n: int) -> list[dict[str, object]]:
    """*n* students' numbers: slopes 2, 3, 4, ... and a first point that moves with them."""
    return [{"slope": 2 + i, "points": [1 + i % 4, 5]} for i in range(n)]


def timed(command: list[str], cwd: Path) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def batch_file(rows: list[dict[str, object]], quality: str, voice: str) -> str:
    lines = []
    for row in rows:
        points = ", ".join(str(p) for p in row["points"])
        lines += [
            "[[variant]]",
            f'quality = "{quality}"',
            f'voice = "{voice}"',
            f"slope = {row['slope']}",
            f"points = [{points}]",
            "",
        ]
    return "\n".join(lines)


def separate(rows, quality: str, voice: str, project: Path, jobs: int) -> float:
    total = 0.0
    for row in rows:
        points = ",".join(str(p) for p in row["points"])
        command = [
            sys.executable,
            "-m",
            "scenes",
            "render",
            f"-q{quality}",
            "-j",
            str(jobs),
            "--voice",
            voice,
        ]
        total += timed([*command, "--slope", str(row["slope"]), "--points", points], project)
    return total


def batched(rows, quality: str, voice: str, project: Path, jobs: int, scheduler: str | None = None) -> float:
    (project / "batch.toml").write_text(batch_file(rows, quality, voice))
    command = [sys.executable, "-m", "scenes", "batch", "batch.toml", "-j", str(jobs)]
    if scheduler:
        command += ["--scheduler", scheduler]
    return timed(command, project)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=8, help="variants (default 8)")
    parser.add_argument("-q", "--quality", default="l")
    parser.add_argument("--voice", default="en-us", help="en-us (default) or none")
    parser.add_argument("--keep", type=Path, help="keep the work folders under DIR")
    parser.add_argument("--skip-renders", action="store_true", help="only the batch and the cluster")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, alternating (the best counts)")
    args = parser.parse_args()
    import dask
    from distributed import LocalCluster

    cores = os.cpu_count() or 1
    rows = variants(args.n)
    work = Path(tempfile.mkdtemp(prefix="bench-batch-", dir=args.keep))
    print(f"{cores} cores; {args.n} variants at -q {args.quality}, voice {args.voice}; in {work}", flush=True)
    # the workers' statistical profiler samples the jobs' threads, which only wait for their processes
    dask.config.set({"distributed.worker.profile.enabled": False})
    os.environ["DERIVATIVES_WORKER_CACHE"] = str(work / "worker-cache")
    results: dict[str, list[float]] = {}
    sides = ["batch", "cluster"] if args.skip_renders else ["batch", "renders", "cluster"]
    for round_ in range(args.repeat):
        for name in sides if round_ % 2 == 0 else sides[::-1]:  # alternate: a busy spell hits both
            project = work / f"{name}-{round_}"
            project.mkdir()
            if name == "renders":
                seconds = separate(rows, args.quality, args.voice, project, cores)
            elif name == "batch":
                seconds = batched(rows, args.quality, args.voice, project, cores)
            else:
                with LocalCluster(
                    n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster:
                    seconds = batched(
                        rows, args.quality, args.voice, project, cores, cluster.scheduler_address
                    )
            results.setdefault(name, []).append(seconds)
            print(f"{name:8s} {seconds:8.1f} s", flush=True)
    best = {name: min(times) for name, times in results.items()}
    print(f"-- ratios (the best of {args.repeat} run(s) of each)")
    if "renders" in best:
        print(
            f"{args.n} separate renders / one batch:   {best['renders'] / best['batch']:6.2f}x  (goal >= 1.3)"
        )
    print(f"batch on LocalCluster / default engine: {best['cluster'] / best['batch']:6.2f}x  (goal <= 1.1)")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
