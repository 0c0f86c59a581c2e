"""scripts/setup: a second run installs nothing; without root, a missing package is one clear line."""

import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_second_setup_run_installs_nothing():
    # The suite runs after `scripts/setup --test` (make test), so everything is already there.
    result = subprocess.run([str(ROOT / "scripts/setup"), "--test"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_without_root_a_missing_package_names_the_command(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dpkg-query").write_text(
        '#!/bin/sh\n[ "$3" = texlive-latex-extra ] && exit 1\necho "install ok installed"\n'
    )
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "apt-get").write_text("#!/bin/sh\necho apt-get must not run >&2; exit 99\n")
    for tool in fake.iterdir():
        tool.chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}")
    result = subprocess.run([str(ROOT / "scripts/setup")], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "setup: missing Debian packages; install them with: "
        "sudo apt-get install --no-install-recommends texlive-latex-extra"
    )
