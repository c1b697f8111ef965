"""One name for one thing across the ``bdcq`` commands (audit of a whole cycle by the CLI): the
invitee as ``--invitee N`` or written after the meeting id, in every command taking one; a
guest's agency as ``--agency`` or ``--unit-name`` in both ``invite`` and ``walk-in``;
``tasks add`` saying ``--assigned-by`` is required; ``meetings add`` confirming as the other
``add`` commands do. Through the real entry point on a copy of the demo database."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_run import bdcq, ok
from tests.cli_run import one_line_error as refused

HELD, PLANNED = "12", "13"  # the demo's meeting held (minutes a draft), and one convened


def show(db: Path, meeting: str) -> dict:
    out = bdcq(db, "meetings", "show", meeting, "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_invitee_is_taken_as_an_option_or_after_the_meeting_id(demo: Path) -> None:
    held = [i["id"] for i in show(demo, HELD)["invitees"]]
    ok(bdcq(demo, "meetings", "attend", HELD, str(held[2]), "--status", "absent",
            "--reason", "Ốm"))  # fmt: skip
    marks = {a["invitee_id"]: a["status"] for a in show(demo, HELD)["attendance"]}
    assert marks[held[2]] == "absent"
    refused(bdcq(demo, "meetings", "attend", HELD, str(held[2]), "--invitee", str(held[3]),
                 "--status", "present"), "--invitee")  # fmt: skip
    refused(bdcq(demo, "meetings", "attend", HELD, "--status", "present"), "--invitee")

    planned = [i["id"] for i in show(demo, PLANNED)["invitees"]]
    ok(bdcq(demo, "meetings", "presenters", PLANNED, "--invitee", str(planned[0]),
            "--invitee", str(planned[1])))  # fmt: skip
    presenting = [i["id"] for i in show(demo, PLANNED)["invitees"] if i["presents"]]
    assert presenting == planned[:2]
    ok(bdcq(demo, "meetings", "uninvite", PLANNED, "--invitee", str(planned[-1]), "--yes"))
    assert planned[-1] not in [i["id"] for i in show(demo, PLANNED)["invitees"]]

    ok(bdcq(demo, "meetings", "walk-in", HELD, "--name", "Trần Văn Báo", "--position",
            "Phóng viên", "--unit-name", "Báo Nghệ An"))  # fmt: skip
    walk_in = next(i for i in show(demo, HELD)["invitees"] if i["name"] == "Trần Văn Báo")
    assert walk_in["unit"] == "Báo Nghệ An"
    ok(bdcq(demo, "meetings", "remove-walk-in", HELD, str(walk_in["id"])))
    assert "Trần Văn Báo" not in [i["name"] for i in show(demo, HELD)["invitees"]]

    ok(bdcq(demo, "meetings", "invite", PLANNED, "--guest", "Nguyễn Văn Khách", "--position",
            "Giám đốc", "--agency", "VNPT Nghệ An", "--yes"))  # fmt: skip
    guest = next(i for i in show(demo, PLANNED)["invitees"] if i["name"] == "Nguyễn Văn Khách")
    assert guest["unit"] == "VNPT Nghệ An"


def test_tasks_add_says_the_assigner_is_required(demo: Path) -> None:
    text = " ".join(ok(bdcq(demo, "tasks", "add", "--help")).split())
    assert "--assigned-by ID|TÊN người giao (bắt buộc)" in text


def test_meetings_add_confirms_as_the_other_adds_and_json_stays_whole(demo: Path) -> None:
    base = ["meetings", "add", "--kind", "briefing", "--title", "Làm việc với Sở Y tế",
            "--chair", "Vũ Duy Tiến", "--called-by", "Vũ Duy Tiến"]  # fmt: skip
    said = ok(bdcq(demo, *base, "--start", "05/02/2031 08:00")).strip()
    assert said.startswith("Đã thêm cuộc họp / meeting added: "), said
    new_id = int(said.rsplit(" ", 1)[-1])
    assert show(demo, str(new_id))["title"] == "Làm việc với Sở Y tế"
    made = json.loads(ok(bdcq(demo, *base, "--start", "06/02/2031 08:00", "--format", "json")))
    assert made["id"] == new_id + 1 and made["title"] == "Làm việc với Sở Y tế"
