"""Lịch sử thay đổi names what it logs by ids, and keeps a parent's children that were removed:
through the core and ``bdcq log`` on a real SQLite file.

A logged reference (``unit_id: 6``) reads as the record's name of today, a record since deleted
as its name with "(đã xóa)" (its number if the log never held it). A report taken out of a
round, an invitee or an agenda item taken off a meeting stay in the parent's history, named."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core import invitees, round_edit, rounds, units
from bdcq_desktop.core import members as mem
from bdcq_desktop.core.agenda import AgendaLine, set_agenda
from bdcq_desktop.core.change_log import ChangeRow, record_changes
from bdcq_desktop.core.invitees import Invitation
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.models import ChangeAction, ChangeLog
from bdcq_desktop.core.person_history import delete_person
from tests.cli_run import run_bdcq

TODAY = date.today()


def _round(db: Any) -> dict[str, Any]:
    """A round asked of two units, then corrected (Sửa đợt): one taken out, one added."""
    ids = {n: units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Tài chính", "Sở Nội vụ")}
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo theo Thông báo 14",
        due_date=TODAY + timedelta(days=10),
        unit_ids=[ids["Sở Y tế"], ids["Sở Tài chính"]],
        opened_on=TODAY - timedelta(days=10),
    )
    round_edit.update_round(
        db,
        rid,
        expected_version=rounds.get_round(db, rid).version,
        unit_ids=[ids["Sở Y tế"], ids["Sở Nội vụ"]],
    )
    return {"round": rid, **ids}


def _lines(rows: list[ChangeRow], field: str) -> list[tuple[str, str, Any, Any, str, str]]:
    """(record, action, before, after, before shown, after shown) of ``field``'s changes."""
    return [
        (r.record_label, r.action, c.before, c.after, c.before_text(), c.after_text())
        for r in rows
        for c in r.changes
        if c.field == field
    ]


def test_a_rounds_history_names_units_and_keeps_a_report_taken_out(db: Any) -> None:
    ids = _round(db)
    rid = ids["round"]
    # The unit renamed afterwards: the history shows the name of today (read when shown).
    units.rename_unit(db, ids["Sở Y tế"], "Sở Y tế tỉnh Nghệ An", expected_version=1)
    rows = record_changes(db, "reporting_round", rid, children=True)
    report = "Báo cáo của đơn vị"
    unit_lines = _lines(rows, "unit_id")
    # Each report's unit by its name; the id kept as logged.
    assert (f"{report}: Sở Y tế tỉnh Nghệ An", "insert", None, ids["Sở Y tế"], "",
            "Sở Y tế tỉnh Nghệ An") in unit_lines  # fmt: skip
    assert (f"{report}: Sở Nội vụ", "insert", None, ids["Sở Nội vụ"], "", "Sở Nội vụ") in (
        unit_lines
    )
    # The report taken out with its unit: created, then deleted, named "(đã xóa)".
    gone = f"{report}: Sở Tài chính (đã xóa)"
    assert (gone, "insert", None, ids["Sở Tài chính"], "", "Sở Tài chính") in unit_lines
    assert (gone, "delete", ids["Sở Tài chính"], None, "Sở Tài chính", "") in unit_lines
    assert ("delete", "Báo cáo theo Thông báo 14") in {
        (action, before) for _r, action, _b, _a, before, _s in _lines(rows, "round_id")
    }
    # The round's own line says which units were added and taken out.
    (units_removed,) = _lines(rows, "units_removed")
    assert units_removed[4] == "Sở Tài chính"
    # Without its children the round's history is its own lines only (the CLI's default).
    alone = record_changes(db, "reporting_round", rid)
    assert {r.table for r in alone} == {"reporting_round"}
    assert alone[0].record_name == "Báo cáo theo Thông báo 14"


def _meeting(db: Any) -> dict[str, int]:
    head = mem.create_person(db, full_name="Vũ Duy Tiến", position="Chủ tịch UBND tỉnh")
    mem.appoint(db, head, role="head", start_date=date(2024, 1, 1))
    an = mem.create_person(db, full_name="Nguyễn Văn An", position="Chuyên viên")
    binh = mem.create_person(db, full_name="Trần Thị Bình", position="Chuyên viên")
    start = datetime.combine(TODAY + timedelta(days=20), datetime.min.time()).replace(hour=8)
    meeting = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo quý IV",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Phòng họp tầng 3",
        chair_id=head,
        agenda=[AgendaLine("Khai mạc", 10), AgendaLine("Báo cáo kết quả", 60)],
        # The last invitee An: removed, the number is free for the next one (SQLite). The
        # chair is on the list first (left off it, the save would add them after An).
        invitations=[
            Invitation(person_id=head),
            Invitation(guest_name="Lê Khách", position="Chuyên gia", category="guest"),
            Invitation(person_id=an),
        ],
    )
    return {"meeting": meeting, "head": head, "an": an, "binh": binh}


def test_a_meetings_history_keeps_an_invitee_and_an_agenda_item_removed(
    db: Any, db_path: Path
) -> None:
    ids = _meeting(db)
    mid = ids["meeting"]
    d = get_meeting(db, mid)
    an_row = next(i for i in d.invitees if i.name == "Nguyễn Văn An")
    version = invitees.remove_invitees(db, mid, [an_row.id], expected_version=d.version)
    # The removal is logged (a child taken off its parent's list: not in session.deleted).
    with db.session() as s:
        (line,) = s.scalars(
            select(ChangeLog).where(
                ChangeLog.table_name == "invitee", ChangeLog.action == ChangeAction.DELETE
            )
        ).all()
        assert line.record_id == an_row.id
        assert json.loads(line.changes or "")["meeting_id"] == [mid, None]
    # Bình invited next takes An's number: his lines and An's stay apart.
    invitees.invite(db, mid, [Invitation(person_id=ids["binh"])], expected_version=version)
    d = get_meeting(db, mid)
    binh_row = next(i for i in d.invitees if i.name == "Trần Thị Bình")
    assert binh_row.id == an_row.id
    set_agenda(db, mid, d.agenda_lines()[:1], expected_version=d.version)  # drop the 2nd
    delete_person(db, ids["an"])  # nothing ties An to the record any more

    rows = record_changes(db, "meeting", mid, children=True)
    invited = "Thành phần mời"
    person_lines = _lines(rows, "person_id")
    # An's life: invited, then removed; the person deleted since, named from the log.
    an_gone = f"{invited}: Nguyễn Văn An (đã xóa)"
    assert (an_gone, "insert", None, ids["an"], "", "Nguyễn Văn An (đã xóa)") in person_lines
    assert (an_gone, "delete", ids["an"], None, "Nguyễn Văn An (đã xóa)", "") in person_lines
    # Bình's life under the same number: his own, named as he is today.
    assert (f"{invited}: Trần Thị Bình", "insert", None, ids["binh"], "", "Trần Thị Bình") in (
        person_lines
    )
    assert not [x for x in person_lines if x[0] == an_gone and x[3] == ids["binh"]]
    item = "Nội dung chương trình họp: Báo cáo kết quả (đã xóa)"
    assert {(r.record_label, r.action) for r in rows} >= {(item, "insert"), (item, "delete")}
    # The meeting's chair by name, the meeting of each child by its title and day.
    (chair,) = _lines(rows, "chair_id")
    assert chair[5] == "Vũ Duy Tiến"
    day = (TODAY + timedelta(days=20)).strftime("%d/%m/%Y")
    assert {x[5] for x in _lines(rows, "meeting_id") if x[1] == "insert"} == {
        f"Họp Ban Chỉ đạo quý IV ({day})"
    }
    # A person deleted with no line of theirs in the log (entered before it was kept): the
    # number, marked deleted.
    db.dispose()
    with sqlite3.connect(db_path) as con:
        con.execute("DELETE FROM change_log WHERE table_name = 'person' AND record_id = ?",
                    (ids["an"],))  # fmt: skip
    rows = record_changes(db, "meeting", mid, children=True)
    assert (an_gone, "delete", ids["an"], None, f"#{ids['an']} (đã xóa)", "") in _lines(
        rows, "person_id"
    )


def test_bdcq_log_names_references_and_lists_the_children(db: Any, db_path: Path) -> None:
    ids = _round(db)
    db.dispose()
    args = ["log", "--table", "reporting_round", "--id", str(ids["round"])]
    out = run_bdcq([*args, "--children", "--format", "json"], db=db_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    gone = [r for r in data if r["record_name"] == "Sở Tài chính (đã xóa)"]
    assert {r["action"] for r in gone} == {"insert", "delete"}
    deleted = next(r for r in gone if r["action"] == "delete")
    # JSON keeps the id as logged and adds the name.
    assert deleted["changes"]["unit_id"] == {
        "label": "Cơ quan, đơn vị",
        "before": ids["Sở Tài chính"],
        "after": None,
        "before_name": "Sở Tài chính",
    }
    assert deleted["changes"]["round_id"]["before_name"] == "Báo cáo theo Thông báo 14"
    table = run_bdcq([*args, "--children"], db=db_path)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert "Bản ghi" in lines[0]
    assert any(  # the table cuts a long cell ("(đã xó…"); JSON above has it whole
        "Xóa" in x and "Báo cáo của đơn vị: Sở Tài chính (đã" in x and "Cơ quan, đơn vị" in x
        for x in lines
    )
    assert any("Tạo mới" in x and "Sở Nội vụ" in x for x in lines)
    assert not any(x.split()[-1:] == [str(ids["Sở Nội vụ"])] for x in lines)  # no bare id
    # Without --children: the round's own lines, as before.
    own = json.loads(run_bdcq([*args, "--format", "json"], db=db_path).stdout)
    assert {r["table"] for r in own} == {"reporting_round"}


def test_every_logged_column_has_a_vietnamese_label_and_codes_read_as_words(db: Any) -> None:
    """A history line never shows a column's English name ("presenter_person_id") nor a
    vocabulary's code ("leader", "present"): every column of every logged table is labelled,
    and a code is shown by its label."""
    from bdcq_desktop.core.change_log import _COMMON_LABELS, _FIELD_LABELS, TABLE_LABELS
    from bdcq_desktop.core.change_names import Names
    from bdcq_desktop.core.enums import AttendanceStatus, GroupRole
    from bdcq_desktop.core.models import Base

    internal = {"id", "version", "created_at", "updated_at"}
    for table in TABLE_LABELS:
        labels = {**_COMMON_LABELS, **_FIELD_LABELS.get(table, {})}
        unlabelled = [
            c.name
            for c in Base.metadata.tables[table].columns
            if c.name not in labels and c.name not in internal
        ]
        assert unlabelled == [], table
    names = Names()
    assert names.reference("session_participant", "role", GroupRole.LEADER.value) == "Tổ trưởng"
    assert names.reference("invitee", "attendance", AttendanceStatus.SUBSTITUTE.value) == (
        "Cử người dự thay"
    )
    assert names.reference("invitee", "attendance", "no-such-code") is None
