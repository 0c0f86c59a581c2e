"""Suite-wide rules: a skipped or xfailed test fails the run (a skip is not a pass)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # helpers shared by test folders

_not_run: list[str] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped:
        _not_run.append(item.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _not_run and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _not_run:
        terminalreporter.write_line(
            f"FAILED: {len(_not_run)} test(s) skipped or xfailed; a skip is not a pass here:", red=True
        )
        for nodeid in _not_run:
            terminalreporter.write_line(f"  {nodeid}", red=True)


@pytest.fixture(scope="session")
def lecture_project(tmp_path_factory):
    """A project folder in which `derivatives render -q l` has rendered the whole lecture once."""
    from lecture_render import render

    cwd = tmp_path_factory.mktemp("project")
    report = render(cwd)
    assert report["published"] and not report["reused"]
    return cwd
