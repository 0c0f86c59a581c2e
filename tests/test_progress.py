"""The progress display: live bars on a terminal (a real pseudo-terminal here), plain lines in a pipe."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

from lecture_render import derivatives


def _on_a_terminal(cwd, *args: str) -> tuple[int, str]:
    """Run `derivatives ARGS` with a pseudo-terminal of 120 columns as its output; its exit status and
    everything it wrote."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "scenes", *args],
        cwd=cwd,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    )
    os.close(follower)
    out = bytearray()
    while True:
        try:
            block = os.read(leader, 65536)
        except OSError as err:  # EIO: the terminal's other side is closed
            if err.errno != errno.EIO:
                raise
            break
        if not block:
            break
        out += block
    os.close(leader)
    return process.wait(timeout=120), out.decode(errors="replace")


def test_render_draws_live_bars_on_a_terminal(tmp_path):
    code, text = _on_a_terminal(tmp_path, "render", "-q", "l", "--voice", "none", "TheLine")
    assert code == 0, text
    assert "\x1b[2K" in text  # lines erased and drawn again in place
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # what the terminal shows, without its codes
    assert re.search(r"scenes +━+ 0/1 elapsed \d+:\d\d:\d\d left -:--:-- +running: TheLine", shown)
    assert re.search(r"scenes +━+ 1/1 elapsed \d+:\d\d:\d\d left 0:00:00", shown)
    assert re.search(r"\[1/1\] TheLine rendered in [0-9.]+ s", shown)


def test_render_writes_plain_lines_into_a_pipe(tmp_path):
    result = derivatives(tmp_path, "render", "-q", "l", "--voice", "none", "Opening")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\r" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "1 scene(s) to render, 0 from the cache"
    assert re.fullmatch(r"\[1/1\] Opening rendered in [0-9.]+ s", lines[1])
