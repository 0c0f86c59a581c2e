"""`derivatives serve` and renders/index.html: the index links every lecture rendered, the server
prints its URL, answers Range requests as a browser's video needs them, and stops cleanly."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lecture_render import derivatives

from scenes.pipeline.publishing.site import rendered_lectures, write_site_index

OUT = Path("renders/lecture/480p15")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def test_render_writes_the_index_of_renders(lecture_project):
    index = lecture_project / "renders/index.html"
    hrefs = links(index.read_text(encoding="utf-8"))
    assert hrefs == ["lecture/480p15/index.html", "lecture/480p15/lecture.mp4"]
    assert all((index.parent / href).is_file() for href in hrefs)


def test_index_lists_whole_lectures_only(lecture_project, tmp_path):
    """Every variant and quality with a whole lecture's manifest, in order; not single scenes' folders
    (a partial manifest), not the cache, not a folder without a manifest."""
    root = tmp_path / "renders"
    lecture = lecture_project / OUT
    for variant, quality in [
        ("slope-4", "720p30"),
        ("lecture", "1080p60"),
        ("slope-4", "480p15"),
        ("lecture", "480p15"),
    ]:
        shutil.copytree(lecture, root / variant / quality)
    (root / "mine/480p15").mkdir(parents=True)  # single scenes: a partial manifest
    (root / "mine/480p15/manifest.json").write_text(json.dumps({"partial": True, "files": {}}))
    (root / "empty/480p15").mkdir(parents=True)
    shutil.copytree(lecture, root / ".cache/clips")
    found = [(r.variant, r.quality) for r in rendered_lectures(root)]
    assert found == [
        ("lecture", "480p15"),
        ("lecture", "1080p60"),
        ("slope-4", "480p15"),
        ("slope-4", "720p30"),
    ]
    hrefs = links(write_site_index(root).read_text(encoding="utf-8"))
    assert [h for h in hrefs if h.endswith("index.html")] == [f"{v}/{q}/index.html" for v, q in found]


@pytest.fixture
def served_copy(lecture_project, tmp_path):
    """A copy of the published lecture, served by `derivatives serve --port 0`; yields (folder, URL)."""
    shutil.copytree(lecture_project / OUT, tmp_path / OUT)
    process = subprocess.Popen(
        [sys.executable, "-m", "scenes", "serve", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as from a terminal: a suite started in the background (`make test &`) ignores SIGINT,
        # and its children would inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = process.stdout.readline()
        match = re.fullmatch(r"serving renders/ at (http://127\.0\.0\.1:\d+/)  \(Ctrl-C stops\)\n", line)
        assert match, (line, process.stderr.read() if process.poll() is not None else "")
        yield tmp_path / OUT, match.group(1), process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def get(url: str, headers: dict[str, str] | None = None, method: str = "GET"):
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def test_serve_prints_its_url_and_answers_ranges(served_copy):
    folder, url, process = served_copy
    status, _, body = get(url)
    assert status == 200 and "lecture/480p15/index.html" in links(body.decode())
    status, headers, body = get(f"{url}lecture/480p15/")
    assert status == 200 and body == (folder / "index.html").read_bytes()
    assert headers["Content-Type"].startswith("text/html")
    movie = (folder / "lecture.mp4").read_bytes()
    video = f"{url}lecture/480p15/lecture.mp4"
    status, headers, body = get(video, {"Range": "bytes=1000-1999"})
    assert status == 206 and body == movie[1000:2000]
    assert headers["Content-Range"] == f"bytes 1000-1999/{len(movie)}"
    status, headers, body = get(video, {"Range": "bytes=-500"})  # the last 500 bytes (the moov atom's end)
    assert status == 206 and body == movie[-500:]
    status, headers, body = get(video, {"Range": "bytes=0-"})  # what a video element asks first
    assert status == 206 and body == movie
    status, headers, body = get(video, method="HEAD")
    assert status == 200 and int(headers["Content-Length"]) == len(movie) and body == b""
    assert "Access-Control-Allow-Origin" not in headers  # other sites' pages may not read the files
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(f"{url}lecture/480p15/nothing.mp4")
    assert missing.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as outside:
        get(f"{url}../../etc/passwd")
    assert outside.value.code == 404
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0


def test_serve_refuses_a_missing_folder_and_a_busy_port(tmp_path):
    result = derivatives(tmp_path, "serve", "--port", "0")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "derivatives: error: root: renders is not a folder; render a lecture first (derivatives render)"
    ]
    (tmp_path / "renders").mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = derivatives(tmp_path, "serve", "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"derivatives: error: port: {port} is in use; give another with --port"
    ]
