"""``bdcq-desktop --self-test`` fails, saying what is wrong, on a damaged install: a font
missing (the document check, run in a second process, fails while the window's checks pass),
a tab that cannot be built, a record that cannot be read. The second process's own troubles
are reported (a crash) or worked around (a program that cannot be started runs the check in
the first process)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bdcq_desktop.ui.document_check import DRAWN, DocumentCheck
from tests.damaged_install import PACKAGE
from tests.damaged_install import damaged_install as _install


def _self_test(root: Path, demo_template: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    db = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, db)
    return subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--self-test", "--db", str(db)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,  # not the checkout
        env={**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"},
    )


def test_a_missing_font_fails_the_self_test(tmp_path: Path, demo_template: Path) -> None:
    root = _install(tmp_path, lambda p: (p / "assets/fonts/LiberationSerif-Bold.ttf").unlink())
    out = _self_test(root, demo_template, tmp_path)
    assert out.returncode == 1, out.stderr
    assert out.stdout.count("rendered") == 4  # the window's half passed meanwhile
    assert "self-test: official document not drawn: BcdError:" in out.stderr
    assert "LiberationSerif-Bold.ttf" in out.stderr
    assert "FAILED ['PDF']" in out.stderr
    assert "self-test: ok" not in out.stdout


def test_a_tab_that_cannot_be_built_fails_the_self_test(
    tmp_path: Path, demo_template: Path
) -> None:
    def damage(package: Path) -> None:
        tab = package / "ui/tabs/reports_tab.py"
        tab.write_text('raise ImportError("reports tab left out of the bundle")\n')

    out = _self_test(_install(tmp_path, damage), demo_template, tmp_path)
    assert out.returncode != 0
    assert "reports tab left out of the bundle" in out.stderr
    assert "self-test: ok" not in out.stdout


def test_a_record_that_cannot_be_read_fails_the_self_test(
    tmp_path: Path, demo_template: Path
) -> None:
    """The meetings tab builds and lists its rows, but the selected meeting's record, read once
    the rows are painted (in a slot: Qt prints the error and goes on), cannot be: the self-test
    says which tab, and fails."""

    def damage(package: Path) -> None:
        module = package / "core/meetings.py"
        module.write_text(
            module.read_text(encoding="utf-8")
            + "\n\ndef get_meeting(*args, **kwargs):\n"
            + "    raise ImportError('the meeting record left out of the bundle')\n",
            encoding="utf-8",
        )

    out = _self_test(_install(tmp_path, damage), demo_template, tmp_path)
    assert out.returncode == 1, out.stderr
    assert out.stdout.count("rendered") == 4  # every tab built, listed and painted
    assert (
        "self-test: meetingsTab (Cuộc họp): ImportError: the meeting record left out of the bundle"
        in out.stderr
    )
    assert "FAILED ['Cuộc họp']" in out.stderr
    assert "self-test: ok" not in out.stdout


def test_the_document_check_process_writes_its_verdict(tmp_path: Path) -> None:
    result = tmp_path / "verdict.txt"
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--self-test-document", str(result)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)},
    )
    assert out.returncode == 0, out.stderr
    assert result.read_text(encoding="utf-8") == DRAWN


def test_the_document_check_process_imports_neither_qt_nor_the_database_layer(
    tmp_path: Path,
) -> None:
    # It runs beside the window's checks on the other core: SQLAlchemy and the models (pulled
    # in once through a wording helper) made it 2.8 times as long as drawing the page alone.
    result = tmp_path / "verdict.txt"
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bdcq_desktop", "--self-test-document",
         str(result)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)},
    )
    assert out.returncode == 0, out.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines()}
    assert "reportlab" in imported
    assert not {m for m in imported if m.split(".")[0] in ("sqlalchemy", "PySide6", "alembic")}
    assert "bdcq_desktop.core.models" not in imported


def test_the_self_test_draws_the_document_in_a_second_process(tmp_path: Path) -> None:
    check = DocumentCheck(tmp_path)
    assert check.process is not None
    assert check.process.args[:4] == [sys.executable, "-m", "bdcq_desktop", "--self-test-document"]
    assert check.problem() is None
    assert check.process.returncode == 0
    assert check.result.read_text(encoding="utf-8") == DRAWN


def test_a_document_engine_that_cannot_be_imported_is_a_verdict(tmp_path: Path) -> None:
    def damage(package: Path) -> None:
        (package / "documents/layout.py").write_text("import reportlab.not_shipped\n")

    root = _install(tmp_path, damage)
    result = tmp_path / "verdict.txt"
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--self-test-document", str(result)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert out.returncode == 1
    assert result.read_text(encoding="utf-8") == (
        "ModuleNotFoundError: No module named 'reportlab.not_shipped'"
    )


def test_a_crashed_check_process_is_reported_with_its_last_words(tmp_path: Path) -> None:
    crash = "import sys; print('Fatal Python error: none_dealloc', file=sys.stderr); sys.exit(134)"
    check = DocumentCheck(tmp_path, [sys.executable, "-c", crash])
    assert check.problem() == (
        "the check process ended with code 134: Fatal Python error: none_dealloc"
    )


def test_a_check_process_that_cannot_start_runs_the_check_here(tmp_path: Path) -> None:
    check = DocumentCheck(tmp_path, [str(tmp_path / "no-such-program")])
    assert check.process is None and isinstance(check.start_error, OSError)
    assert check.problem() is None  # the sample document, drawn in this process


@pytest.mark.parametrize("code", [0, 1])
def test_an_exit_code_without_a_verdict_is_not_taken_for_one(tmp_path: Path, code: int) -> None:
    check = DocumentCheck(tmp_path, [sys.executable, "-c", f"raise SystemExit({code})"])
    assert check.problem() == f"the check process ended with code {code}"


def test_the_self_test_leaves_the_officers_remembered_view_alone(
    tmp_path: Path, demo_template: Path
) -> None:
    """The self-test's window (its own size, offscreen on a server) is not the officer's: the
    column widths and window geometry it would save are not written over the remembered ones
    (and its exit does not write and sync the settings file)."""
    remembered = Path(os.environ["XDG_CONFIG_HOME"]) / "BCD" / "bdcq-desktop.conf"
    remembered.parent.mkdir(parents=True)
    remembered.write_text("[members]\nview=0\n", encoding="utf-8")
    before = remembered.read_bytes()
    out = _self_test(Path(__file__).resolve().parents[1], demo_template, tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "self-test: meetingsTab" in out.stdout  # the tabs were shown and read
    assert remembered.read_bytes() == before
