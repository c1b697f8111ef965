"""The working-group, roster and report documents, built from the demo database and read back
(their text and tables by pdfium, tests/pdf_text.py and tests/pdf_tables.py; their layout by
pdfplumber) against Decree 30/2020's rules (shared/reference/official-documents.md)."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import func, select, update

from bdcq_desktop.core import members, register, reports
from bdcq_desktop.core.errors import BcdError, NotFoundError
from bdcq_desktop.core.models import (
    ChangeLog,
    Meeting,
    ParticipantRole,
    ReportingRound,
    SessionParticipant,
    SessionPurpose,
    Task,
    TaskStatus,
    Unit,
    WorkingSession,
)
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.core.text import decree_date
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from bdcq_desktop.documents.page import PageSettings
from bdcq_desktop.documents.text import format_date
from tests.conftest import DEMO_TODAY, own_data_folder
from tests.pdf_tables import page_tables
from tests.pdf_text import page_texts

A4_SHORT, A4_LONG = 595.28, 841.89
TOL = 1.0
PAGE = PageSettings()
BASE14 = ("Helvetica", "Times-Roman", "Times-Bold", "Courier", "Symbol", "ZapfDingbats")

# kind, record id in the demo database, abbreviation, orientation of page 1 / of other pages
DOCUMENTS = [
    ("wg-convocation", 1, "GTT", "GIẤY TRIỆU TẬP"),
    ("wg-report", 3, "BC", "BÁO CÁO"),
    ("roster", None, "DS", "DANH SÁCH"),
    ("reports-summary", 8, "BC", "BÁO CÁO"),  # its first table runs onto page 2
    ("tasks", None, "BC", "BÁO CÁO"),
]


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


def draft(db: Any, kind: str, record_id: int | None) -> bytes:
    return service.draft(db, kind, record_id, today=DEMO_TODAY)


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def text_of(page: Any) -> str:
    return re.sub(r"[ \xa0]+", " ", page.extract_text() or "")


def full_text(data: bytes) -> str:
    return "\n".join(re.sub(r"[ \xa0]+", " ", text) for text in page_texts(data))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def table_rows(data: bytes) -> list[list[str]]:
    """Every row of every ruled table, each cell's lines joined (cells wrap at spaces)."""
    rows = []
    for tables in page_tables(data):
        for table in tables:
            rows += [[flat(cell or "").strip() for cell in row] for row in table]
    return rows


@pytest.fixture(scope="module")
def rendered(demo_template: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each document once, drafted from a copy of the demo database."""
    import shutil

    from bdcq_desktop.core.db import open_database

    path = tmp_path_factory.mktemp("docs") / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    with own_data_folder(path.parent):  # set up before any test's own folders
        db = open_database(path)
        try:
            return {kind: draft(db, kind, rid) for kind, rid, _, _ in DOCUMENTS}
        finally:
            db.dispose()


@pytest.mark.parametrize(("kind", "record_id", "abbr", "type_name"), DOCUMENTS)
def test_format_of_every_document(
    rendered: dict[str, bytes], kind: str, record_id: int | None, abbr: str, type_name: str
) -> None:
    data = rendered[kind]
    pdf = open_pdf(data)
    pages = pdf.pages
    assert len(pages) >= 2
    # A4, landscape only where the table is wide.
    shapes = [(round(p.width, 1), round(p.height, 1)) for p in pages]
    portrait, landscape = (
        (round(A4_SHORT, 1), round(A4_LONG, 1)),
        (round(A4_LONG, 1), round(A4_SHORT, 1)),
    )
    assert set(shapes) <= {portrait, landscape}
    if kind == "roster":
        assert set(shapes) == {landscape}
    elif kind == "tasks":
        assert shapes[0] == portrait and landscape in shapes  # the detail annex is landscape
    else:
        assert set(shapes) == {portrait}

    for number, page in enumerate(pages, 1):
        width, height = page.width, page.height
        chars = [c for c in page.chars if c["text"].strip()]
        assert chars
        for c in chars:
            assert c["x0"] >= PAGE.left - TOL, (number, c["text"], c["x0"])
            assert c["x1"] <= width - PAGE.right + TOL, (number, c["text"], c["x1"])
            assert c["bottom"] <= height - PAGE.bottom + TOL, (number, c["text"], c["bottom"])
        in_top_margin = "".join(c["text"] for c in chars if c["bottom"] <= PAGE.top)
        # Page numbers: none on page 1, centred Arabic numerals in the top margin from page 2.
        assert in_top_margin == ("" if number == 1 else str(number))
        if number > 1:
            digits = [c for c in chars if c["bottom"] <= PAGE.top]
            middle = (digits[0]["x0"] + digits[-1]["x1"]) / 2
            assert abs(middle - (PAGE.left + (width - PAGE.left - PAGE.right) / 2)) < 2
        top = [c for c in chars if c["top"] >= PAGE.top - TOL]
        assert min(c["top"] for c in top) >= PAGE.top - TOL

    # Embedded TrueType subsets only; no base-14 font anywhere.
    names = {c["fontname"] for p in pages for c in p.chars}
    assert all(
        re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", n) for n in names
    )
    assert data.count(b"/FontFile2") == data.count(b"/Type /FontDescriptor") >= 2
    for std in BASE14:
        assert f"/BaseFont /{std}".encode() not in data

    first = text_of(pages[0])
    for expected in (
        "UBND TỈNH NGHỆ AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"/{abbr}-BCĐ",
        "Nghệ An, ngày",
        type_name,
    ):
        assert expected in first, (expected, first)
    assert "BAN CHỈ ĐẠO XÂY DỰNG" in first and "CHÍNH QUYỀN ĐIỆN TỬ" in first
    assert re.search(rf"Số:\s+/{abbr}-BCĐ", first)  # a draft leaves the number blank
    everything = full_text(data)
    assert "Nơi nhận:" in everything
    assert "- Lưu: VT, BCĐ." in everything
    assert "./." in everything
    assert unicodedata.normalize("NFC", everything) == everything


def _header_repeats(data: bytes, header: str, pages: range | None = None) -> None:
    texts = page_texts(data)
    for number in pages or range(2, len(texts) + 1):
        lines = texts[number - 1].split("\n")  # as pdfplumber's extract_text_lines() has them
        # Under the page number, the page opens with the table's header row.
        assert lines[0] == str(number)
        assert header in lines[1], (number, lines[:3])


def test_roster_table_header_repeats_on_every_page(rendered: dict[str, bytes]) -> None:
    data = rendered["roster"]
    # A page the committee's or the group's table runs on to (not one opening the group's
    # section, which has its heading first).
    continued = [
        n
        for n, text in enumerate((re.sub(r"[ \xa0]+", " ", t) for t in page_texts(data)), 1)
        if n > 1 and "Họ và tên" in text and "II. TỔ CÔNG TÁC" not in text
    ]
    assert len(continued) >= 2
    _header_repeats(data, "TT Họ và tên Chức vụ, cơ quan Vai trò Lĩnh vực phụ trách", continued)


def test_tasks_annex_header_repeats(rendered: dict[str, bytes]) -> None:
    data = rendered["tasks"]
    pdf = open_pdf(data)
    annex = [n for n, p in enumerate(pdf.pages, 1) if p.width > p.height]
    assert len(annex) >= 3
    # The annex's first page opens with its title; the others with the repeated header row.
    _header_repeats(data, "TT Nội dung nhiệm vụ Nguồn giao Thời hạn Tình trạng", annex[1:])


def test_reports_summary_table_continues_with_its_header(rendered: dict[str, bytes]) -> None:
    lines = page_texts(rendered["reports-summary"])[1].split("\n")
    assert lines[1].startswith("TT Cơ quan, đơn vị Ngày nhận")


# --- what the documents say matches the database ------------------------------------------------


@pytest.mark.parametrize("round_id", [9, 5, 20])
def test_reports_summary_counts_match_the_register(demo_db: Any, round_id: int) -> None:
    row = next(r for r in reports.list_rounds(demo_db, today=DEMO_TODAY) if r.id == round_id)
    text = flat(full_text(draft(demo_db, "reports-summary", round_id)))
    assert f"Số cơ quan, đơn vị phải báo cáo: {row.units};" in text
    sent = row.on_time + row.late
    assert f"Đã gửi báo cáo: {sent} (" in text
    assert f"đúng hạn {row.on_time}, muộn {row.late}" in text
    assert f"Quá hạn chưa gửi báo cáo: {row.missing}" in text
    assert f"Gửi báo cáo đúng hạn ({row.on_time} đơn vị)" in text
    assert f"Gửi báo cáo muộn ({row.late} đơn vị)" in text
    assert f"Quá hạn, chưa gửi báo cáo ({row.missing} đơn vị)" in text
    if row.not_due:
        assert f"Chưa đến hạn, chưa gửi báo cáo ({row.not_due} đơn vị)" in text
    else:
        assert "Chưa đến hạn" not in text
    for sub in reports.list_submissions(demo_db, round_id, today=DEMO_TODAY):
        if sub.status == "late":
            # the late table: unit, date received, days late, document number
            received = decree_date(sub.received_on)  # type: ignore[arg-type]
            row_text = f"{received} {sub.days_late} {sub.document_number}"
            assert row_text in text, sub
        elif sub.status == "overdue":
            assert re.search(rf"\b{sub.days_late}\b", text)


def test_reports_summary_of_a_round_not_yet_due(demo_db: Any) -> None:
    row = next(r for r in reports.list_rounds(demo_db, today=DEMO_TODAY) if r.id == 5)
    assert row.not_due > 0 and row.missing == 0  # the demo's current round
    text = flat(full_text(draft(demo_db, "reports-summary", 5)))
    assert f"Chưa đến hạn, chưa gửi báo cáo: {row.not_due}." in text
    assert "hạn gửi báo cáo ngày 20 tháng 12 năm 2026" in text
    # A regime's round carries out the regime ("chế độ báo cáo …"), not a "Báo cáo …" title.
    with demo_db.session() as s:
        rnd = s.get(ReportingRound, 5)
        regime, period = rnd.regime.name, rnd.period_label
    assert regime.startswith("Báo cáo ")
    assert f"Thực hiện chế độ báo cáo {regime[len('Báo cáo '):]} (kỳ báo cáo: {period})," in text


def test_tasks_counts_match_the_database(demo_db: Any) -> None:
    with demo_db.session() as s:  # one task stopped by the chair: counted apart
        first = s.scalars(select(Task).where(Task.status == TaskStatus.OPEN).order_by(Task.id))
        first.first().status = TaskStatus.CANCELLED
    with demo_db.session() as s:
        # Stopped on the report's day, not on the machine's (later): a report reads each task
        # as the change log says it stood at the end of its date.
        s.execute(
            update(ChangeLog)
            .where(ChangeLog.id == s.scalar(select(func.max(ChangeLog.id))))
            .values(at=dt.datetime.combine(DEMO_TODAY, dt.time(9)))
        )
    with demo_db.session() as s:
        all_tasks = list(s.scalars(select(Task)))
        tasks = [t for t in all_tasks if t.status != TaskStatus.CANCELLED]
        done = sum(t.status == TaskStatus.DONE for t in tasks)
        overdue = sum(
            t.status != TaskStatus.DONE and t.deadline is not None and t.deadline < DEMO_TODAY
            for t in tasks
        )
        # A task still open of a unit merged by then counts for the unit that received it
        # (the demo merges no unit twice); a done one stays with its unit.
        heirs = {
            u.id: u.merged_into_id
            for u in s.scalars(select(Unit))
            if u.merged_into_id is not None and u.retired_on <= DEMO_TODAY
        }
        units = {
            t.assignee_unit_id
            if t.status == TaskStatus.DONE
            else heirs.get(t.assignee_unit_id, t.assignee_unit_id)
            for t in tasks
        }
        vp = s.scalar(select(Unit).where(Unit.name == "Sở Thông tin và Truyền thông"))
        ict = [t for t in tasks if t.assignee_unit_id == vp.id and t.status == TaskStatus.DONE]
        ict_done = sum(t.status == TaskStatus.DONE for t in ict)
    data = draft(demo_db, "tasks", None)
    text = flat(full_text(data))
    assert f"Tổng số nhiệm vụ: {len(tasks)}, giao cho {len(units)} cơ quan, đơn vị;" in text
    stopped = sum(t.status == TaskStatus.CANCELLED for t in all_tasks)
    assert f"Nhiệm vụ đã dừng thực hiện, không tính vào tổng số: {stopped}." in text
    assert f"Đã hoàn thành: {done} (tỷ lệ" in text
    assert f"Đang thực hiện, trong hạn: {len(tasks) - done - overdue};" in text
    assert f"Quá hạn chưa hoàn thành: {overdue};" in text  # the stopped ones follow
    assert f"Tổng cộng {len(tasks)} {done} {len(tasks) - done - overdue} {overdue}" in text
    # The unit's group row in the annex: counts and completion rate.
    rate = f"{100 * ict_done / len(ict):.1f}".rstrip("0").rstrip(".").replace(".", ",")
    assert (
        f"Sở Thông tin và Truyền thông: {len(ict)} nhiệm vụ; hoàn thành {ict_done} ({rate}%)"
        in text
    )
    # Sources: a notice a reporting round refers to, a meeting, a direct assignment.
    with demo_db.session() as s:
        reference = s.get(ReportingRound, 20).request_reference
        first = s.get(Meeting, 1).starts_at.date()
    sources = {row[2] for row in table_rows(data) if len(row) == 6}
    assert reference in sources
    assert f"Kết luận tại cuộc họp ngày {decree_date(first)}" in sources
    assert any(s.startswith("Giao trực tiếp (đồng chí ") for s in sources)
    statuses = {row[4] for row in table_rows(data) if len(row) == 6}
    assert "Hoàn thành" in statuses and any(re.fullmatch(r"Quá hạn \d+ ngày", s) for s in statuses)


def test_roster_lists_the_committee_by_rank(demo_db: Any) -> None:
    committee = members.list_committee(demo_db, on=DEMO_TODAY)
    group = members.list_group(demo_db)
    data = draft(demo_db, "roster", None)
    text = flat(full_text(data))
    assert f"Danh sách gồm {len(committee)} thành viên Ban Chỉ đạo và {len(group)}" in text
    rows = [r for r in table_rows(data) if r[0].isdigit()]
    assert len(rows) == len(committee) + len(group)
    names = [r[1] for r in rows]
    assert set(names) == {r.full_name for r in committee + group}
    # By rank: the Head, the Deputies (the standing one first), the Standing Member, members,
    # the secretary last.
    ranks = [
        "Trưởng ban",
        "Phó Trưởng ban Thường trực",
        "Phó Trưởng ban",
        "Thành viên Thường trực",
        "Thành viên",
        "Thư ký",
    ]
    roles = [r[3] for r in rows[: len(committee)]]
    assert roles == sorted(roles, key=ranks.index)
    head = next(r for r in committee if r.role == "head")
    # "Chủ tịch UBND tỉnh" of "UBND tỉnh Nghệ An": the province said, not cut off.
    assert rows[0][:4] == ["1", head.full_name, "Chủ tịch UBND tỉnh Nghệ An", "Trưởng ban"]
    assert rows[0][4:] == [head.field, head.area]
    assert "I. BAN CHỈ ĐẠO" in text and "II. TỔ CÔNG TÁC GIÚP VIỆC BAN CHỈ ĐẠO" in text
    decision = f"Quyết định số {head.decision_number} ngày {decree_date(head.decision_date)}"
    assert decision in text
    assert "TM. BAN CHỈ ĐẠO" in text and "TRƯỞNG BAN" in text


def test_roster_without_the_working_group(demo_db: Any) -> None:
    from bdcq_desktop.core.settings import set_setting
    from bdcq_desktop.documents.roster_docs import INCLUDE_GROUP_SETTING
    from tests.test_settings_kept_on_date import settings_made_on

    set_setting(demo_db, INCLUDE_GROUP_SETTING, False)
    settings_made_on(demo_db, DEMO_TODAY)  # set before the roster of the demo's day
    text = flat(full_text(draft(demo_db, "roster", None)))
    # No section of the group (a member's field may name it: "Tổ trưởng Tổ công tác").
    assert "TỔ CÔNG TÁC" not in text and "I. BAN CHỈ ĐẠO" not in text
    assert "thành viên Tổ công tác" not in text
    assert re.search(r"Danh sách gồm \d+ thành viên Ban Chỉ đạo\./\.", text)


def test_working_group_convocation(demo_db: Any) -> None:
    with demo_db.session() as s:
        w = s.get(WorkingSession, 1)
        people = [(p.name_snapshot, p.role) for p in w.participants]
        experts = sum(r == ParticipantRole.EXPERT for _, r in people)
        leader = next(n for n, r in people if r == ParticipantRole.LEADER)
        start, end = w.starts_on, w.ends_on
    data = draft(demo_db, "wg-convocation", 1)
    text = flat(full_text(data))
    days = sum((start + dt.timedelta(i)).weekday() < 5 for i in range((end - start).days + 1))
    assert "Về việc triệu tập Tổ công tác làm việc tập trung nghiên cứu, xây dựng dự thảo" in text
    assert f"{len(people) - experts} thành viên Tổ công tác và {experts} chuyên gia" in text
    assert (
        f"Thời gian: từ {format_date(start)} đến {format_date(end)} ({days} ngày làm việc)." in text
    )
    assert "Địa điểm: Phòng họp tầng 2, Sở Thông tin và Truyền thông" in text
    # The title names the kind already: no "Loại nhiệm vụ" line repeating it.
    assert "Loại nhiệm vụ" not in text and "(đề án)" not in text
    annex = [r for r in table_rows(data) if r[0].isdigit()]
    assert [r[1] for r in annex] == [n for n, _ in people]  # the leader first, experts last
    assert [r[3] for r in annex][-experts:] == ["Chuyên gia"] * experts
    # Signed by the group leader; the annex refers to the convocation it belongs to.
    assert "TỔ TRƯỞNG" in text and leader in text.split("Nơi nhận:")[1]
    assert "(Kèm theo Giấy triệu tập số …/GTT-BCĐ ngày … tháng … năm 2026)" in text


def test_working_group_report(demo_db: Any) -> None:
    with demo_db.session() as s:
        w = s.get(WorkingSession, 3)
        outputs = [o.title for o in w.outputs]
        absent = [p.name_snapshot for p in w.participants if p.attendance.value == "absent"]
        total = len(w.participants)
    data = draft(demo_db, "wg-report", 3)
    text = flat(full_text(data))
    for heading in ("I. THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM", "II. KẾT QUẢ", "III. KIẾN NGHỊ, ĐỀ XUẤT"):
        assert heading in text
    assert f"{total} người được triệu tập" in text
    assert f"có mặt {total - len(absent)}, vắng {len(absent)}" in text
    assert f"Tổ công tác đã xây dựng {len(outputs)} sản phẩm" in text
    rows = table_rows(data)
    products = [r for r in rows if len(r) == 5 and r[0].isdigit()]
    assert [r[2] for r in products] == outputs
    assert products[0][3:] == ["Dự thảo 3", "Đã trình"]  # version and status
    assert "Tổ công tác làm việc tập trung 8 ngày" in text  # the session's result summary
    attendance = {r[1]: r for r in rows if len(r) == 6 and r[0].isdigit()}
    assert len(attendance) == total
    for name in absent:
        assert attendance[name][4] == "0" and attendance[name][5].startswith("Vắng: ")
    present = [r for r in attendance.values() if r[1] not in absent]
    assert all(re.fullmatch(r"\d+/\d+", r[4]) for r in present)


def test_issued_convocation_carries_its_number_and_the_report_cites_it(demo_db: Any) -> None:
    from bdcq_desktop.core.session_detail import get_session

    day = get_session(demo_db, 1).starts_on - dt.timedelta(days=7)  # a week before the session
    # As on its day: the session is in a past year, whose register is closed today.
    rec = service.issue(demo_db, "wg-convocation", 1, issued_on=day, today=day)
    assert rec.symbol == "01/GTT-BCĐ"
    assert rec.signer == "Hoàng Quang Tuấn"  # the group leader, not the committee's Head
    data = register.stored_copy(rec)
    text = flat(full_text(data))
    assert "Số: 01/GTT-BCĐ" in text
    assert f"Nghệ An, {format_date(day)}" in text
    assert f"(Kèm theo Giấy triệu tập số 01/GTT-BCĐ {format_date(day)})" in text
    report = flat(full_text(draft(demo_db, "wg-report", 1)))
    # Cited in running text as the annex note cites it: "ngày 13 tháng 12 năm 2024".
    assert f"Thực hiện Giấy triệu tập số 01/GTT-BCĐ {format_date(day)}," in report
    # Reports about the whole database are numbered in their own series (BC).
    tasks = service.issue(demo_db, "tasks", None, issued_on=DEMO_TODAY, today=DEMO_TODAY)
    assert tasks.symbol == "01/BC-BCĐ" and tasks.record_type == "database"


# --- errors and empty data ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["wg-convocation", "wg-report", "reports-summary"])
def test_missing_record_is_not_found(demo_db: Any, kind: str) -> None:
    with pytest.raises(NotFoundError):
        service.draft(demo_db, kind, 99999)
    with pytest.raises(BcdError):
        service.draft(demo_db, kind, None)


@pytest.fixture
def empty_db(db: Any) -> Any:
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    return db


def test_reports_with_nothing_to_report_still_say_so(empty_db: Any) -> None:
    roster = flat(full_text(service.draft(empty_db, "roster", today=DEMO_TODAY)))
    assert "chưa có thành viên tính đến ngày 20 tháng 11 năm 2026" in roster
    assert "Danh sách gồm 0 thành viên Ban Chỉ đạo./." in roster
    tasks = flat(full_text(service.draft(empty_db, "tasks", today=DEMO_TODAY)))
    assert "Ban Chỉ đạo chưa giao nhiệm vụ nào cho các cơ quan, đơn vị." in tasks
    with empty_db.session() as s:
        r = ReportingRound(
            title="Báo cáo đột xuất", period_label="Tháng 11/2026", due_date=DEMO_TODAY
        )
        w = WorkingSession(
            purpose=SessionPurpose.OTHER,
            title="Rà soát thủ tục hành chính",
            starts_on=DEMO_TODAY,
            ends_on=DEMO_TODAY,
        )
        s.add_all([r, w])
        s.flush()
        round_id, session_id = r.id, w.id
    summary = flat(
        full_text(service.draft(empty_db, "reports-summary", round_id, today=DEMO_TODAY))
    )
    assert "Đợt báo cáo chưa có cơ quan, đơn vị nào được yêu cầu báo cáo." in summary
    assert "Văn phòng Ban Chỉ đạo không có kiến nghị./." in summary
    report = flat(full_text(service.draft(empty_db, "wg-report", session_id, today=DEMO_TODAY)))
    assert "Phiên làm việc chưa ghi nhận sản phẩm nào." in report
    assert "chưa ghi nhận người tham gia" in report
    convocation = flat(
        full_text(service.draft(empty_db, "wg-convocation", session_id, today=DEMO_TODAY))
    )
    assert "Các thành viên Tổ công tác." in convocation
    assert "Thời gian: ngày 20 tháng 11 năm 2026." in convocation


def test_decomposed_input_comes_out_composed(demo_db: Any) -> None:
    title = "Xây dựng Đề án Chuyển đổi số ngành Y tế tỉnh Nghệ An"
    name = "Nguyễn Thị Hồng Nhung"
    nfd = unicodedata.normalize("NFD", title)
    assert nfd != title
    with demo_db.session() as s:
        w = s.get(WorkingSession, 2)
        w.title = nfd
        p = s.scalars(select(SessionParticipant).where(SessionParticipant.session_id == 2)).first()
        p.name_snapshot = unicodedata.normalize("NFD", name)
        unit = s.scalar(select(Unit).where(Unit.name == "Sở Tư pháp"))
        unit.name = unicodedata.normalize("NFD", "Sở Tư pháp tỉnh")
    for kind, rid, expected in (
        ("wg-convocation", 2, [name, title[1:]]),
        ("wg-report", 2, [name, title[1:]]),
        ("reports-summary", 9, ["Sở Tư pháp tỉnh"]),
        ("tasks", None, ["Sở Tư pháp tỉnh"]),
    ):
        text = flat(full_text(draft(demo_db, kind, rid)))
        assert unicodedata.normalize("NFC", text) == text, kind
        assert not any(unicodedata.combining(ch) for ch in text), kind
        for piece in expected:
            assert piece in text, (kind, piece)


def test_summaries_for_the_register(demo_db: Any) -> None:
    kinds = {k.name: k for k in service.kinds_for("session")}
    assert {"wg-convocation", "wg-report"} <= set(kinds)
    assert {k.name for k in service.kinds_for("round")} >= {"reports-summary"}
    assert {"roster", "tasks"} <= {k.name for k in service.kinds_for(None)}
    summary = service.get_kind("reports-summary").summary(demo_db, 9)
    assert summary == (
        "Tình hình thực hiện chế độ báo cáo kết quả cung cấp dịch vụ công trực tuyến Quý III/2025"
    )
    assert service.get_kind("roster").summary(demo_db, None).startswith("Thành viên Ban Chỉ đạo")
