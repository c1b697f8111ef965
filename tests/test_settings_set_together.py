"""``bdcq settings set`` with several pairs saves them together: every pair is checked first,
then all are written in one transaction; a refused pair (each one named) writes none."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.documents import settings_keys

ORG = ["parent_body", "UBND TỈNH HÀ TĨNH", "committee_name", "Ban Chỉ đạo chuyển đổi số"]


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as the shell runs it: its own process, the exit code the shell sees."""
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    return out


def shown(db: Path) -> dict[str, Any]:
    out = bdcq(db, "settings", "show", "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "together.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def test_a_refused_pair_saves_none_of_them(demo: Path) -> None:
    """The review's case: the organisation's fields were saved, the margin refused, exit 2."""
    before = shown(demo)
    out = bdcq(demo, "settings", "set", *ORG, "place_name", "Hà Tĩnh", "margins.top", "999")
    assert out.returncode == 2, out.stdout
    assert "margins.top (Lề trên)" in out.stderr and "20–25 mm" in out.stderr
    assert "Không thiết lập nào được lưu" in out.stderr
    assert "Đã lưu" not in out.stdout
    assert shown(demo) == before


def test_every_refusal_is_named_and_nothing_is_saved(demo: Path) -> None:
    before = shown(demo)
    args = ["margins.top", "22", "abbr.roster", "DSX", "margins.left", "999"]
    args += ["email", "không-phải-thư", "abbr.agenda", "GT-T", "officer_name", "Lê Thư"]
    out = bdcq(demo, "settings", "set", *args)
    assert out.returncode == 2, out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 3, out.stderr
    assert lines[0].startswith("bdcq: margins.left (Lề trái)")
    assert lines[1].startswith("email (Thư điện tử)")
    assert lines[2].startswith("abbr.agenda (Viết tắt tên loại của Chương trình)")
    assert lines[2].endswith("Không thiết lập nào được lưu.")
    assert shown(demo) == before  # the margin, the roster's abbreviation, the officer's name


def _commits_that_wrote(db: Any) -> list[int]:
    """Counts (in the list's one item) the transactions committed after writing something."""
    count = [0]

    @event.listens_for(db.engine, "before_cursor_execute")
    def _wrote(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            conn.info["wrote"] = True

    @event.listens_for(db.engine, "commit")
    def _commit(conn: Any) -> None:
        if conn.info.pop("wrote", False):
            count[0] += 1

    return count


def test_pairs_of_every_table_are_written_in_one_transaction(demo_db: Any) -> None:
    commits = _commits_that_wrote(demo_db)
    pairs = [
        ("place_name", "Hà Tĩnh"),  # the organisation
        ("issuing_body", "Ban Chỉ đạo chuyển đổi số"),  # settings, one key each
        ("abbr.roster", "DSX"),
        ("recipients.roster", "Như trên;Các thành viên Ban Chỉ đạo"),
        ("margins.top", "22"),
        ("body_size", "13"),
    ]
    saved = settings_keys.set_keys(demo_db, pairs)
    assert [e.key for e in saved] == [key for key, _ in pairs]
    assert commits == [1]
    now = settings_keys.snapshot(demo_db)
    assert (now["place_name"], now["abbr.roster"], now["margins.top"]) == ("Hà Tĩnh", "DSX", 22)
    assert now["recipients.roster"] == ["Như trên", "Các thành viên Ban Chỉ đạo"]
    assert now["body_size"] == 13


def test_refused_in_process_writes_nothing(demo_db: Any) -> None:
    before = settings_keys.snapshot(demo_db)
    commits = _commits_that_wrote(demo_db)
    pairs = [("place_name", "Hà Tĩnh"), ("abbr.roster", "DSX"), ("margins.right", "5")]
    with pytest.raises(ValidationError) as err:
        settings_keys.set_keys(demo_db, pairs)
    assert err.value.field == "margin_right_mm" and "Lề phải" in str(err.value)
    assert commits == [0]
    assert settings_keys.snapshot(demo_db) == before
