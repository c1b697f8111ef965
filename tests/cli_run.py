"""``bdcq`` run inside the test process: the same ``bdcq_desktop.cli.main`` a console script
calls, its stdout, stderr and exit code captured as :func:`subprocess.run` would give them.

A new interpreter per command costs more than a second of CPU (SQLAlchemy and the models are
imported and configured again); most CLI tests check what a command prints and writes, which
the same code does in this process. What only a separate process shows (exit codes as the
shell sees them, no traceback on a crash, what a start imports, kills) keeps real subprocesses.

A defect in a command does not escape ``main``: it says two lines, exits 70 and writes its
traceback to errors.log in the test's data folder, which fails the test (tests/conftest.py)
unless it is marked ``writes_error_log``. Should anything still escape ``main``, it is printed
to the captured stderr as the interpreter would print it, with exit code 1. The environment, the
working folder and the change log's current user are put back afterwards: a command may set
them for its own process (``--backup-dir``, the officer's name).

The set-up the CLI tests share is here too: ``bdcq`` on a test's database, the ``demo`` fixture
(a copy of the demo database; a test module imports it with ``# noqa: F401``), ``state`` (a
digest of tables, to prove a refusal wrote nothing) and the checks of a refusal and a success.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest


def run_bdcq(
    args: Sequence[str | os.PathLike[str]],
    *,
    db: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``bdcq [--db DB] ARGS`` in this process. ``env`` replaces the environment for the
    command (as ``subprocess.run(env=...)`` does)."""
    from bdcq_desktop import cli
    from bdcq_desktop.core import audit

    argv = (["--db", str(db)] if db is not None else []) + [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    saved_env = dict(os.environ)
    saved_user = audit._current_user
    saved_cwd = Path.cwd()
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if exc.code is not None and not isinstance(exc.code, int):
                    print(exc.code, file=sys.stderr)
            except Exception:  # what the interpreter would print before exiting with 1
                traceback.print_exc()
                code = 1
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        audit.set_current_user(saved_user)
        os.chdir(saved_cwd)
    return subprocess.CompletedProcess(["bdcq", *argv], code, out.getvalue(), err.getvalue())


def created(path: Path) -> Path:
    """``path`` made a new, empty database (as ``bdcq --db PATH init`` does): the commands
    other than init, demo and restore refuse a ``--db`` file that is not there."""
    from bdcq_desktop.core.db import open_database

    open_database(path).dispose()
    return path


def bdcq(db: Path, *args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    """``bdcq --db DB ARGS`` in this process (:func:`run_bdcq`)."""
    return run_bdcq(args, db=db)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo database (tests/conftest.py's ``demo_template``) for one test."""
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, target)
    return target


def state(db: Path, tables: Sequence[str]) -> str:
    """A digest of every row of ``tables``: equal before and after means nothing was written."""
    con = sqlite3.connect(db)
    try:
        digest = hashlib.sha256()
        for table in tables:
            for row in con.execute(f"select * from {table} order by rowid"):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        con.close()


def one_line_error(out: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2 and one line on stderr (no traceback) naming every one of ``words``."""
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    for word in words:
        assert word in out.stderr, out.stderr


def refused(
    db: Path,
    before: str,
    out: subprocess.CompletedProcess[str],
    *words: str,
    tables: Sequence[str],
) -> None:
    """:func:`one_line_error`, and ``tables`` of ``db`` still as ``before`` (their
    :func:`state`): a module binds its tables with ``functools.partial``."""
    one_line_error(out, *words)
    assert state(db, tables) == before


def ok(out: subprocess.CompletedProcess[str]) -> str:
    """Exit 0: what was printed."""
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def ok_json(out: subprocess.CompletedProcess[str]) -> Any:
    """Exit 0: what was printed, read as JSON (``--format json``)."""
    return json.loads(ok(out))


def every_parser() -> list[tuple[str, argparse.ArgumentParser]]:
    """Every command's and action's parser as the command modules build it, named as typed
    (``reports edit``), groups too (``meetings``)."""
    from bdcq_desktop import cli
    from bdcq_desktop.commands.common import Parser

    found = []
    for name, (group, _) in cli.COMMANDS.items():
        holder = Parser(prog="bdcq").add_subparsers(parser_class=Parser)
        cli.command_adder(group)(holder)
        todo = [(name, holder.choices[name])]
        while todo:
            said, parser = todo.pop()
            found.append((said, parser))
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    todo += [(f"{said} {sub}", p) for sub, p in action.choices.items()]
    return found
