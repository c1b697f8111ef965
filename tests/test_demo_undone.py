"""An office that tried the demo in its own database and went back to the backup taken before
the load ("trước khi nạp dữ liệu mẫu", the one way back the window offers) starts its own
register at 01. The restore used to carry the demo's 38 documents into the register as issued
(a number is never given twice), so another province's first convocation was 08/GTT-BCĐ, after
seven letters of Nghệ An that nobody sent. The demo's documents are the demo load's
("Người ban hành": Dữ liệu mẫu) and are not kept; a document the office issued is, as before."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bdcq_desktop.core.demo_mark import DEMO_ISSUER
from tests.cli_run import run_bdcq
from tests.pdf_text import page_texts


def _ok(args: list[str | Path], db: Path) -> str:
    done = run_bdcq(args, db=db)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _register(db: Path) -> list[dict[str, object]]:
    return json.loads(_ok(["documents", "list", "--format", "json"], db))


def _issuers(db: Path) -> dict[str, str]:
    """The register's "Người ban hành" by symbol (not in the list's JSON)."""
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("SELECT symbol || ' ' || year, issued_by FROM issued_document"))
    finally:
        con.close()


def test_going_back_before_the_demo_leaves_the_register_empty(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    _ok(["init"], db)
    _ok(["demo"], db)
    assert len(_register(db)) > 7 and set(_issuers(db).values()) == {DEMO_ISSUER}
    backups = json.loads(_ok(["backups", "list", "--format", "json"], db))
    before = [b for b in backups if b["reason"] == "before-demo"]
    assert len(before) == 1

    # No question to answer (nothing the office issued would be lost), nothing carried.
    _ok(["restore", before[0]["path"]], db)
    assert _register(db) == []

    # The office's own first letter: 01 of the year.
    _ok(
        ["settings", "set", "parent_body", "UBND TỈNH QUẢNG TRỊ",
         "committee_name", "Ban Chỉ đạo chuyển đổi số tỉnh Quảng Trị", "place_name", "Quảng Trị"],
        db,
    )  # fmt: skip
    _ok(["units", "add", "Sở Khoa học và Công nghệ"], db)
    for name, position, role in (
        ("Hoàng Văn Bình", "Chủ tịch UBND tỉnh", "head"),
        ("Trần Quốc Dũng", "Giám đốc", "member"),
    ):
        _ok(["members", "add", "--name", name, "--position", position, "--unit", "1",
             "--role", role, "--start", "15/01/2026"], db)  # fmt: skip
    _ok(["meetings", "add", "--kind", "regular", "--title", "Họp Ban Chỉ đạo lần thứ nhất",
         "--start", "05/02/2099 08:00", "--chair", "1", "--invite-committee",
         "--place", "Phòng họp số 1"], db)  # fmt: skip
    pdf = tmp_path / "gtt.pdf"
    _ok(["export", "convocation", "--meeting", "1", "-o", pdf, "--issue"], db)
    assert "Số: 01/GTT-BCĐ" in page_texts(pdf)[0]


def test_a_document_the_office_issued_after_the_demo_is_still_kept(tmp_path: Path) -> None:
    """Only the demo's own documents are left behind: one the officer issued on the demo data
    keeps its number across the restore, asked first as any document issued since."""
    db = tmp_path / "office.sqlite3"
    _ok(["init"], db)
    _ok(["demo"], db)
    backups = json.loads(_ok(["backups", "list", "--format", "json"], db))
    before = next(b for b in backups if b["reason"] == "before-demo")
    _ok(["export", "roster", "-o", tmp_path / "roster.pdf", "--issue"], db)
    issuers = _issuers(db)
    mine = [d for d in _register(db) if issuers[f"{d['symbol']} {d['year']}"] != DEMO_ISSUER]
    assert [d["kind"] for d in mine] == ["roster"]

    asked = run_bdcq(["restore", before["path"]], db=db)
    assert asked.returncode == 2 and str(mine[0]["symbol"]) in asked.stderr
    _ok(["restore", before["path"], "--yes"], db)
    assert [d["symbol"] for d in _register(db)] == [mine[0]["symbol"]]
