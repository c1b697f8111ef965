"""``bdcq export script --meeting ID -o FILE.pdf``: the chair's running script beside the agenda
paper, a working paper never issued: written through a temporary file, the database refused,
the register's options refused in words, nothing entered in the register."""

from __future__ import annotations

from pathlib import Path

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.meetings import list_meetings
from tests.cli_run import bdcq, demo, ok, one_line_error, state  # noqa: F401
from tests.pdf_tables import table_cells
from tests.pdf_text import flat_text


def _meetings(db: Path) -> dict[str, int]:
    database = open_database(db)
    try:
        rows = list_meetings(database)
    finally:
        database.dispose()
    return {
        status: next(r.id for r in rows if r.status == status)
        for status in ("convened", "planned", "held", "cancelled")
    }


def test_export_script_writes_the_running_script(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    ids = _meetings(demo)
    register = state(demo, ["issued_document"])
    target = tmp_path / "out" / "kich-ban.pdf"
    said = ok(bdcq(demo, "export", "script", "--meeting", str(ids["convened"]), "-o", target))
    assert f"Đã xuất / exported: {target}" in said
    assert "không ban hành, không có số" in said
    assert list(target.parent.iterdir()) == [target]  # the temporary file renamed into place
    text = flat_text(target)
    assert "KỊCH BẢN ĐIỀU HÀNH" in text and "Số:" not in text
    cells = table_cells(target)
    assert cells[:4] == ["Thời gian", "Nội dung điều hành", "Thực hiện", "Ghi chú"]
    assert any(c.startswith("08 giờ 00 phút - 08 giờ 30 phút") for c in cells)
    assert state(demo, ["issued_document"]) == register  # nothing in the register
    # The next regular meeting reviews the last one's conclusions.
    regular = tmp_path / "dinh-ky.pdf"
    ok(bdcq(demo, "export", "script", "--meeting", str(ids["planned"]), "-o", regular))
    assert any(
        c.startswith("Kết luận cuộc họp định kỳ trước và tình hình thực hiện: Tại cuộc họp")
        for c in table_cells(regular)
    )


def test_export_script_refusals(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    ids = _meetings(demo)
    meeting = str(ids["held"])
    target = tmp_path / "x.pdf"
    before = demo.read_bytes()
    one_line_error(
        bdcq(demo, "export", "script", "--meeting", meeting, "-o", demo), "tệp dữ liệu đang dùng"
    )
    assert demo.read_bytes() == before
    one_line_error(
        bdcq(demo, "export", "script", "--meeting", meeting, "--issue", "-o", target),
        "kịch bản điều hành là giấy tờ làm việc",
        "--issue",
    )
    one_line_error(
        bdcq(demo, "export", "script", "--meeting", meeting, "--signer", "1", "-o", target),
        "--signer",
    )
    one_line_error(bdcq(demo, "export", "script", "-o", target), "--meeting ID")
    one_line_error(
        bdcq(demo, "export", "script", "--meeting", str(ids["cancelled"]), "-o", target),
        "Cuộc họp đã bị hủy: không lập kịch bản điều hành.",
    )
    one_line_error(
        bdcq(demo, "export", "script", "--meeting", "99999", "-o", target),
        "Không tìm thấy cuộc họp có mã 99999.",
    )
    assert not target.exists()
    # A working paper: not a kind of the register.
    out = bdcq(demo, "documents", "list", "--kind", "script")
    assert out.returncode == 2 and "'script'" in out.stderr
