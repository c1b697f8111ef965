"""errors.log (core/error_log.py): each error written once a run, kept under its size, and a
log that cannot be written (a full disk, a rotation refused) says so to its caller, never by
printing logging's own traceback on the officer's screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from bdcq_desktop.core import error_log
from bdcq_desktop.core.error_log import ErrorLog, describe

pytestmark = pytest.mark.writes_error_log


def test_each_error_is_written_once_a_run(tmp_path: Path) -> None:
    log = ErrorLog(tmp_path / "errors.log")
    for _ in range(3):
        assert log.write("RuntimeError: một lỗi") == tmp_path / "errors.log"
    log.write("ValueError: lỗi khác")
    log.close()
    text = (tmp_path / "errors.log").read_text(encoding="utf-8")
    assert text.count("RuntimeError: một lỗi") == 1
    assert text.count("ValueError: lỗi khác") == 1
    assert text.startswith("--- ")  # each entry dated


def test_the_default_log_is_in_the_data_folder(tmp_path: Path) -> None:
    log = ErrorLog()
    assert log.write_exception(ValueError("x")) == tmp_path / "data" / "errors.log"
    log.close()
    assert "ValueError: x" in (tmp_path / "data" / "errors.log").read_text(encoding="utf-8")


def test_a_full_disk_is_told_to_the_caller_not_printed(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "errors.log"
    path.symlink_to("/dev/full")  # every write: "No space left on device"
    log = ErrorLog(path)
    assert log.write("RuntimeError: một lỗi") is None
    log.close()  # flushing again raises nothing either
    assert capfd.readouterr().err == ""


def test_a_rotation_refused_is_told_to_the_caller_not_printed(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(error_log, "LOG_BYTES", 1_000)
    path = tmp_path / "errors.log"
    path.write_text("x" * 2_000, encoding="utf-8")
    (tmp_path / "errors.log.1").mkdir()  # the older log's place cannot be taken
    log = ErrorLog(path)
    assert log.write("RuntimeError: một lỗi") is None
    log.close()
    assert capfd.readouterr().err == ""
    assert "một lỗi" not in path.read_text(encoding="utf-8")


def test_an_error_that_cannot_say_itself_is_named_by_its_kind() -> None:
    class Broken(Exception):
        def __str__(self) -> str:
            raise ValueError("no words")

    assert describe(Broken()) == "Broken"
    assert describe(KeyError()) == "KeyError"
    assert describe(OSError("đĩa đầy")) == "đĩa đầy"
