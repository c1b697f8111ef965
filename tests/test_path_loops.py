"""A path typed by a user that cannot be resolved (a link leading back to itself) is refused
in Vietnamese, naming it, by the core and the command line: never Python's error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.backup_folder import set_backup_dir
from bdcq_desktop.core.calendar_ics import write_ics
from bdcq_desktop.core.engine import resolve_url
from bdcq_desktop.core.errors import BcdError


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    path = tmp_path / "vòng.sqlite3"
    path.symlink_to(path)
    return path


def _refused_naming(exc: BcdError, path: Path) -> None:
    assert str(path) in exc.message and "liên kết vòng" in exc.message
    assert "\n" not in exc.message


def test_the_database_path(loop: Path) -> None:
    with pytest.raises(BcdError) as caught:
        resolve_url(str(loop))
    _refused_naming(caught.value, loop)


def test_the_backup_folder(loop: Path) -> None:
    with pytest.raises(BcdError) as caught:
        set_backup_dir(loop)
    _refused_naming(caught.value, loop)


def test_a_calendar_file(db: Any, tmp_path: Path) -> None:
    target = tmp_path / "lịch.ics"
    target.symlink_to(target)
    with pytest.raises(BcdError) as caught:
        write_ics(db, target)
    _refused_naming(caught.value, target)


def test_the_command_line(loop: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(loop), "members", "list"],
        capture_output=True, text=True, env=dict(os.environ), timeout=120,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert str(loop) in out.stderr and len(out.stderr.strip().splitlines()) == 1
