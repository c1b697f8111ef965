"""What a roster import makes of the file's own columns: the spellings an office uses, the
columns it cannot read (named, not dropped in silence), the template's example row and the
ambiguous "Chức danh" — in the core, the CLI and the GUI preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from bdcq_desktop.core import members as m
from bdcq_desktop.core.roster_io import apply_import, preview_import, save_template
from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog
from tests.cli_run import created, run_bdcq

# As the onboarding audit's Hà Tĩnh office typed them.
OFFICE = ["Họ và tên", "Chức vụ", "Cơ quan công tác", "Số ĐT", "Thư điện tử"]


def xlsx(path: Path, header: list[Any], *rows: list[Any]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def office_file(path: Path) -> Path:
    """The office's spellings, plus a column the import has no place for (with data), a
    notes column left empty and a number column."""
    return xlsx(
        path,
        ["STT", *OFFICE, "Ngày sinh", "Ghi chú"],
        [1, "Võ Trọng Hải", "Giám đốc", "Sở Tài chính", "0912345678", "haivt@example.gov.vn",
         "02/03/1975", None],
        [2, "Lê Thị Lan", "Phó Giám đốc", "Sở Tài chính", "0987 654 321", None, "1980", None],
    )  # fmt: skip


def test_an_offices_spellings_are_read_and_the_other_columns_named(
    db: Any, tmp_path: Path
) -> None:
    preview = preview_import(db, office_file(tmp_path / "ds.xlsx"))
    assert preview.ok, [r.problems for r in preview.rows]
    row = preview.rows[0]
    assert (row.unit, row.phone, row.email) == (
        "Sở Tài chính",
        "0912345678",
        "haivt@example.gov.vn",
    )
    # Named by the file's own header and its letter; "STT" (a row number) and the empty
    # "Ghi chú" lose nothing, so they are not listed.
    assert preview.ignored_columns == ('"Ngày sinh" (cột G)',)
    assert "Ngày sinh" in preview.column_warning and "bỏ qua" in preview.column_warning
    apply_import(db, preview)
    person = next(p for p in m.list_people(db) if p.full_name == "Võ Trọng Hải")
    assert person.phone == "0912345678" and person.unit == "Sở Tài chính"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Đơn vị công tác", "unit"),
        ("Cơ quan, đơn vị công tác", "unit"),
        ("Điện thoại", "phone"),
        ("SĐT", "phone"),
        ("Điện thoại di động", "phone"),
        ("Địa chỉ email", "email"),
        ("Thư điện tử", "email"),
    ],
)
def test_common_spellings_are_aliases(db: Any, tmp_path: Path, header: str, key: str) -> None:
    value = {"unit": "Sở Y tế", "phone": "0912345678", "email": "a@example.gov.vn"}[key]
    path = xlsx(tmp_path / "ds.xlsx", ["Họ và tên", header], ["Trần Văn Bình", value])
    preview = preview_import(db, path)
    assert preview.ignored_columns == ()
    assert getattr(preview.rows[0], key) == value


def test_a_column_of_data_without_a_header_is_named(db: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "ds.xlsx", ["Họ và tên", "Đơn vị"], ["Trần Văn Bình", "Sở Y tế", "x"])
    assert preview_import(db, path).ignored_columns == ("cột C (không có tiêu đề)",)


# -- the template ---------------------------------------------------------------------------


def test_the_template_has_no_row_to_import_and_no_province_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    save_template(path)
    wb = load_workbook(path)
    data, guide = wb.worksheets
    assert data.max_row == 1  # the headers only: nothing to forget to delete
    text = "\n".join(str(c.value) for ws in wb for r in ws.iter_rows() for c in r if c.value)
    assert "Giám đốc" in "\n".join(str(c.value) for r in guide.iter_rows() for c in r)
    for local in ("Vinh", "Nghệ An", "nghean", "Trần Thị Hoa"):
        assert local not in text


@pytest.mark.parametrize(
    "example",
    [
        # The example row of the templates handed out before (Nghệ An's).
        ["Trần Thị Hoa", "Nữ", "Giám đốc", "Sở Khoa học và Công nghệ", "Thành viên",
         "Chuyển đổi số", "Thành phố Vinh", "0912 345 678", "hoatt@nghean.gov.vn",
         "123/QĐ-UBND ngày 05/02/2026", "05/02/2026"],
        None,  # today's example, copied from the guide sheet
    ],
)  # fmt: skip
def test_the_templates_example_row_is_refused_by_line(
    db: Any, tmp_path: Path, example: list[str] | None
) -> None:
    from bdcq_desktop.core.roster_files import COLUMNS, EXAMPLE

    row = example or [EXAMPLE[k] for k, _h in COLUMNS]
    real = ["Hồ Văn Tâm", "Nam", "Giám đốc", "Sở Y tế", "Thành viên"] + [""] * 5 + ["05/02/2026"]
    path = xlsx(tmp_path / "ds.xlsx", [h for _k, h in COLUMNS], row, real)
    preview = preview_import(db, path)
    assert not preview.ok and preview.errors == 1
    assert preview.rows[0].line == 2 and "dòng ví dụ" in preview.rows[0].problems[0]
    assert preview.rows[1].ok


# -- "Chức danh" ------------------------------------------------------------------------------


def test_chuc_danh_of_posts_is_the_position(db: Any, tmp_path: Path) -> None:
    """In a Vietnamese office "chức danh" is the post (Chủ tịch UBND tỉnh): so it is read."""
    path = xlsx(
        tmp_path / "ds.xlsx",
        ["Họ và tên", "Chức danh", "Cơ quan công tác", "Số ĐT"],
        ["Võ Trọng Hải", "Chủ tịch UBND tỉnh", "Văn phòng UBND tỉnh", "0912345678"],
    )
    preview = preview_import(db, path)
    assert preview.ok, preview.rows[0].problems
    row = preview.rows[0]
    assert (row.position, row.role, row.phone) == ("Chủ tịch UBND tỉnh", "", "0912345678")
    # Beside a "Chức vụ" column it is the title in the committee, even when left empty: the
    # file is not refused for two position columns.
    path = xlsx(
        tmp_path / "ds2.xlsx",
        ["Họ và tên", "Chức danh", "Chức vụ"],
        ["Võ Trọng Hải", None, "Chủ tịch UBND tỉnh"],
    )
    preview = preview_import(db, path)
    assert preview.ok, preview.rows[0].problems
    assert (preview.rows[0].position, preview.rows[0].role) == ("Chủ tịch UBND tỉnh", "")


def test_chuc_danh_of_committee_roles_is_the_role_and_errors_name_it(
    db: Any, tmp_path: Path
) -> None:
    """A "Chức danh" column beside "Chức vụ" holding Trưởng ban, Thành viên… is the role; a
    value that is no role is refused naming the file's column, not "Vai trò"."""
    path = xlsx(
        tmp_path / "ds.xlsx",
        ["Họ và tên", "Chức vụ", "Chức danh", "Từ ngày"],
        ["Võ Trọng Hải", "Chủ tịch UBND tỉnh", "Trưởng ban", "05/02/2026"],
        ["Lê Thị Lan", "Giám đốc", "Thành viên", "05/02/2026"],
        ["Phan Văn An", "Giám đốc", "Chủ nhiệm", "05/02/2026"],
    )
    preview = preview_import(db, path)
    assert [r.role for r in preview.rows[:2]] == ["head", "member"]
    (problem,) = preview.rows[2].problems
    assert problem.startswith('"Chức danh" (cột C, đọc là "Vai trò") không nhận giá trị')


def test_an_error_names_the_files_header_and_letter(db: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "ds.xlsx", ["Họ và tên", "Số ĐT"], ["Trần Văn Bình", "12"])
    (problem,) = preview_import(db, path).rows[0].problems
    assert problem.startswith('"Số ĐT" (cột B, đọc là "Điện thoại") không phải là số')


def test_two_columns_read_alike_are_named_by_their_own_headers(db: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "ds.xlsx", ["Họ và tên", "Cơ quan", "Đơn vị"], ["A", "B", "C"])
    with pytest.raises(Exception, match=r'"Cơ quan" \(cột B\) và "Đơn vị" \(cột C\)'):
        preview_import(db, path)


# -- the CLI and the GUI ------------------------------------------------------------------------


def test_cli_names_the_ignored_columns_in_the_dry_run_and_the_real_run(tmp_path: Path) -> None:
    db = created(tmp_path / "bcd.sqlite3")
    src = office_file(tmp_path / "ds.xlsx")
    for extra in (["--dry-run"], []):
        out = run_bdcq(["members", "import", str(src), *extra], db=db)
        assert out.returncode == 0, out.stderr
        assert '"Ngày sinh" (cột G)' in out.stderr and "bỏ qua" in out.stderr
    people = run_bdcq(["members", "import", str(src), "--dry-run"], db=db)
    assert "đã có trong danh sách" in people.stderr  # the real run wrote them


def test_cli_refuses_the_templates_example_row(tmp_path: Path) -> None:
    db = created(tmp_path / "bcd.sqlite3")
    tpl = tmp_path / "old.xlsx"
    from bdcq_desktop.core.roster_files import COLUMNS, EXAMPLE

    xlsx(tpl, [h for _k, h in COLUMNS], [EXAMPLE[k] for k, _h in COLUMNS])
    out = run_bdcq(["members", "import", str(tpl), "--dry-run"], db=db)
    assert out.returncode == 2
    assert "dòng / line 2" in out.stderr and "dòng ví dụ" in out.stderr


def test_the_preview_warns_of_the_ignored_columns(qtbot: Any, db: Any, tmp_path: Path) -> None:
    path = office_file(tmp_path / "ds.xlsx")
    dialog = ImportPreviewDialog(db, preview_import(db, path), str(path))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    summary = dialog.summary.text()
    assert "Ngày sinh" in summary and "cột G" in summary and "bỏ qua" in summary
    assert dialog.apply_button.isEnabled()  # a warning: the import may go on
    dialog.apply()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert {"Võ Trọng Hải", "Lê Thị Lan"} <= {p.full_name for p in m.list_people(db)}
