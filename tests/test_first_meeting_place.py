"""A new office's first meeting, from an empty database: the letters calling people to it say
where it is. The meeting form does not require a place, and a first meeting has no earlier one
to take it from; an audit started a province from scratch and issued 01/GTT-BCĐ with no
"Địa điểm:" line at all, numbered in the register. Now the draft shows the blank to fill and
the issue is refused, naming the field, until the place is written; no number is taken. The
same for the minutes, which record where the meeting was held."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli_run import run_bdcq
from tests.pdf_text import page_texts

PLACE = "Phòng họp số 2, trụ sở UBND tỉnh Quảng Trị"


def _ok(args: list[str], db: Path) -> str:
    done = run_bdcq(args, db=db)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def first_day(tmp_path: Path) -> Path:
    """Another province's office on its first day: settings, two units, three members, one
    meeting planned with no place, all typed at the command line."""
    db = tmp_path / "new.sqlite3"
    _ok(["init"], db)
    _ok(
        [
            "settings", "set",
            "parent_body", "UBND TỈNH QUẢNG TRỊ",
            "committee_name", "Ban Chỉ đạo chuyển đổi số tỉnh Quảng Trị",
            "place_name", "Quảng Trị",
        ],
        db,
    )
    _ok(["units", "add", "Ủy ban nhân dân tỉnh Quảng Trị", "--kind", "other"], db)
    _ok(["units", "add", "Sở Khoa học và Công nghệ"], db)
    for name, position, unit, role in [
        ("Hoàng Văn Bình", "Chủ tịch UBND tỉnh", "1", "head"),
        ("Lê Thị Cúc", "Phó Chủ tịch UBND tỉnh", "1", "deputy_head"),
        ("Trần Quốc Dũng", "Giám đốc", "2", "member"),
    ]:
        _ok(
            ["members", "add", "--name", name, "--position", position, "--unit", unit,
             "--role", role, "--start", "15/01/2026"],
            db,
        )
    _ok(
        ["meetings", "add", "--kind", "regular", "--title", "Họp Ban Chỉ đạo phiên thứ nhất",
         "--start", "05/02/2027 08:00", "--chair", "1", "--invite-committee"],
        db,
    )
    return db


@pytest.mark.parametrize("kind", ["convocation", "invitation"])
def test_a_letter_calling_a_meeting_with_no_place_is_not_issued(
    first_day: Path, tmp_path: Path, kind: str
) -> None:
    if kind == "invitation":  # an invitation needs a guest: the standing agency's head
        _ok(["meetings", "invite", "1", "--unit", "2"], first_day)
    draft = tmp_path / f"{kind}-draft.pdf"
    _ok(["export", kind, "--meeting", "1", "-o", draft], first_day)
    # The draft shows the place is still to be written, not a letter that looks complete.
    assert "Địa điểm: ……" in "\n".join(page_texts(draft))

    issued = tmp_path / f"{kind}.pdf"
    refused = run_bdcq(["export", kind, "--meeting", "1", "-o", issued, "--issue"], db=first_day)
    assert refused.returncode == 2
    assert "Cuộc họp chưa ghi “Địa điểm”" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not issued.exists()
    assert "01/" not in _ok(["documents", "list"], first_day)  # no number taken

    _ok(["meetings", "edit", "1", "--place", PLACE], first_day)
    _ok(["export", kind, "--meeting", "1", "-o", issued, "--issue"], first_day)
    text = "\n".join(page_texts(issued))
    assert f"Địa điểm: {PLACE}." in text
    assert "Số: 01/" in text


def test_the_document_dialog_says_why_before_ban_hanh_is_pressed(first_day: Path) -> None:
    """The window offers "Ban hành…" only when the issue would not be refused: the same reason."""
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.documents.issue_readiness import issue_refusal

    db: Any = open_database(first_day)
    try:
        reason = issue_refusal(db, "convocation", 1)
        assert reason is not None and reason.startswith("Cuộc họp chưa ghi “Địa điểm”")
    finally:
        db.dispose()


def test_minutes_of_a_meeting_with_no_place_are_not_issued(
    first_day: Path, tmp_path: Path
) -> None:
    """The minutes (template 1.9) say where the meeting was held: a meeting recorded afterwards
    with no place had its minutes issued with no "Địa điểm:" line. The same blank and refusal."""
    day = date.today() - timedelta(days=2)
    _ok(
        ["meetings", "add", "--kind", "regular", "--title", "Họp Ban Chỉ đạo quý IV",
         "--start", f"{day:%d/%m/%Y} 08:00", "--end", f"{day:%d/%m/%Y} 10:00", "--chair", "1",
         "--invite-committee", "--held"],
        first_day,
    )  # fmt: skip
    draft = tmp_path / "minutes-draft.pdf"
    _ok(["export", "minutes", "--meeting", "2", "-o", draft], first_day)
    assert "Địa điểm: ……" in "\n".join(page_texts(draft))
    issued = tmp_path / "minutes.pdf"
    issue = ["export", "minutes", "--meeting", "2", "-o", issued, "--issue", "--allow-unmarked"]
    refused = run_bdcq(issue, db=first_day)
    assert refused.returncode == 2 and "Cuộc họp chưa ghi “Địa điểm”" in refused.stderr
    assert not issued.exists()
    _ok(["meetings", "edit", "2", "--place", PLACE], first_day)
    _ok(issue, first_day)
    text = "\n".join(page_texts(issued))
    assert f"Địa điểm: {PLACE}." in text and "Số: 01/BB-" in text
