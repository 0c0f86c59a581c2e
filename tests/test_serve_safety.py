"""`derivatives serve` serves what it should and nothing else (issue 24): no link out of its root, no
dotfile, no Host but its own, nothing but regular files, nothing written into the root; ranges as RFC
9110 has them; idle connections closed. Each against a real server on 127.0.0.1 (port 0)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from lecture_render import derivatives

from scenes.pipeline.publishing import serve

BODY = bytes(range(256)) * 40  # 10240 bytes, each position's byte known


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "root"
    (root / "lecture").mkdir(parents=True)
    (root / "lecture/lecture.mp4").write_bytes(BODY)
    (root / "lecture/index.html").write_text("<p>the lecture</p>", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache/secret.txt").write_text("cached", encoding="utf-8")
    (root / ".hidden").write_text("hidden", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0", encoding="utf-8")
    (root / "etclink").symlink_to(outside)
    (root / "passwd-link").symlink_to(outside / "passwd")
    (root / "inner-link.mp4").symlink_to(root / "lecture/lecture.mp4")
    (root / "cache-link").symlink_to(root / ".cache")
    return root


@pytest.fixture
def server(root):
    """A real server of *root* on 127.0.0.1, in a thread; yields its port."""
    srv = serve.make_server(root, 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv.server_address[1]
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


def request(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET", host=None):
    """(status, headers, body) of one request; Host is 127.0.0.1:port unless *host* is given."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_no_link_leads_out_of_the_root_and_links_inside_it_work(server):
    assert request(server, "/etclink/passwd")[0] == 404
    assert request(server, "/passwd-link")[0] == 404
    assert request(server, "/etclink/")[0] == 404
    status, _, body = request(server, "/inner-link.mp4")
    assert status == 200 and body == BODY


def test_no_dotfile_is_served(server):
    for path in (
        "/.cache/secret.txt",
        "/.hidden",
        "/cache-link/secret.txt",
        "/%2Ecache/secret.txt",
        "/lecture/../.hidden",
    ):
        assert request(server, path)[0] == 404, path
    assert request(server, "/lecture/lecture.mp4")[0] == 200


def test_only_its_own_host_is_answered(server):
    for host in (
        f"evil.example:{server}",
        "evil.example",
        f"127.0.0.1:{server + 1}",
        "",
        "127.0.0.1.evil.example",
    ):
        status, _, body = request(server, "/lecture/lecture.mp4", host=host)
        assert status == 400 and BODY not in body, host
    for host in (f"127.0.0.1:{server}", f"localhost:{server}", "localhost", "127.0.0.1"):
        assert request(server, "/lecture/lecture.mp4", host=host)[0] == 200, host


def test_ranges_as_rfc_9110_has_them(server):
    video = "/lecture/lecture.mp4"
    size = len(BODY)
    for header, (first, last) in {
        "bytes=0-0": (0, 0),
        "bytes=-1": (size - 1, size - 1),
        "bytes=1000-1999": (1000, 1999),
        "bytes=10000-": (10000, size - 1),
        "bytes=5-999999": (5, size - 1),
        "bytes=-99999": (0, size - 1),
    }.items():
        status, headers, body = request(server, video, {"Range": header})
        assert status == 206, header
        assert body == BODY[first : last + 1], header
        assert headers["Content-Range"] == f"bytes {first}-{last}/{size}", header
    for header in ("bytes=-0", f"bytes={size}-", f"bytes={size + 5}-{size + 9}"):
        status, headers, body = request(server, video, {"Range": header})
        assert (status, headers.get("Content-Range")) == (416, f"bytes */{size}"), header
    for header in ("bytes=5-2", "bytes=0-1,4-5", "items=0-1", "bytes=x-y"):  # ignored: the whole file
        status, _, body = request(server, video, {"Range": header})
        assert (status, body) == (200, BODY), header


def test_if_range_applies_the_range_only_to_the_same_file(server, root):
    video = "/lecture/lecture.mp4"
    past = time.time() - 3600
    os.utime(root / "lecture/lecture.mp4", (past, past))
    _, headers, _ = request(server, video, method="HEAD")
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert request(server, video, {"Range": "bytes=0-0", "If-Range": etag})[0] == 206
    assert request(server, video, {"Range": "bytes=0-0", "If-Range": modified})[0] == 206
    (root / "lecture/lecture.mp4").write_bytes(BODY[::-1])  # re-rendered meanwhile
    for validator in (etag, modified, "W/" + etag):
        status, _, body = request(server, video, {"Range": "bytes=0-0", "If-Range": validator})
        assert (status, body) == (200, BODY[::-1]), validator  # the new file whole, never a mix
    status, headers, _ = request(
        server, video, {"If-None-Match": request(server, video, method="HEAD")[1]["ETag"]}
    )
    assert status == 304


def test_a_non_regular_file_is_not_found_and_nothing_is_printed(server, root, capfd):
    os.mkfifo(root / "lecture/pipe.mp4")
    started = time.monotonic()
    assert request(server, "/lecture/pipe.mp4")[0] == 404
    assert time.monotonic() - started < 5  # (not waiting for a writer)
    assert request(server, "/lecture/lecture.mp4")[0] == 200
    assert capfd.readouterr().err == ""


def test_other_methods_are_refused(server):
    for method in ("POST", "PUT", "DELETE"):
        status, headers, _ = request(server, "/lecture/lecture.mp4", method=method)
        assert status == 405 and headers["Allow"] == "GET, HEAD"


def test_an_idle_connection_is_closed(root, monkeypatch):
    assert serve._QuietHandler.timeout == serve.IDLE_TIMEOUT and 0 < serve.IDLE_TIMEOUT <= 60
    monkeypatch.setattr(serve._QuietHandler, "timeout", 0.5)
    srv = serve.make_server(root, 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(srv.server_address, timeout=10) as idle:
            idle.sendall(b"GET /lecture/lecture.mp4 HTTP/1.1\r\n")  # and never the rest
            started = time.monotonic()
            assert idle.recv(1024) == b""  # closed by the server, not by our 10 s timeout
            assert time.monotonic() - started < 5
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


def _snapshot(root: Path) -> dict[str, tuple]:
    out = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        out[str(path.relative_to(root))] = (st.st_mode, st.st_mtime_ns, data)
    return out


def test_serving_writes_nothing_into_the_root(server, root):
    (root / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    before = _snapshot(root)
    status, _, body = request(server, "/")
    assert (status, body) == (200, b"<p>my own page</p>")  # the user's page, served as it is
    assert request(server, "/lecture/")[2] == b"<p>the lecture</p>"
    assert request(server, "/lecture")[0] == 301
    (root / "index.html").unlink()
    del before["index.html"]
    status, headers, body = request(server, "/")  # no page of its own: the index, made in memory
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<html" in body.lower()
    assert _snapshot(root) == before


def test_serve_with_a_busy_port_leaves_the_users_index_alone(tmp_path):
    mine = tmp_path / "site"
    mine.mkdir()
    (mine / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    past = time.time() - 3600
    os.utime(mine / "index.html", (past, past))
    before = _snapshot(mine)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = derivatives(tmp_path, "serve", "--root", "site", "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"derivatives: error: port: {port} is in use; give another with --port"
    ]
    assert _snapshot(mine) == before


def test_last_modified_is_an_http_date(server, root):
    _, headers, _ = request(server, "/lecture/lecture.mp4", method="HEAD")
    assert headers["Last-Modified"] == formatdate((root / "lecture/lecture.mp4").stat().st_mtime, usegmt=True)


@pytest.fixture
def read_only_root(tmp_path):
    """A folder that cannot be written: a read-only bind mount as root, else a folder without write
    permission."""
    source = tmp_path / "source"
    (source / "lecture").mkdir(parents=True)
    (source / "lecture/lecture.mp4").write_bytes(BODY)
    if os.geteuid() != 0:
        source.chmod(0o555)
        yield source
        source.chmod(0o755)
        return
    root = tmp_path / "ro"
    root.mkdir()
    subprocess.run(["mount", "--bind", str(source), str(root)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(root)], check=True)
        yield root
    finally:
        subprocess.run(["umount", str(root)], check=True)


def test_a_read_only_root_is_served(read_only_root, tmp_path):
    with pytest.raises(OSError):
        (read_only_root / "probe").write_text("x")
    process = subprocess.Popen(
        [sys.executable, "-m", "scenes", "serve", "--root", str(read_only_root), "--port", "0"],
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
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, (line, process.stderr.read() if process.poll() is not None else "")
        port = int(match.group(1))
        status, headers, _ = request(port, "/")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert request(port, "/lecture/lecture.mp4")[2] == BODY
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_connections_beyond_the_bound_are_closed_at_once_and_the_server_goes_on(root, monkeypatch):
    assert serve._ThreadingServer.max_connections == serve.MAX_CONNECTIONS <= 1024
    monkeypatch.setattr(serve._ThreadingServer, "max_connections", 2)
    monkeypatch.setattr(serve._QuietHandler, "timeout", 5)
    srv = serve.make_server(root, 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    port = srv.server_address[1]
    try:
        idle = [socket.create_connection(srv.server_address, timeout=10) for _ in range(2)]
        for s in idle:
            s.sendall(b"GET / HTTP/1.1\r\n")  # half a request: each holds a thread
        time.sleep(0.5)
        with socket.create_connection(srv.server_address, timeout=10) as third:
            started = time.monotonic()
            assert third.recv(1024) == b""  # closed unanswered, at once
            assert time.monotonic() - started < 3
        for s in idle:
            s.close()
        for _ in range(50):  # (bounded: the held threads end when their clients go)
            try:
                if request(port, "/lecture/lecture.mp4")[0] == 200:
                    break
            except (ConnectionError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        else:
            pytest.fail("the server did not answer again after the idle connections closed")
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)
