"""`derivatives batch`: three small variants at -q l on this machine's processes and on a real Dask
LocalCluster (two worker processes started here), a worker killed in the middle, a bad file, a failing
variant, an interrupted batch resumed. Each run is the real command in a temporary project folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
import dask
import psutil
import pytest
from distributed import Client, LocalCluster
from lecture_render import copy_project, derivatives, snapshot

from scenes.manifest import SCENES_IN_ORDER
from scenes.pipeline.files import sha256_file
from scenes.pipeline.publishing.publish import is_published
from scenes.pipeline.running.processes import PROCESS_NAME
from scenes.pipeline.running.remote import REMOTE_PREFIX

#: three variants, silent (the voice is not the point here): the lecture's numbers, a named one with
#: another slope, and another nudge, which shares the four scenes that do not show the nudge
THREE = """
[[variant]]
voice = "none"

[[variant]]
name = "steep"
slope = 5
voice = "none"

[[variant]]
nudge = 0.01
voice = "none"
"""
FOLDERS = ["voice-none", "steep", "nudge-0.01_voice-none"]
#: a fourth variant: a nudge of its own, seven scenes to render, four from the cache
FOURTH = '\n[[variant]]\nname = "fourth"\nnudge = 0.1\nvoice = "none"\n'
SHOWS_NUDGE = 7


def batch(project: Path, text: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    (project / "batch.toml").write_text(text)
    result = derivatives(project, "batch", "batch.toml", "-q", "l", "-j", "2", *args)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def summary(project: Path) -> list[dict]:
    return json.loads((project / "renders/batch-summary.json").read_text())["variants"]


def published(folder: Path) -> dict[str, str]:
    """Check a published lecture against its manifest (every file, its checksum, the video's decoded
    frame count) and return each file's SHA-256."""
    manifest = json.loads((folder / "manifest.json").read_text())
    assert is_published(folder)
    for name, entry in manifest["files"].items():
        assert sha256_file(folder / name) == entry["sha256"], name
    with av.open(str(folder / "lecture.mp4")) as video:
        frames = sum(1 for _ in video.decode(video=0))
    assert frames == manifest["files"]["lecture.mp4"]["frames"]
    assert len(list((folder / "clips").glob("*.mp4"))) == len(SCENES_IN_ORDER)
    return {name: entry["sha256"] for name, entry in manifest["files"].items()}


def outputs(project: Path, folders=FOLDERS) -> dict[str, dict[str, str]]:
    return {f: published(project / "renders" / f / "480p15") for f in folders}


def clip_keys(folder: Path) -> set[str]:
    """The cache keys of the clips a published lecture was joined from (its manifest's)."""
    return {c["key"] for c in json.loads((folder / "manifest.json").read_text())["clips"]}


def no_leftovers(project: Path) -> None:
    renders = project / "renders"
    assert [p for p in renders.rglob(".*staging-*")] == []
    assert [p for p in renders.rglob(".*old-*")] == []
    assert list((renders / ".cache/clips").glob(".tmp-*")) == []


@pytest.fixture(scope="module")
def local_batch(tmp_path_factory) -> Path:
    """A project in which the three variants were rendered by one batch on the default engine."""
    project = tmp_path_factory.mktemp("batch-local")
    result = batch(project, THREE)
    (project / "batch.out").write_text(result.stdout)
    return project


def test_a_batch_publishes_each_variant_as_render_would(local_batch):
    lines = (local_batch / "batch.out").read_text().splitlines()  # plain lines: not a terminal
    assert lines[0] == f"{11 + 11 + SHOWS_NUDGE} scene(s) to render, 0 from the cache"
    assert [line.split(":")[0] for line in lines if line.startswith("[variant")] == [
        f"[variant {n}/3] {folder}" for n, folder in enumerate(FOLDERS, start=1)
    ]
    assert lines[-1] == "3 of 3 variant(s) done; summary in renders/batch-summary.json"
    rows = summary(local_batch)
    assert [(r["name"], r["status"], r["quality"]) for r in rows] == [
        ("voice-none", "published", "l"),
        ("steep", "published", "l"),
        ("nudge-0.01_voice-none", "published", "l"),
    ]
    assert [r["folder"] for r in rows] == [f"renders/{f}/480p15" for f in FOLDERS]
    # one shared cache: the third variant's four scenes that do not show the nudge are the first's
    assert [len(r["rendered"]) for r in rows] == [11, 11, SHOWS_NUDGE]
    assert sorted(rows[2]["cached"]) == ["APoint", "Closing", "Opening", "TheLine"]
    assert len(list((local_batch / "renders/.cache/clips").iterdir())) == 11 + 11 + SHOWS_NUDGE
    outputs(local_batch)
    no_leftovers(local_batch)
    transcript = (local_batch / "renders/steep/480p15/transcript.txt").read_text()
    assert "f(a) = 5a" in transcript
    # `render` with a variant's parameters finds exactly what the batch published
    again = derivatives(local_batch, "render", "-q", "l", "--voice", "none", "--nudge", "0.01")
    assert again.returncode == 0, again.stderr
    assert "0 rendered, 11 from the cache" in again.stdout and "already up to date" in again.stdout


def test_a_batch_run_again_renders_nothing(local_batch, tmp_path):
    project = copy_project(local_batch, tmp_path)
    before = snapshot(project / "renders" / "steep")
    result = batch(project, THREE)
    rows = summary(project)
    assert [r["status"] for r in rows] == ["up to date"] * 3
    assert [r["rendered"] for r in rows] == [[], [], []]
    assert "to render" not in result.stdout
    assert snapshot(project / "renders" / "steep") == before


def test_a_bad_file_is_reported_whole_and_nothing_renders(tmp_path):
    text = (
        '[[variant]]\nslope = 2\n\n[[variant]]\nname = "zero"\nnudge = 0\n\n[[variant]]\nname = "../up"\n\n'
        '[[variant]]\ncolour = "red"\n\n[[variant]]\nslope = 2\nquality = "480p15"\n\n'
        '[[variant]]\nquality = "z"\n\n[[variant]]\nrate = "fast"\n'
    )
    result = batch(tmp_path, text, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "derivatives: error: variant 2 (zero): nudge: must be greater than 0, got 0",
        "derivatives: error: variant 3 (../up): name: '../up' is not a folder name: letters, digits, '.', "
        "'_' or '-', starting with a letter or digit",
        "derivatives: error: variant 4: colour: unknown key; a variant's keys are engine, function, "
        "functions, intercept, language, lecture, name, nudge, points, quality, rate, recordings, slope, steps, values, voice",
        "derivatives: error: variant 5: name: publishes into renders/slope-2/480p15, as variant 1 does; "
        "give one of them a name",
        "derivatives: error: variant 6: quality: 'z' is not one of l, m, h, p, k or 480p15, 720p30, "
        "1080p60, 1440p60, 2160p60",
        "derivatives: error: variant 7: rate: 'fast' is not a whole number of words per minute",
    ]
    assert result.stdout == ""
    assert not (tmp_path / "renders").exists()
    for text, line in [
        ("", "derivatives: error: variant: batch.toml has no [[variant]] tables"),
        ("slope = 2\n", "derivatives: error: slope: unknown key at the top of batch.toml; a batch file"),
        ("[[variant]]\n[[variant]]\n", "derivatives: error: variant 2: name: publishes into"),
        ('scheduler = "here"\n[[variant]]\n', "derivatives: error: scheduler: 'here' is not an address"),
        ("[variant\n", "derivatives: error: config: batch.toml is not valid TOML"),
    ]:
        result = batch(tmp_path, text, check=False)
        assert (result.returncode, result.stderr.splitlines()[0][: len(line)]) == (2, line)
        assert not (tmp_path / "renders").exists()


def test_a_failing_variant_fails_alone(local_batch, tmp_path):
    """The fourth variant's scenes cannot render in 1 s; the three others are there already and
    stay as they were. Exit status 1, the failure in the summary and on stderr."""
    project = copy_project(local_batch, tmp_path)
    before = snapshot(project / "renders")
    result = batch(project, THREE + FOURTH, "--timeout", "1", check=False)
    assert result.returncode == 1, result.stderr
    rows = summary(project)
    assert [r["status"] for r in rows] == ["up to date"] * 3 + ["failed"]
    assert "timed out after 1 s" in rows[3]["error"]
    assert "variant 4 (fourth) failed:" in result.stderr
    assert not (project / "renders/fourth").exists()
    after = snapshot(project / "renders")
    assert {k: v for k, v in after.items() if not k.startswith((".cache", "batch-"))} == {
        k: v for k, v in before.items() if not k.startswith((".cache", "batch-"))
    }
    no_leftovers(project)


def test_an_interrupted_batch_leaves_nothing_half_made_and_resumes(local_batch, tmp_path):
    project = copy_project(local_batch, tmp_path)
    (project / "batch.toml").write_text(THREE + FOURTH)
    before = snapshot(project / "renders")
    process = subprocess.Popen(
        [sys.executable, "-m", "scenes", "batch", "batch.toml", "-q", "l", "-j", "2"],
        cwd=project,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as from a terminal
    )
    lines = []
    for line in process.stdout:  # plain lines: the output is not a terminal
        lines.append(line)
        if re.match(r"\[\d+/\d+\] \w+ rendered in", line):  # a scene of the fourth variant is cached
            break
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err
    # the fourth variant's own scenes; its four others and the three variants' are the cache's
    assert f"{SHOWS_NUDGE} scene(s) to render, {11 + 11 + SHOWS_NUDGE} from the cache" in "".join(lines)
    done = lines[-1].split()[1]
    no_leftovers(project)
    assert not (project / "renders/fourth").exists()
    after = snapshot(project / "renders")
    assert {k: v for k, v in after.items() if not k.startswith(".cache")} == {
        k: v for k, v in before.items() if not k.startswith(".cache")
    }
    running = subprocess.run(["pgrep", "-x", PROCESS_NAME], capture_output=True, text=True).stdout.split()
    assert [p for p in running if str(project) in psutil.Process(int(p)).cwd()] == []
    # run again: the scene finished before the interrupt is not rendered again
    batch(project, THREE + FOURTH)
    rows = summary(project)
    assert [r["status"] for r in rows] == ["up to date"] * 3 + ["published"]
    assert done in rows[3]["cached"] and done not in rows[3]["rendered"]
    assert len(rows[3]["rendered"]) < SHOWS_NUDGE
    published(project / "renders/fourth/480p15")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A Dask LocalCluster of two worker processes, one thread each; their formula cache in a
    temporary folder (the workers inherit this environment when they start)."""
    worker_cache = tmp_path_factory.mktemp("worker-cache")
    saved = os.environ.get("DERIVATIVES_WORKER_CACHE")
    os.environ["DERIVATIVES_WORKER_CACHE"] = str(worker_cache)
    # README's cluster set-up: the workers' profiler off (it would only sample threads that wait)
    quiet = dask.config.set({"distributed.worker.profile.enabled": False})
    try:
        with (
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
            Client(local) as client,
        ):
            yield local, client
    finally:
        quiet.__exit__(None, None, None)
        if saved is None:
            os.environ.pop("DERIVATIVES_WORKER_CACHE", None)
        else:
            os.environ["DERIVATIVES_WORKER_CACHE"] = saved


def test_the_same_batch_on_a_dask_cluster_publishes_the_same_files(local_batch, cluster, tmp_path):
    """The three variants again, with the local batch's clips of the first and third in this project's
    cache (only clips: no formula, no published folder): the cluster renders the eleven clips of the
    second, and every published file is byte-identical to the local batch's. (Rendering all 29 clips on
    the cluster again cost the suite half a minute and checked nothing more.)"""
    local, _ = cluster
    steep = clip_keys(local_batch / "renders/steep/480p15")
    others = clip_keys(local_batch / "renders" / FOLDERS[0] / "480p15") | clip_keys(
        local_batch / "renders" / FOLDERS[2] / "480p15"
    )
    assert not steep & others and len(others) == 11 + SHOWS_NUDGE
    (tmp_path / "renders/.cache/clips").mkdir(parents=True)
    for key in others:
        shutil.copytree(local_batch / "renders/.cache/clips" / key, tmp_path / "renders/.cache/clips" / key)
    result = batch(tmp_path, THREE, "--scheduler", local.scheduler_address)
    assert "3 of 3 variant(s) done" in result.stdout
    rows = summary(tmp_path)
    assert [r["status"] for r in rows] == ["published"] * 3
    assert [len(r["rendered"]) for r in rows] == [0, 11, 0]
    assert (
        json.loads((tmp_path / "renders/batch-summary.json").read_text())["engine"] == local.scheduler_address
    )
    # the clips came back to this machine: its cache has each, and nothing compiled a formula here
    assert {p.name for p in (tmp_path / "renders/.cache/clips").iterdir()} == steep | others
    assert list((tmp_path / "renders/.cache/tex").glob("*.svg")) == []
    assert outputs(tmp_path) == outputs(local_batch)
    no_leftovers(tmp_path)


def _job_on(worker_pid: int) -> psutil.Process | None:
    for child in psutil.Process(worker_pid).children():
        try:
            if child.name() == PROCESS_NAME:
                return child
        except psutil.NoSuchProcess:
            pass
    return None


def test_a_worker_killed_in_the_middle_loses_and_duplicates_nothing(local_batch, cluster, tmp_path):
    local, client = cluster
    project = copy_project(local_batch, tmp_path)
    (project / "batch.toml").write_text(THREE + FOURTH)
    keys_before = {p.name for p in (project / "renders/.cache/clips").iterdir()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scenes",
            "batch",
            "batch.toml",
            "-q",
            "l",
            "--scheduler",
            local.scheduler_address,
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    pids = client.run(os.getpid)  # each worker process, by address
    victim = job = None
    deadline = time.monotonic() + 120
    while job is None and time.monotonic() < deadline and process.poll() is None:
        for pid in pids.values():
            job = _job_on(pid)
            if job is not None:
                victim = pid
                break
        time.sleep(0.05)
    assert job is not None, "no job was seen running on a worker"
    while Path(job.cwd()).name != "out":  # (forked a moment ago: not yet in its job's folder)
        time.sleep(0.01)
    scene = json.loads((Path(job.cwd()).parent / "job.json").read_text())["scene"]
    os.kill(victim, signal.SIGKILL)  # the worker and its thread go; the job dies with them
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    psutil.wait_procs([job], timeout=10)
    assert not job.is_running()
    rows = summary(project)
    assert [r["status"] for r in rows] == ["up to date"] * 3 + ["published"]
    assert sorted(rows[3]["rendered"]) == sorted(
        e.name for e in SCENES_IN_ORDER if e.name not in ("APoint", "Closing", "Opening", "TheLine")
    )
    assert scene in rows[3]["rendered"]  # the killed worker's job was run again, elsewhere
    # nothing duplicated: one cache entry per clip, each once, and the variant published whole
    keys_after = {p.name for p in (project / "renders/.cache/clips").iterdir()}
    assert len(keys_after - keys_before) == SHOWS_NUDGE
    published(project / "renders/fourth/480p15")
    no_leftovers(project)
    # the killed worker's job folder was swept by the jobs after it
    assert list(Path(tempfile.gettempdir()).glob(f"{REMOTE_PREFIX}{victim}-*")) == []
