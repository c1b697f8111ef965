"""``bdcq tasks extend|progress|stop|resume|show`` and ``tasks transfer --deadline`` as a user
runs them, on a real SQLite file (a meeting of 06/07/2026 whose minutes are final, two tasks):
one line in Vietnamese and exit 2 for a refusal, nothing written then; the history listed by
``tasks show``."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from bdcq_desktop.core.units import create_unit
from tests.cli_run import bdcq, ok, ok_json, refused, state
from tests.test_conclusions_edit import held_meeting

TABLES = ("task", "task_event", "conclusion", "meeting")
unchanged = partial(refused, tables=TABLES)


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def test_the_acts_on_a_task_and_its_history(db: Any, db_path: Path) -> None:
    ids = held_meeting(db)
    with db.session() as s:
        finalise_issued(s, minutes_state(db, ids["meeting"]), "a" * 64)
    today = date.today()
    t1, t2 = str(ids["task1"]), str(ids["task2"])
    later = today + timedelta(days=60)
    before = state(db_path, TABLES)

    # Refused, one line each naming the field; nothing written.
    out = bdcq(db_path, "tasks", "extend", t1, "--deadline", _day(later), "--reason", "Chờ")
    unchanged(db_path, before, out, "Người cho gia hạn")
    out = bdcq(db_path, "tasks", "extend", t1, "--deadline", _day(later), "--approved-by",
               str(ids["binh"]), "--reason", "Chờ")  # fmt: skip
    unchanged(db_path, before, out, "Trưởng ban hoặc Phó Trưởng ban")
    out = bdcq(db_path, "tasks", "stop", t2)
    unchanged(db_path, before, out, "Lý do dừng thực hiện")
    out = bdcq(db_path, "tasks", "progress", t2, "--text", "Đạt 60%", "--file",
               str(db_path.parent / "no-such-file.pdf"))  # fmt: skip
    unchanged(db_path, before, out, "no-such-file.pdf")

    # The minutes are final: the extension is still recorded, beside them.
    said = ok(bdcq(db_path, "tasks", "extend", t1, "--deadline", _day(later), "--approved-by",
                   str(ids["head"]), "--on", "05/10/2026", "--reason",
                   "Chờ hướng dẫn của Bộ"))  # fmt: skip
    assert f"Đã gia hạn nhiệm vụ / deadline extended: {t1}:" in said and _day(later) in said
    report = db_path.parent / "bao-cao-don-vi.pdf"
    report.write_bytes(b"%PDF-1.4 bao cao tien do")
    ok(bdcq(db_path, "tasks", "progress", t1, "--text", "Đã kết nối 60%", "--on", "06/10/2026",
            "--file", str(report)))  # fmt: skip
    shown = ok_json(bdcq(db_path, "tasks", "show", t1, "--format", "json"))
    assert (shown["deadline"], shown["deadline_in_force"]) == ("2026-09-30", later.isoformat())
    assert [h["kind"] for h in shown["history"]] == ["given", "extension", "progress"]
    assert shown["history"][2]["file_name"] == "bao-cao-don-vi.pdf"
    table = ok(bdcq(db_path, "tasks", "show", t1))
    assert "Thời hạn: Hạn ban đầu 30/09/2026; gia hạn đến" in table
    assert "theo ý kiến đồng chí Vũ Duy Tiến (ngày 05/10/2026, khi đã quá hạn 5 ngày)" in table
    assert "Đang thực hiện (báo cáo ngày 06/10/2026): Đã kết nối 60%" in table
    # The meeting still says the deadline its conclusion gave, and the one in force beside it.
    meeting = ok_json(bdcq(db_path, "meetings", "show", str(ids["meeting"]), "--format", "json"))
    [task] = [t for t in meeting["tasks"] if t["id"] == ids["task1"]]
    assert (task["deadline"], task["extended_to"]) == ("2026-09-30", later.isoformat())

    # Stopped, then taken up again; a second stop dated before the resumption is refused.
    ok(bdcq(db_path, "tasks", "stop", t2, "--reason", "Lồng ghép vào kế hoạch 2027", "--by",
            "Thông báo số 20/TB-BCĐ"))  # fmt: skip
    listed = ok_json(bdcq(db_path, "tasks", "list", "--status", "cancelled", "--format", "json"))
    assert [r["id"] for r in listed] == [ids["task2"]]
    ok(bdcq(db_path, "tasks", "resume", t2, "--reason", "Ban Chỉ đạo yêu cầu tiếp tục"))
    before = state(db_path, TABLES)
    out = bdcq(db_path, "tasks", "resume", t2, "--reason", "Lần nữa")
    unchanged(db_path, before, out, "không ở tình trạng đã dừng")
    kinds = [h["kind"] for h in ok_json(bdcq(db_path, "tasks", "show", t2, "--format", "json"))[
        "history"]]  # fmt: skip
    assert kinds == ["given", "stop", "resume"]

    # Handed to another unit with a new deadline, through the same extension.
    other = create_unit(db, name="Sở Tư pháp", kind="department")
    out = bdcq(db_path, "tasks", "transfer", "--from-unit", str(ids["unit"]), "--to-unit",
               str(other), "--reason", "Chuyển", "--deadline", _day(later))  # fmt: skip
    unchanged(db_path, before, out, "--deadline")
    out = bdcq(db_path, "tasks", "transfer", t1, "--to-unit", str(other), "--reason", "Chuyển",
               "--approved-by", str(ids["head"]))  # fmt: skip
    unchanged(db_path, before, out, "Thời hạn mới")  # an approver of no new deadline: said
    further = later + timedelta(days=30)
    said = ok(bdcq(db_path, "tasks", "transfer", t1, "--to-unit", str(other), "--reason",
                   "Theo Quyết định số 99/QĐ-UBND", "--deadline", _day(further),
                   "--approved-by", "Công văn số 15/BCĐ-VP"))  # fmt: skip
    assert f"Gia hạn đến / deadline extended to {_day(further)}" in said
    history = ok_json(bdcq(db_path, "tasks", "show", t1, "--format", "json"))["history"]
    assert [h["kind"] for h in history][-2:] == ["transfer", "extension"]
    assert "theo Công văn số 15/BCĐ-VP" in history[-1]["text"]
