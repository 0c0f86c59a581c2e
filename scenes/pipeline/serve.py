"""`derivatives serve`: renders/ over HTTP on 127.0.0.1, so the lectures can be watched in a browser.

Python's http.server answers a Range request with the whole file, and a browser then cannot seek in
the video (Chromium marks it unseekable and ignores currentTime). WhiteNoise serves static files with
HTTP Range (and HEAD, ETag, Last-Modified, index.html for a folder); it runs here under the standard
library's WSGI server, one thread per connection, so a video held open does not block the page. Files
are looked up on each request (WhiteNoise's autorefresh), so a render published while serving shows.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as wsgi_server

from whitenoise import WhiteNoise

from derivlib.numbers import ParameterError
from scenes.pipeline.site import write_site_index

__all__ = ["DEFAULT_PORT", "add_parser", "cmd_serve", "make_server"]

DEFAULT_PORT = 8000
HOST = "127.0.0.1"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # one line per request would drown the URL
        pass


def _not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Not found\n"]


def make_server(root: Path, port: int = DEFAULT_PORT, host: str = HOST) -> WSGIServer:
    """A server of *root*'s files (not started); port 0 takes a free one."""
    # (allow_all_origins off: no page of another site may read these files through a visitor's browser)
    app = WhiteNoise(
        _not_found, root=str(root), index_file=True, autorefresh=True, max_age=0, allow_all_origins=False
    )
    return wsgi_server(host, port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)


def add_parser(sub) -> None:
    """The `serve` subcommand's arguments."""
    p = sub.add_parser("serve", help="serve renders/ on 127.0.0.1 and print the URL", allow_abbrev=False)
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)"
    )
    p.add_argument("--root", default="renders", help="the folder to serve (default: renders)")


def cmd_serve(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        raise ParameterError("root", f"{root} is not a folder; render a lecture first (derivatives render)")
    if not 0 <= args.port <= 65535:
        raise ParameterError("port", f"{args.port} is not a port number (0 to 65535)")
    write_site_index(root)
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
