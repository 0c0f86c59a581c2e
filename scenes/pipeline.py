"""The render pipeline: scenes rendered in parallel, cached by their inputs, checked, then assembled
into the lecture and its downloads, and published all at once.

- A **job** is one scene with one parameter set at one quality. Its **key** is a hash of everything
  that decides its clip: the scene, the parameters, the quality, the encoder settings, the versions of
  manim and of this project, the source of derivlib and of the scene code, and the scene's narration.
- Each job runs as ``python -m scenes.worker`` in its own process group with its own media and LaTeX
  folders, a time limit, and LaTeX's file reading restricted (``openin_any=p``).
- A clip enters the cache (``renders/.cache/clips/<key>``) only after it decodes completely to the
  frame count its narration schedule says; the cache records each file's SHA-256, and an entry whose
  files no longer match is rendered again.
- The lecture's files are built in a staging folder beside the destination and swapped in with
  signals blocked: the destination is the old complete set or the new complete set, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from fractions import Fraction
from importlib import metadata
from pathlib import Path

from derivlib.narration import narration, transcript
from derivlib.params import Params
from scenes.manifest import SCENES_IN_ORDER, SceneEntry
from scenes.render import QUALITIES, _umask, install_file
from scenes.sound import AAC_FRAME_SAMPLES, AUDIO_RATE, sound_track, write_with_sound
from scenes.voice import VoiceReport, VoiceSettings, speech_for

ROOT = Path(__file__).resolve().parents[1]
#: x264 settings for every clip. The encoder is the critical path of a render (a worker's main thread
#: spends most of its time waiting for the encoder thread). Measured on one 1080p60 scene (TheNudge,
#: 2 cores): x264's default preset 28.7 s, veryfast 26.6 s, ultrafast 19.8 s; ultrafast's files are about
#: twice veryfast's (under 1 MB for 20 s here: the picture is mostly still) and look the same at crf 23.
ENCODER_OPTIONS = {"preset": "ultrafast", "crf": "23"}
#: Bumped when the assembly's output changes, so published lectures are rebuilt.
ASSEMBLY_VERSION = "2"
DEFAULT_TIMEOUT = 1800.0
#: Each job's private LaTeX folder, in the system's temporary folder: TEX_PREFIX<pid>-<scene>-...
TEX_PREFIX = "derivatives-tex-"
#: A formula being copied into the shared LaTeX cache: PART_PREFIX<pid>-<name>
PART_PREFIX = ".part-"


class RenderError(RuntimeError):
    """A render that cannot complete; its message is one line for the user."""


# --- inputs and keys ----------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def project_version() -> str:
    try:
        return metadata.version("derivatives-lecture")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def manim_version() -> str:
    return metadata.version("manim")


def _source_files(entry: SceneEntry) -> list[Path]:
    shared = [
        "common.py",
        "style.py",
        "render.py",
        "worker.py",
        "manifest.py",
        "encoding.py",
        "sound.py",
        "voice.py",
    ]
    files = sorted((ROOT / "derivlib").glob("*.py"))
    files += [ROOT / "scenes" / name for name in shared]
    files.append(ROOT / entry.path)
    return files


@dataclass(frozen=True)
class Job:
    """One scene, one parameter set, one quality."""

    entry: SceneEntry
    params: Params
    quality: str
    #: (cue id, Speech) for the scene's cues; empty for a silent render
    speech: tuple = ()

    def estimated_seconds(self) -> float:
        if self.speech:
            return sum(speech.seconds for _, speech in self.speech)
        return float(sum(c.estimated_seconds for c in narration(self.params) if c.beat == self.entry.beat.id))

    def key(self) -> str:
        """Everything that decides this job's clip, hashed."""
        digest = hashlib.sha256()
        cues = [(c.id, c.text, c.spoken) for c in narration(self.params) if c.beat == self.entry.beat.id]
        head = {
            "scene": self.entry.name,
            "params": self.params.as_strings(),
            "quality": self.quality,
            "encoder": ENCODER_OPTIONS,
            "manim": manim_version(),
            "project": project_version(),
            "cues": cues,
            "speech": [(cue, speech.sha256, speech.seconds) for cue, speech in self.speech],
        }
        digest.update(json.dumps(head, sort_keys=True).encode())
        for path in _source_files(self.entry):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:24]


# --- checking video files -----------------------------------------------------------------------------
def count_frames(path: Path) -> int:
    """Frames that really decode (a truncated file's metadata may still claim them all)."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            # one thread: the check runs beside a rendering job, and threaded decoding costs about half
            # as much CPU again (1080p60 scene: 1.2 against 1.6-1.8 CPU-s)
            stream.thread_count = 1
            return sum(1 for _ in container.decode(stream))
    except (av.FFmpegError, IndexError, OSError):
        return -1


def video_packets(paths: Sequence[Path]) -> tuple[int, str]:
    """The number of video packets in *paths* (one per frame), read one after another, and a SHA-256
    of their payloads in order; (-1, "") if a file cannot be read to its end."""
    import av

    count, digest = 0, hashlib.sha256()
    try:
        for path in paths:
            with av.open(str(path)) as container:
                for packet in container.demux(container.streams.video[0]):
                    if packet.size:
                        count += 1
                        digest.update(bytes(packet))
    except (av.FFmpegError, IndexError, OSError):
        return -1, ""
    return count, digest.hexdigest()


def video_info(path: Path, frames: int | None = None) -> dict:
    """Frames (decoded, unless already known from decoding), frame rate, duration, sound length."""
    import av

    frames = count_frames(path) if frames is None else frames
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = stream.base_rate or stream.average_rate  # the nominal rate; the average drifts when joined
    fps = Fraction(rate.numerator, rate.denominator)
    return {
        "frames": frames,
        "fps": float(fps),
        "duration": float(frames / fps),
        "audio_duration": audio_seconds(path),
    }


def audio_seconds(path: Path) -> float | None:
    """Length of a file's sound, by its decoded samples (None without a sound track)."""
    import av

    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        return samples / stream.rate


def sound_fits(sound: float | None, picture: float, fps: int) -> bool:
    """Whether decoded sound of *sound* seconds fits a picture of *picture* seconds: it covers the
    picture to within two video frames and runs past it by at most that plus the last AAC frame's
    padding (AAC codes 1024 samples a frame; the track is cut to the picture's length, the codec pads
    its last frame, and a decoder returns that frame whole: up to 46 ms at 22 050 Hz, more than two
    frames at 60 fps).

    >>> sound_fits(10.04, 10.0, 60), sound_fits(9.9, 10.0, 60), sound_fits(10.1, 10.0, 60)
    (True, False, False)
    """
    if sound is None:
        return False
    slack = 2 / fps
    return picture - slack <= sound <= picture + slack + AAC_FRAME_SAMPLES / AUDIO_RATE


# --- the clip cache -----------------------------------------------------------------------------------
@dataclass
class Clip:
    """A checked clip in the cache."""

    job: Job
    folder: Path
    meta: dict

    @property
    def movie(self) -> Path:
        return self.folder / "clip.mp4"

    @property
    def subtitles(self) -> Path | None:
        path = self.folder / "clip.srt"
        return path if path.exists() else None


class Cache:
    """Checked clips by key, under ``<renders>/.cache``."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.clips = self.root / "clips"
        self.logs = self.root / "logs"
        self.tex = self.root / "tex"
        for folder in (self.clips, self.logs, self.tex):
            folder.mkdir(parents=True, exist_ok=True)
        # what renders and previews killed outright left here: half-made cache entries, formulas half
        # copied into the shared LaTeX cache, their jobs' private LaTeX folders
        for folder, prefix in [
            (self.clips, ".tmp-"),
            (self.tex, PART_PREFIX),
            (Path(tempfile.gettempdir()), TEX_PREFIX),
        ]:
            sweep_abandoned(folder, prefix)

    def lookup(self, job: Job) -> Clip | None:
        """The cached clip of *job*, if present and every file still matches its recorded checksum."""
        folder = self.clips / job.key()
        record = folder / "record.json"
        if not record.exists():
            return None
        try:
            data = json.loads(record.read_text())
            for name, digest in data["sha256"].items():
                if _sha256(folder / name) != digest:
                    raise ValueError(name)
        except (OSError, ValueError, KeyError):
            shutil.rmtree(folder, ignore_errors=True)  # corrupted: render it again
            return None
        return Clip(job, folder, data["meta"])

    def staging(self) -> Path:
        return Path(tempfile.mkdtemp(prefix=f".tmp-{os.getpid()}-", dir=self.clips))

    def store(self, job: Job, staged: Path) -> Clip:
        """Check a worker's output and move it into the cache under the job's key."""
        meta = json.loads((staged / "meta.json").read_text())
        frames = count_frames(staged / "clip.mp4")
        if frames != meta["frames"]:
            raise RenderError(
                f"{job.entry.name}: the clip decodes to {frames} frames, its narration needs {meta['frames']}"
            )
        if job.speech:
            sound = audio_seconds(staged / "clip.mp4")
            if not sound_fits(sound, frames / meta["fps"], meta["fps"]):
                raise RenderError(
                    f"{job.entry.name}: the clip's sound ({sound} s) does not fit its picture "
                    f"({frames / meta['fps']} s)"
                )
        names = [n for n in ("clip.mp4", "clip.srt", "meta.json") if (staged / n).exists()]
        for other in staged.iterdir():  # manim's media folder (its partial movies) and the job file
            if other.is_dir():
                shutil.rmtree(other)
            elif other.name not in names:
                other.unlink()
        record = {"key": job.key(), "meta": meta, "sha256": {n: _sha256(staged / n) for n in names}}
        (staged / "record.json").write_text(json.dumps(record, indent=1))
        final = self.clips / job.key()
        if final.exists():
            shutil.rmtree(final)
        os.replace(staged, final)
        return Clip(job, final, meta)

    def checkout_tex(self, entry: SceneEntry) -> Path:
        """A private LaTeX folder for one job (manim 0.22's shared ones corrupt each other: it deletes
        intermediate files in its LaTeX folder). The job takes formulas from the shared cache and adds
        the ones it compiles (scenes.worker.share_formulas)."""
        # In the system's temporary folder: LaTeX in paranoid mode refuses paths with a component
        # starting with a dot, such as renders/.cache.
        return Path(tempfile.mkdtemp(prefix=f"{TEX_PREFIX}{os.getpid()}-{entry.name}-"))

    def checkin_tex(self, private: Path) -> None:
        """After a job: its private LaTeX folder goes (its formulas are in the shared cache already)."""
        shutil.rmtree(private, ignore_errors=True)


# --- running jobs -------------------------------------------------------------------------------------
@dataclass
class Report:
    """What a run did, for the user and for tests: which scenes were rendered and which reused."""

    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    published: bool = False
    voice: VoiceReport = field(default_factory=VoiceReport)
    seconds: float = 0.0


class _Forked:
    """A job forked from this process: poll() and wait() as subprocess.Popen has them."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode


class _Running:
    def __init__(self, job: Job, process: _Forked, staged: Path, tex: Path, log: Path):
        self.job, self.process, self.staged, self.tex, self.log = job, process, staged, tex, log
        self.started = time.monotonic()
        self.elapsed = 0.0


def _worker_env(tex: Path) -> dict[str, str]:
    env = dict(os.environ)
    # kpathsea: LaTeX reads no file outside the TeX trees but this job's own LaTeX folder (paranoid mode
    # refuses absolute paths, except below TEXMFOUTPUT), and writes nowhere else either.
    env["openin_any"] = "p"
    env["openout_any"] = "p"
    env["TEXMFOUTPUT"] = str(tex)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def run_jobs(
    jobs: Sequence[Job],
    cache: Cache,
    *,
    parallel: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    say: Callable[[str], None] = print,
    report: Report | None = None,
) -> list[Clip]:
    """Render what the cache lacks, *parallel* jobs at a time; return the clips in the jobs' order.

    Jobs are forked from this process once it has imported what they need (see scenes.worker). A
    finished job's clip is checked (decoded in full, then moved into the cache) in a forked process of
    its own while the next job already runs: the check takes seconds at 1080p and would otherwise hold
    up the next job."""
    report = report if report is not None else Report()
    clips: dict[int, Clip] = {}
    todo: list[tuple[int, Job]] = []
    total = len(jobs)
    for i, job in enumerate(jobs):
        clip = cache.lookup(job)
        if clip is not None:
            clips[i] = clip
            report.reused.append(job.entry.name)
        else:
            todo.append((i, job))
    # Longest first (by narration length): with several jobs at once, the lecture finishes sooner.
    todo.sort(key=lambda item: -item[1].estimated_seconds())
    if report.reused:
        say(f"cached, not rendered again: {', '.join(report.reused)}")
    if todo:
        from scenes.worker import preload

        preload(sorted({f"scenes.{job.entry.module}" for _, job in todo}))
    running: dict[int, _Running] = {}  # jobs rendering
    checking: dict[int, _Running] = {}  # finished jobs whose clips are being checked
    failure: str | None = None
    try:
        while todo or running or checking:
            while todo and len(running) < max(1, parallel) and failure is None:
                i, job = todo.pop(0)
                running[i] = _start(job, cache)
            if failure is not None and not running and not checking:
                break
            time.sleep(0.05)
            for i, run in list(running.items()):
                code = run.process.poll()
                run.elapsed = time.monotonic() - run.started
                if code is None and run.elapsed > timeout:
                    _kill(run.process)
                    code = "timeout"
                if code is None:
                    continue
                del running[i]
                if code == 0:
                    cache.checkin_tex(run.tex)
                    run.process = _start_check(run, cache)
                    checking[i] = run
                else:
                    _discard(run, cache)
                    why = f"timed out after {timeout:g} s" if code == "timeout" else _last_line(run.log)
                    failure = failure or f"{run.job.entry.name} failed: {why} (log: {run.log})"
            for i, run in list(checking.items()):
                code = run.process.poll()
                if code is None:
                    continue
                del checking[i]
                clip = cache.lookup(run.job) if code == 0 else None
                if clip is None:
                    _discard(run, cache)
                    failure = failure or (
                        _last_line(run.log)
                        if code == CHECK_FAILED
                        else f"{run.job.entry.name}: checking its clip failed (log: {run.log})"
                    )
                    continue
                clips[i] = clip
                report.rendered.append(run.job.entry.name)
                say(f"[{len(clips)}/{total}] {run.job.entry.name} rendered in {run.elapsed:.1f} s")
            if failure is not None:
                todo.clear()
    finally:
        for run in (*running.values(), *checking.values()):  # interrupted: stop, keep nothing of it
            _kill(run.process)
            _discard(run, cache)
    if failure is not None:
        raise RenderError(failure)
    return [clips[i] for i in range(total)]


#: A check's exit code when the clip is wrong (its log's last line says how).
CHECK_FAILED = 3


def _start(job: Job, cache: Cache) -> _Running:
    from scenes.worker import fork, run_forked

    staged = cache.staging()
    tex = cache.checkout_tex(job.entry)
    media = staged / "media"
    spec = {
        "scene": job.entry.name,
        "params": job.params.as_strings(),
        "quality": job.quality,
        "media": str(media),
        "tex": str(tex),
        "tex_shared": str(cache.tex),
        "out": str(staged),
        "encoder_options": ENCODER_OPTIONS,
        "speech": {cue: [str(sp.path), sp.seconds, sp.sha256] for cue, sp in job.speech},
    }
    (staged / "job.json").write_text(json.dumps(spec))
    log = cache.logs / f"{job.entry.name}-{job.key()}.log"
    log_fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    env = _worker_env(tex)
    try:
        pid = fork(lambda: run_forked(str(staged / "job.json"), str(staged), env), log_fd)
    finally:
        os.close(log_fd)
    return _Running(job, _Forked(pid), staged, tex, log)


def _start_check(run: _Running, cache: Cache) -> _Forked:
    """Check a finished job's clip and move it into the cache, in a forked process (its log: the job's)."""
    from scenes.worker import fork

    def check() -> int:
        try:
            cache.store(run.job, run.staged)
        except RenderError as err:
            print(err)
            return CHECK_FAILED
        return 0

    log_fd = os.open(run.log, os.O_WRONLY | os.O_APPEND)
    try:
        return _Forked(fork(check, log_fd))
    finally:
        os.close(log_fd)


def _kill(process: _Forked) -> None:
    """Stop a job and everything it started (its process group); SIGKILL if SIGTERM is not enough."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)  # forked a moment ago: perhaps not yet in its own group
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        process.wait()


def _discard(run: _Running, cache: Cache) -> None:
    cache.checkin_tex(run.tex)
    shutil.rmtree(run.staged, ignore_errors=True)


def _last_line(log: Path) -> str:
    try:
        lines = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    return lines[-1][:300] if lines else "no output"


# --- assembling the lecture ---------------------------------------------------------------------------
def _timestamp(seconds: Fraction, sep: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"


def lecture_cues(clips: Sequence[Clip]) -> list[dict]:
    """Every cue of the lecture on the joined timeline: each clip's cues shifted by the length of the
    clips before it (their frame counts at their frame rate, exactly). A spoken cue's subtitle ends
    with its speech; a silent one lasts until the next cue."""
    out = []
    offset = Fraction(0)
    for clip in clips:
        for cue in clip.meta["cues"]:
            start = Fraction(cue["start"])
            end = start + Fraction(cue["speech"]) if cue.get("speech") is not None else Fraction(cue["end"])
            out.append({"id": cue["id"], "text": cue["text"], "start": offset + start, "end": offset + end})
        offset += Fraction(clip.meta["frames"], clip.meta["fps"])
    return out


def write_srt(cues: Sequence[dict], path: Path) -> None:
    import srt

    subtitles = [
        srt.Subtitle(
            index=i,
            start=timedelta(seconds=float(c["start"])),
            end=timedelta(seconds=float(c["end"])),
            content=c["text"],
        )
        for i, c in enumerate(cues, start=1)
    ]
    path.write_text(srt.compose(subtitles), encoding="utf-8")


def write_vtt(cues: Sequence[dict], path: Path) -> None:
    """WebVTT: a header, then each cue with an id, its times (HH:MM:SS.mmm) and its text."""
    blocks = ["WEBVTT"]
    for c in cues:
        times = f"{_timestamp(c['start'], '.')} --> {_timestamp(c['end'], '.')}"
        blocks.append(f"{c['id']}\n{times}\n{c['text']}")
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def join_clips(clips: Sequence[Clip], path: Path) -> None:
    """Join the clips' pictures without re-encoding; lay the narration's WAVs on the joined timeline at
    their cues' exact starts (each clip starting after the exact length of the clips before it) and
    encode that sound once: speech stays in sync across every join."""
    placements = []
    offset = Fraction(0)
    for clip in clips:
        speech = dict(clip.job.speech)
        for cue in clip.meta["cues"]:
            if cue["id"] in speech:
                placements.append((offset + Fraction(cue["start"]), speech[cue["id"]].path))
        offset += Fraction(clip.meta["frames"], clip.meta["fps"])
    track = sound_track(placements, offset) if placements else None
    write_with_sound([c.movie for c in clips], track, path)


def lecture_key(clips: Sequence[Clip], params: Params, voice: VoiceSettings) -> str:
    digest = hashlib.sha256(ASSEMBLY_VERSION.encode())
    digest.update(json.dumps(voice.describe(), sort_keys=True).encode())
    for clip in clips:
        digest.update(clip.job.key().encode())
    digest.update(transcript(params).encode())
    return digest.hexdigest()[:24]


def assemble(
    clips: Sequence[Clip],
    params: Params,
    voice: VoiceSettings,
    quality: str,
    staging: Path,
    say: Callable[[str], None],
) -> None:
    """Build the lecture's files in *staging*: the clips, lecture.mp4, lecture.srt, lecture.vtt,
    transcript.txt, chapters.json and manifest.json."""
    clip_dir = staging / "clips"
    clip_dir.mkdir(parents=True)
    for clip in clips:
        stem = f"{SCENES_IN_ORDER.index(clip.job.entry) + 1:02d}-{clip.job.entry.name}"
        shutil.copyfile(clip.movie, clip_dir / f"{stem}.mp4")
        if clip.subtitles is not None:
            shutil.copyfile(clip.subtitles, clip_dir / f"{stem}.srt")
    say("joining the clips into lecture.mp4")
    join_clips(clips, staging / "lecture.mp4")
    expected = sum(c.meta["frames"] for c in clips)
    # The clips decoded completely when they were cached (and match their checksums now); the lecture
    # must carry exactly their pictures: every packet, byte for byte, in order. This reads every packet
    # of the file (a truncated one lacks some), without decoding 10 000 frames again at the end.
    if video_packets([staging / "lecture.mp4"]) != (expected, video_packets([c.movie for c in clips])[1]):
        raise RenderError(f"lecture.mp4 does not hold the {expected} frames of its clips")
    # Frame counts already checked by decoding (the clips when cached, byte for byte the same here):
    known_frames = {"lecture.mp4": expected}
    for clip in clips:
        stem = f"{SCENES_IN_ORDER.index(clip.job.entry) + 1:02d}-{clip.job.entry.name}"
        known_frames[f"clips/{stem}.mp4"] = clip.meta["frames"]
    cues = lecture_cues(clips)
    write_srt(cues, staging / "lecture.srt")
    write_vtt(cues, staging / "lecture.vtt")
    (staging / "transcript.txt").write_text(transcript(params), encoding="utf-8")
    chapters = []
    offset = Fraction(0)
    for clip in clips:
        length = Fraction(clip.meta["frames"], clip.meta["fps"])
        chapters.append(
            {
                "title": clip.job.entry.beat.title,
                "scene": clip.job.entry.name,
                "start": float(offset),
                "end": float(offset + length),
            }
        )
        offset += length
    (staging / "chapters.json").write_text(json.dumps(chapters, indent=1), encoding="utf-8")
    files = {}
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        entry = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        if path.suffix == ".mp4":
            entry.update(video_info(path, frames=known_frames[str(path.relative_to(staging))]))
        files[str(path.relative_to(staging))] = entry
    manifest = {
        "lecture": "Derivatives",
        "parameters": params.as_strings(),
        "quality": {"flag": quality, "name": QUALITIES[quality][1]},
        "versions": {"derivatives-lecture": project_version(), "manim": manim_version()},
        "encoder": ENCODER_OPTIONS,
        "voice": voice.describe(),
        "inputs": lecture_key(clips, params, voice),
        "clips": [{"scene": c.job.entry.name, "key": c.job.key()} for c in clips],
        "files": files,
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def is_up_to_date(out: Path, key: str) -> bool:
    """Whether *out* holds a complete lecture built from exactly these inputs, every file intact."""
    try:
        manifest = json.loads((out / "manifest.json").read_text())
        if manifest.get("inputs") != key:
            return False
        return all(_sha256(out / name) == entry["sha256"] for name, entry in manifest["files"].items())
    except (OSError, ValueError, KeyError):
        return False


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    blocked = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def sweep_abandoned(folder: Path, prefix: str) -> list[Path]:
    """Remove what a render killed outright (SIGKILL, a power cut) left behind in *folder*: entries
    named *prefix* + the PID of their render + ..., whose render is no longer running. Returns them.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> (folder / ".x.staging-999999999-abc").mkdir(); (folder / f".x.staging-{os.getpid()}-d").mkdir()
    >>> [p.name for p in sweep_abandoned(folder, ".x.staging-")]
    ['.x.staging-999999999-abc']
    >>> [p.name for p in folder.iterdir()]  # a running render's folder stays  # doctest: +ELLIPSIS
    ['.x.staging-...-d']
    >>> shutil.rmtree(folder)
    """
    swept = []
    if not folder.is_dir():
        return swept
    for path in folder.glob(f"{glob.escape(prefix)}*"):
        owner = path.name[len(prefix) :].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            swept.append(path)
    return swept


def publish(staging: Path, out: Path) -> None:
    """Swap the staged folder in for *out* (two renames with signals blocked; the old one is removed)."""
    with _signals_blocked():
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            os.replace(out, old)
        os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def make_jobs(
    entries: Sequence[SceneEntry],
    params: Params,
    quality: str,
    voice: VoiceSettings,
    cache: Cache,
    voice_report: VoiceReport | None = None,
) -> list[Job]:
    """One job per scene, each with the speech of its cues (synthesised now, unless cached)."""
    drawn = {e.beat.id for e in entries}
    cues = [c for c in narration(params) if c.beat in drawn]
    speech = speech_for(cues, voice, cache.root / "voice", voice_report)
    return [
        Job(
            e,
            params,
            quality,
            tuple((c.id, speech[c.id]) for c in cues if c.beat == e.beat.id and c.id in speech),
        )
        for e in entries
    ]


def render_lecture(
    params: Params,
    quality: str,
    out: Path,
    *,
    voice: VoiceSettings | None = None,
    scenes: Sequence[SceneEntry] | None = None,
    parallel: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    cache_root: Path = Path("renders") / ".cache",
    say: Callable[[str], None] = print,
) -> Report:
    """Render *scenes* (all the lecture's, by default) and publish them into *out*; with all scenes,
    the lecture's downloads too."""
    from derivlib.narration import beats

    started = time.monotonic()
    report = Report()
    active = {b.id for b in beats(params)}
    entries = [e for e in (scenes or SCENES_IN_ORDER) if e.beat.id in active]
    whole = scenes is None
    cache = Cache(cache_root)
    voice = voice or VoiceSettings()
    for folder, prefix in [(out.parent, f".{out.name}.staging-"), (out.parent, f".{out.name}.old-")]:
        sweep_abandoned(folder, prefix)  # (the cache swept its own when it was opened)
    jobs = make_jobs(entries, params, quality, voice, cache, report.voice)
    if report.voice.synthesized:
        say(f"synthesised {len(report.voice.synthesized)} cue(s) with espeak-ng")
    clips = run_jobs(jobs, cache, parallel=parallel, timeout=timeout, say=say, report=report)
    out.parent.mkdir(parents=True, exist_ok=True)
    if whole:
        key = lecture_key(clips, params, voice)
        if is_up_to_date(out, key):
            say(f"{out} is up to date")
            report.seconds = time.monotonic() - started
            return report
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-{os.getpid()}-", dir=out.parent))
    staging.chmod(0o777 & ~_umask())
    try:
        if whole:
            assemble(clips, params, voice, quality, staging, say)
            publish(staging, out)
        else:  # single scenes: their clips are added beside whatever is there
            for clip in clips:
                stem = f"{SCENES_IN_ORDER.index(clip.job.entry) + 1:02d}-{clip.job.entry.name}"
                install_file(clip.movie, out / "clips" / f"{stem}.mp4")
                if clip.subtitles is not None:
                    install_file(clip.subtitles, out / "clips" / f"{stem}.srt")
    except OSError as err:
        if err.errno == errno.ENOSPC:
            raise RenderError("the disk is full; nothing in renders/ was changed") from None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.published = True
    report.seconds = time.monotonic() - started
    return report
