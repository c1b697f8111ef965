"""An export is not written over an existing file of another kind (core.file_kinds): the kind
is read from the content (%PDF, a zip holding xl/ or word/, BEGIN:VCALENDAR, the room record's
JSON), not the name, so a PDF typed over the name of a spreadsheet or of the room's record
(.bcdhop) is refused, naming the file, and the file stays byte for byte as it was. The same
kind over the same kind (a report made again) is replaced as before. Real exports, real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core.calendar_ics import write_ics
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.file_kinds import content_kind
from bdcq_desktop.core.models import Meeting
from bdcq_desktop.core.room_record import export_meeting_record
from bdcq_desktop.core.roster_files import write_table
from bdcq_desktop.documents.script_docs import export_script


def _meeting(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(Meeting.id).order_by(Meeting.id)))


def _table(path: Path) -> Path:
    write_table(path, ["Họ và tên", "Chức vụ"], [["Nguyễn Văn An", "Giám đốc"]])
    return path


def _refused(write: Any, target: Path, label: str) -> None:
    before = target.read_bytes()
    with pytest.raises(BcdError) as info:
        write()
    message = str(info.value)
    assert str(target) in message
    assert f"là một tệp {label} khác; không ghi đè" in message
    assert target.read_bytes() == before
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".part")]


def test_a_pdf_over_a_spreadsheet_or_a_room_record_is_refused(demo_db: Any, tmp_path: Path) -> None:
    db = demo_db
    meeting = _meeting(db)
    sheet = _table(tmp_path / "danh-sach.xlsx")
    assert content_kind(sheet) == "xlsx"
    _refused(lambda: export_script(db, meeting, sheet), sheet, "Excel (.xlsx)")

    record = export_meeting_record(db, meeting, tmp_path / "hop.bcdhop")
    assert content_kind(record) == "bcdhop"
    _refused(lambda: export_script(db, meeting, record), record, "hồ sơ phòng họp (.bcdhop)")


def test_a_spreadsheet_or_a_record_over_a_pdf_or_a_calendar_is_refused(
    demo_db: Any, tmp_path: Path
) -> None:
    db = demo_db
    meeting = _meeting(db)
    pdf = export_script(db, meeting, tmp_path / "kich-ban.pdf")
    assert content_kind(pdf) == "pdf"
    # The name says xlsx; the content is a PDF the officer made earlier.
    named_xlsx = tmp_path / "bao-cao.xlsx"
    named_xlsx.write_bytes(pdf.read_bytes())
    _refused(lambda: _table(named_xlsx), named_xlsx, "PDF")
    _refused(lambda: export_meeting_record(db, meeting, pdf), pdf, "PDF")

    calendar, _ = write_ics(db, tmp_path / "lich.ics", meeting_id=meeting)
    assert content_kind(calendar) == "ics"
    _refused(lambda: export_meeting_record(db, meeting, calendar), calendar, "lịch (.ics)")
    again = tmp_path / "lai"
    again.mkdir()
    _same_kind_replaced(db, meeting, again)


def _same_kind_replaced(db: Any, meeting: int, tmp_path: Path) -> None:
    """The same kind over the same kind, or over a file of no known kind: replaced as before."""
    pdf = export_script(db, meeting, tmp_path / "kich-ban.pdf")
    pdf.write_bytes(pdf.read_bytes() + b"\n% old")
    export_script(db, meeting, pdf)
    assert not pdf.read_bytes().endswith(b"% old")

    record = export_meeting_record(db, meeting, tmp_path / "hop.bcdhop")
    first = record.read_bytes()
    export_meeting_record(db, meeting, record)
    assert record.read_bytes() != first  # a new export (its serial number moved on)

    calendar, _ = write_ics(db, tmp_path / "lich.ics", meeting_id=meeting)
    write_ics(db, calendar, meeting_id=meeting)
    assert content_kind(calendar) == "ics"

    sheet = _table(tmp_path / "ds.xlsx")
    _table(sheet)
    assert content_kind(sheet) == "xlsx"

    notes = tmp_path / "ghi-chu.pdf"
    notes.write_text("ghi chú tạm", encoding="utf-8")  # no known kind: replaced as before
    export_script(db, meeting, notes)
    assert content_kind(notes) == "pdf"


def test_issuing_over_a_spreadsheet_is_refused_before_a_number_is_taken(
    demo_db: Any, tmp_path: Path
) -> None:
    """The copy could not be written where asked: the document is not issued either (a number
    taken is never given back, and the officer would issue it again under the next one)."""
    from bdcq_desktop.core.models import IssuedDocument
    from bdcq_desktop.documents.service import export

    db = demo_db
    with db.session() as s:
        meeting = int(s.scalar(select(Meeting.id).order_by(Meeting.starts_at.desc())))
        before = s.scalar(select(IssuedDocument.id).order_by(IssuedDocument.id.desc()))
    sheet = _table(tmp_path / "chuong-trinh.xlsx").rename(tmp_path / "chuong-trinh.pdf")
    _refused(lambda: export(db, "agenda", meeting, sheet, issue_it=True), sheet, "Excel (.xlsx)")
    with db.session() as s:
        assert s.scalar(select(IssuedDocument.id).order_by(IssuedDocument.id.desc())) == before
