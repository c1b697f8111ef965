"""The suite's own guard (tests/conftest.py): an error written to errors.log during a test (by
the window's hook or the command line, in the test's process or one it started) fails the
test, with the traceback, unless the test is marked ``writes_error_log``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

INNER = '''
import pytest

from bdcq_desktop.core.error_log import ErrorLog


def test_unmarked():
    ErrorLog().write("RuntimeError: lỗi của chương trình")


@pytest.mark.writes_error_log
def test_marked():
    ErrorLog().write("RuntimeError: lỗi cố ý")


def test_clean():
    pass
'''


def test_an_error_logged_fails_the_test_unless_it_is_expected(tmp_path: Path) -> None:
    (tmp_path / "test_inner.py").write_text(INNER, encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-n0", "-p", "no:cacheprovider",
            "-p", "tests.conftest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path),
            str(tmp_path / "test_inner.py"),
        ],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    # test_unmarked passes its own assertions (none) and errs at its teardown
    assert "3 passed, 1 error" in out.stdout, out.stdout + out.stderr
    assert "ERROR at teardown of test_unmarked" in out.stdout
    assert "an error nothing caught was logged" in out.stdout
    assert "RuntimeError: lỗi của chương trình" in out.stdout
    assert "lỗi cố ý" not in out.stdout
