"""Suite-wide rules: a skipped or xfailed test fails the run (a skip is not a pass), wherever the skip
happens: while a test runs, in its set-up, or while a module is collected (`pytest.skip(...,
allow_module_level=True)`, `pytest.importorskip`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))  # helpers shared by test folders

# No time limit per example: on two cores shared with renders an example can take longer than
# Hypothesis's default 200 ms, which failed a property that held (DeadlineExceeded is not a wrong result).
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

_not_run: list[str] = []
#: what pytest's own summary counts as not having passed, though it does not fail the run
_NOT_RUN_KINDS = ("skipped", "xfailed", "xpassed")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped:
        _not_run.append(item.nodeid)


def pytest_collectreport(report):
    if report.skipped:
        _not_run.append(f"{report.nodeid} (skipped while collecting)")


def _counted(session) -> int:
    """Skips, xfails and xpasses as pytest's final summary counts them."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = getattr(reporter, "stats", {}) if reporter is not None else {}
    return sum(len(stats.get(kind, [])) for kind in _NOT_RUN_KINDS)


def pytest_sessionfinish(session, exitstatus):
    if (_not_run or _counted(session)) and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    counted = sum(len(terminalreporter.stats.get(kind, [])) for kind in _NOT_RUN_KINDS)
    if _not_run or counted:
        terminalreporter.write_line(
            f"FAILED: {max(len(_not_run), counted)} test(s) or module(s) skipped or xfailed; "
            "a skip is not a pass here:",
            red=True,
        )
        for nodeid in _not_run:
            terminalreporter.write_line(f"  {nodeid}", red=True)


#: Test files that read the same renders, made once per process (tests/scenes/conftest.py's stills):
#: their tests are grouped by the parameter set they render (the first part of their id), each group one
#: unit of work for pytest-xdist, so that no still is rendered twice in a run and the stills of the
#: thirteen sets are shared out between the workers (one unit for all of them kept one worker busy for
#: longer than the rest of the suite took the other).
SHARING_STILLS = (
    "tests/scenes/test_scenes.py",
    "tests/scenes/test_curve_scenes.py",
    "tests/scenes/test_labels.py",
    "tests/scenes/test_pictures.py",
)


#: a still test's id: its parameter set (lower case, perhaps hyphenated), then perhaps its scene's name
_SET_ID = re.compile(r"\[([a-z][a-z0-9-]*?)(?:-[A-Z]\w*)?\]$")


def unit_of_work(nodeid: str, file_scope: str) -> str:
    """The unit a test is scheduled in: its file, or for the still tests, the parameter set it renders
    (a still test whose id names no set, such as one reading two sets, stays with its file).

    >>> unit_of_work("tests/scenes/test_scenes.py::test_x[inverse-one-APoint]", "tests/scenes/test_scenes.py")
    'the scene stills of inverse-one'
    >>> unit_of_work("tests/scenes/test_labels.py::test_y[square]", "tests/scenes/test_labels.py")
    'the scene stills of square'
    >>> unit_of_work("tests/scenes/test_curve_scenes.py::t[SlopeIsDerivative-0]", "tests/scenes/test_curve_scenes.py")
    'tests/scenes/test_curve_scenes.py'
    >>> unit_of_work("tests/test_cli.py::test_z[default-Opening]", "tests/test_cli.py")
    'tests/test_cli.py'
    """
    if file_scope not in SHARING_STILLS:
        return file_scope
    found = _SET_ID.search(nodeid)
    return f"the scene stills of {found[1]}" if found else file_scope


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`pytest -n auto --dist loadfile` (make test): each file is one unit of work for one worker, as
    pytest-xdist does it, except that the files of SHARING_STILLS are one unit together."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of_work(nodeid, super()._split_scope(nodeid))

    return Scheduling(config, log)


@pytest.fixture(scope="session")
def lecture_project(tmp_path_factory, request):
    """A project folder in which `derivatives render -q l` has rendered the whole lecture, once per test
    run: the first process of the run that asks renders it, under a file lock, and every other (the
    pytest-xdist workers of the same run) waits for it and reads the same folder. Tests only read it;
    a test that changes things works on a copy (lecture_render.copy_project)."""
    from lecture_render import shared_render

    # a run's xdist workers each get a base folder inside the run's own (as pytest-xdist documents);
    # without xdist (-p no:xdist) the process's base folder is the run's
    run = tmp_path_factory.getbasetemp()
    worker = hasattr(request.config, "workerinput")
    return shared_render(run.parent if worker else run, "lecture-project")
