"""``bdcq reports list`` with the columns the window's list shows, ``bdcq reports show ROUND
UNIT`` (one report as its form shows it) and ``--save-file`` (the stored file the unit sent)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli_run import bdcq, demo, ok, ok_json, one_line_error  # noqa: F401


def test_reports_list_has_the_columns_the_screen_shows(demo: Path) -> None:  # noqa: F811
    rows = ok_json(bdcq(demo, "reports", "list", "--round", "13", "--format", "json"))
    late = next(r for r in rows if r["status"] == "late")  # the code kept for scripts
    assert late["status_text"] == f"Nộp muộn {late['days_late']} ngày"
    assert {"summary", "document_date", "evaluation", "file_name", "has_file"} <= set(late)
    assert any(r["summary"] for r in rows) and late["has_file"] is False
    table = list(csv.DictReader(io.StringIO(ok(bdcq(demo, "reports", "list", "--round", "13",
                                                    "--format", "csv")))))  # fmt: skip
    by_id = {int(r["Mã báo cáo"]): r for r in table}
    assert by_id[late["id"]]["Tình trạng"] == late["status_text"]  # as the screen words it
    assert by_id[late["id"]]["Tóm tắt kết quả"] == late["summary"]
    assert {"Ngày văn bản", "Đánh giá của Văn phòng", "Tệp"} <= set(table[0])
    text = ok(bdcq(demo, "reports", "list", "--round", "13"))
    assert "Tóm tắt kết quả" in text and late["status_text"] in text


def test_reports_show_and_save_file(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    sent = tmp_path / "Báo cáo Quý IV - Sở Y tế.pdf"
    sent.write_bytes(b"%PDF-1.4 bao cao quy IV")
    ok(bdcq(demo, "reports", "receive", "14", "Sở Y tế", "--date", "18/11/2026", "--number",
            "455/BC-SYT", "--summary", "Đạt 68%", "--file", sent))  # fmt: skip
    ok(bdcq(demo, "reports", "edit", "14", "Sở Y tế", "--evaluation", "Thiếu phụ lục 2"))
    got = ok_json(bdcq(demo, "reports", "show", "14", "Sở Y tế", "--format", "json"))
    assert got["file_name"] == sent.name and got["has_file"] is True
    assert (got["status"], got["status_text"]) == ("on_time", "Đúng hạn")
    assert (got["summary"], got["evaluation"]) == ("Đạt 68%", "Thiếu phụ lục 2")
    assert got["received_date"] == "2026-11-18" and got["document_number"] == "455/BC-SYT"
    text = ok(bdcq(demo, "reports", "show", "14", str(got["unit_id"])))
    assert "Tệp / file: Báo cáo Quý IV - Sở Y tế.pdf" in text and "Thiếu phụ lục 2" in text
    row = next(csv.DictReader(io.StringIO(ok(bdcq(demo, "reports", "show", "14", "Sở Y tế",
                                                  "--format", "csv")))))  # fmt: skip
    assert row["Tình trạng"] == "Đúng hạn" and row["Tệp"] == sent.name
    # The stored file, to a path, or into a folder under its own name.
    out = tmp_path / "ra.pdf"
    said = ok(bdcq(demo, "reports", "show", "14", "Sở Y tế", "--save-file", out))
    assert out.read_bytes() == sent.read_bytes() and str(out) in said
    folder = tmp_path / "gui"
    folder.mkdir()
    ok(bdcq(demo, "reports", "show", "14", "Sở Y tế", "--save-file", folder))
    assert (folder / sent.name).read_bytes() == sent.read_bytes()
    # Never over the database; a report with no file is said so.
    before = demo.read_bytes()
    one_line_error(bdcq(demo, "reports", "show", "14", "Sở Y tế", "--save-file", demo))
    assert demo.read_bytes() == before
    one_line_error(
        bdcq(demo, "reports", "show", "14", "Sở Nội vụ", "--save-file", tmp_path / "x.pdf"),
        "chưa có tệp",
    )
    assert not (tmp_path / "x.pdf").exists()
