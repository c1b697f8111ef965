"""An academic title typed into an expert's name ("TS. Nguyễn Văn A", "PGS.TS Lê Thị B") is
refused on save (the experts list, an expert typed in a session, the command line), naming "Họ
và tên" and saying where the title goes (at the head of the position, where the session's
papers print it): in the name, the convocation's list printed it twice ("TS. Nguyễn Văn A | TS,
Giảng viên…") or in the name column where the others have it in the position column, and the
person was not found again when typed without it. Nothing is written; the dialog keeps what was
typed."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from bdcq_desktop.core import members as m
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import Person
from bdcq_desktop.core.session_detail import get_session
from tests.cli_run import bdcq, one_line_error
from tests.pdf_tables import page_tables
from tests.test_wg_people import _session, group  # noqa: F401

TITLED = (
    ("TS. Nguyễn Văn Thử", "TS", "Nguyễn Văn Thử"),
    ("PGS.TS Lê Thị Mẫu", "PGS.TS", "Lê Thị Mẫu"),
    ("pgs. ts. lê thị mẫu", "PGS.TS", "Lê Thị Mẫu"),
    ("GS.TSKH Trần Văn Khoa", "GS.TSKH", "Trần Văn Khoa"),
    ("ThS Phạm Thu Hà", "ThS", "Phạm Thu Hà"),
    ("Tiến sĩ Hồ Văn Nam", "Tiến sĩ", "Hồ Văn Nam"),
    (unicodedata.normalize("NFD", "Thạc sĩ Đinh Thị Hoa"), "Thạc sĩ", "Đinh Thị Hoa"),
)


def _people(db: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Person))


def test_a_title_in_the_name_is_refused_naming_where_it_goes(db: Any) -> None:
    before = _people(db)
    for typed, title, name in TITLED:
        with pytest.raises(ValidationError) as exc:
            m.create_person(db, full_name=typed, position="Giảng viên chính", kind="scientist")
        said = exc.value.message
        assert exc.value.field == "full_name" and '"Họ và tên"' in said, said
        assert f"“{title}”" in said and f"“{name}”" in said and "chức vụ" in said, said
    assert _people(db) == before
    # Names that only look like one are names.
    for typed in ("Tạ Sơn", "Thân Văn Sơn", "Giáp Thị Sĩ", "Tiến Văn Sĩ", "Nguyễn V. An"):
        pid = m.create_person(db, full_name=typed, kind="expert")
        assert m.get_person(db, pid).full_name == typed
    # A person recorded without a title becomes an expert with one typed in: refused as well.
    pid = m.create_person(db, full_name="Lê Văn Minh")
    with pytest.raises(ValidationError) as exc:
        m.update_person(db, pid, full_name="GS.TS Lê Văn Minh", kind="scientist")
    assert exc.value.field == "full_name" and "“GS.TS”" in exc.value.message
    assert m.get_person(db, pid).full_name == "Lê Văn Minh"


def test_an_expert_typed_in_a_session_with_a_title_is_refused(db: Any, group: dict) -> None:  # noqa: F811
    sid = _session(db, "02/03/2026", "06/03/2026", person_ids=[group["member"]])
    before = (_people(db), get_session(db, sid).participants)
    with pytest.raises(ValidationError) as exc:
        sp.add_participants(
            db, sid, expected_version=get_session(db, sid).version,
            new_experts=[{"full_name": "TS. Nguyễn Văn Thử", "position": "TS, Giảng viên chính",
                          "agency": "Trường Đại học Vinh"}],
        )  # fmt: skip
    assert exc.value.field == "participants"
    assert exc.value.message.startswith("Chuyên gia mới 1: "), exc.value.message
    assert (_people(db), get_session(db, sid).participants) == before
    # Typed as the refusal says: the title printed once, in the position column.
    sp.add_participants(
        db, sid, expected_version=get_session(db, sid).version,
        new_experts=[{"full_name": "Nguyễn Văn Thử", "position": "TS, Giảng viên chính",
                      "agency": "Trường Đại học Vinh"}],
    )  # fmt: skip
    from bdcq_desktop.documents import service

    data = service.draft(db, "wg-convocation", sid, today=date(2026, 2, 20))
    rows = [r for tables in page_tables(data) for t in tables for r in t]
    (row,) = [r for r in rows if r[1] and "Thử" in r[1]]
    cells = [" ".join((c or "").split()) for c in row]
    assert cells[1:3] == ["Nguyễn Văn Thử", "TS, Giảng viên chính, Trường Đại học Vinh"], cells


def test_the_dialog_keeps_the_row_and_says_why(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.core import session_list
    from bdcq_desktop.ui.dialogs.session_dialogs import ParticipantsDialog

    sid = session_list.list_sessions(demo_db)[0].id
    before = (_people(demo_db), len(get_session(demo_db, sid).participants))
    dialog = ParticipantsDialog(demo_db, sid)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = dialog.new_rows()
    columns = [rows.table.horizontalHeaderItem(i).text() for i in range(rows.table.columnCount())]
    assert "Chức vụ, học hàm" in columns, columns  # the directory's and the CLI's word
    rows.add_row({"full_name": "PGS.TS Lê Thị Mẫu", "agency": "Trường Đại học Vinh"})
    assert not dialog.try_save()
    assert dialog.isVisible()
    error = dialog.findChild(QLabel, "error_participants")
    assert error.isVisibleTo(dialog) and "“PGS.TS”" in error.text(), error.text()
    assert dialog.new_form.values()["new_experts"][0]["full_name"] == "PGS.TS Lê Thị Mẫu"
    assert (_people(demo_db), len(get_session(demo_db, sid).participants)) == before


def test_the_command_line_refuses_it_too(demo: Path, tmp_path: Path) -> None:
    out = bdcq(demo, "people", "add", "--name", "TS. Nguyễn Văn Thử", "--kind", "scientist")
    one_line_error(out, "Họ và tên", "“TS”", "“Nguyễn Văn Thử”")
    experts = tmp_path / "experts.json"
    experts.write_text(json.dumps([{"full_name": "ThS Phạm Thu Hà"}]), "utf-8")
    sid = str(json.loads(bdcq(demo, "sessions", "list", "--format", "json").stdout)[0]["id"])
    out = bdcq(demo, "sessions", "participant-add", sid, "--experts", str(experts))
    one_line_error(out, "Chuyên gia mới 1", "“ThS”")
