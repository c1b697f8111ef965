"""Meeting documents (convocation, invitation, agenda, attendance, minutes, conclusions), read
back from the PDFs with pdfplumber and checked against Decree 30/2020 (official-documents.md).

The bundled Liberation Serif is forced so that results do not depend on the machine's fonts.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import select, text

from bdcq_desktop.core.errors import NotFoundError, NotReadyError
from bdcq_desktop.core.meetings import list_meetings
from bdcq_desktop.core.models import (
    AgendaItem,
    AttendanceStatus,
    CommitteeMembership,
    CommitteeRole,
    Conclusion,
    Honorific,
    Invitee,
    InviteeCategory,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    Person,
    Task,
    TaskSource,
    Unit,
    UnitKind,
)
from bdcq_desktop.documents import PageSettings, kind_index, service
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents.header import LEFT_COLUMN_FRACTION
from tests.pdf_text import page_texts

MEETING_KINDS = ("convocation", "invitation", "agenda", "attendance", "minutes", "conclusions")
ABBR = {
    "convocation": "GTT",
    "invitation": "GM",
    "agenda": "CTr",
    "attendance": "DS",
    "minutes": "BB",
    "conclusions": "TB",
}
PAGE = PageSettings()
TOL = 0.5
A4 = (595.28, 841.89)


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    assert docfonts.register_fonts(prefer_system=False) == docfonts.LIBERATION_SERIF
    yield


# --- reading PDFs -----------------------------------------------------------------------------


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def lines(page: Any, bbox: tuple[float, float, float, float] | None = None) -> list[dict]:
    """Text lines with their chars; a wide horizontal gap splits a line into columns."""
    region = page.crop(bbox) if bbox else page
    out: list[dict] = []
    for line in region.extract_text_lines(return_chars=True):
        chars = sorted(line["chars"], key=lambda c: c["x0"])
        groups: list[list[dict]] = [[chars[0]]]
        for prev, cur in itertools.pairwise(chars):
            if cur["x0"] - prev["x1"] > 20:
                groups.append([])
            groups[-1].append(cur)
        for group in groups:
            txt = group[0]["text"]
            for prev, cur in itertools.pairwise(group):
                txt += (" " if cur["x0"] - prev["x1"] > 0.15 * cur["size"] else "") + cur["text"]
            visible = [c for c in group if c["text"].strip()] or group
            out.append(
                {
                    "text": re.sub(r"\s+", " ", txt.replace("\xa0", " ")).strip(),
                    "chars": group,
                    "x0": min(c["x0"] for c in visible),
                    "x1": max(c["x1"] for c in visible),
                    "top": min(c["top"] for c in visible),
                }
            )
    return out


def find_line(page: Any, pattern: str, bbox: Any = None) -> dict:
    for line in lines(page, bbox):
        if re.search(pattern, line["text"]):
            return line
    raise AssertionError(f"no line matching {pattern!r} in {[x['text'] for x in lines(page)]}")


def fonts_of(line: dict) -> set[str]:
    return {c["fontname"].split("+", 1)[1] for c in line["chars"] if c["text"].strip()}


def sizes_of(line: dict) -> set[float]:
    return {round(c["size"], 2) for c in line["chars"] if c["text"].strip()}


def texts(pdf: pdfplumber.PDF) -> list[str]:
    """Each page's text, as ``page.extract_text()`` reads it, but read by pdfium from the
    document's bytes (tests/pdf_text.py): pdfplumber parses only the pages a test measures."""
    return page_texts(pdf.stream.getvalue())


def all_text(pdf: pdfplumber.PDF) -> str:
    """The whole document as one line of text (line breaks folded into spaces)."""
    return re.sub(r"\s+", " ", " ".join(texts(pdf)))


def left_column() -> tuple[float, float, float, float]:
    return (PAGE.left - 1, 0, PAGE.left + PAGE.frame_width * LEFT_COLUMN_FRACTION, 260)


def assert_inside_margins(pdf: pdfplumber.PDF) -> None:
    """Every character inside the margins; only the page number (from page 2) above them."""
    for number, page in enumerate(pdf.pages, 1):
        width, height = page.width, page.height
        assert {round(width, 2), round(height, 2)} == {round(A4[0], 2), round(A4[1], 2)}
        top_text = ""
        for c in page.chars:
            if not c["text"].strip():
                continue
            assert c["x0"] >= PAGE.left - TOL, (number, c["text"], c["x0"])
            assert c["x1"] <= width - PAGE.right + TOL, (number, c["text"], c["x1"])
            assert c["bottom"] <= height - PAGE.bottom + TOL, (number, c["text"], c["bottom"])
            if c["top"] < PAGE.top - TOL:
                top_text += c["text"]
        assert top_text == ("" if number == 1 else str(number)), (number, top_text)


def assert_fonts_embedded(data: bytes) -> None:
    pdf = open_pdf(data)
    names = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert names
    for name in names:
        assert re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", name), name
    base_fonts = re.findall(rb"/BaseFont /([^\s/>]+)", data)
    assert all(re.fullmatch(rb"[A-Z]{6}\+LiberationSerif[-A-Za-z]*", n) for n in base_fonts)
    assert data.count(b"/FontFile2") == len(base_fonts)
    for std in (b"/Helvetica", b"/Times-Roman", b"/Times-Bold", b"/Courier", b"/Symbol"):
        assert std not in data


def closing_page(pdf: pdfplumber.PDF) -> Any:
    return next(pdf.pages[i] for i, text in enumerate(texts(pdf)) if "Nơi nhận:" in text)


def recipient_lines(page: Any) -> list[dict]:
    label = find_line(page, r"^Nơi nhận:$")
    below = [ln for ln in lines(page) if ln["top"] > label["top"] + 1 and ln["x0"] < 200]
    return [ln for ln in below if ln["text"].startswith("- ")]


# --- meetings ---------------------------------------------------------------------------------


def demo_ids(db: Any) -> dict[str, int]:
    """Meetings of the demo database by what the tests need of them."""
    rows = list_meetings(db)
    pick = {
        "expanded": next(r for r in rows if r.kind == "expanded" and r.status == "minutes_final"),
        "regular": next(r for r in rows if r.kind == "regular" and r.status == "minutes_final"),
        "held": next(r for r in rows if r.status == "held"),
        "planned": next(r for r in rows if r.status == "planned"),
        "convened": next(r for r in rows if r.status == "convened"),
        "cancelled": next(r for r in rows if r.status == "cancelled"),
    }
    return {k: r.id for k, r in pick.items()}


def make_meeting(
    db: Any,
    *,
    members: int = 3,
    agency_heads: int = 1,
    experts: int = 1,
    guests: int = 1,
    agenda: int = 3,
    conclusions: int = 2,
    status: MeetingStatus = MeetingStatus.HELD,
    starts_at: datetime = datetime(2026, 2, 3, 8, 0),
    long_name: str | None = None,
) -> int:
    """A meeting with known content: members (the 2nd sends a substitute, the 3rd is absent),
    an agency head, an expert and a guest, agenda items of 15, 45 and unplanned minutes,
    conclusions with tasks due 30/6/2026. The chair is the committee's head."""
    with db.session() as s:
        head = s.scalar(
            select(CommitteeMembership.person_id).where(
                CommitteeMembership.role == CommitteeRole.HEAD,
                CommitteeMembership.end_date.is_(None),
            )
        )
        n = s.scalar(select(Meeting.id).order_by(Meeting.id.desc())) or 0
        unit = Unit(name=f"Sở Thử nghiệm Số {n + 1}", kind=UnitKind.DEPARTMENT)
        focal = Unit(name=f"Trung tâm Dữ liệu Số {n + 1}", kind=UnitKind.OTHER)
        secretary = Person(
            full_name="Trần Thị Thư",
            honorific=Honorific.BA,
            position="Chuyên viên Văn phòng",
            unit=unit,
            phone="0238 3 123 456",
        )
        s.add_all([unit, focal, secretary])
        m = Meeting(
            kind=MeetingKind.EXPANDED,
            title="Họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh 6 tháng đầu năm 2026",
            chair_id=head,
            secretary=secretary,
            starts_at=starts_at,
            ends_at=starts_at.replace(hour=11),
            place="Phòng họp số 1, trụ sở UBND tỉnh",
            status=status,
        )
        s.add(m)
        pos = itertools.count(1)

        def invitee(category: InviteeCategory, i: int, **kw: Any) -> Invitee:
            name = long_name if (long_name and i == 1) else f"Nguyễn Văn {category.value} {i}"
            person = Person(full_name=name, honorific=Honorific.ONG, position="Giám đốc", unit=unit)
            s.add(person)
            kw.setdefault("attendance", AttendanceStatus.PRESENT)
            inv = Invitee(
                meeting=m,
                position=next(pos),
                person=person,
                category=category,
                name_snapshot=name,
                position_snapshot=f"Giám đốc {unit.name}",
                unit_snapshot=unit.name,
                **kw,
            )
            s.add(inv)
            return inv

        for i in range(1, members + 1):
            kw: dict[str, Any] = {}
            if i == 2:
                kw = dict(
                    attendance=AttendanceStatus.SUBSTITUTE,
                    substitute_name="Lê Thị Thay",
                    substitute_position=f"Phó Giám đốc {unit.name}",
                    absence_reason="Đi công tác",
                )
            elif i == 3:
                kw = dict(attendance=AttendanceStatus.ABSENT, absence_reason="Ốm")
            invitee(InviteeCategory.MEMBER, i, **kw)
        for category, count in (
            (InviteeCategory.AGENCY_HEAD, agency_heads),
            (InviteeCategory.EXPERT, experts),
            (InviteeCategory.GUEST, guests),
        ):
            for i in range(1, count + 1):
                invitee(category, i)
        planned = [15, 45, None]
        for i in range(1, agenda + 1):
            s.add(
                AgendaItem(
                    meeting=m,
                    position=i,
                    title=f"Báo cáo nội dung số {i}",
                    presenter_unit=unit,
                    planned_minutes=planned[(i - 1) % 3],
                    minutes_text=f"Đại diện {unit.name} trình bày nội dung số {i}.",
                )
            )
        for i in range(1, conclusions + 1):
            c = Conclusion(meeting=m, position=i, text=f"Kết luận thứ {i} của Trưởng ban.")
            s.add(c)
            s.add(
                Task(
                    content=f"Triển khai nhiệm vụ số {i}",
                    source=TaskSource.CONCLUSION,
                    conclusion=c,
                    position=1,
                    assignee_unit=unit,
                    focal_unit=focal,
                    assigned_on=starts_at.date(),
                    deadline=date(2026, 6, 30),
                )
            )
        if status in (MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL):
            s.add(
                Minutes(
                    meeting=m,
                    opened_at=starts_at,
                    closed_at=starts_at.replace(hour=11),
                    closing_text="Biên bản đã được thông qua trước các đại biểu dự họp.",
                )
            )
        s.flush()
        return m.id


@pytest.fixture
def ids(demo_db: Any) -> dict[str, int]:
    return demo_ids(demo_db)


@pytest.fixture
def small(demo_db: Any) -> int:
    return make_meeting(demo_db)


def draft_pdf(db: Any, kind: str, meeting_id: int, **kw: Any) -> pdfplumber.PDF:
    return open_pdf(service.draft(db, kind, meeting_id, **kw))


# --- every kind: the decree's format ----------------------------------------------------------


@pytest.mark.parametrize("kind", MEETING_KINDS)
def test_draft_follows_the_decree(demo_db: Any, ids: dict[str, int], kind: str) -> None:
    data = service.draft(demo_db, kind, ids["expanded"])
    assert_fonts_embedded(data)
    pdf = open_pdf(data)
    assert_inside_margins(pdf)
    first = pdf.pages[0]
    assert (round(first.width, 2), round(first.height, 2)) == (round(A4[0], 2), round(A4[1], 2))
    parent = find_line(first, r"^UBND TỈNH NGHỆ AN$")
    assert fonts_of(parent) == {"LiberationSerif"} and sizes_of(parent) == {12.0}
    body = find_line(first, r"^BAN CHỈ ĐẠO XÂY DỰNG$")
    assert fonts_of(body) == {"LiberationSerif-Bold"} and sizes_of(body) == {12.0}
    find_line(first, r"^CHÍNH QUYỀN ĐIỆN TỬ$")
    title = find_line(first, r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
    assert fonts_of(title) == {"LiberationSerif-Bold"} and sizes_of(title) == {12.0}
    motto = find_line(first, r"^Độc lập - Tự do - Hạnh phúc$")
    assert sizes_of(motto) == {13.0}
    # A draft leaves the number blank, with room to write it in.
    number = find_line(first, rf"^Số:\s+/{ABBR[kind]}-BCĐ$", left_column())
    assert sizes_of(number) == {13.0}
    colon = next(c for c in number["chars"] if c["text"] == ":")
    slash = next(c for c in number["chars"] if c["text"] == "/")
    assert slash["x0"] - colon["x1"] >= 15
    year = date.today().year
    if kind == "minutes":
        assert "Nghệ An, ngày" not in (first.extract_text() or "")
    else:
        place = find_line(first, rf"^Nghệ An, ngày\s+tháng\s+năm {year}$")
        assert fonts_of(place) == {"LiberationSerif-Italic"}
        assert place["top"] == pytest.approx(number["top"], abs=1)
    # Recipients: label bold italic 12, items 11, archive last.
    page = closing_page(pdf)
    label = find_line(page, r"^Nơi nhận:$")
    assert fonts_of(label) == {"LiberationSerif-BoldItalic"} and sizes_of(label) == {12.0}
    items = recipient_lines(page)
    assert items and all(sizes_of(ln) == {11.0} for ln in items)
    assert all(fonts_of(ln) == {"LiberationSerif"} for ln in items)
    archive = "- Lưu: VT, Hồ sơ." if kind == "minutes" else "- Lưu: VT, BCĐ."
    assert items[-1]["text"] == archive
    # Body text ends with the decree's closing mark (minutes, notices, letters).
    if kind in ("convocation", "invitation", "minutes", "conclusions"):
        assert "./." in all_text(pdf)
    # Everything extracts as composed Vietnamese.
    extracted = all_text(pdf)
    assert extracted == unicodedata.normalize("NFC", extracted)


@pytest.mark.parametrize("kind", MEETING_KINDS)
def test_issued_number_and_date(demo_db: Any, small: int, kind: str) -> None:
    # The meeting is on 03/02: what calls people to it is issued before, what records it after,
    # its sign-in sheet on the day.
    day = {"minutes": 5, "conclusions": 5, "attendance": 3}.get(kind, 2)
    day = date(2026, 2, day)
    if kind in ("convocation", "invitation"):  # refused once the meeting is held
        small = make_meeting(demo_db, status=MeetingStatus.CONVENED)
    record = service.issue(demo_db, kind, small, issued_on=day, today=day)
    assert record.symbol == f"01/{ABBR[kind]}-BCĐ"
    from bdcq_desktop.core.register import stored_copy

    data = stored_copy(record)
    assert hashlib.sha256(data).hexdigest() == record.sha256
    first = open_pdf(data).pages[0]
    find_line(first, rf"^Số: 01/{ABBR[kind]}-BCĐ$", left_column())
    if kind == "minutes":
        assert "ngày 05 tháng 02 năm 2026" not in (first.extract_text() or "")
    else:
        find_line(first, rf"^Nghệ An, ngày {day:%d} tháng 02 năm 2026$")


def test_date_leading_zero_rule(demo_db: Any, small: int) -> None:
    day = date(2026, 6, 9)
    record = service.issue(demo_db, "conclusions", small, issued_on=day, today=day)
    from bdcq_desktop.core.register import stored_copy

    first = open_pdf(stored_copy(record)).pages[0]
    find_line(first, r"^Nghệ An, ngày 09 tháng 6 năm 2026$")


def test_page_numbers_from_page_two(demo_db: Any, ids: dict[str, int]) -> None:
    pdf = draft_pdf(demo_db, "minutes", ids["expanded"])
    assert len(pdf.pages) >= 3
    for number, page in enumerate(pdf.pages, 1):
        top = [c for c in page.chars if c["top"] < PAGE.top and c["text"].strip()]
        assert "".join(c["text"] for c in top) == ("" if number == 1 else str(number))
        if number > 1:
            assert {round(c["size"], 1) for c in top} == {13.0}


def test_every_kind_is_loaded_in_menu_order() -> None:
    package = Path(service.__file__).parent
    defining = {
        p.stem
        for p in package.glob("*.py")
        if re.search(r"^@document_kind\(", p.read_text(encoding="utf-8"), re.M)
    }
    assert defining == set(kind_index.KIND_MODULES)
    service.get_kind("minutes")  # loads the kinds
    assert list(service.KINDS) == [
        *MEETING_KINDS,
        "reports-summary",
        "tasks",
        "reminder",
        "roster",
        "wg-convocation",
        "wg-report",
    ]


def test_missing_meeting_is_named(demo_db: Any) -> None:
    for kind in MEETING_KINDS:
        with pytest.raises(NotFoundError, match="9999"):
            service.draft(demo_db, kind, 9999)


# --- convocation ------------------------------------------------------------------------------


def test_convocation_content(demo_db: Any, small: int) -> None:
    pdf = draft_pdf(demo_db, "convocation", small)
    page = pdf.pages[0]
    find_line(page, r"^GIẤY TRIỆU TẬP$")
    find_line(page, r"^Họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh")
    txt = all_text(pdf)
    assert "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An triệu tập:" in txt
    # Few members: named in the body; the chair convenes and is not among them.
    assert "- Đồng chí Nguyễn Văn member 1, Giám đốc Sở Thử nghiệm" in txt
    assert "Vũ Duy Tiến, Chủ tịch" not in txt.split("Tới dự")[0]
    assert "Tới dự cuộc họp Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh 6 tháng đầu năm" in txt
    assert re.search(r"Chủ trì: Đồng chí Vũ Duy Tiến, .*Trưởng Ban Chỉ đạo\.", txt)
    assert "Thời gian: 08 giờ 00 phút, thứ Ba, ngày 03 tháng 02 năm 2026." in txt
    assert "Địa điểm: Phòng họp số 1, trụ sở UBND tỉnh." in txt
    assert "Nội dung:" in txt and "- Báo cáo nội dung số 1" in txt
    assert "đồng chí Trần Thị Thư" in txt and "điện thoại 0238 3 123 456./." in txt
    last = closing_page(pdf)
    find_line(last, r"^TM\. BAN CHỈ ĐẠO$")
    find_line(last, r"^TRƯỞNG BAN$")
    signer = find_line(last, r"^Vũ Duy Tiến$")
    assert fonts_of(signer) == {"LiberationSerif-Bold"} and sizes_of(signer) == {14.0}


def test_convocation_of_many_members_has_a_list(demo_db: Any, ids: dict[str, int]) -> None:
    pdf = draft_pdf(demo_db, "convocation", ids["regular"])
    txt = all_text(pdf)
    assert "Các thành viên Ban Chỉ đạo (theo danh sách kèm theo)." in txt
    annex = texts(pdf)[-1]
    assert "DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO ĐƯỢC TRIỆU TẬP" in annex
    assert "(Kèm theo Giấy triệu tập số …/GTT-BCĐ ngày … tháng … năm" in txt


def test_convocation_of_a_planned_meeting_uses_the_roster(demo_db: Any, ids: dict) -> None:
    txt = all_text(draft_pdf(demo_db, "convocation", ids["planned"]))
    assert "Các thành viên Ban Chỉ đạo (theo danh sách kèm theo)." in txt
    assert "Vũ Thị Hoa" in txt


def test_cancelled_meeting_has_no_convocation(demo_db: Any, ids: dict[str, int]) -> None:
    with pytest.raises(NotReadyError, match="hủy"):
        service.draft(demo_db, "convocation", ids["cancelled"])


# --- invitation -------------------------------------------------------------------------------


def test_invitation_lists_guests_not_members(demo_db: Any, small: int) -> None:
    txt = all_text(draft_pdf(demo_db, "invitation", small))
    assert "GIẤY MỜI" in txt and "trân trọng kính mời:" in txt
    for who in ("agency_head 1", "expert 1", "guest 1"):
        assert f"Ông Nguyễn Văn {who}" in txt
    assert "member 1" not in txt
    assert "Trân trọng kính mời./." in txt


def test_invitation_per_addressee(demo_db: Any, small: int) -> None:
    pdf = draft_pdf(demo_db, "invitation", small, options={"per_addressee": True})
    pages = texts(pdf)
    starts = [i for i, text in enumerate(pages) if "GIẤY MỜI" in text]
    assert len(starts) == 3
    for n, i in enumerate(starts):
        page_txt = pages[i]
        assert ["agency_head 1", "expert 1", "guest 1"][n] in page_txt
    # Each copy numbers its own pages: no number on a copy's first page.
    for i, page in enumerate(pdf.pages):
        top = "".join(c["text"] for c in page.chars if c["top"] < PAGE.top)
        if i in starts:
            assert top == ""
        else:
            first = max(s for s in starts if s < i)
            assert top == str(i - first + 1)
    assert_inside_margins_per_copy(pdf, starts)


def assert_inside_margins_per_copy(pdf: pdfplumber.PDF, starts: list[int]) -> None:
    for page in pdf.pages:
        for c in page.chars:
            if c["text"].strip():
                assert PAGE.left - TOL <= c["x0"] and c["x1"] <= page.width - PAGE.right + TOL


def test_invitation_needs_guests(demo_db: Any) -> None:
    bare = make_meeting(demo_db, agency_heads=0, experts=0, guests=0)
    with pytest.raises(NotReadyError):
        service.draft(demo_db, "invitation", bare)


# --- agenda -----------------------------------------------------------------------------------


def test_agenda_times_run_on_from_the_start(demo_db: Any, small: int) -> None:
    pdf = draft_pdf(demo_db, "agenda", small)
    page = pdf.pages[0]
    find_line(page, r"^CHƯƠNG TRÌNH$")
    for head in ("Thời gian", "Nội dung", "Thực hiện"):
        assert head in page.extract_text()
    table = page.extract_tables()[0]
    assert table[0] == ["Thời gian", "Nội dung", "Thực hiện"]
    assert [row[0] for row in table[1:]] == [
        "08 giờ 00 phút -\n08 giờ 15 phút",
        "08 giờ 15 phút -\n09 giờ 00 phút",
        "09 giờ 00 phút",
    ]
    assert table[1][1] == "Báo cáo nội dung số 1"
    # Time in the agenda is written as in every other document ("giờ … phút"), never 08h00.
    assert not re.search(r"\d{2}h\d{2}", all_text(pdf))


# --- attendance sheet -------------------------------------------------------------------------


def test_attendance_sheet(demo_db: Any, small: int) -> None:
    pdf = draft_pdf(demo_db, "attendance", small)
    assert_inside_margins(pdf)
    page = pdf.pages[0]
    find_line(page, r"^DANH SÁCH ĐẠI BIỂU$")
    table = page.extract_tables()[0]
    assert table[0] == ["STT", "Họ và tên", "Chức vụ", "Cơ quan, đơn vị", "Ký tên"]
    flat = [[re.sub(r"\s+", " ", c or "") for c in row] for row in table]
    groups = [row[1] for row in flat if row[0] in ("I", "II", "III", "IV")]
    assert groups == [
        "Thành viên Ban Chỉ đạo",
        "Lãnh đạo các cơ quan, đơn vị",
        "Chuyên gia, nhà khoa học",
        "Khách mời",
    ]
    sub = next(row for row in flat if "Lê Thị Thay" in row[1])
    assert sub[1] == "Lê Thị Thay (dự thay ông Nguyễn Văn member 2)"
    assert sub[2] == "Phó Giám đốc"
    absent = next(row for row in flat if "member 3" in row[1])
    assert absent[4] == "Vắng: ốm"  # a common word, lowered after the colon
    present = next(row for row in flat if "member 1" in row[1])
    assert present[4] == ""
    # Tall rows for hand signing.
    heights = [r.bbox[3] - r.bbox[1] for r in page.find_tables()[0].rows[1:]]
    person_rows = [h for h in heights if h > 20]
    assert len(person_rows) == len(heights) - 4  # all but the four group headings
    assert min(person_rows) >= 12 * 72 / 25.4 - 0.5


# --- minutes ----------------------------------------------------------------------------------


def test_minutes_content_and_signatures(demo_db: Any, small: int) -> None:
    pdf = draft_pdf(demo_db, "minutes", small)
    first = pdf.pages[0]
    find_line(first, r"^BIÊN BẢN$")
    assert "Nghệ An, ngày" not in all_text(pdf)
    txt = all_text(pdf)
    assert "Thời gian bắt đầu: 08 giờ 00 phút, ngày 03 tháng 02 năm 2026." in txt
    assert "Địa điểm: Phòng họp số 1, trụ sở UBND tỉnh." in txt
    assert "Thành phần tham dự:" in txt
    assert "Thành viên Ban Chỉ đạo: dự họp 2/3 (trong đó 1 người dự thay); vắng 1." in txt
    assert "Lê Thị Thay, Phó Giám đốc" in txt and "(dự thay ông Nguyễn Văn member 2)" in txt
    assert "Vắng: Nguyễn Văn member 3 (lý do: ốm)." in txt  # not "(lý do: Ốm)"
    assert re.search(r"Chủ trì \(chủ tọa\): Đồng chí Vũ Duy Tiến", txt)
    assert "Thư ký (người ghi biên bản): Đồng chí Trần Thị Thư" in txt
    assert "Nội dung (theo diễn biến cuộc họp):" in txt
    assert "1. Báo cáo nội dung số 1" in txt
    assert "trình bày nội dung số 3." in txt
    # Under the item they conclude, a level below it: not "1." read as another item.
    assert "a) Kết luận thứ 1 của Trưởng ban." in txt and "b) Kết luận thứ 2" in txt
    assert "1. Kết luận thứ 1" not in txt
    assert "Biên bản đã được thông qua trước các đại biểu dự họp." in txt
    assert txt.rstrip().count("Cuộc họp kết thúc vào 11 giờ 00 phút, ngày 03 tháng 02 năm 2026./.")
    last = closing_page(pdf)
    clerk = find_line(last, r"^THƯ KÝ$")
    chair = find_line(last, r"^CHỦ TỌA$")
    assert clerk["x0"] < PAGE.left + PAGE.frame_width / 2 < chair["x0"]
    assert clerk["top"] == pytest.approx(chair["top"], abs=0.5)
    clerk_name = find_line(last, r"^Trần Thị Thư$")
    chair_name = find_line(last, r"^Vũ Duy Tiến$")
    assert clerk_name["top"] == pytest.approx(chair_name["top"], abs=0.5)
    assert clerk_name["top"] > clerk["top"] + 50  # room to sign
    assert clerk_name["x0"] < chair_name["x0"]
    label = find_line(last, r"^Nơi nhận:$")
    assert label["top"] > clerk_name["top"]
    assert recipient_lines(last)[-1]["text"] == "- Lưu: VT, Hồ sơ."


@pytest.mark.parametrize("which", ["planned", "convened", "cancelled"])
def test_minutes_need_a_held_meeting(demo_db: Any, ids: dict[str, int], which: str) -> None:
    with pytest.raises(NotReadyError) as err:
        service.draft(demo_db, "minutes", ids[which])
    assert err.value.message == "Chưa thể lập biên bản: cuộc họp chưa diễn ra."


def test_issuing_minutes_finalises_them(demo_db: Any, ids: dict[str, int]) -> None:
    meeting_id = ids["held"]
    day = date(2026, 11, 20)
    record = service.issue(demo_db, "minutes", meeting_id, issued_on=day, today=day)
    from bdcq_desktop.core.register import stored_copy

    data = stored_copy(record)
    with demo_db.session() as s:
        mins = s.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))
        assert mins.pdf_sha256 == record.sha256 == hashlib.sha256(data).hexdigest()
        assert mins.is_final and mins.finalised_at is not None
        assert s.get(Meeting, meeting_id).status == MeetingStatus.MINUTES_FINAL


def test_issuing_minutes_without_a_minutes_row(demo_db: Any) -> None:
    meeting_id = make_meeting(demo_db)
    with demo_db.session() as s:
        s.execute(text("DELETE FROM minutes WHERE meeting_id = :m"), {"m": meeting_id})
    txt = all_text(draft_pdf(demo_db, "minutes", meeting_id))
    assert "Cuộc họp kết thúc vào 11 giờ 00 phút, ngày 03 tháng 02 năm 2026./." in txt
    day = date(2026, 2, 4)
    record = service.issue(demo_db, "minutes", meeting_id, issued_on=day, today=day)
    with demo_db.session() as s:
        mins = s.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))
        assert mins.pdf_sha256 == record.sha256 and mins.is_final


# --- conclusions ------------------------------------------------------------------------------


def test_conclusions_notice(demo_db: Any, small: int) -> None:
    pdf = draft_pdf(demo_db, "conclusions", small)
    txt = all_text(pdf)
    find_line(pdf.pages[0], r"^THÔNG BÁO$")
    assert re.search(r"Kết luận của đồng chí Vũ Duy Tiến, .*Trưởng Ban Chỉ đạo tại cuộc họp", txt)
    assert "Ngày 03 tháng 02 năm 2026, tại Phòng họp số 1, trụ sở UBND tỉnh, Ban Chỉ đạo" in txt
    assert "đồng chí Vũ Duy Tiến, " in txt and " chủ trì; tham dự có" in txt
    assert re.search(
        r"Sau khi nghe .* và ý kiến của các đại biểu, đồng chí .* kết luận như sau:", txt
    )
    for i in (1, 2):
        assert f"{i}. Kết luận thứ {i} của Trưởng ban." in txt
        assert re.search(
            rf"Triển khai nhiệm vụ số {i} \(đơn vị chủ trì: Sở Thử nghiệm Số \d+; đơn vị đầu "
            r"mối: Trung tâm Dữ liệu Số \d+; thời hạn: chậm nhất ngày 30/6/2026\)",
            txt,
        )
    assert "biết, thực hiện./." in txt
    last = closing_page(pdf)
    find_line(last, r"^TL\. TRƯỞNG BAN$")
    find_line(last, r"^CHÁNH VĂN PHÒNG$")


def test_conclusions_of_the_demo_list_every_task(demo_db: Any, ids: dict[str, int]) -> None:
    meeting_id = ids["expanded"]
    txt = all_text(draft_pdf(demo_db, "conclusions", meeting_id))
    with demo_db.session() as s:
        tasks = s.scalars(
            select(Task).join(Conclusion).where(Conclusion.meeting_id == meeting_id)
        ).all()
        expected = [(t.content, t.assignee_unit.name, t.deadline) for t in tasks]
    assert expected
    for content, unit, deadline in expected:
        month = f"{deadline.month:02d}" if deadline.month <= 2 else str(deadline.month)
        due = f"thời hạn: chậm nhất ngày {deadline.day:02d}/{month}/{deadline.year}"
        assert re.search(re.escape(content) + r" \(đơn vị chủ trì: " + re.escape(unit), txt)
        assert due in txt


def test_conclusions_need_conclusions(demo_db: Any) -> None:
    bare = make_meeting(demo_db, conclusions=0)
    with pytest.raises(NotReadyError, match="kết luận"):
        service.draft(demo_db, "conclusions", bare)


# --- text -------------------------------------------------------------------------------------


def test_decomposed_names_come_out_composed(demo_db: Any, small: int) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
    assert nfd != unicodedata.normalize("NFC", nfd)
    with demo_db.session() as s:
        s.execute(
            text("UPDATE invitee SET name_snapshot = :n WHERE meeting_id = :m AND position = 1"),
            {"n": nfd, "m": small},
        )
        s.execute(
            text("UPDATE meeting SET place = :p WHERE id = :m"),
            {"p": unicodedata.normalize("NFD", "Hội trường tầng 2"), "m": small},
        )
    for kind in ("convocation", "attendance", "minutes"):
        pdf = draft_pdf(demo_db, kind, small)
        txt = all_text(pdf)
        if kind == "attendance":  # the name wraps inside its cell
            cells = [c or "" for t in pdf.pages[0].extract_tables() for r in t for c in r]
            txt += " " + " ".join(re.sub(r"\s+", " ", c) for c in cells)
        assert "Nguyễn Thị Hồng Nhung" in txt, kind
        assert "Hội trường tầng 2" in txt
        assert not any(unicodedata.combining(ch) for ch in txt), kind


# --- big meetings -----------------------------------------------------------------------------


def test_300_attendees_and_a_200_character_name(demo_db: Any) -> None:
    long_name = " ".join(["Nguyễn Hoàng Thị Minh Khai"] * 8)[:200].strip()
    assert len(long_name) >= 190
    meeting_id = make_meeting(
        demo_db, members=280, agency_heads=10, experts=5, guests=5, long_name=long_name
    )
    for kind in ("attendance", "convocation", "invitation", "minutes"):
        data = service.draft(demo_db, kind, meeting_id)
        pdf = open_pdf(data)
        assert_inside_margins(pdf)
        if kind == "attendance":
            assert len(pdf.pages) > 10
            # The header row is repeated on every page of the table.
            for page in pdf.pages:
                stt, sign = find_line(page, r"^STT$"), find_line(page, r"^Ký tên$")
                assert stt["top"] == pytest.approx(sign["top"], abs=1)
            cells = [
                re.sub(r"\s+", " ", c or "") for r in pdf.pages[0].extract_tables()[0] for c in r
            ]
            assert long_name in cells
            # The title shares page 1 with the first rows (it keeps only with them).
            find_line(pdf.pages[0], r"^DANH SÁCH ĐẠI BIỂU$")
            assert "Nguyễn Văn guest 5" in all_text(pdf)
        if kind in ("convocation", "invitation"):
            # The list attached starts with its title and the first rows on one page.
            start = next(i for i, text in enumerate(texts(pdf)) if "(Kèm theo" in text)
            find_line(pdf.pages[start], r"^DANH SÁCH")
            rows = pdf.pages[start].extract_tables()[0]
            assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị công tác"]
            assert len(rows) > 10
    # A name without any space still stays inside the margins (split inside the word).
    unbroken = "Ngôn" * 50
    meeting_id = make_meeting(demo_db, long_name=unbroken)
    assert_inside_margins(draft_pdf(demo_db, "attendance", meeting_id))


def test_names_typed_in_lower_case_print_in_proper_case(demo_db: Any) -> None:
    """Audit of a new office, defect 4: a person added as "nguyễn văn bình", a guest and a
    substitute typed in lower case or capitals print with a capital on every syllable in the
    attendance sheet and the minutes."""
    from bdcq_desktop.core import attendance, members
    from bdcq_desktop.core.meetings import create_meeting, get_meeting

    with demo_db.session() as s:
        head = s.scalar(
            select(CommitteeMembership.person_id).where(
                CommitteeMembership.role == CommitteeRole.HEAD,
                CommitteeMembership.end_date.is_(None),
            )
        )
    typed = members.create_person(demo_db, full_name="nguyễn văn bình ", position="Giám đốc")
    mid = create_meeting(
        demo_db,
        title="Họp Ban Chỉ đạo tháng 5 năm 2026",
        kind="expanded",
        starts_at=datetime(2026, 5, 20, 8, 0),
        place="Phòng họp số 1",
        chair_id=head,
        invitations=[
            {"person_id": typed},
            {"guest_name": "TRẦN THỊ KHÁCH", "position": "Giám đốc", "unit_name": "Công ty A"},
        ],
        held=True,
        now=datetime(2026, 5, 20, 12, 0),
    )
    detail = get_meeting(demo_db, mid)
    invited = next(r for r in detail.invitees if r.person_id == typed)
    attendance.record_attendance(
        demo_db,
        mid,
        [{"invitee_id": invited.id, "status": "substitute", "substitute_name": "phạm văn thay"}],
        expected_version=detail.version,
        now=datetime(2026, 5, 20, 12, 0),
    )
    sheet = all_text(draft_pdf(demo_db, "attendance", mid))
    minutes = all_text(draft_pdf(demo_db, "minutes", mid))
    for txt in (sheet, minutes):
        assert "Nguyễn Văn Bình" in txt and "Phạm Văn Thay" in txt, txt
        assert "nguyễn văn bình" not in txt and "phạm văn thay" not in txt
    assert "Trần Thị Khách" in sheet and "TRẦN THỊ KHÁCH" not in sheet


def test_convocation_list_names_each_district_and_commune(demo_db: Any, ids: dict) -> None:
    """Audit of a new office, defect 2: two "Chủ tịch UBND huyện" of two districts, and a
    commune's chairman, each print with their place on the convocation's list."""
    from bdcq_desktop.core import members, units
    from bdcq_desktop.core.meetings import get_meeting

    day = get_meeting(demo_db, ids["planned"]).starts_at.date()
    # The demo's districts are there, retired in 2025: the rule is the same for any unit.
    known = {u.name: u.id for u in units.list_units(demo_db, include_retired=True)}
    for name, position, unit in (
        ("Lữ Văn Kỳ", "Chủ tịch UBND huyện", "UBND huyện Kỳ Sơn"),
        ("Lang Văn Quế", "Chủ tịch UBND huyện", "UBND huyện Quế Phong"),
        ("Hồ Thị Hưng", "Chủ tịch UBND xã", "UBND xã Hưng Nguyên"),
    ):
        unit_id = known.get(unit) or units.create_unit(demo_db, name=unit, kind="locality")
        pid = members.create_person(demo_db, full_name=name, position=position, unit_id=unit_id)
        members.appoint(demo_db, pid, role="member", start_date=date(2026, 1, 5))
    assert date(2026, 1, 5) <= day
    txt = all_text(draft_pdf(demo_db, "convocation", ids["planned"]))
    for printed in (
        "Chủ tịch UBND huyện Kỳ Sơn",
        "Chủ tịch UBND huyện Quế Phong",
        "Chủ tịch UBND xã Hưng Nguyên",
    ):
        assert printed in txt, txt
