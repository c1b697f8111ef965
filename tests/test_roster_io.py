"""Importing people from Excel/CSV (preview, then all or nothing) and exporting the roster."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bdcq_desktop.core import members as m
from bdcq_desktop.core import units as u
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.models import ChangeLog, CommitteeMembership, Person, Unit, UnitKind
from bdcq_desktop.core.roster_io import (
    apply_import,
    export_roster,
    preview_import,
    read_people_file,
    save_template,
)

HEADER = [
    "Họ và tên",
    "Giới tính",
    "Chức vụ",
    "Đơn vị",
    "Vai trò",
    "Lĩnh vực phụ trách",
    "Địa bàn phụ trách",
    "Điện thoại",
    "Email",
    "Quyết định",
]
ROWS = [
    [
        "Hoàng Văn Thắng",
        "Nam",
        "Chủ tịch UBND tỉnh",
        "Ủy ban nhân dân tỉnh",
        "Trưởng ban",
        "Chỉ đạo chung",
        "Toàn tỉnh",
        "0238 3844 555",
        "thanghv@nghean.gov.vn",
        "123/QĐ-UBND ngày 05/02/2026",
    ],
    [
        "Nguyễn Thị Phượng",
        "Nữ",
        "Giám đốc",
        "Sở Tư pháp",
        "Phó Trưởng ban",
        "Cải cách hành chính",
        "Thành phố Vinh; Cửa Lò",
        "0912 345 678",
        "phuongnt@nghean.gov.vn",
        "123/QĐ-UBND",
    ],
    ["Trần Đức Lương", "Ông", "Phó Giám đốc", "Sở Tư pháp", "thanh vien", "", "", "", "", ""],
    ["Lê Thị Thu Hà", "", "Chuyên viên", "Văn phòng UBND tỉnh", "", "", "", "", "", ""],
]


def cp1258(text: str) -> bytes:
    """Text as Vietnamese Windows (code page 1258) stores it: base letters with their own
    marks precomposed (â ê ô ă ơ ư đ) and the tone as a separate combining mark.

    (Encoding plain NFD fails: cp1258 has no combining circumflex, breve or horn.)
    """
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    clusters: list[tuple[str, list[str]]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and clusters:
            base, marks = clusters[-1]
            if ch in tones:
                marks.append(ch)
            else:
                clusters[-1] = (unicodedata.normalize("NFC", base + ch), marks)
        else:
            clusters.append((ch, []))
    return "".join(b + "".join(t) for b, t in clusters).encode("cp1258")


def write_csv(path: Path, rows: list[list[str]], header=HEADER, delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write_xlsx(path: Path, rows: list[list[object]], header=HEADER, title: str | None = None):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


def assert_imported(db) -> None:
    roster = {r.full_name: r for r in m.list_committee(db)}
    assert set(roster) == {"Hoàng Văn Thắng", "Nguyễn Thị Phượng", "Trần Đức Lương"}
    head = roster["Hoàng Văn Thắng"]
    assert (head.role, head.honorific, head.position) == ("head", "Ông", "Chủ tịch UBND tỉnh")
    assert (head.decision_number, head.decision_date) == ("123/QĐ-UBND", date(2026, 2, 5))
    assert head.start_date == date(2026, 2, 5)  # the day of the row's decision
    assert roster["Trần Đức Lương"].start_date == date(2026, 2, 10)  # no date: the one chosen
    assert roster["Nguyễn Thị Phượng"].area == "Thành phố Vinh; Cửa Lò"
    assert roster["Nguyễn Thị Phượng"].honorific == "Bà"
    assert roster["Trần Đức Lương"].role == "member"
    people = {p.full_name for p in m.list_people(db)}
    assert "Lê Thị Thu Hà" in people
    for name in people:
        assert unicodedata.is_normalized("NFC", name)
    units = {r.name for r in u.list_units(db)}
    assert {"Sở Tư pháp", "Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"} <= units


# ------------------------------------------------------------------------------------------
# Reading all the file kinds
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_import_csv_encodings(db, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "roster.csv"
    text = write_csv(path, ROWS)
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    preview = preview_import(db, path)
    assert preview.ok, [r.problems for r in preview.rows]
    assert [r.line for r in preview.rows] == [2, 3, 4, 5]
    assert sorted(preview.new_units) == [
        "Sở Tư pháp",
        "Văn phòng UBND tỉnh",
        "Ủy ban nhân dân tỉnh",
    ]
    assert apply_import(db, preview, default_start=date(2026, 2, 10)) == 4
    assert_imported(db)


def test_import_xlsx_with_odd_headers_a_title_and_number_cells(db, tmp_path: Path) -> None:
    header = [
        "STT",
        "HỌ VÀ TÊN",
        "gioi tinh",
        "Chuc Vu",
        "ĐƠN VỊ",
        "VAI TRÒ",
        "linh vuc phu trach",
        "Địa Bàn Phụ Trách",
        "Số điện thoại",
        "E-mail",
        "quyet dinh",
    ]
    rows = [[i + 1, *r] for i, r in enumerate(ROWS)]
    rows[2][8] = 912345678  # a phone number typed into a number cell
    rows[0][1] = unicodedata.normalize("NFD", rows[0][1])
    path = tmp_path / "roster.xlsx"
    write_xlsx(path, rows, header, title="DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO")
    assert read_people_file(path)[2]["phone"] == "0912345678"
    preview = preview_import(db, path)
    assert preview.ok, [r.problems for r in preview.rows]
    assert preview.rows[0].line == 4  # the Excel row number
    assert preview.rows[0].full_name == "Hoàng Văn Thắng"  # NFC
    apply_import(db, preview, default_start=date(2026, 2, 10))
    assert_imported(db)
    luong = next(p for p in m.list_people(db) if p.full_name == "Trần Đức Lương")
    assert luong.phone == "0912345678"


def test_semicolon_csv_and_decision_date_option(db, tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text(
        write_csv(path, [[*ROWS[2][:9], "77/QĐ-UBND"]], delimiter=";"), encoding="utf-8-sig"
    )
    preview = preview_import(db, path, decision_date=date(2026, 1, 2))
    assert preview.ok
    assert (preview.rows[0].decision_number, preview.rows[0].decision_date) == (
        "77/QĐ-UBND",
        date(2026, 1, 2),
    )


# ------------------------------------------------------------------------------------------
# Problems: listed per line, nothing written
# ------------------------------------------------------------------------------------------


def test_bad_rows_are_listed_and_nothing_is_written(db, tmp_path: Path) -> None:
    u.create_unit(db, name="Sở Y tế")
    pid = m.create_person(db, full_name="Trần Văn Hùng", unit_id=u.list_units(db)[0].id)
    m.appoint(db, pid, role="member", start_date=date(2025, 1, 1))
    rows = [
        ROWS[0],
        ["", "", "Giám đốc", "Sở Y tế", "", "", "", "", "", ""],  # no name
        ["Phan Văn Bốn", "X", "", "Sở Y tế", "Chủ tịch", "", "", "12", "a@b", ""],
        ["Hoàng Văn Thắng", "", "", "Ủy ban nhân dân tỉnh", "", "", "", "", "", ""],  # dup
        ["Vũ Văn Năm", "", "", "", "Trưởng ban", "", "", "", "", ""],  # second head
        ["TRAN VAN HUNG", "", "", "SỞ Y TẾ", "Thành viên", "", "", "", "", ""],  # existing
        ["Đỗ Văn Sáu", "", "", "", "", "CNTT", "", "", "", ""],  # field without role
        ["Mai Văn Bảy", "", "", "", "Thành viên", "", "", "", "", "5/QĐ ngày 31/02/2026"],
        ROWS[2],  # a good row
    ]
    path = tmp_path / "bad.csv"
    path.write_text(write_csv(path, rows), encoding="utf-8")
    with db.session() as s:
        before = (s.query(Person).count(), s.query(Unit).count(), s.query(ChangeLog).count())
    preview = preview_import(db, path)
    assert not preview.ok and preview.errors == 7
    problems = {r.line: " | ".join(r.problems) for r in preview.rows}
    assert problems[2] == "" and problems[10] == ""
    assert "Họ và tên" in problems[3]
    assert "Giới tính" in problems[4] and "Vai trò" in problems[4]
    assert "Điện thoại" in problems[4] and "Thư điện tử" in problems[4]
    assert "dòng 2" in problems[5]
    assert "Trưởng ban" in problems[6] and "dòng 2" in problems[6]
    assert "đã có trong danh sách" in problems[7]
    assert "Vai trò" in problems[8]
    assert "Ngày quyết định" in problems[9]
    with pytest.raises(BcdError):
        apply_import(db, preview, default_start=date(2026, 2, 10))
    with db.session() as s:
        after = (s.query(Person).count(), s.query(Unit).count(), s.query(ChangeLog).count())
    assert after == before


def test_a_second_head_against_the_database(db, tmp_path: Path) -> None:
    pid = m.create_person(db, full_name="Trần Văn Hùng")
    m.appoint(db, pid, role="head", start_date=date(2025, 1, 1))
    path = tmp_path / "h.csv"
    path.write_text(write_csv(path, [ROWS[0]]), encoding="utf-8")
    preview = preview_import(db, path)
    assert not preview.ok and "Trần Văn Hùng" in preview.rows[0].problems[0]


def test_apply_is_all_or_nothing_when_the_database_changed(db, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(write_csv(path, ROWS), encoding="utf-8")
    preview = preview_import(db, path)
    assert preview.ok
    # Someone appoints a Head between the preview and the write.
    pid = m.create_person(db, full_name="Trần Văn Hùng")
    m.appoint(db, pid, role="head", start_date=date(2025, 1, 1))
    with pytest.raises(BcdError) as exc:
        apply_import(db, preview, default_start=date(2026, 2, 10))
    assert "Dòng 2" in exc.value.message
    assert [p.full_name for p in m.list_people(db)] == ["Trần Văn Hùng"]
    assert u.list_units(db) == []


def test_former_member_is_appointed_again_not_duplicated(db, tmp_path: Path) -> None:
    unit = u.create_unit(db, name="Sở Tư pháp")
    pid = m.create_person(db, full_name="Trần Đức Lương", unit_id=unit)
    mid = m.appoint(db, pid, role="member", start_date=date(2024, 1, 1))
    m.end_membership(db, mid, end_date=date(2025, 1, 1), decision_number="1/QĐ")
    path = tmp_path / "again.csv"
    path.write_text(write_csv(path, [ROWS[2]]), encoding="utf-8")
    preview = preview_import(db, path)
    assert preview.ok and preview.rows[0].existing_person_id == pid
    assert not preview.new_units
    apply_import(db, preview, default_start=date(2026, 2, 10))
    assert len(m.list_people(db)) == 1
    assert len(m.list_committee(db, include_former=True)) == 2
    assert m.get_person(db, pid).position == "Phó Giám đốc"


def test_unreadable_files(db, tmp_path: Path) -> None:
    for name, content in [
        ("a.xls", b"old"),
        ("b.xlsx", b"not a zip"),
        ("c.csv", "Tên,Tuổi\nA,1\n".encode()),  # no "Họ và tên" column
        ("d.csv", "Họ và tên,Email\n".encode()),  # no rows
        ("e.csv", "Họ và tên,Điện thoại,Số điện thoại\nA,1,2\n".encode()),  # two phones
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(BcdError):
            preview_import(db, path)


def test_new_units_get_a_likely_kind(db, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(
        write_csv(path, [["A B", "", "", "UBND huyện Nam Đàn", "", "", "", "", "", ""]]),
        encoding="utf-8",
    )
    apply_import(db, preview_import(db, path), default_start=date(2026, 1, 1))
    assert u.list_units(db)[0].kind == UnitKind.LOCALITY.value


# ------------------------------------------------------------------------------------------
# Export and template
# ------------------------------------------------------------------------------------------

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1:A2)", "\tx", "\ry"]


def hostile_roster(db) -> None:
    unit = u.create_unit(db, name='=HYPERLINK("http://x")')
    for i, bad in enumerate(HOSTILE):
        pid = m.create_person(db, full_name=f"Nguyễn Văn {chr(65 + i)}", unit_id=unit)
        mid = m.appoint(db, pid, role="member", area="Vinh", start_date=date(2025, 1, 1))
        # Straight into the database: the validators would already strip a leading tab or CR,
        # but a spreadsheet must be safe whatever the database holds.
        with db.session() as s:
            s.get(Person, pid).position = bad
            s.get(CommitteeMembership, mid).field = bad


def test_export_xlsx_neutralises_formulas(db, tmp_path: Path) -> None:
    hostile_roster(db)
    path = tmp_path / "roster.xlsx"
    assert export_roster(db, path) == len(HOSTILE)
    wb = load_workbook(path)
    ws = wb.active
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    header = [c.value for c in ws[1]]
    assert header[:4] == ["STT", "Họ và tên", "Giới tính", "Vai trò"]
    assert ws.column_dimensions["B"].width > 10
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
    # A stored carriage return reads back as a line feed through the plain XML parser and as
    # itself through lxml (installed with python-docx): compare line breaks as one thing.
    fields = sorted(
        ws.cell(row=r, column=header.index("Lĩnh vực phụ trách") + 1).value.replace("\r", "\n")
        for r in range(2, ws.max_row + 1)
    )
    assert sorted("'" + h.replace("\r", "\n") for h in HOSTILE) == fields
    assert ws.cell(row=2, column=header.index("Từ ngày") + 1).value.date() == date(2025, 1, 1)


def test_export_csv_neutralises_and_opens_in_excel(db, tmp_path: Path) -> None:
    hostile_roster(db)
    path = tmp_path / "roster.csv"
    export_roster(db, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Vietnamese correctly
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["STT", "Họ và tên"]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert {row[5] for row in rows[1:]} == {'\'=HYPERLINK("http://x")'}


def test_export_former_members_and_round_trip(db, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(write_csv(source, ROWS), encoding="utf-8")
    apply_import(db, preview_import(db, source), default_start=date(2026, 2, 10))
    luong = next(r for r in m.list_committee(db) if r.full_name == "Trần Đức Lương")
    m.end_membership(db, luong.id, end_date=date(2026, 5, 1), decision_number="9/QĐ-UBND")
    out = tmp_path / "out.xlsx"
    assert export_roster(db, out) == 2
    assert export_roster(db, out, include_former=True) == 3
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[-3:] == ["Đến ngày", "Quyết định thôi", "Mã người"]
    names = [ws.cell(row=r, column=2).value for r in range(2, ws.max_row + 1)]
    assert names == ["Hoàng Văn Thắng", "Nguyễn Thị Phượng", "Trần Đức Lương"]
    assert ws.cell(row=2, column=header.index("Quyết định") + 1).value == (
        "123/QĐ-UBND ngày 05/02/2026"
    )
    # The exported file imports into an empty database.
    from bdcq_desktop.core.db import open_database

    other = open_database(tmp_path / "other.sqlite3")
    try:
        export_roster(db, out)
        preview = preview_import(other, out)
        assert preview.ok, [r.problems for r in preview.rows]
        apply_import(other, preview, default_start=date(2026, 2, 10))
        assert [r.full_name for r in m.list_committee(other)] == [
            "Hoàng Văn Thắng",
            "Nguyễn Thị Phượng",
        ]
    finally:
        other.dispose()


def test_export_refuses_other_formats(db, tmp_path: Path) -> None:
    with pytest.raises(BcdError):
        export_roster(db, tmp_path / "roster.pdf")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_template_round_trips(db, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"mau{suffix}"
    save_template(path)
    assert read_people_file(path) == []  # its headers only: no example to forget to delete
    # Filled in by the officer, as Excel saves it.
    if suffix == ".xlsx":
        wb = load_workbook(path)
        assert [c.value for c in wb.active[1]][:3] == ["Họ và tên", "Giới tính", "Chức vụ"]
        assert len(wb.sheetnames) == 2  # a sheet explaining the columns, with the example
        assert wb.active.data_validations.dataValidation  # drop-downs for gender and role
        wb.active.append(["Hồ Văn Tâm", "Nam", "Giám đốc", "Sở Y tế", "Thành viên"])
        wb.save(path)
    else:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        with path.open("a", encoding="utf-8") as f:
            f.write("Hồ Văn Tâm,Nam,Giám đốc,Sở Y tế,Thành viên,,,,,,05/02/2026\r\n")
    preview = preview_import(db, path)
    assert preview.ok, preview.rows[0].problems
    assert preview.ignored_columns == ()  # every column of the template is read
    assert preview.rows[0].role == "member"


def test_demo_roster_matrix_and_round_trip(demo_db, tmp_path: Path) -> None:
    roster = m.list_committee(demo_db)
    assert roster[0].role == "head"
    matrix = m.responsibility_matrix(demo_db)
    in_matrix = {name for names in matrix.cells.values() for name in names}
    assert in_matrix == {r.full_name for r in roster}
    with pytest.raises(BcdError):
        m.delete_person(demo_db, roster[0].person_id)  # has history
    out = tmp_path / "demo.xlsx"
    assert export_roster(demo_db, out) == len(roster)
    # Importing the roster again into the same database: every row is already there, and is
    # left as it is (nothing refused, nothing added).
    again = preview_import(demo_db, out)
    assert again.ok, [(r.line, r.problems) for r in again.rows if r.problems]
    assert again.unchanged == len(roster) and again.memberships == again.new_people == 0
    # Into an empty database: the same roster, in the same order.
    from bdcq_desktop.core.db import open_database

    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        preview = preview_import(fresh, out)
        assert preview.ok, [(r.line, r.problems) for r in preview.rows if r.problems]
        apply_import(fresh, preview, default_start=date(2026, 1, 1))
        copy = m.list_committee(fresh)
        assert [(r.full_name, r.role, r.unit, r.field, r.area) for r in copy] == [
            (r.full_name, r.role, r.unit, r.field, r.area) for r in roster
        ]
    finally:
        fresh.dispose()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_replaces_the_file_cleanly(db, tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"roster{suffix}"
    target.write_bytes(b"old content")
    reference = folder / "reference.txt"
    reference.write_text("x")  # a file created the ordinary way, under the user's umask
    export_roster(db, target)
    assert target.read_bytes() != b"old content"
    assert target.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777
    assert sorted(p.name for p in folder.iterdir()) == ["reference.txt", target.name]


# ------------------------------------------------------------------------------------------
# Each membership starts on its row's own date (audit of a new office, defect 3)
# ------------------------------------------------------------------------------------------


def test_each_membership_starts_on_its_rows_date_so_earlier_meetings_can_be_recorded(
    db, tmp_path: Path
) -> None:
    """A roster decided on 05/01/2026 and imported on a later day: each membership starts on
    the row's "Từ ngày", else on its decision's day, so the Head chairs the meeting held on
    20/06/2026 (it was refused when every membership started on the day of the import). A
    row without any date is refused, naming it, until the officer chooses its start."""
    from datetime import datetime

    from bdcq_desktop.core.meetings import create_meeting, get_meeting

    path = tmp_path / "roster.csv"
    decision = "1250/QĐ-UBND ngày 05/01/2026"

    def row(name: str, position: str, unit: str, role: str, decided: str, start: str) -> list:
        return [name, "", position, unit, role, "", "", "", "", decided, start]

    rows = [
        row("Hoàng Văn Minh", "Chủ tịch", "UBND tỉnh Nghệ An", "Trưởng ban", decision, ""),
        row("Võ Thị Lan", "Giám đốc", "Sở Nội vụ", "Phó Trưởng ban", decision, "15/01/2026"),
        row("Hồ Văn Năm", "Giám đốc", "Sở Y tế", "Thành viên", "1250/QĐ-UBND", ""),
        row("Lê Thị Thu", "Chuyên viên", "Sở Y tế", "", "", ""),
    ]
    path.write_text(write_csv(path, rows, header=[*HEADER, "Từ ngày"]), encoding="utf-8")
    preview = preview_import(db, path)
    assert preview.ok, [r.problems for r in preview.rows]
    assert [r.start_date for r in preview.rows] == [date(2026, 1, 5), date(2026, 1, 15), None, None]
    assert preview.undated == [4]  # a role, a decision without its day, no "Từ ngày"

    with pytest.raises(BcdError) as refused:
        apply_import(db, preview)
    assert "Dòng 4" in refused.value.message and "Từ ngày" in refused.value.message
    assert m.list_people(db) == []  # nothing written

    apply_import(db, preview, default_start="01/02/2026")
    starts = {r.full_name: r.start_date for r in m.list_committee(db)}
    assert starts == {
        "Hoàng Văn Minh": date(2026, 1, 5),
        "Võ Thị Lan": date(2026, 1, 15),
        "Hồ Văn Năm": date(2026, 2, 1),
    }
    head = next(p.id for p in m.list_people(db) if p.full_name == "Hoàng Văn Minh")
    meeting = create_meeting(
        db,
        title="Họp Ban Chỉ đạo 6 tháng đầu năm 2026",
        kind="regular",
        starts_at=datetime(2026, 6, 20, 8, 0),
        place="Phòng họp số 1",
        chair_id=head,
        held=True,
        now=datetime(2026, 11, 30, 9, 0),
    )
    assert get_meeting(db, meeting).id == meeting  # the Head chaired it: saved


def test_a_bad_or_far_start_names_its_cell(db, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    rows = [
        ["Hoàng Văn Minh", "Nam", "", "", "Thành viên", "", "", "", "", "", "31/02/2026"],
        ["Võ Thị Lan", "Nữ", "", "", "Thành viên", "", "", "", "", "12/QĐ ngày 05/01/2062", ""],
        ["Lê Thị Thu", "Nữ", "", "", "", "", "", "", "", "", "05/01/2026"],
    ]
    path.write_text(write_csv(path, rows, header=[*HEADER, "Ngày bắt đầu"]), encoding="utf-8")
    problems = [" ".join(r.problems) for r in preview_import(db, path).rows]
    assert '"Từ ngày"' in problems[0] and "31/02/2026" in problems[0]
    assert '"Ngày quyết định"' in problems[1] and "05/01/2062" in problems[1]
    assert "Vai trò" in problems[2]  # a start without a role


def test_an_exported_roster_imports_with_its_start_dates(db, tmp_path: Path) -> None:
    """The export's "Từ ngày" is the import's: a roster moved to another file keeps them."""
    pid = m.create_person(db, full_name="Hoàng Văn Minh", position="Chủ tịch")
    m.appoint(db, pid, role="head", start_date=date(2026, 1, 5))
    out = tmp_path / "out.xlsx"
    export_roster(db, out)
    from bdcq_desktop.core.db import open_database

    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        apply_import(fresh, preview_import(fresh, out))  # no start to choose: the file has it
        assert [r.start_date for r in m.list_committee(fresh)] == [date(2026, 1, 5)]
    finally:
        fresh.dispose()
