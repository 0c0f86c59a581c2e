"""The files `derivatives serve` answers with: a small WSGI application of static files, read-only.

What it serves: regular files inside the root, by GET and HEAD, with ETag and Last-Modified, 304 for a
matching If-None-Match or If-Modified-Since, and one byte range per request as RFC 9110 defines it
(``bytes=0-0`` and ``bytes=-1`` are one byte, ``bytes=-0`` and a range past the end are 416 with
``Content-Range: bytes */size``, a malformed or multi-part Range is ignored and the whole file sent,
``If-Range`` applies the range only while the file still has that ETag or Last-Modified date). A folder
gives its index.html (the root without one: the index of rendered lectures, made for each request and
never written to disk).

What it does not: any path with a segment that begins with a dot (``.cache``, ``.git``, ``..``), a file
or folder reached through a link that leads out of the root, anything but a regular file (a FIFO, a
device, a socket: 404, and nothing read), any method but GET and HEAD (405), and any request whose Host
header is not 127.0.0.1 or localhost, with the server's port or none (400: a page of another site that
renamed itself to this address, DNS rebinding, is refused).
"""

from __future__ import annotations

import mimetypes
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote

__all__ = ["CHUNK", "static_app"]

#: Bytes read and sent at a time.
CHUNK = 64 * 1024
_TYPES = {".mp4": "video/mp4", ".vtt": "text/vtt", ".srt": "text/plain", ".json": "application/json"}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)\Z")
_HOSTS = ("127.0.0.1", "localhost")


def _type(path: Path) -> str:
    kind = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else kind


def host_allowed(host: str | None, port: int) -> bool:
    """Whether a Host header names this server: 127.0.0.1 or localhost, with its port or none.

    >>> [host_allowed(h, 8000) for h in ("127.0.0.1:8000", "localhost", "evil.example:8000", None)]
    [True, True, False, False]
    >>> host_allowed("127.0.0.1:8001", 8000), host_allowed("LOCALHOST:8000", 8000)
    (False, True)
    """
    if not host:
        return False
    name, _, given = host.lower().partition(":")
    return name in _HOSTS and given in ("", str(port))


def byte_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """The (first, last) byte positions a Range header asks for; None to send the whole file (no
    header, another unit, a malformed or multi-part one); 'unsatisfiable' for a 416.

    >>> [byte_range(h, 10) for h in ("bytes=0-0", "bytes=-1", "bytes=2-", "bytes=5-100", "bytes=-20")]
    [(0, 0), (9, 9), (2, 9), (5, 9), (0, 9)]
    >>> [byte_range(h, 10) for h in ("bytes=-0", "bytes=10-", "bytes=3-2", "bytes=0-1,4-5", "items=0-1", None)]
    ['unsatisfiable', 'unsatisfiable', None, None, None, None]
    """
    if header is None:
        return None
    match = _RANGE.match(header.strip().replace(" ", ""))
    if not match or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # a suffix: the last N bytes
        suffix = int(last)
        return (max(size - suffix, 0), size - 1) if suffix and size else "unsatisfiable"
    start = int(first)
    if last != "" and int(last) < start:
        return None  # invalid: ignored (RFC 9110 14.1.1)
    if start >= size:
        return "unsatisfiable"
    return start, size - 1 if last == "" else min(int(last), size - 1)


def _validators(st: os.stat_result) -> tuple[str, str]:
    return f'"{st.st_size:x}-{st.st_mtime_ns:x}"', formatdate(st.st_mtime, usegmt=True)


def _if_range_holds(value: str | None, etag: str, modified: str, mtime: float) -> bool:
    """Whether an If-Range lets the Range apply: a strong ETag equal to the current one, or the
    current Last-Modified date itself (a strong validator only when older than a second)."""
    if value is None:
        return True
    value = value.strip()
    if value.startswith(('"', "W/")):
        return value == etag  # (a weak tag never matches)
    return value == modified and time.time() - mtime >= 1


def _not_modified(environ, etag: str, mtime: float) -> bool:
    tags = environ.get("HTTP_IF_NONE_MATCH")
    if tags is not None:
        return tags.strip() == "*" or etag in [t.strip().removeprefix("W/") for t in tags.split(",")]
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since:
        try:
            return int(mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, OverflowError):
            return False
    return False


class _File:
    """An open file's bytes from *first* to *last*, in chunks; closed when the server is done."""

    def __init__(self, fd: int, first: int, last: int):
        self.fd, self.first, self.left = fd, first, last - first + 1

    def __iter__(self) -> Iterator[bytes]:
        os.lseek(self.fd, self.first, os.SEEK_SET)
        while self.left > 0:
            try:
                data = os.read(self.fd, min(CHUNK, self.left))
            except OSError:  # (unreadable after all: the response ends short)
                return
            if not data:  # (the file was cut short while being sent)
                return
            self.left -= len(data)
            yield data

    def close(self) -> None:
        os.close(self.fd)


def _inside(root: Path, segments: list[str]) -> Path | None:
    """The real path the segments name inside *root*, or None: a dot segment, or a link out of it."""
    if any(s.startswith(".") or "\\" in s or "\0" in s for s in segments):
        return None
    try:
        real = root.joinpath(*segments).resolve(strict=True)
        inner = real.relative_to(root)
    except (OSError, ValueError, RuntimeError):  # missing, a link out of the root, a link loop
        return None
    return None if any(part.startswith(".") for part in inner.parts) else real


def static_app(root: Path, port: Callable[[], int], index: Callable[[Path], str]):
    """A WSGI application serving *root* (see the module's doc); *port* says the server's port (known
    once it listens), *index* makes the root's index page when the root has no index.html."""
    root = root.resolve()

    def app(environ, start_response):
        def answer(status: str, body: bytes = b"", headers: tuple = ()) -> list[bytes]:
            start_response(status, [("Content-Length", str(len(body))), *headers])
            return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

        plain = (("Content-Type", "text/plain; charset=utf-8"),)
        if not host_allowed(environ.get("HTTP_HOST"), port()):
            return answer("400 Bad Request", b"Host must be 127.0.0.1 or localhost\n", plain)
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return answer("405 Method Not Allowed", b"GET and HEAD only\n", (*plain, ("Allow", "GET, HEAD")))
        raw = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        segments = [s for s in raw.split("/") if s]
        path = _inside(root, segments)
        if path is not None and path.is_dir():
            if not raw.endswith("/"):
                location = quote(raw + "/")
                return answer("301 Moved Permanently", b"", (("Location", location),))
            if path == root and not (root / "index.html").exists():
                page = index(root).encode("utf-8")
                html = (("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache"))
                return answer("200 OK", page, html)
            path = _inside(root, [*segments, "index.html"])
        if path is None:
            return answer("404 Not Found", b"Not found\n", plain)
        return _serve_file(environ, start_response, path, answer)

    def guarded(environ, start_response):  # (anything unforeseen: a one-line 500, no traceback)
        try:
            return app(environ, start_response)
        except Exception as err:
            print(f"serve: {environ.get('PATH_INFO', '')!r}: {type(err).__name__}: {err}", file=sys.stderr)
            start_response(
                "500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")], sys.exc_info()
            )
            return [b"Internal error\n"]

    return guarded


def _serve_file(environ, start_response, path: Path, answer):
    try:  # without following a last link (resolved already) and without waiting on a FIFO
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return answer("404 Not Found", b"Not found\n", (("Content-Type", "text/plain; charset=utf-8"),))
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return answer("404 Not Found", b"Not found\n", (("Content-Type", "text/plain; charset=utf-8"),))
    etag, modified = _validators(st)
    common = [
        ("ETag", etag),
        ("Last-Modified", modified),
        ("Accept-Ranges", "bytes"),
        ("Cache-Control", "no-cache"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    if _not_modified(environ, etag, st.st_mtime):
        os.close(fd)
        start_response("304 Not Modified", common)
        return []
    size, status, first, last = st.st_size, "200 OK", 0, st.st_size - 1
    wanted = byte_range(environ.get("HTTP_RANGE"), size) if environ["REQUEST_METHOD"] == "GET" else None
    if wanted is not None and _if_range_holds(environ.get("HTTP_IF_RANGE"), etag, modified, st.st_mtime):
        if wanted == "unsatisfiable":
            os.close(fd)
            return answer("416 Range Not Satisfiable", b"", (*common, ("Content-Range", f"bytes */{size}")))
        first, last = wanted
        status = "206 Partial Content"
        common.append(("Content-Range", f"bytes {first}-{last}/{size}"))
    start_response(
        status, [("Content-Type", _type(path)), ("Content-Length", str(last - first + 1)), *common]
    )
    if environ["REQUEST_METHOD"] == "HEAD":
        os.close(fd)
        return []
    return _File(fd, first, last)
