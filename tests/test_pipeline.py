"""The render pipeline, through the command line, on a real low-quality render of the whole lecture:
every download checked; caching, variants, interruption, corrupted cache entries and bad input."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import av
import pytest
import srt
import webvtt
from lecture_render import copy_project, cue_seconds, derivatives, render, snapshot

from derivlib.narration import narration
from derivlib.params import Params
from derivlib.plan import lecture_plan
from scenes.manifest import SCENES_IN_ORDER
from scenes.pipeline.files import PART_PREFIX
from scenes.pipeline.running.formulas import TEX_PREFIX, share_formulas
from scenes.pipeline.running.media import video_packets
from scenes.pipeline.running.processes import PROCESS_NAME, Forked, fork, kill

FPS = 15
OUT = Path("renders/lecture/480p15")


def decoded_frames(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(container.streams.video[0]))


def lecture_cue_times(project: Path, params: Params):
    """Each cue with its subtitle's start and end on the joined timeline, from the WAV durations of the
    default voice: a cue lasts its speech and a pause, its subtitle its speech; each clip lasts whole
    frames."""
    seconds = cue_seconds(project, params)
    out, offset = [], Fraction(0)
    for entry in SCENES_IN_ORDER:
        cues = [c for c in narration(params) if c.beat == entry.beat.id]
        t = Fraction(0)
        for c in cues:
            speech, whole = seconds[c.id]
            out.append((c, offset + t, offset + t + speech))
            t += whole
        offset += Fraction(round(t * FPS), FPS)
    return out, offset


def clip_frames(project: Path, params: Params, entry) -> int:
    seconds = cue_seconds(project, params)
    total = sum((seconds[c.id][1] for c in narration(params) if c.beat == entry.beat.id), Fraction(0))
    return round(total * FPS)


def vtt_seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


# --- the downloads -------------------------------------------------------------------------------------
def test_every_clip_decodes_to_its_narration_and_carries_its_cues(lecture_project):
    clips = lecture_project / OUT / "clips"
    for index, entry in enumerate(SCENES_IN_ORDER, start=1):
        cues = [c for c in narration(Params()) if c.beat == entry.beat.id]
        movie, subtitles = clips / f"{index:02d}-{entry.name}.mp4", clips / f"{index:02d}-{entry.name}.srt"
        assert decoded_frames(movie) == clip_frames(lecture_project, Params(), entry), entry.name
        entries = list(srt.parse(subtitles.read_text(encoding="utf-8")))
        assert [e.content for e in entries] == [c.text for c in cues]


def test_lecture_video_decodes_fully(lecture_project):
    _, total = lecture_cue_times(lecture_project, Params())
    path = lecture_project / OUT / "lecture.mp4"
    assert decoded_frames(path) == total * FPS
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        assert stream.average_rate == FPS
        # Every frame lasts exactly 1/FPS, across the joins too (no timestamp drift between clips).
        stamps = sorted(packet.pts for packet in container.demux(stream) if packet.dts is not None)
        steps = {(b - a) * stream.time_base for a, b in itertools.pairwise(stamps)}
        assert steps == {Fraction(1, FPS)}


def test_the_lecture_is_checked_packet_by_packet_against_its_clips(lecture_project, tmp_path):
    folder = lecture_project / OUT
    _, total = lecture_cue_times(lecture_project, Params())
    clips = sorted((folder / "clips").glob("*.mp4"))
    count, digest = video_packets([folder / "lecture.mp4"])
    assert (count, digest) == (total * FPS, video_packets(clips)[1])
    data = (folder / "lecture.mp4").read_bytes()
    (tmp_path / "cut.mp4").write_bytes(data[: len(data) * 2 // 3])  # as a full disk would leave it
    assert video_packets([tmp_path / "cut.mp4"])[0] < count
    with av.open(str(folder / "lecture.mp4")) as container:
        packets = [p for p in container.demux(container.streams.video[0]) if p.size]
        middle = packets[len(packets) // 2]
        at = middle.pos + middle.size // 2
    flipped = bytearray(data)
    flipped[at] ^= 0xFF  # one byte inside one frame's packet changed
    (tmp_path / "flipped.mp4").write_bytes(bytes(flipped))
    assert video_packets([tmp_path / "flipped.mp4"]) != (count, digest)


def test_lecture_subtitles_srt_and_vtt(lecture_project):
    expected, total = lecture_cue_times(lecture_project, Params())
    subs = list(srt.parse((lecture_project / OUT / "lecture.srt").read_text(encoding="utf-8")))
    vtt = list(webvtt.read(str(lecture_project / OUT / "lecture.vtt")))
    assert [s.content for s in subs] == [c.text for c, _, _ in expected]
    assert [v.text for v in vtt] == [c.text for c, _, _ in expected]
    assert [v.identifier for v in vtt] == [c.id for c, _, _ in expected]
    for sub, cue, (_, start, end) in zip(subs, vtt, expected, strict=True):
        assert abs(sub.start - timedelta(seconds=float(start))) <= timedelta(milliseconds=1)
        assert abs(sub.end - timedelta(seconds=float(end))) <= timedelta(milliseconds=1)
        assert abs(vtt_seconds(cue.start) - float(start)) < 0.002
        assert abs(vtt_seconds(cue.end) - float(end)) < 0.002
        assert sub.start < sub.end <= timedelta(seconds=float(total))
    starts = [s.start for s in subs]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(subs))
    assert all(b.start - a.end >= timedelta(seconds=0.3) for a, b in itertools.pairwise(subs))  # the pauses


def test_transcript_and_chapters(lecture_project):
    folder = lecture_project / OUT
    assert (folder / "transcript.txt").read_text(encoding="utf-8") == lecture_plan(Params()).transcript()
    chapters = json.loads((folder / "chapters.json").read_text())
    assert [c["scene"] for c in chapters] == [e.name for e in SCENES_IN_ORDER]
    assert [c["title"] for c in chapters] == [e.beat.title for e in SCENES_IN_ORDER]
    assert chapters[0]["start"] == 0
    assert all(a["end"] == pytest.approx(b["start"]) for a, b in itertools.pairwise(chapters))
    _, total = lecture_cue_times(lecture_project, Params())
    assert chapters[-1]["end"] == pytest.approx(float(total))


def test_manifest_describes_every_file(lecture_project):
    folder = lecture_project / OUT
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["parameters"] == Params().as_strings()
    assert manifest["quality"] == {"flag": "l", "name": "480p15"}
    assert set(manifest["versions"]) == {"derivatives-lecture", "manim"}
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {"manifest.json"}
    assert set(manifest["files"]) == on_disk
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == entry["sha256"]
        if name.endswith(".mp4"):
            assert entry["frames"] == decoded_frames(folder / name)
            assert entry["duration"] == pytest.approx(entry["frames"] / FPS)


# --- caching and variants ---------------------------------------------------------------------------------
def test_cache_entries_keep_only_the_clip_and_its_records(lecture_project):
    """Manim's media folder (partial movies: as large as the clip again) is not kept in the cache."""
    entries = list((lecture_project / "renders/.cache/clips").iterdir())
    assert len(entries) == len(SCENES_IN_ORDER)
    for entry in entries:
        names = {p.name for p in entry.iterdir()}
        assert names == {"clip.mp4", "clip.srt", "meta.json", "record.json"}, entry


def test_a_second_run_renders_nothing(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    before = snapshot(project / OUT)
    report = render(project)
    assert report["rendered"] == []
    assert len(report["reused"]) == len(SCENES_IN_ORDER)
    assert report["published"] is False
    assert snapshot(project / OUT) == before


def test_a_new_nudge_is_a_separate_variant_reusing_the_scenes_that_do_not_show_it(lecture_project, tmp_path):
    """Another parameter renders into its own folder and leaves the lecture's byte-identical; the
    scenes that do not show the nudge come from the cache. (One render for both: a whole second
    lecture with another slope cost the suite a minute and checked nothing more.)"""
    project = copy_project(lecture_project, tmp_path)
    before = snapshot(project / OUT)
    report = render(project, "--nudge", "0.002")
    assert report["out"] == "renders/nudge-0.002/480p15"
    assert snapshot(project / OUT) == before
    unchanged = ["Opening", "TheLine", "APoint", "Closing"]
    assert report["reused"] == unchanged
    assert report["rendered"] and set(report["rendered"]) == {e.name for e in SCENES_IN_ORDER} - set(
        unchanged
    )
    folder = project / "renders/nudge-0.002/480p15"
    params = Params.from_strings(nudge="0.002")
    assert (folder / "transcript.txt").read_text() == lecture_plan(params).transcript()
    for entry in SCENES_IN_ORDER:  # every clip, reused or not, says this lecture's words
        subtitles = list(srt.parse((folder / "clips" / f"{entry.stem}.srt").read_text(encoding="utf-8")))
        assert [s.content for s in subtitles] == [
            c.text for c in narration(params) if c.beat == entry.beat.id
        ]


def test_a_corrupted_cache_entry_is_detected_and_rendered_again(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    manifest = json.loads((project / OUT / "manifest.json").read_text())
    key = manifest["clips"][2]["key"]  # APoint
    clip = project / "renders/.cache/clips" / key / "clip.mp4"
    data = clip.read_bytes()
    clip.write_bytes(data[: len(data) // 2])  # truncated, as by a crash or a full disk
    report = render(project)
    assert report["rendered"] == [SCENES_IN_ORDER[2].name]
    assert decoded_frames(clip) > 0
    assert report["published"] is False  # the lecture's own files were intact and up to date


def test_interrupting_a_render_changes_nothing(lecture_project, tmp_path):
    """SIGINT to the render's process group (as Ctrl-C sends) while it renders into an existing
    lecture folder: the old files stay byte-identical, nothing is left behind, the next run succeeds. (Another
    nudge: seven scenes to render, not eleven.)"""
    project = copy_project(lecture_project, tmp_path)
    before = snapshot(project / OUT)
    command = [
        sys.executable,
        "-m",
        "scenes",
        "render",
        "-q",
        "l",
        "-j",
        "2",
        "--out",
        str(OUT),
        "--nudge",
        "0.002",
    ]
    process = subprocess.Popen(
        command,
        cwd=project,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # as from a terminal: a shell that runs the tests in the background (`make test &`) starts them
        # with SIGINT ignored, and Python then leaves it ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    logs = project / "renders/.cache/logs"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(logs.glob("*.log"))) <= len(SCENES_IN_ORDER):
        time.sleep(0.1)  # wait until workers of the new render have started
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert snapshot(project / OUT) == before
    leftovers = [p.name for p in (project / "renders/lecture").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert [p.name for p in (project / "renders/.cache/clips").glob(".tmp-*")] == []
    report = render(project, "--out", str(OUT), "--nudge", "0.002")
    assert report["published"]
    assert "6.006" in (project / OUT / "transcript.txt").read_text()


def test_what_a_killed_render_left_behind_is_swept(lecture_project, tmp_path):
    """SIGKILL cannot be caught: the next render removes the folders a dead render left (their names
    carry its PID) and keeps those of a render still running."""
    project = copy_project(lecture_project, tmp_path)
    before = snapshot(project / OUT)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a PID that no process has now
    parent, clips = (project / OUT).parent, project / "renders/.cache/clips"
    tex = Path(tempfile.gettempdir())
    abandoned = [
        parent / f".{OUT.name}.staging-{dead.pid}-x1",
        parent / f".{OUT.name}.old-{dead.pid}",
        clips / f".tmp-{dead.pid}-x2",
        tex / f"{TEX_PREFIX}{dead.pid}-TheTriangle-x3",
    ]
    running = [parent / f".{OUT.name}.staging-{os.getpid()}-x4", clips / f".tmp-{os.getpid()}-x5"]
    for folder in abandoned + running:
        (folder / "media").mkdir(parents=True)
        (folder / "media" / "partial.mp4").write_bytes(b"half a file")
    part = project / "renders/.cache/tex" / f"{PART_PREFIX}{dead.pid}-0123456789abcdef.svg"
    part.write_text("<svg")  # a formula half copied into the shared LaTeX cache
    abandoned.append(part)
    report = render(project)
    assert report["rendered"] == []
    assert [f for f in abandoned if f.exists()] == []
    assert all(f.exists() for f in running)
    assert snapshot(project / OUT) == before


def test_a_job_over_its_time_limit_is_killed_with_its_process_group(tmp_path):
    result = derivatives(tmp_path, "render", "-q", "l", "--timeout", "0.5", "TheTriangle")
    assert result.returncode == 1
    assert "TheTriangle failed: timed out after 0.5 s" in result.stderr
    assert not (tmp_path / "renders/lecture").exists()
    # jobs are forked from the render and carry this name (their command line is the render's); this
    # render's ran in its folder (other renders may be running on this machine)
    workers = subprocess.run(["pgrep", "-x", PROCESS_NAME], capture_output=True, text=True).stdout.split()
    assert [pid for pid in workers if str(tmp_path) in _cwd(pid)] == []


def _cwd(pid: str) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] in "ZX"
    except FileNotFoundError:
        return True


def test_a_forked_job_has_its_own_process_group_and_dies_with_what_it_started(tmp_path):
    """What the time limit and an interrupt rely on: killing a job kills the programs it started
    (a hung LaTeX), and a Ctrl-C at the terminal reaches the render, not its jobs directly."""
    marker = tmp_path / "grandchild"

    def body() -> int:
        child = subprocess.Popen(["sleep", "300"])
        marker.write_text(str(child.pid))
        return child.wait()

    log = os.open(tmp_path / "log", os.O_WRONLY | os.O_CREAT)
    job = Forked(fork(body, log))
    os.close(log)
    deadline = time.monotonic() + 30
    while not marker.exists() or not marker.read_text():
        assert time.monotonic() < deadline and job.poll() is None
        time.sleep(0.01)
    grandchild = int(marker.read_text())
    assert os.getpgid(job.pid) == job.pid != os.getpgid(0)
    assert os.getpgid(grandchild) == job.pid
    kill(job)
    assert job.returncode == -signal.SIGKILL  # its SIGTERM handler ended its whole group at once
    while not _gone(grandchild):
        assert time.monotonic() < deadline, "the job's own child outlived it"
        time.sleep(0.01)


# --- bad input ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content", ['slope = 3\ncolour = "green"\n', "nudge = 0\n", "points = [2, 2]\n"])
def test_a_bad_config_fails_cleanly_with_nothing_written(tmp_path, content):
    config = tmp_path / "lecture.toml"
    config.write_text(content)
    result = derivatives(tmp_path, "render", "-q", "l", "--config", str(config))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("derivatives: error: ")
    assert not (tmp_path / "renders").exists()


def test_an_unknown_scene_is_refused(tmp_path):
    result = derivatives(tmp_path, "render", "-q", "l", "Nope")
    assert result.returncode == 2
    assert result.stderr.startswith("derivatives: error: scene: no scene named 'Nope'")
    assert not (tmp_path / "renders").exists()


# --- preview and plain manim ------------------------------------------------------------------------------
def test_preview_writes_the_last_frame_and_a_gif(lecture_project, tmp_path):
    """...and, like a render, sweeps what a killed render or preview left in the cache."""
    project = copy_project(lecture_project, tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    abandoned = [
        project / "renders/.cache/clips" / f".tmp-{dead.pid}-x1",
        project / "renders/.cache/tex" / f"{PART_PREFIX}{dead.pid}-0123456789abcdef.svg",
        Path(tempfile.gettempdir()) / f"{TEX_PREFIX}{dead.pid}-TheNudge-x2",
    ]
    for path in abandoned:
        path.mkdir(parents=True)
    result = derivatives(project, "preview", "TheNudge", "--gif", check=True)
    assert [p for p in abandoned if p.exists()] == []
    png, gif = (project / line for line in result.stdout.split())
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (854, 480)
    with Image.open(gif) as image:
        assert image.is_animated and image.n_frames > 10


def test_plain_manim_renders_a_scene_with_the_lecture_defaults(tmp_path):
    """`manim -ql scenes/<file>.py <Scene>` works as any Manim user expects (README)."""
    root = Path(__file__).resolve().parents[1]
    entry = SCENES_IN_ORDER[0]
    result = subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "--media_dir", str(tmp_path), entry.path, entry.name],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(list(tmp_path.rglob(f"{entry.name}.mp4"))) == 1
    (subtitles,) = tmp_path.rglob(f"{entry.name}.srt")
    assert [e.content for e in srt.parse(subtitles.read_text())] == [
        c.text for c in narration(Params()) if c.beat == entry.beat.id
    ]


# --- LaTeX shared between jobs ------------------------------------------------------------------------------
def _compile_in(tex_dir: Path, expression: str) -> Path:
    from manim import tempconfig
    from manim.mobject.text import tex_mobject

    with tempconfig({"tex_dir": str(tex_dir)}):
        return tex_mobject.tex_to_svg_file(expression, "align*")


def _restore_manims_latex(monkeypatch) -> None:
    """share_formulas replaces two of manim's functions: put them back after the test."""
    from manim.mobject.text import tex_mobject
    from manim.utils import tex_file_writing

    monkeypatch.setattr(tex_mobject, "tex_to_svg_file", tex_mobject.tex_to_svg_file)
    monkeypatch.setattr(
        tex_file_writing, "make_tex_compilation_command", tex_file_writing.make_tex_compilation_command
    )


_SOME_FORMULAS = [r"\frac{df(a)}{da} = 3", r"f(a) = a^{2}", r"\log(a)", r"\text{slope} = \frac{0.003}{0.001}"]


def test_a_formula_from_the_preamble_format_is_the_one_manims_own_latex_makes(tmp_path, monkeypatch):
    from manim.utils import tex_file_writing

    own = [_compile_in(tmp_path / "manim", f).read_bytes() for f in _SOME_FORMULAS]
    _restore_manims_latex(monkeypatch)
    commands = []
    share_formulas(tmp_path / "shared")
    make = tex_file_writing.make_tex_compilation_command

    def recorded(*args):
        commands.append(make(*args))
        return commands[-1]

    monkeypatch.setattr(tex_file_writing, "make_tex_compilation_command", recorded)
    ours = [_compile_in(tmp_path / "job", f).read_bytes() for f in _SOME_FORMULAS]
    assert ours == own
    assert len(commands) == len(_SOME_FORMULAS) and all(c[1].startswith("-fmt=") for c in commands)
    (fmt,) = (tmp_path / "shared/formats").glob("*.fmt")
    read = json.loads(fmt.with_suffix(".json").read_text())["read"]
    assert any(f.endswith("/amsmath.sty") for f in read) and any(f.endswith("/latex.fmt") for f in read)
    assert {p.suffix for p in (tmp_path / "job").iterdir()} == {".svg", ".tex"}  # manim's clean-up, as before


@pytest.mark.parametrize("change", ["a package it read", "the format itself"])
def test_a_format_is_made_again_when_what_it_was_made_from_changes(tmp_path, monkeypatch, change):
    from scenes.pipeline.running import formulas

    preamble = "\\documentclass[preview]{standalone}\n\\usepackage{amsmath}\n"
    (tmp_path / "shared/.locks").mkdir(parents=True)
    (tmp_path / "job").mkdir()
    fmt = formulas.preamble_format(tmp_path / "shared", "latex", preamble, tmp_path / "job")
    record = fmt.with_suffix(".json")
    made = record.read_text()
    monkeypatch.setattr(formulas, "_CHECKED", {})  # (another job)
    assert formulas.preamble_format(tmp_path / "shared", "latex", preamble, tmp_path / "job") == fmt
    assert record.read_text() == made, "an unchanged format is used as it is"
    if change == "a package it read":
        data = json.loads(made)
        amsmath = next(f for f in data["read"] if f.endswith("/amsmath.sty"))
        data["read"][amsmath][1] -= 1  # (as if amsmath.sty had been updated since)
        record.write_text(json.dumps(data))
    else:
        fmt.write_bytes(fmt.read_bytes()[:-100])
    monkeypatch.setattr(formulas, "_CHECKED", {})
    assert formulas.preamble_format(tmp_path / "shared", "latex", preamble, tmp_path / "job") == fmt
    again = json.loads(record.read_text())
    assert again["sha256"] == hashlib.sha256(fmt.read_bytes()).hexdigest()
    assert all(formulas._stamp(f) == stamp for f, stamp in again["read"].items()), "made again"


def test_a_formula_one_job_compiled_is_not_compiled_again_by_the_next(tmp_path, monkeypatch):
    _restore_manims_latex(monkeypatch)
    shared = tmp_path / "shared"
    share_formulas(shared)
    first = _compile_in(tmp_path / "a", "f(a) = 3a")
    assert [p.name for p in shared.glob("*.svg")] == [first.name]
    assert [p.name for p in shared.iterdir() if p.name.endswith(".part")] == []
    monkeypatch.setenv("PATH", str(tmp_path / "no-latex-here"))  # compiling again would fail
    second = _compile_in(tmp_path / "b", "f(a) = 3a")
    assert second.parent == tmp_path / "b" and second.read_bytes() == first.read_bytes()
    with pytest.raises(FileNotFoundError, match="latex"):  # LaTeX is not on PATH
        _compile_in(tmp_path / "c", "f(a) = 4a")
    assert [p.name for p in shared.glob("*.svg")] == [first.name]  # a failure adds nothing


def test_a_job_waits_for_a_formula_another_is_compiling(tmp_path, monkeypatch):
    import fcntl
    import threading

    _restore_manims_latex(monkeypatch)
    shared = tmp_path / "shared"
    share_formulas(shared)
    made = _compile_in(tmp_path / "a", "df(a)/da")  # the formula's name, and a good SVG of it
    entry = {p: p.read_bytes() for p in (shared / made.name, (shared / made.name).with_suffix(".json"))}
    for path in entry:
        path.unlink()
    monkeypatch.setenv("PATH", str(tmp_path / "no-latex-here"))
    result = {}
    with open(shared / ".locks" / made.stem, "w") as lock:  # "another job" is compiling it
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiter = threading.Thread(target=lambda: result.update(path=_compile_in(tmp_path / "b", "df(a)/da")))
        waiter.start()
        waiter.join(timeout=1.0)
        assert waiter.is_alive()  # waiting, not compiling (which would fail without LaTeX)
        for path, data in entry.items():  # the other job finished it: the SVG and its record
            path.write_bytes(data)
    waiter.join(timeout=30)
    assert result["path"].read_bytes() == entry[shared / made.name]
