"""``bdcq sessions delete|output-edit|output-status``: the Tổ công tác tab's Xóa and its output
dialogs from the command line, through the real entry point on a copy of the demo database; a
refusal names the field, exits 2 and writes nothing."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state
from tests.cli_run import ok_json as ok
from tests.test_cli_session_edits import NEW

TABLES = ("working_session", "session_output", "session_participant", "stored_file", "change_log")


refused = partial(cli_run.refused, tables=TABLES)


def test_delete_a_session_entered_by_mistake(demo: Path) -> None:
    sid = str(ok(bdcq(demo, *NEW, "--format", "json"))["id"])
    out = bdcq(demo, "sessions", "delete", sid)
    assert out.returncode == 0, out.stderr
    assert "Đã xóa phiên làm việc" in out.stdout
    assert "không tìm thấy" in bdcq(demo, "sessions", "show", sid).stderr.lower()

    with_output = next(
        r for r in ok(bdcq(demo, "sessions", "list", "--format", "json")) if r["outputs"]
    )
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "sessions", "delete", str(with_output["id"])),
            "Phiên làm việc", "sản phẩm")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "delete", "999999"), "999999")


def test_edit_an_output_and_move_it_on(demo: Path, tmp_path: Path) -> None:
    sid = str(ok(bdcq(demo, *NEW, "--format", "json"))["id"])
    draft = tmp_path / "du-thao.txt"
    draft.write_text("Dự thảo 1", "utf-8")
    out = bdcq(demo, "sessions", "attach", sid, str(draft), "--title", "Dự thảo Đề án")
    assert out.returncode == 0, out.stderr
    (output,) = ok(bdcq(demo, "sessions", "show", sid, "--format", "json"))["outputs"]
    oid = str(output["id"])
    second = tmp_path / "du-thao-2.txt"
    second.write_text("Dự thảo 2, đã sửa", "utf-8")
    d = ok(bdcq(demo, "sessions", "output-edit", oid, "--title", "Dự thảo Đề án dữ liệu",
                "--version", "Dự thảo 2", "--kind", "project", "--file", str(second),
                "--format", "json"))  # fmt: skip
    (o,) = d["outputs"]
    assert (o["title"], o["version"], o["kind"], o["file_name"]) == (
        "Dự thảo Đề án dữ liệu", "Dự thảo 2", "project", "du-thao-2.txt"
    )
    assert o["sha256"] != output["sha256"]
    out = bdcq(demo, "sessions", "output-status", oid, "consulting")
    assert out.returncode == 0, out.stderr
    assert "Đã đổi tình trạng sản phẩm" in out.stdout and "Lấy ý kiến" in out.stdout
    # A meeting held (the newest may be still to come: "Đã trình" there is refused).
    meeting = next(
        r["id"]
        for r in ok(bdcq(demo, "meetings", "list", "--format", "json"))
        if r["status"] in ("held", "minutes_final")
    )
    d = ok(bdcq(demo, "sessions", "output-status", oid, "submitted", "--meeting", str(meeting),
                "--format", "json"))  # fmt: skip
    assert (d["outputs"][0]["status"], d["outputs"][0]["submitted_meeting_id"]) == (
        "submitted", meeting
    )

    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "sessions", "output-status", oid, "consulting"),
            "Tình trạng", "Đã trình")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "output-status", oid, "bogus"), "Tình trạng")
    refused(demo, before, bdcq(demo, "sessions", "output-edit", oid, "--kind", "bogus"),
            "Loại sản phẩm")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "output-edit", oid, "--title", " "),
            "Tên sản phẩm")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "output-edit", oid, "--meeting", "999999"),
            "Trình tại cuộc họp")  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "output-edit", oid, "--file",
                               str(tmp_path / "missing.txt")))  # fmt: skip
    refused(demo, before, bdcq(demo, "sessions", "output-edit", oid), "Chưa có gì để sửa")
    refused(demo, before, bdcq(demo, "sessions", "output-edit", oid, "--expected-version",
                               "999", "--title", "x"))  # fmt: skip
