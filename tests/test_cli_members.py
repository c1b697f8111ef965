"""``bdcq members …`` and ``bdcq units …`` run as a real subprocess, as a user would."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from tests.cli_run import created, run_bdcq

HEADER = "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Lĩnh vực phụ trách,Địa bàn phụ trách,"
HEADER += "Điện thoại,Email,Quyết định\n"
GOOD = (
    HEADER + "Hoàng Văn Thắng,Nam,Chủ tịch UBND tỉnh,Ủy ban nhân dân tỉnh,Trưởng ban,Chỉ đạo chung,"
    "Toàn tỉnh,0238 3844 555,thanghv@nghean.gov.vn,123/QĐ-UBND ngày 05/02/2026\n"
    "Nguyễn Thị Phượng,Nữ,Giám đốc,Sở Tư pháp,Phó Trưởng ban,Cải cách hành chính,"
    '"Vinh, Cửa Lò",0912 345 678,phuongnt@nghean.gov.vn,123/QĐ-UBND\n'
    "Trần Đức Lương,Nam,Phó Giám đốc,Sở Tư pháp,Thành viên,,,,,\n"
    "Lê Thị Thu Hà,Nữ,Chuyên viên,Văn phòng UBND tỉnh,,,,,,\n"
)
BAD = (
    HEADER + "Hoàng Văn Thắng,Nam,,Ủy ban nhân dân tỉnh,Trưởng ban,,,,,\n"
    ",,Giám đốc,Sở Y tế,,,,,,\n"
    "Phan Văn Bốn,,,,Chủ tịch,,,,không-phải-email,\n"
    "Vũ Văn Năm,,,,Trưởng ban,,,,,\n"
)


def bdcq(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


def members_json(db: Path, *extra: str) -> list[dict]:
    out = bdcq("members", "list", "--format", "json", *extra, db=db)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_import_dry_run_then_import(tmp_path: Path) -> None:
    db = created(tmp_path / "bcd.sqlite3")
    src = tmp_path / "roster.csv"
    src.write_text(GOOD, encoding="utf-8-sig")

    dry = bdcq("members", "import", str(src), "--dry-run", "--start-date", "10/02/2026", db=db)
    assert dry.returncode == 0, dry.stderr
    assert "Hoàng Văn Thắng" in dry.stdout and "chưa ghi" in dry.stdout
    assert count(db, "person") == 0 and count(db, "unit") == 0

    out = bdcq(
        "members",
        "import",
        str(src),
        "--decision-date",
        "05/02/2026",
        "--start-date",
        "2026-02-10",
        db=db,
    )
    assert out.returncode == 0, out.stderr
    assert "4 người" in out.stdout and "3 thành viên" in out.stdout
    assert "Sở Tư pháp" in out.stdout  # the new units are named
    rows = members_json(db)
    assert [r["full_name"] for r in rows] == [
        "Hoàng Văn Thắng",
        "Nguyễn Thị Phượng",
        "Trần Đức Lương",
    ]
    # Each row starts on its own decision's day; the one without any, on --start-date.
    assert rows[0]["role"] == "head" and rows[0]["start_date"] == "2026-02-05"
    assert [r["start_date"] for r in rows[1:]] == ["2026-02-05", "2026-02-10"]
    # "123/QĐ-UBND" without a date took the --decision-date.
    con = sqlite3.connect(db)
    dates = {d for (d,) in con.execute("select decision_date from committee_membership")}
    con.close()
    assert dates == {"2026-02-05", None}
    assert count(db, "person") == 4


def test_import_bad_rows_exit_2_and_write_nothing(tmp_path: Path) -> None:
    db = tmp_path / "bcd.sqlite3"
    assert bdcq("init", db=db).returncode == 0  # as an officer would make it
    src = tmp_path / "bad.csv"
    src.write_text(BAD, encoding="utf-8")
    for extra in ([], ["--dry-run"]):
        out = bdcq("members", "import", str(src), *extra, db=db)
        assert out.returncode == 2
        assert "Traceback" not in out.stderr
        lines = out.stderr.strip().splitlines()
        bad_lines = [line for line in lines if line.startswith("dòng")]
        assert [line.split(":")[0] for line in bad_lines] == [
            "dòng / line 3",
            "dòng / line 4",
            "dòng / line 5",
        ]
        assert "Họ và tên" in bad_lines[0]
        assert "Vai trò" in bad_lines[1] and "Thư điện tử" in bad_lines[1]
        assert "Trưởng ban" in bad_lines[2]
        assert "3 dòng lỗi" in lines[-1]
    assert count(db, "person") == 0 and count(db, "unit") == 0


def test_import_refusals_are_one_line(tmp_path: Path) -> None:
    db = created(tmp_path / "bcd.sqlite3")
    src = tmp_path / "x.csv"
    src.write_text(GOOD, encoding="utf-8")
    for args in (
        ["members", "import", str(tmp_path / "missing.csv")],
        ["members", "import", str(src), "--start-date", "31/02/2026"],
        ["members", "import", str(tmp_path / "roster.ods")],
        ["members", "export", str(tmp_path / "roster.pdf")],
    ):
        out = bdcq(*args, db=db)
        assert out.returncode == 2, args
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_export_and_template(tmp_path: Path) -> None:
    db = created(tmp_path / "bcd.sqlite3")
    src = tmp_path / "roster.csv"
    src.write_text(GOOD, encoding="utf-8")
    assert bdcq("members", "import", str(src), "--start-date", "10/02/2026", db=db).returncode == 0

    xlsx = tmp_path / "out.xlsx"
    out = bdcq("members", "export", str(xlsx), db=db)
    assert out.returncode == 0, out.stderr
    assert "3" in out.stdout
    ws = load_workbook(xlsx).active
    assert ws["B1"].value == "Họ và tên" and ws["B2"].value == "Hoàng Văn Thắng"
    assert ws.freeze_panes == "A2"

    csv_path = tmp_path / "out.csv"
    assert bdcq("members", "export", str(csv_path), "--all", db=db).returncode == 0
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 4 and rows[0][1] == "Họ và tên"

    for name in ("mau.xlsx", "mau.csv"):
        out = bdcq("members", "template", str(tmp_path / name))
        assert out.returncode == 0, out.stderr
        assert (tmp_path / name).stat().st_size > 0
    # The template is headers only: imported untouched, nobody is made up.
    fresh = created(tmp_path / "t.sqlite3")
    dry = bdcq("members", "import", str(tmp_path / "mau.xlsx"), "--dry-run", db=fresh)
    assert dry.returncode == 2 and "không có dòng dữ liệu" in dry.stderr, dry.stderr


def test_list_sort_name_json(tmp_path: Path) -> None:
    db = created(tmp_path / "bcd.sqlite3")
    src = tmp_path / "roster.csv"
    src.write_text(GOOD, encoding="utf-8")
    assert bdcq("members", "import", str(src), "--start-date", "10/02/2026", db=db).returncode == 0
    rows = members_json(db, "--sort", "name")
    # By given name: Lương, Phượng, Thắng.
    assert [r["full_name"] for r in rows] == [
        "Trần Đức Lương",
        "Nguyễn Thị Phượng",
        "Hoàng Văn Thắng",
    ]
    for key in ("id", "full_name", "role", "position", "unit", "field", "area", "active"):
        assert key in rows[0]
    assert all(r["active"] for r in rows)
    assert rows[1]["area"] == "Vinh, Cửa Lò"
    found = members_json(db, "--search", "phuong tu phap")
    assert [r["full_name"] for r in found] == ["Nguyễn Thị Phượng"]


def test_units_commands(tmp_path: Path) -> None:
    db = created(tmp_path / "bcd.sqlite3")

    def units(*extra: str) -> list[dict]:
        out = bdcq("units", "list", "--format", "json", *extra, db=db)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    assert (
        bdcq(
            "units", "add", "Sở Thông tin và Truyền thông", "--short-name", "STTTT", db=db
        ).returncode
        == 0
    )
    assert bdcq("units", "add", "Sở Khoa học và Công nghệ", db=db).returncode == 0
    assert bdcq("units", "add", "Huyện Nghi Lộc", "--kind", "locality", db=db).returncode == 0
    dup = bdcq("units", "add", "SO KHOA HOC VA CONG NGHE", db=db)
    assert dup.returncode == 2 and "Đã có" in dup.stderr
    bad_kind = bdcq("units", "add", "X", "--kind", "planet", db=db)
    assert bad_kind.returncode == 2 and "locality" in bad_kind.stderr
    ids = {r["name"]: r["id"] for r in units()}
    ict, sci, dist = (
        ids[n]
        for n in ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ", "Huyện Nghi Lộc")
    )

    assert bdcq("units", "rename", str(sci), "Sở Khoa học, Công nghệ", db=db).returncode == 0
    assert bdcq("units", "merge", str(ict), str(sci), "--on", "01/03/2025", db=db).returncode == 0
    assert bdcq("units", "retire", str(dist), "--on", "2025-07-01", db=db).returncode == 0
    assert [r["name"] for r in units()] == ["Sở Khoa học, Công nghệ"]
    assert len(units("--all")) == 3
    con = sqlite3.connect(db)
    merged_into = con.execute("select merged_into_id from unit where id=?", (ict,)).fetchone()[0]
    con.close()
    assert merged_into == sci
    again = bdcq("units", "retire", str(dist), "--on", "2025-08-01", db=db)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    bad_date = bdcq("units", "retire", str(sci), "--on", "tomorrow", db=db)
    assert bad_date.returncode == 2 and len(bad_date.stderr.strip().splitlines()) == 1


def test_import_starts_each_row_on_its_own_date_or_refuses_the_undated(tmp_path: Path) -> None:
    """Audit defect 3: as in the dialog, each membership starts on its row's "Từ ngày" or its
    decision's day, not on the day of the import; a row with neither is refused by line (dry
    run too) unless --start-date gives it a start."""
    db = created(tmp_path / "bcd.sqlite3")
    src = tmp_path / "roster.csv"
    src.write_text(
        "Họ và tên,Đơn vị,Vai trò,Quyết định,Từ ngày\n"
        "Hoàng Văn Minh,UBND tỉnh Nghệ An,Trưởng ban,1250/QĐ-UBND ngày 05/01/2026,\n"
        "Võ Thị Lan,Sở Nội vụ,Thành viên,1250/QĐ-UBND ngày 05/01/2026,15/01/2026\n"
        "Hồ Văn Năm,Sở Y tế,Thành viên,,\n",
        encoding="utf-8",
    )
    for extra in ([], ["--dry-run"]):
        out = bdcq("members", "import", str(src), *extra, db=db)
        assert out.returncode == 2, out.stdout
        assert "Dòng 4" in out.stderr and "--start-date" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
    assert count(db, "person") == 0
    dry = bdcq("members", "import", str(src), "--dry-run", "--start-date", "01/02/2026", db=db)
    assert dry.returncode == 0, dry.stderr
    assert "05/01/2026" in dry.stdout and "15/01/2026" in dry.stdout and "01/02/2026" in dry.stdout
    out = bdcq("members", "import", str(src), "--start-date", "01/02/2026", db=db)
    assert out.returncode == 0, out.stderr
    starts = {r["full_name"]: r["start_date"] for r in members_json(db)}
    assert starts == {
        "Hoàng Văn Minh": "2026-01-05",
        "Võ Thị Lan": "2026-01-15",
        "Hồ Văn Năm": "2026-02-01",
    }
