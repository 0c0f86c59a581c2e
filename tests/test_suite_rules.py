"""The suite's own rules, checked on small suites run as CI runs this one: a skip fails the run wherever
it happens, collection included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent

CASES = {
    "a skip in a test": "import pytest\ndef test_a():\n    pytest.skip('no')\ndef test_b():\n    pass\n",
    "a module skipped while collected": (
        "import pytest\npytest.skip('no', allow_module_level=True)\ndef test_a():\n    pass\n"
    ),
    "importorskip": "import pytest\npytest.importorskip('no_such_module_here')\ndef test_a():\n    pass\n",
    "an xfail": "import pytest\n@pytest.mark.xfail(strict=False)\ndef test_a():\n    assert False\n",
}


def _run(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
        capture_output=True,
        text=True,
        cwd=folder,
    )


@pytest.mark.parametrize("source", list(CASES.values()), ids=list(CASES))
def test_a_skip_anywhere_fails_the_run(tmp_path, source):
    shutil.copy(HERE / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_other.py").write_text("def test_fine():\n    pass\n")
    (tmp_path / "test_case.py").write_text(source)
    result = _run(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "a skip is not a pass here" in result.stdout


def test_a_suite_that_passes_passes(tmp_path):
    shutil.copy(HERE / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_other.py").write_text("def test_fine():\n    pass\n")
    result = _run(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "1 passed" in result.stdout
