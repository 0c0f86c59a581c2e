"""Suite-wide rules: a skipped or xfailed test fails the run (a skip is not a pass)."""

from __future__ import annotations

import pytest

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
