"""The chair's running script (Kịch bản điều hành) on a real SQLite file, read back from its
PDF: the times of the agenda paper's rule, the presenters as the agenda paper names them, who
is absent once attendance is marked, the previous regular meeting's conclusions and their
tasks, a meeting with no agenda, a long agenda across pages, and the format of the papers."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

import pdfplumber
import pytest

from bdcq_desktop.core.attendance import record_attendance
from bdcq_desktop.core.conclusion_tasks import TaskInput
from bdcq_desktop.core.conclusions import add_conclusion
from bdcq_desktop.core.errors import BcdError, NotReadyError
from bdcq_desktop.core.meetings import cancel_meeting, create_meeting, get_meeting
from bdcq_desktop.core.running_script import (
    CLOSING,
    CONCLUSION,
    DISCUSSION,
    OPENING,
    REPORT,
    REVIEW,
    running_script,
)
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.core.tasks import complete_task
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from bdcq_desktop.documents.script_docs import export_script, script_pdf
from tests.pdf_tables import page_tables, table_cells
from tests.pdf_text import flat_text, page_texts
from tests.test_meeting_docs import assert_fonts_embedded, assert_inside_margins
from tests.test_meetings_core import Roster, base, roster  # noqa: F401

HEADER = ["Thời gian", "Nội dung điều hành", "Thực hiện", "Ghi chú"]
TODAY = date.today()


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    # The fonts the format checks name (tests/test_meeting_docs.py does the same).
    assert docfonts.register_fonts(prefer_system=False) == docfonts.LIBERATION_SERIF
    yield


def _opened(pdf: bytes | Path) -> Path | IO[bytes]:
    """What pdfplumber opens: a draft's bytes or an export's path."""
    return io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf


def _province(db: Any) -> None:
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )


def _at(days: int, hour: int = 8) -> datetime:
    """A weekday ``days`` from the real clock (the core plans nothing in the past, and holds
    nothing in the future)."""
    day = TODAY + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1 if days >= 0 else -1)
    return datetime.combine(day, time(hour, 0))


def _day(days: int) -> date:
    return TODAY + timedelta(days=days)


def _rows(pdf: bytes | Path) -> list[list[str]]:
    """The script table's rows, page by page, each cell read whole (the header kept)."""
    return [
        [re.sub(r"\s+", " ", c or "").strip() for c in row]
        for tables in page_tables(pdf)
        for table in tables
        for row in table
    ]


def _pages(pdf: bytes) -> list[list[list[str]]]:
    return [
        [
            [re.sub(r"\s+", " ", c or "").strip() for c in row]
            for table in tables
            for row in table
        ]
        for tables in page_tables(pdf)
    ]


AGENDA = [
    {"title": "Khai mạc, giới thiệu đại biểu", "planned_minutes": 10},
    {"title": "Báo cáo kết quả chuyển đổi số 6 tháng đầu năm", "planned_minutes": 20},
    {"title": "Tham luận của chuyên gia", "presenter_name": "TS. Nguyễn Văn Khách"},
    {"title": "Thảo luận", "planned_minutes": 30},
    {"title": "Kết luận của Trưởng ban", "planned_minutes": 15},
]


def _previous_regular(db: Any, r: Roster) -> tuple[int, list[int]]:
    """A regular meeting held two months ago whose one conclusion gave three tasks: one done,
    one past its deadline, one still within it."""
    held = _at(-60)
    prev = create_meeting(
        db,
        **base(
            r,
            title="Họp Ban Chỉ đạo năm 2025",
            starts_at=held,
            ends_at=held + timedelta(hours=3),
            now=datetime.now(),
        ),
        held=True,
        invite_committee=True,
    )
    added = add_conclusion(
        db,
        prev,
        "Các sở, ngành đẩy mạnh chuyển đổi số.",
        [
            TaskInput("Số hóa hồ sơ y tế", assignee_unit_id=r.health, deadline=_day(-30)),
            TaskInput("Kết nối dữ liệu dân cư", assignee_unit_id=r.police, deadline=_day(-20)),
            TaskInput("Triển khai thanh toán không dùng tiền mặt", assignee_unit_id=r.health,
                      deadline=_day(60)),
        ],
        expected_version=None,
    )  # fmt: skip
    complete_task(db, added.task_ids[0], TODAY - timedelta(days=35), expected_version=None)
    return prev, list(added.task_ids)


def _upcoming(db: Any, r: Roster, agenda: list[dict[str, Any]] | None = None, **kw: Any) -> int:
    start = _at(10)
    agenda = AGENDA if agenda is None else agenda
    lines = [
        {**a, "presenter_person_id": r.standing} if a["title"].startswith("Báo cáo") else a
        for a in agenda
    ]
    return create_meeting(
        db,
        **base(r, starts_at=start, ends_at=start + timedelta(hours=3), now=datetime.now(), **kw),
        agenda=lines,
        invite_committee=True,
    )


def test_the_core_gathers_the_steps_their_times_and_the_previous_conclusions(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    _province(db)
    prev, tasks = _previous_regular(db, roster)
    meeting = _upcoming(db, roster)
    script = running_script(db, meeting)
    # The agenda's steps, the review of the last regular meeting after the opening, and the
    # closing the agenda lacks.
    assert [s.kind for s in script.steps] == [
        OPENING, REVIEW, REPORT, REPORT, DISCUSSION, CONCLUSION, CLOSING,
    ]  # fmt: skip
    # The agenda paper's rule: nothing known after the talk without planned minutes.
    times = [(s.starts_at and f"{s.starts_at:%H:%M}", s.ends_at and f"{s.ends_at:%H:%M}")
             for s in script.steps]  # fmt: skip
    assert times == [
        ("08:00", "08:10"), (None, None), ("08:10", "08:30"), ("08:30", None),
        (None, None), (None, None), (None, None),
    ]  # fmt: skip
    assert script.as_of == TODAY
    review = script.review
    assert review is not None and review.meeting_id == prev
    assert (review.conclusions, review.tasks, review.done, review.open) == (1, 3, 1, 1)
    assert [t.id for t in review.overdue] == [tasks[1]]
    # Invited, nobody marked yet: the counts by group, no names.
    assert not script.presence.marked and script.presence.absent == ()
    assert [(g.category.value, g.invited) for g in script.presence.groups] == [("member", 4)]


def test_the_pdf_prints_times_presenters_and_the_previous_conclusions(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    _province(db)
    _previous_regular(db, roster)
    meeting = _upcoming(db, roster)
    pdf = script_pdf(db, meeting)
    rows = _rows(pdf)
    assert rows[0] == HEADER
    body = [r for r in rows if r != HEADER]
    # The times as the agenda paper prints them, the talk's start alone, nothing after it.
    timed = [r[0] for r in body if r[1]]
    assert timed[0] == "08 giờ 00 phút - 08 giờ 10 phút"
    report = next(r for r in body if "báo cáo kết quả chuyển đổi số" in r[1])
    talk = next(r for r in body if "tham luận của chuyên gia" in r[1])
    assert report[0] == "08 giờ 10 phút - 08 giờ 30 phút"
    assert talk[0] == "08 giờ 30 phút"
    assert all(r[0] == "" for r in body[body.index(talk) + 1 :])
    # The presenter named as the agenda paper names them, the verb after the title.
    agenda_rows = [r for r in _rows(service.draft(db, "agenda", meeting)) if r[0] != "Thời gian"]
    named = agenda_rows[1][2]
    assert named == "Đồng chí Cao Bá Công, Giám đốc Sở Thông tin và Truyền thông"
    assert report[1] == (
        f"Mời đồng chí {named.removeprefix('Đồng chí ')}, trình bày báo cáo kết quả chuyển đổi "
        "số 6 tháng đầu năm (20 phút)."
    )
    assert report[2] == "Đồng chí Cao Bá Công"
    assert talk[1] == (
        "Mời TS. Nguyễn Văn Khách trình bày tham luận của chuyên gia (chưa dự kiến thời lượng)."
    )
    # Opened and concluded by the chair; the delegates discuss.
    chair = "Đồng chí Vũ Duy Tiến, Chủ tịch UBND tỉnh Nghệ An, Trưởng Ban Chỉ đạo"
    text = flat_text(pdf)
    assert f"Chủ trì: {chair}." in text
    discussion = next(r for r in body if r[1].startswith("Thảo luận"))
    assert discussion[2] == "Các đại biểu dự họp"
    # Not yet marked: the invited by group, with room to write who came.
    cells = " ".join(table_cells(pdf))
    assert "Thành viên Ban Chỉ đạo: triệu tập 4 người; có mặt: ……, vắng: ……" in cells
    # The previous regular meeting's conclusions: counts and the overdue task named.
    review = next(r for r in body if r[1].startswith("Kết luận cuộc họp định kỳ trước"))
    assert review[2] == "Chủ trì"
    assert "chủ trì kết luận 1 nội dung, giao 3 nhiệm vụ." in review[1]
    assert (
        "đã hoàn thành 1, đang thực hiện trong hạn 1, quá hạn chưa hoàn thành 1." in review[1]
    )
    assert "Công an tỉnh: Kết nối dữ liệu dân cư (hạn " in review[1]
    assert "quá 20 ngày" in review[1]
    # Kết luận: dotted lines across the table to write on (read back as empty rows), then
    # the closing.
    conclusion = body.index(next(r for r in body if r[1].startswith("Kết luận của Trưởng ban")))
    closing = body.index(next(r for r in body if r[1].startswith("Bế mạc")))
    assert closing - conclusion - 1 >= 8
    assert all(r == ["", "", "", ""] for r in body[conclusion + 1 : closing])
    assert closing == len(body) - 1 and body[closing][2] == "Chủ trì"


def test_absent_names_and_substitutes_once_attendance_is_marked(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    _province(db)
    start = _at(-1)
    meeting = create_meeting(
        db,
        **base(roster, starts_at=start, ends_at=start + timedelta(hours=3), now=datetime.now()),
        agenda=AGENDA,
        held=True,
        invite_committee=True,
    )
    d = get_meeting(db, meeting)
    by_name = {i.name: i.id for i in d.invitees}
    record_attendance(
        db,
        meeting,
        [
            {"invitee_id": by_name["Vũ Thị Hoa"], "status": "absent", "reason": "Đi công tác"},
            {
                "invitee_id": by_name["Nguyễn Bá Thịnh"],
                "status": "substitute",
                "substitute_name": "Lê Văn Thay",
                "substitute_position": "Phó Giám đốc Sở Tư pháp",
            },
            {"invitee_id": by_name["Vũ Duy Tiến"], "status": "present"},
            {"invitee_id": by_name["Cao Bá Công"], "status": "present"},
        ],
        expected_version=d.version,
    )
    script = running_script(db, meeting)
    assert script.presence.marked
    assert [r.name for r in script.presence.absent] == ["Vũ Thị Hoa"]
    text = " ".join(table_cells(script_pdf(db, meeting)))
    assert "Thành viên Ban Chỉ đạo: dự họp 3/4 (trong đó 1 người dự thay); vắng 1;" in text
    assert (
        "+ đồng chí Vũ Thị Hoa, Phó Chủ tịch UBND tỉnh Nghệ An (lý do: đi công tác);"
        in text
    )
    assert (
        "+ đồng chí Lê Văn Thay, Phó Giám đốc Sở Tư pháp, dự thay đồng chí Nguyễn Bá Thịnh."
        in text
    )
    assert "có mặt: ……" not in text  # the counts are known


def test_a_meeting_without_an_agenda_says_so(db: Any, roster: Roster) -> None:  # noqa: F811
    _province(db)
    meeting = _upcoming(db, roster, agenda=[], kind="extraordinary")
    script = running_script(db, meeting)
    assert [s.kind for s in script.steps] == [OPENING, CONCLUSION, CLOSING]
    assert script.review is None  # neither regular nor reviewing conclusions
    pdf = script_pdf(db, meeting)
    text = flat_text(pdf)
    assert "Cuộc họp chưa có chương trình (nội dung): kịch bản chỉ gồm phần khai mạc" in text
    rows = [r for r in _rows(pdf) if r != HEADER]
    assert rows[0][0] == "08 giờ 00 phút" and rows[0][1].startswith("Khai mạc")
    assert "Cuộc họp chưa có chương trình (nội dung)." in rows[2][1]
    assert [r[1].split(" ")[0] for r in rows if r[1]][-2:] == ["Kết", "Bế"]
    assert not any("Mời" in r[1] for r in rows)  # no item, no presenter invited


def test_a_long_agenda_runs_across_pages_under_its_header(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    _province(db)
    agenda = [{"title": "Khai mạc", "planned_minutes": 5}]
    agenda += [
        {"title": f"Báo cáo chuyên đề số {n} về chuyển đổi số của các sở, ngành và địa phương",
         "planned_minutes": 7}
        for n in range(1, 31)
    ]  # fmt: skip
    agenda += [{"title": "Thảo luận", "planned_minutes": 30}]
    meeting = _upcoming(db, roster, agenda=agenda)
    pdf = script_pdf(db, meeting)
    assert_fonts_embedded(pdf)
    with pdfplumber.open(_opened(pdf)) as doc:
        assert_inside_margins(doc)
    pages = _pages(pdf)
    assert len(pages) >= 4
    reports = 0
    for rows in pages:
        # Every page's table opens with the header row.
        assert rows[0] == HEADER
        for when, words, who, notes in rows[1:]:
            assert notes == ""
            if "báo cáo chuyên đề" in words:
                reports += 1
                # The step, its time and who speaks, on one page in one row.
                assert who == "Đồng chí Cao Bá Công" and when, (when, words, who)
                assert "Mời đồng chí Cao Bá Công" in words and "(7 phút)" in words
            elif words:
                assert who, words
    assert reports == 30
    # The conclusions the script adds keep their lines on their page.
    page, n = next(
        (rows, n) for rows in pages for n, r in enumerate(rows) if r[1].startswith("Kết luận Chủ")
    )
    assert page[n][0] == "12 giờ 05 phút"  # when the discussion ends
    assert page[n + 1 :][:8] == [["", "", "", ""]] * 8


def test_no_number_no_date_and_the_papers_format(db: Any, roster: Roster) -> None:  # noqa: F811
    _province(db)
    meeting = _upcoming(db, roster)
    pdf = script_pdf(db, meeting)
    first = page_texts(pdf)[0]
    with pdfplumber.open(_opened(pdf)) as doc:
        assert_inside_margins(doc)
    assert "KỊCH BẢN ĐIỀU HÀNH" in first and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Số:" not in first and "Nghệ An, ngày" not in first
    assert "Tài liệu phục vụ chủ trì điều hành cuộc họp, không ban hành." in first
    assert "(Thời gian: 08 giờ 00 phút," in flat_text(pdf)


def test_export_writes_the_file_and_refuses_the_database(
    db: Any, roster: Roster, tmp_path: Path  # noqa: F811
) -> None:
    _province(db)
    meeting = _upcoming(db, roster)
    target = export_script(db, meeting, tmp_path / "kb" / "kich-ban.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert list(target.parent.iterdir()) == [target]  # the temporary file renamed into place
    with pytest.raises(BcdError) as refused:
        export_script(db, meeting, db.sqlite_path)
    assert "tệp dữ liệu đang dùng" in refused.value.message
    cancel_meeting(db, meeting, "Trùng lịch", expected_version=None)
    with pytest.raises(NotReadyError) as cancelled:
        running_script(db, meeting)
    assert cancelled.value.message == "Cuộc họp đã bị hủy: không lập kịch bản điều hành."
