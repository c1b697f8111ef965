"""The attendance a session's results report (wg-report) prints, read back from the PDF: "có
mặt N" counts only those marked present, those not yet marked are counted apart ("chưa điểm danh
M") and the report asks before it is issued while some are, as the minutes do (core, the
document dialog, ``bdcq export --allow-unmarked``). A Saturday someone worked (confirmed at the
attendance) is one of the session's days, in the pane, ``bdcq sessions show`` and the report
alike: nobody's days present are over the session's days ("3/2"). The demo's partial absences
print their reasons."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import session_summary as ss
from bdcq_desktop.core.errors import UnmarkedAttendanceWarning
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.documents import service
from tests.cli_run import bdcq
from tests.pdf_tables import page_tables
from tests.pdf_text import flat_text, page_texts
from tests.test_cli_session_edits import group as roster
from tests.test_ui_sessions import tab, view  # noqa: F401
from tests.test_wg_people import _session, group  # noqa: F401

D = date
REPORT_DAY = D(2026, 5, 12)
# Friday 08/05 to Monday 11/05/2026: two working days, a weekend between.
FRIDAY, SATURDAY, MONDAY = D(2026, 5, 8), D(2026, 5, 9), D(2026, 5, 11)


def _rows(data: bytes) -> dict[str, tuple[str, str]]:
    """Name → (days present, note) of the report's attendance table."""
    rows: dict[str, tuple[str, str]] = {}
    for tables in page_tables(data):
        for table in tables:
            for row in table:
                if row and (row[0] or "").strip().isdigit() and len(row) == 6:
                    cells = [" ".join((c or "").split()) for c in row]
                    rows[cells[1]] = (cells[4], cells[5])
    return rows


def _marked(db: Any, group: dict[str, int]) -> int:  # noqa: F811
    """The Tổ trưởng present both days, the Tổ phó absent, Bùi Thị Ngân not marked."""
    sid = _session(db, "08/05/2026", "11/05/2026", person_ids=list(group.values()))
    d = get_session(db, sid)
    by_name = {p.name: p.id for p in d.participants}
    sp.set_attendance(db, sid, [
        sp.Attendance(by_name["Hoàng Quang Tuấn"], (FRIDAY, MONDAY)),
        sp.Attendance(by_name["Trần Thu Thủy"], (), "Đi công tác"),
    ], expected_version=d.version)  # fmt: skip
    return sid


def _reports(db: Any) -> int:
    return sum(r.kind == "wg-report" for r in register.list_issued(db))


def test_the_report_counts_those_not_marked_apart_from_the_present(
    db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    sid = _marked(db, group)
    data = service.draft(db, "wg-report", sid, today=REPORT_DAY)
    text = flat_text(data)
    assert "có mặt 1, vắng 1 (Trần Thu Thủy: đi công tác), chưa điểm danh 1." in text, text
    assert "có mặt 2" not in text
    rows = _rows(data)
    assert rows["Hoàng Quang Tuấn"] == ("2/2", "")
    assert rows["Bùi Thị Ngân"] == ("", "Chưa điểm danh")
    # Marked: counted among the present, and nothing left to ask.
    d = get_session(db, sid)
    ngan = next(p.id for p in d.participants if p.name == "Bùi Thị Ngân")
    sp.set_attendance(db, sid, [sp.Attendance(ngan, (MONDAY,))], expected_version=d.version)
    assert service.issue_question(db, "wg-report", sid) is None
    text = flat_text(service.draft(db, "wg-report", sid, today=REPORT_DAY))
    assert "có mặt 2, vắng 1 (Trần Thu Thủy: đi công tác). Chi tiết" in text, text
    assert "chưa điểm danh" not in text.casefold()


def test_issuing_the_report_asks_first_while_someone_is_not_marked(
    db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    sid = _marked(db, group)
    with pytest.raises(UnmarkedAttendanceWarning) as asked:
        service.issue(db, "wg-report", sid, issued_on=REPORT_DAY, today=REPORT_DAY)
    assert asked.value.names == ("Bùi Thị Ngân",)
    assert "Còn 1 người tham gia chưa điểm danh: Bùi Thị Ngân" in asked.value.message
    assert "Báo cáo kết quả" in asked.value.message
    assert _reports(db) == 0  # no number taken
    assert service.issue_question(db, "wg-convocation", sid) is None  # the report only
    # Confirmed knowingly: issued, saying so.
    rec = service.issue(
        db, "wg-report", sid, issued_on=REPORT_DAY, today=REPORT_DAY, confirm_unmarked=True
    )
    assert _reports(db) == 1
    assert "chưa điểm danh 1" in flat_text(register.stored_copy(rec))


def test_the_command_line_refuses_without_allow_unmarked(demo: Path, tmp_path: Path) -> None:
    out = bdcq(demo, "sessions", "add", "--purpose", "proposal", "--title", "Rà soát Đề án",
               "--start", "13/04/2026", "--end", "14/04/2026", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    sid = str(json.loads(out.stdout)["id"])
    person = roster(demo)[0]
    out = bdcq(demo, "sessions", "participant-add", sid, "--person", str(person["person_id"]))
    assert out.returncode == 0, out.stderr
    pdf = tmp_path / "bao-cao.pdf"
    args = ("export", "wg-report", "--session", sid, "--issue", "-o", str(pdf))
    out = bdcq(demo, *args)
    assert out.returncode == 2
    assert "chưa điểm danh" in out.stderr and person["full_name"] in out.stderr
    assert "bdcq sessions attend" in out.stderr and "--allow-unmarked" in out.stderr
    assert not pdf.exists()
    out = bdcq(demo, *args, "--allow-unmarked")
    assert out.returncode == 0, out.stderr
    text = " ".join(page_texts(pdf)[0].split())
    assert "có mặt 0, vắng 0, chưa điểm danh 1." in text, text


def test_the_document_dialog_asks_before_issuing(
    qtbot: Any, db: Any, group: dict[str, int], monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    from bdcq_desktop.ui import messages
    from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog

    sid = _marked(db, group)
    # The usual "Ban hành?" waits for an answer: answered "no" here, should it come first.
    asked_to_issue: list[str] = []
    monkeypatch.setattr(messages, "ask_now", lambda *a, **k: asked_to_issue.append(a[1]))
    dialog = DocumentDialog(db, "session", sid, "Quy chế phối hợp", kind="wg-report")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
    dialog.issue()
    assert asked_to_issue == []
    box = getattr(dialog, "last_question", None)
    assert box is not None and box.objectName() == "issueQuestionBox"
    assert "Bùi Thị Ngân" in box.text() and "chưa điểm danh" in box.text()
    names = [b.text().replace("&", "") for b in box.buttons()]
    assert "Vẫn ban hành" in names and "Để điểm danh trước" in names
    assert box.defaultButton().objectName() == "attendanceButton"  # Enter does not issue
    box.defaultButton().click()
    assert _reports(db) == 0


# -- a Saturday worked is a day of the session --------------------------------------------------


def test_a_saturday_worked_counts_among_the_session_s_days_in_the_report(
    db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    sid = _session(db, "08/05/2026", "11/05/2026", person_ids=list(group.values()))
    d = get_session(db, sid)
    by_name = {p.name: p.id for p in d.participants}
    sp.set_attendance(db, sid, [
        sp.Attendance(by_name["Hoàng Quang Tuấn"], (FRIDAY, SATURDAY, MONDAY)),
        sp.Attendance(by_name["Trần Thu Thủy"], (FRIDAY, MONDAY), "Họp Hội đồng nhân dân tỉnh"),
        sp.Attendance(by_name["Bùi Thị Ngân"], (FRIDAY, MONDAY)),
    ], expected_version=d.version, confirm_day_off_attendance=True)  # fmt: skip
    x = ss.session_summary(db, sid)
    assert (x.working_days, x.person_days) == (3, 7)
    assert ss.year_summary(db, 2026).working_days == 3
    data = service.draft(db, "wg-report", sid, today=REPORT_DAY)
    rows = _rows(data)
    assert rows == {
        "Hoàng Quang Tuấn": ("3/3", ""),
        "Trần Thu Thủy": ("2/3", "Vắng 1 ngày: họp Hội đồng nhân dân tỉnh"),
        "Bùi Thị Ngân": ("2/3", ""),
    }, rows
    text = flat_text(data)
    assert "đến ngày 11 tháng 5 năm 2026 (3 ngày làm việc)." in text, text
    assert "Tổng hợp: 3 ngày làm việc; 3 người tham gia" in text
    assert "Lũy kế năm 2026 đến phiên này: 1 phiên, 3 ngày làm việc, 7 ngày công" in text
    # The convocation called them for the calendar's working days, before anyone worked.
    convocation = flat_text(service.draft(db, "wg-convocation", sid, today=D(2026, 5, 4)))
    assert "đến ngày 11 tháng 5 năm 2026 (2 ngày làm việc)." in convocation


def test_the_command_line_shows_a_saturday_worked_among_the_days(demo: Path) -> None:
    out = bdcq(demo, "sessions", "add", "--purpose", "proposal", "--title", "Rà soát Đề án",
               "--start", "10/04/2026", "--end", "13/04/2026", "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    sid = str(json.loads(out.stdout)["id"])
    people = [str(r["person_id"]) for r in roster(demo)[:2]]
    out = bdcq(demo, "sessions", "participant-add", sid, "--person", people[0], "--person",
               people[1], "--format", "json")  # fmt: skip
    first, second = (str(p["id"]) for p in json.loads(out.stdout)["participants"])
    out = bdcq(demo, "sessions", "attend", sid, first, "--day", "10/04/2026", "--day",
               "11/04/2026", "--day", "13/04/2026", "--yes")  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = bdcq(demo, "sessions", "attend", sid, second, "--day", "13/04/2026")
    assert out.returncode == 0, out.stderr
    out = bdcq(demo, "sessions", "show", sid)
    assert out.returncode == 0, out.stderr
    assert "Tổng hợp / summary: 3 ngày làm việc;" in out.stdout, out.stdout
    assert re.search(r"Tổ trưởng +3/3\n", out.stdout), out.stdout
    assert re.search(r"Tổ phó +1/3\n", out.stdout), out.stdout
    shown = json.loads(bdcq(demo, "sessions", "show", sid, "--format", "json").stdout)
    assert shown["summary"]["working_days"] == 3


def test_the_pane_shows_a_saturday_worked_among_the_days(
    qtbot: Any, view: Any  # noqa: F811
) -> None:
    from bdcq_desktop.core import session_detail, working_group

    db = view.db
    friday, saturday, monday = D(2026, 12, 11), D(2026, 12, 12), D(2026, 12, 14)
    sid = working_group.create_session(
        db, purpose="proposal", title="Phiên làm cả thứ Bảy", starts_on=friday, ends_on=monday
    )
    leader = session_detail.conveners_on(db, friday)[1]
    sp.add_participants(db, sid, person_ids=[leader], expected_version=None)
    d = get_session(db, sid)
    sp.set_attendance(db, sid, [sp.Attendance(d.participants[0].id, (friday, saturday, monday))],
                      expected_version=None, confirm_day_off_attendance=True,
                      today=D(2026, 12, 31))  # fmt: skip  (marked once the session is over)
    view.reload()
    qtbot.waitUntil(lambda: view.select_session(sid), timeout=60_000)
    qtbot.waitUntil(lambda: view.pane.section("participants").model.rowCount() == 1)
    model = view.pane.section("participants").model
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert "3/3" in shown, shown
    assert "(3 ngày làm việc)" in view.pane.heading.text()


def test_the_demo_s_partial_absences_print_their_reasons(demo_db: Any) -> None:
    """Every demo session's report: someone present some of the days reads "Vắng N ngày: …"
    with the days missed, never more days present than the session's."""
    from bdcq_desktop.core.session_list import list_sessions

    partial = 0
    for row in list_sessions(demo_db):
        data = service.draft(demo_db, "wg-report", row.id, today=row.ends_on)
        for name, (days, note) in _rows(data).items():
            present, _, total = days.partition("/")
            if not total or present == "0":
                continue
            assert int(present) <= int(total), (row.id, name, days)
            if int(present) < int(total):
                partial += 1
                missed = int(total) - int(present)
                assert re.fullmatch(rf"Vắng {missed} ngày: \w.+", note), (row.id, name, note)
    assert partial >= 5


def test_a_january_session_with_no_participants_entered_says_so_in_its_figures(
    db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    """A session of 11/01/2027 with nobody entered: its report lists the group of its first
    day as convened ("2 người được triệu tập, gồm 2 thành viên"), and its figures printed "0
    người tham gia (0 thành viên, 0 chuyên gia), 0 ngày công có mặt" below: not recorded,
    not nobody."""
    sid = _session(db, "11/01/2027", "11/01/2027")
    text = flat_text(service.draft(db, "wg-report", sid, today=D(2027, 1, 12)))
    assert "3 người được triệu tập, gồm" in text, text  # the group of 11/01/2027
    assert (
        "Tổng hợp: 1 ngày làm việc; chưa ghi nhận người tham gia và ngày công có mặt; sản "
        "phẩm: chưa có sản phẩm." in text
    ), text
    assert "0 người tham gia" not in text and "0 ngày công có mặt" not in text


def test_attendance_not_yet_marked_reads_as_not_recorded_not_as_nobody_present(
    db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    """Two members entered, nobody marked yet: "chưa ghi nhận", not "0 ngày công có mặt"
    beside "2 người tham gia" (everyone away, it reads)."""
    sid = _session(
        db, "11/01/2027", "11/01/2027", person_ids=[group["leader"], group["member"]]
    )
    text = flat_text(service.draft(db, "wg-report", sid, today=D(2027, 1, 12)))
    assert "2 người được triệu tập, gồm 2 thành viên" in text, text
    assert "chưa điểm danh 2" in text
    assert (
        "Tổng hợp: 1 ngày làm việc; 2 người tham gia (2 thành viên, 0 chuyên gia), chưa ghi "
        "nhận ngày công có mặt (2 người chưa điểm danh); sản phẩm: chưa có sản phẩm." in text
    ), text
    assert "0 ngày công có mặt" not in text


def test_a_session_partly_marked_says_how_many_are_missing_from_its_person_days(
    db: Any, group: dict[str, int]  # noqa: F811
) -> None:
    sid = _marked(db, group)  # 2 days present, one absent, one not marked
    text = flat_text(service.draft(db, "wg-report", sid, today=REPORT_DAY))
    assert "2 ngày công có mặt (1 người chưa điểm danh); sản phẩm" in text, text
