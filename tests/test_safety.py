"""Nothing lost, nothing stale: what a new user and a hostile one do to the renderer, through the command
line. Publishing replaces only what it published; every cache verifies its entries and rebuilds a bad
one; a killed render takes its workers with it; bad paths and files are one line, before anything is
rendered."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lecture_render import copy_project, derivatives, render, snapshot

from derivlib.narration import narration
from derivlib.params import Params
from scenes.manifest import SCENES_IN_ORDER
from scenes.pipeline.files import PART_PREFIX, sha256_file
from scenes.pipeline.running.processes import PROCESS_NAME
from scenes.pipeline.sound.voice import wav_seconds

OUT = Path("renders/lecture/480p15")


def one_line_error(result: subprocess.CompletedProcess, parameter: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"derivatives: error: {parameter}: "), lines[0]
    return lines[0]


def nothing_rendered(project: Path) -> bool:
    clips = project / "renders/.cache/clips"
    return not clips.exists() or not any(clips.iterdir())


# --- what --out may replace -----------------------------------------------------------------------------
def test_out_refuses_a_folder_holding_a_users_file(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.txt").write_text("two years of work")
    line = one_line_error(derivatives(tmp_path, "render", "-q", "l", "--out", str(folder)), "out")
    assert "holds files this project did not publish (thesis.txt)" in line
    assert (folder / "thesis.txt").read_text() == "two years of work"
    assert [p.name for p in folder.iterdir()] == ["thesis.txt"]
    assert nothing_rendered(tmp_path)


def test_out_refuses_a_users_file_added_to_a_published_folder(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    (project / OUT / "notes.txt").write_text("mine")
    before = snapshot(project / "renders")
    one_line_error(derivatives(project, "render", "-q", "l", "--out", str(OUT), "--slope", "5"), "out")
    assert snapshot(project / "renders") == before


@pytest.mark.parametrize("target", ["renders", "renders/.cache", "renders/.cache/clips", "renders/lecture"])
def test_out_refuses_the_renders_folder_and_the_cache(lecture_project, tmp_path, target):
    project = copy_project(lecture_project, tmp_path)
    before = snapshot(project / "renders")
    one_line_error(derivatives(project, "render", "-q", "l", "--out", target), "out")
    assert snapshot(project / "renders") == before


def test_out_refuses_a_file_and_a_link(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    line = one_line_error(derivatives(tmp_path, "render", "-q", "l", "--out", "notes.txt"), "out")
    assert "is a file, not a folder" in line
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    assert "is a link" in one_line_error(derivatives(tmp_path, "render", "-q", "l", "--out", "link"), "out")
    assert nothing_rendered(tmp_path)


@pytest.mark.parametrize(("target", "why"), [(".", "current folder"), ("/", "mount point")])
def test_out_refuses_the_current_folder_and_a_mount_point(tmp_path, target, why):
    assert why in one_line_error(derivatives(tmp_path, "render", "-q", "l", "--out", target), "out")
    assert nothing_rendered(tmp_path)


@contextlib.contextmanager
def read_only_folder(path: Path):
    """A folder nobody may write in: a read-only tmpfs where this suite can mount one (as root, where
    permissions do not stop writes), otherwise a folder without write permission."""
    path.mkdir()
    if os.geteuid() == 0:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(path)], check=True)
        try:
            yield path
        finally:
            subprocess.run(["umount", str(path)], check=True)
    else:
        path.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            yield path
        finally:
            path.chmod(stat.S_IRWXU)


def test_out_in_a_read_only_folder_is_one_line(tmp_path):
    with read_only_folder(tmp_path / "ro") as ro:
        line = one_line_error(derivatives(tmp_path, "render", "-q", "l", "--out", str(ro / "x")), "out")
        assert "cannot write in" in line
    assert nothing_rendered(tmp_path)


def test_single_scenes_go_twice_into_the_same_new_folder(tmp_path):
    """Scenes installed one at a time into a folder of their own: the folder is this project's (it gets
    a manifest marked partial), so the next scene may join it and a whole render may replace it."""
    for scene in ("Opening", "Closing"):
        result = derivatives(tmp_path, "render", "-q", "l", "--voice", "none", "--out", "mine", scene)
        assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "mine/manifest.json").read_text())
    assert manifest["partial"] is True
    names = ["clips/01-Opening.mp4", "clips/01-Opening.srt", "clips/11-Closing.mp4", "clips/11-Closing.srt"]
    assert sorted(manifest["files"]) == names


def test_report_is_checked_before_rendering(tmp_path):
    (tmp_path / "a-folder").mkdir()
    for target, why in [("missing/report.json", "is not a folder"), ("a-folder", "is a folder")]:
        line = one_line_error(derivatives(tmp_path, "render", "-q", "l", "--report", target), "report")
        assert why in line
    assert nothing_rendered(tmp_path)


# --- files that are not what they claim -----------------------------------------------------------------
def test_a_config_that_is_not_a_regular_file_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "scenes", "transcript", "--config", path],
            capture_output=True,
            text=True,
            timeout=20,
        )
        assert "is not a regular file" in one_line_error(result, "config")
        assert time.monotonic() - started < 10
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (1 << 20) + "\n")
    assert "larger than" in one_line_error(
        derivatives(tmp_path, "transcript", "--config", str(big)), "config"
    )


def test_a_number_on_the_command_line_is_never_rounded(tmp_path):
    line = one_line_error(
        derivatives(tmp_path, "transcript", "--slope", "1.00000000000000000000000000001"), "slope"
    )
    assert "more than 12 significant digits" in line
    toml = tmp_path / "c.toml"
    toml.write_text("slope = 1.00000000000000000000000000001\n")
    assert one_line_error(derivatives(tmp_path, "transcript", "--config", str(toml)), "slope") == line


def test_the_nudge_bound_says_what_is_allowed(tmp_path):
    line = one_line_error(derivatives(tmp_path, "transcript", "--nudge", "2"), "nudge")
    assert line.endswith("use a value greater than 0 and at most 1")


def test_a_voice_espeak_ng_cannot_speak_is_one_line_naming_it(tmp_path):
    line = one_line_error(
        derivatives(
            tmp_path, "render", "-q", "l", "--engine", "espeak-ng", "--voice", "zz-nowhere", "APoint"
        ),
        "voice",
    )
    assert line.startswith("derivatives: error: voice: espeak-ng cannot speak with voice 'zz-nowhere'")
    assert nothing_rendered(tmp_path)


# --- caches that verify their entries -------------------------------------------------------------------
FAKE_ESPEAK = """#!/bin/sh
# espeak-ng on a full disk: it exits 0, and the WAV it leaves is cut short (its header promises more);
# asked for its version, or to speak without writing a file (-q: the voice checked), it is espeak-ng
case "$1" in --version|-q) exec espeak-ng "$@" ;; esac
while [ "$1" != "-w" ]; do shift; done
python3 - "$2" <<'PY'
import sys, wave
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050); w.writeframes(b"\\1\\0" * 22050)
data = open(sys.argv[1], "rb").read()
open(sys.argv[1], "wb").write(data[: len(data) // 3])
PY
"""


def test_a_wav_cut_short_by_a_full_disk_is_never_cached(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "espeak-ng"
    real = subprocess.run(["sh", "-c", "command -v espeak-ng"], capture_output=True, text=True).stdout.strip()
    fake.write_text(FAKE_ESPEAK.replace("exec espeak-ng", f"exec {real}"))
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = derivatives(tmp_path, "render", "-q", "l", "--engine", "espeak-ng", "APoint", env=env)
    assert result.returncode == 1, result.stderr
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "derivatives: render failed: espeak-ng wrote an unusable WAV for voice 'en-us' (is the disk full?)"
        )
    )
    voice = tmp_path / "renders/.cache/voice"
    assert not any(voice.iterdir()), "nothing of it is cached"
    report = render(
        tmp_path, "--engine", "espeak-ng", "APoint"
    )  # the real espeak-ng: every cue synthesised, whole
    assert len(report["synthesized"]) == 2


def test_a_cached_wav_that_changed_is_synthesised_again(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    before = snapshot(project / OUT)
    voice = project / "renders/.cache/voice"
    wavs = sorted(voice.glob("*.wav"))
    whole = wavs[0].read_bytes()
    wavs[0].write_bytes(whole[: len(whole) // 2])  # cut short: the header still claims all of it
    wavs[1].unlink()
    wavs[1].symlink_to(wavs[2])  # a link: not what the cache wrote
    report = render(project)
    assert len(report["synthesized"]) == 2
    assert not wavs[1].is_symlink()
    for wav in wavs[:2]:  # whole again, and what their records say
        record = json.loads(wav.with_suffix(".json").read_text())
        assert record["sha256"] == sha256_file(wav) and record["seconds"] == wav_seconds(wav)
    # The neural voice never says a sentence twice exactly alike (its prosody is drawn at random), so
    # the scenes of the two cues are rendered again with their new speech, and only those.
    beats = {c.beat for c in narration(Params()) if c.id in report["synthesized"]}
    assert set(report["rendered"]) == {e.name for e in SCENES_IN_ORDER if e.beat.id in beats}
    assert report["published"] and snapshot(project / OUT) != before


def test_a_formula_replaced_cut_short_or_linked_is_compiled_again(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    published = (project / OUT / "clips/11-Closing.mp4").read_bytes()
    tex = project / "renders/.cache/tex"
    svgs = sorted(tex.glob("*.svg"))
    contents = {p: p.read_bytes() for p in svgs}
    for a, b in zip(svgs, [*svgs[1:], svgs[0]], strict=True):  # every formula swapped for another, valid
        a.write_bytes(contents[b])
    svgs[0].write_bytes(contents[svgs[1]][:100])  # one cut short
    svgs[1].unlink()
    svgs[1].symlink_to(svgs[2])  # one a link
    clips = project / "renders/.cache/clips"
    manifest = json.loads((project / OUT / "manifest.json").read_text())
    for clip in manifest["clips"]:
        if clip["scene"] == "Closing":
            (clips / clip["key"] / "clip.mp4").write_bytes(b"")  # so Closing is rendered again
    report = render(project)
    assert report["rendered"] == ["Closing"]
    assert (project / OUT / "clips/11-Closing.mp4").read_bytes() == published  # the right formulas
    rebuilt = [p for p in svgs if p.exists() and not p.is_symlink() and p.read_bytes() == contents[p]]
    assert rebuilt, "the formulas Closing shows were compiled again"


# --- a render killed outright ---------------------------------------------------------------------------
def _workers_in(folder: Path) -> list[int]:
    found = subprocess.run(["pgrep", "-x", PROCESS_NAME], capture_output=True, text=True).stdout.split()
    out = []
    for pid in found:
        with contextlib.suppress(OSError):
            if str(folder) in os.readlink(f"/proc/{pid}/cwd"):
                out.append(int(pid))
    return out


def test_sigkill_of_the_render_takes_its_workers_with_it(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "scenes", "render", "-q", "l", "-j", "2", "--voice", "none"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_workers_in(tmp_path)) < 2:
        time.sleep(0.1)
    workers = _workers_in(tmp_path)
    assert len(workers) == 2
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _workers_in(tmp_path):
        time.sleep(0.1)
    assert _workers_in(tmp_path) == []


def test_a_voice_file_half_written_by_a_killed_render_is_swept(lecture_project, tmp_path):
    project = copy_project(lecture_project, tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a PID that no process has now
    part = project / "renders/.cache/voice" / f"{PART_PREFIX}{dead.pid}-0123456789abcdef01234567.wav.x1"
    part.write_bytes(b"RIFF")
    render(project)
    assert not part.exists()


def test_a_render_that_fails_leaves_no_empty_folder(tmp_path):
    result = derivatives(tmp_path, "render", "-q", "l", "--timeout", "0.5", "--slope", "2", "--voice", "none")
    assert result.returncode == 1
    assert sorted(p.name for p in (tmp_path / "renders").iterdir()) == [".cache"]


def test_a_scene_named_twice_is_rendered_once(tmp_path):
    report = tmp_path / "report.json"
    result = derivatives(
        tmp_path, "render", "-q", "l", "--voice", "none", "--report", str(report), "Opening", "opening", "1"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(report.read_text())["rendered"] == ["Opening"]


def test_a_full_disk_while_publishing_changes_nothing(lecture_project, tmp_path, monkeypatch):
    """The lecture assembled onto a disk too small for it: one line, exit status 1, nothing left there
    (no staging folder, no empty variant folder). A small tmpfs where this suite can mount one; else
    the same render in this process with the copy failing as a full disk fails."""
    project = copy_project(lecture_project, tmp_path)
    small = project / "small"
    small.mkdir()
    out = small / "variant" / "480p15"
    if os.geteuid() == 0:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)], check=True)
        try:
            result = derivatives(project, "render", "-q", "l", "--out", str(out))
            assert result.returncode == 1
            assert result.stderr.strip().splitlines() == [
                "derivatives: render failed: the disk is full; nothing in renders/ was changed"
            ]
            assert list(small.iterdir()) == []
        finally:
            subprocess.run(["umount", str(small)], check=True)
    else:
        import errno

        from derivlib.params import Params
        from derivlib.plan import lecture_plan
        from scenes.pipeline.command.lecture import render_lecture
        from scenes.pipeline.publishing import assemble
        from scenes.pipeline.settings import RenderError

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(assemble.shutil, "copyfile", full)
        monkeypatch.chdir(project)
        with pytest.raises(RenderError, match=r"^the disk is full; nothing in renders/ was changed$"):
            render_lecture(lecture_plan(Params()), "l", out, say=lambda line: None)
        assert list(small.iterdir()) == []
