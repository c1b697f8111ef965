"""Shared fixtures: every test gets its own data folder, SQLite file and Qt settings."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import demo  # noqa: F401 (a copy of the demo database, for the CLI tests)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEMO_TODAY = date(2026, 11, 20)

# What runs outside a test's own folders (a module or session fixture is set up before the
# test's isolation below starts) would otherwise write to the user's real data folder: a run
# left before-demo backups and databases.tsv lines in ~/.local/share/bdcq-desktop. From the
# moment the tests are collected, in each process (xdist workers too), the data and settings
# folders point here instead; anything landing here fails the test that was running
# (_isolated), naming the files: such a fixture takes its own folder (own_data_folder).
STRAY = Path(tempfile.mkdtemp(prefix="bdcq-tests-stray-"))
atexit.register(shutil.rmtree, STRAY, True)
for _name, _sub in (
    ("BDCQ_DATA_DIR", "data"),
    ("XDG_DATA_HOME", "xdg-data"),
    ("XDG_CONFIG_HOME", "config"),
):
    os.environ[_name] = str(STRAY / _sub)
os.environ.pop("BDCQ_DATABASE_URL", None)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject's addopts): one worker more than the cores this process may run
    on. Some tests wait with their core idle, for a lock's busy timeout or a program they
    started: on 2 cores, 2 workers kept them 85 % busy (20.1 min), 3 workers 94 % (18.5 min).
    PYTEST_XDIST_AUTO_NUM_WORKERS, if set, is xdist's to read."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores + 1


@contextmanager
def own_data_folder(folder: Path) -> Iterator[None]:
    """The data and settings folders under ``folder`` while a fixture shared by several tests
    sets up (loading the demo writes a before-demo backup and its line in databases.tsv)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BDCQ_DATA_DIR", str(folder / "data"))
        mp.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        yield


def _stray_files() -> list[str]:
    return sorted(str(p.relative_to(STRAY)) for p in STRAY.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[None]:
    """No test touches the user's real data folder, database or saved window state. And no
    error nothing caught goes unseen: the window and the command line tell the officer in one
    line and write the traceback to errors.log in the data folder (core/error_log.py), for the
    test's own processes and the programs it starts; a test that finds one there fails, with
    the traceback, unless it raises one on purpose."""
    data = tmp_path / "data"
    monkeypatch.setenv("BDCQ_DATA_DIR", str(data))
    monkeypatch.delenv("BDCQ_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # Qt settles the settings file's folder once per process, so the line above does not reach
    # a worker that has shown a window already: what an earlier test remembered (a tab's view,
    # column widths) is cleared instead.
    view_state = sys.modules.get("bdcq_desktop.ui.view_state")
    if view_state is not None:
        view_state.settings().clear()
    yield
    log = data / "errors.log"
    if log.exists() and request.node.get_closest_marker("writes_error_log") is None:
        pytest.fail(
            "an error nothing caught was logged:\n" + log.read_text(encoding="utf-8"),
            pytrace=False,
        )
    stray = _stray_files()
    if stray:
        # Emptied, so that the next test is not blamed as well.
        for child in STRAY.iterdir():
            shutil.rmtree(child, ignore_errors=True)
        pytest.fail(
            "written outside the test's own folders (during this test or a module or session "
            "fixture set up for it; give the fixture own_data_folder):\n  "
            + "\n  ".join(stray),
            pytrace=False,
        )


def _sigint_ignored() -> bool | None:
    """Whether the process ignores SIGINT at the system's level (None where /proc is not):
    what a C library sets there is not in :func:`signal.getsignal`, and a child inherits it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("SigIgn:"):
                    return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    except OSError:
        pass
    return None


@contextmanager
def sigint_kept() -> Iterator[None]:
    """Ctrl+C as the block found it, or a failure naming the change (and it put back)."""
    handler, ignored = signal.getsignal(signal.SIGINT), _sigint_ignored()
    yield
    now_handler, now_ignored = signal.getsignal(signal.SIGINT), _sigint_ignored()
    if now_handler == handler and now_ignored == ignored:
        return
    signal.signal(signal.SIGINT, handler if handler is not None else signal.SIG_DFL)
    pytest.fail(
        f"SIGINT left changed: handler {handler!r} -> {now_handler!r}, ignored by the system "
        f"{ignored} -> {now_ignored}",
        pytrace=False,
    )


@pytest.fixture(autouse=True)
def _sigint_kept() -> Iterator[None]:
    """A worker whose SIGINT an earlier test left ignored starts every later child with it
    ignored: test_ctrl_c_stops_a_command_in_one_line's command then never heard its Ctrl+C
    (CI, 60 s). The test that changes it fails, and it is put back for the next."""
    with sigint_kept():
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bcd.sqlite3"


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new, empty SQLite file per test run (per worker process), created the way the
    application creates one; tests get a copy."""
    from bdcq_desktop.core.db import open_database

    path = tmp_path_factory.mktemp("empty") / "empty.sqlite3"
    with own_data_folder(path.parent):
        open_database(path).dispose()
    return path


@pytest.fixture
def migrated_db(tmp_path: Path) -> Iterator[object]:
    """An empty SQLite database brought to head by running every migration from the first:
    the way an existing user's database got its schema (a new file is created at head)."""
    from bdcq_desktop.core.engine import Database, sqlite_url
    from bdcq_desktop.core.migrate import upgrade

    database = Database(sqlite_url(tmp_path / "migrated.sqlite3"))
    upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def db(db_path: Path, empty_template: Path) -> Iterator[object]:
    """A fresh, empty database at ``db_path`` (a copy of the template, then opened the way the
    application opens it)."""
    import shutil

    from bdcq_desktop.core.db import open_database

    shutil.copyfile(empty_template, db_path)
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database per test run; tests get a copy (loading takes a moment)."""
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with own_data_folder(path.parent):
        database = open_database(path)
        # Documents tests need an empty register: the core's load issues nothing (`bdcq demo`
        # issues the past documents through bdcq_desktop.documents.demo, tested there).
        load_demo(database, today=DEMO_TODAY)
        database.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[object]:
    import shutil

    from bdcq_desktop.core.db import open_database

    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, target)
    database = open_database(target)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    from tests.pg import postgres_server

    with postgres_server() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("CI needs a PostgreSQL server (install the postgresql package)")
            pytest.skip("no PostgreSQL server available (install the postgresql package)")
        yield url


PG_TEMPLATE = "bdcq_migrated"


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> str:
    """A database migrated once per run; each test's database is created from it (PostgreSQL
    copies a template's files, far quicker than running the migrations again)."""
    from bdcq_desktop.core.db import open_database
    from tests.pg import recreate_database

    url = recreate_database(pg_server, PG_TEMPLATE)
    open_database(url).dispose()
    return PG_TEMPLATE


@pytest.fixture
def pg_db(request: pytest.FixtureRequest, pg_server: str) -> Iterator[object]:
    """A freshly migrated PostgreSQL database at ``pg_server``'s URL, made anew for each test."""
    from sqlalchemy import text

    from bdcq_desktop.core.db import Database, open_database

    if os.environ.get("BDCQ_TEST_PG_URL"):
        # A server of someone else's: its database is emptied, never dropped.
        admin = Database(pg_server)
        with admin.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        admin.dispose()
    else:
        from tests.pg import recreate_database

        template = request.getfixturevalue("pg_template")
        recreate_database(pg_server, None, template=template)
    database = open_database(pg_server)
    yield database
    database.dispose()


# -- hostile cases run (tests/hostile_strategies.py counts them) ------------------------------
_HOSTILE_TOTALS: dict[str, int] = {}
_HOSTILE_OUTCOMES: dict[str, tuple[int, int]] = {}
# Fewer cases stored than this in a test whose Tally is reported is named at the end of the run:
# one drawing so few valid values is a change of strategy away from storing none.
_FEW_STORED = 5


def _hostile_module() -> Any:
    import sys

    return sys.modules.get("tests.hostile_strategies")


def _hostile_counts() -> dict[str, int]:
    return dict(getattr(_hostile_module(), "CASES_RUN", {}))


def _hostile_outcomes() -> dict[str, tuple[int, int]]:
    module = _hostile_module()
    return module.outcomes() if module is not None else {}


def pytest_sessionfinish(session: pytest.Session) -> None:
    # An xdist worker hands its counts to the controller with its other output.
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["hostile_cases"] = _hostile_counts()
        output["hostile_outcomes"] = {k: list(v) for k, v in _hostile_outcomes().items()}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    output = getattr(node, "workeroutput", {})
    for key, n in output.get("hostile_cases", {}).items():
        _HOSTILE_TOTALS[key] = _HOSTILE_TOTALS.get(key, 0) + n
    for key, (stored, refused) in output.get("hostile_outcomes", {}).items():
        _HOSTILE_OUTCOMES[key] = (stored, refused)


def pytest_terminal_summary(terminalreporter: object, config: pytest.Config) -> None:
    totals = dict(_HOSTILE_TOTALS)
    for key, n in _hostile_counts().items():  # a run without workers
        totals[key] = totals.get(key, 0) + n
    if totals:
        per_file: dict[str, int] = {}
        for key, n in totals.items():
            per_file[key.split("::")[0]] = per_file.get(key.split("::")[0], 0) + n
        lines = [f"  {name}: {n}" for name, n in sorted(per_file.items())]
        terminalreporter.write_line(  # type: ignore[attr-defined]
            "hostile cases run: " + str(sum(totals.values())) + "\n" + "\n".join(lines)
        )
    # Stored / refused per test with a Tally: every test with HOSTILE_OUTCOMES=1, else those
    # that stored fewer than _FEW_STORED of their cases.
    outcomes = {**_HOSTILE_OUTCOMES, **_hostile_outcomes()}
    every = os.environ.get("HOSTILE_OUTCOMES") == "1"
    shown = {k: v for k, v in outcomes.items() if every or v[0] < _FEW_STORED}
    if shown:
        title = "stored / refused per test" if every else f"stored fewer than {_FEW_STORED}"
        terminalreporter.write_line(  # type: ignore[attr-defined]
            f"hostile cases {title}:\n"
            + "\n".join(
                f"  {key}: {stored} stored, {refused} refused of {totals.get(key, 0)}"
                for key, (stored, refused) in sorted(shown.items())
            )
        )


@pytest.fixture
def immutable() -> Iterator[Any]:
    """``immutable(path)`` makes a file or folder read-only for everyone, root included (the
    tests run as root, for whom permission bits stop nothing): ``chattr +i``, as a
    write-protected stick or a read-only share would be. On it ``os.access`` says "not
    writable", so the app takes the path it takes for any file it cannot write. Undone after
    the test; skipped where the attribute is not available."""
    import subprocess

    done: list[Path] = []

    def make(path: Path) -> None:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not available here")
        done.append(path)

    yield make
    for path in done:
        subprocess.run(["chattr", "-i", str(path)], check=True)
