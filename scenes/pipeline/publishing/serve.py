"""`derivatives serve`: renders/ over HTTP on 127.0.0.1, so the lectures can be watched in a browser.

Python's http.server answers a Range request with the whole file, and a browser then cannot seek in
the video (Chromium marks it unseekable and ignores currentTime). scenes/pipeline/publishing/static.py serves the
files (Range as RFC 9110 has it, HEAD, ETag, Last-Modified; no dotfiles, no links out of the root, no
Host but 127.0.0.1 or localhost) under the standard library's WSGI server, one thread per connection,
so a video held open does not block the page; a connection idle for IDLE_TIMEOUT seconds is closed.
Files are looked up on each request, so a render published while serving shows. Serving writes
nothing: the root's index page, when it has no index.html, is made for each request.
"""

from __future__ import annotations

import argparse
import errno
import sys
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as wsgi_server

from derivlib.numbers import ParameterError
from scenes.pipeline.publishing.site import site_index
from scenes.pipeline.publishing.static import static_app
from scenes.pipeline.settings import DEFAULT_PORT

__all__ = ["IDLE_TIMEOUT", "MAX_CONNECTIONS", "cmd_serve", "make_server"]

HOST = "127.0.0.1"
#: Seconds a connection may send nothing (or take nothing) before it is closed.
IDLE_TIMEOUT = 20


#: Connections served at once (a thread each); one more is closed at once, so that idle or half-open
#: connections cannot pile up threads without end (each is closed after IDLE_TIMEOUT anyway).
MAX_CONNECTIONS = 256


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    max_connections = MAX_CONNECTIONS

    def server_activate(self):
        super().server_activate()
        self._slots = threading.BoundedSemaphore(self.max_connections)

    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):  # (too many at once: this one is closed unanswered)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address):  # a client gone or idle: nothing to report
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # (TimeoutError, ConnectionResetError, BrokenPipeError ...)
            print(f"serve: {type(error).__name__}: {error}", file=sys.stderr)


class _QuietHandler(WSGIRequestHandler):
    timeout = IDLE_TIMEOUT  # (StreamRequestHandler sets it on the connection's socket)

    def log_message(self, format, *args):  # one line per request would drown the URL
        pass


def make_server(root: Path, port: int = DEFAULT_PORT, host: str = HOST) -> WSGIServer:
    """A server of *root*'s files (not started); port 0 takes a free one."""
    holder: list[WSGIServer] = []
    app = static_app(Path(root), lambda: holder[0].server_address[1], site_index)
    server = wsgi_server(host, port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)
    holder.append(server)
    return server


def cmd_serve(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        raise ParameterError("root", f"{root} is not a folder; render a lecture first (derivatives render)")
    if not 0 <= args.port <= 65535:
        raise ParameterError("port", f"{args.port} is not a port number (0 to 65535)")
    try:
        server = make_server(root, args.port)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise ParameterError("port", f"{args.port} is in use; give another with --port") from None
        raise ParameterError("port", f"cannot listen on {HOST}:{args.port}: {err.strerror}") from None
    host, port = server.server_address[:2]
    print(f"serving {root}/ at http://{host}:{port}/  (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0
