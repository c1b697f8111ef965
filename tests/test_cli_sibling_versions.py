"""A script that read a meeting (``meetings show --format json``) or a round's reports
(``reports list --format json``) and saves one invitee's mark, removes one walk-in or saves one
unit's report with the child's version read (``--invitee-version``, ``--report-version``):
another invitee or unit saved meanwhile is no conflict, the same one is; on a copy of the demo
database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.cli_run import bdcq, demo, ok, one_line_error  # noqa: F401


def _show(db: Path, meeting_id: int) -> dict:
    return json.loads(ok(bdcq(db, "meetings", "show", str(meeting_id), "--format", "json")))


def test_attend_with_the_invitee_version(demo: Path) -> None:  # noqa: F811
    held = json.loads(ok(bdcq(demo, "meetings", "list", "--status", "held", "--format", "json")))
    mid = held[0]["id"]
    read = _show(demo, mid)
    first, second = read["attendance"][0], read["attendance"][1]
    # Another officer marks the first (no versions: the meeting as it is now).
    ok(bdcq(demo, "meetings", "attend", str(mid), "--invitee", str(first["invitee_id"]),
            "--status", "online"))  # fmt: skip
    # This script marks the second with what it read: accepted.
    ok(bdcq(demo, "meetings", "attend", str(mid), "--invitee", str(second["invitee_id"]),
            "--status", "absent", "--reason", "Đi công tác",
            "--expected-version", str(read["version"]),
            "--invitee-version", str(second["version"])))  # fmt: skip
    now = _show(demo, mid)
    marks = {a["invitee_id"]: a for a in now["attendance"]}
    assert (marks[first["invitee_id"]]["status"], marks[second["invitee_id"]]["status"]) == (
        "online",
        "absent",
    )
    assert now["version"] == read["version"] + 2
    # The first, changed since it was read: refused, naming them, nothing written.
    one_line_error(
        bdcq(demo, "meetings", "attend", str(mid), "--invitee", str(first["invitee_id"]),
             "--status", "present", "--expected-version", str(read["version"]),
             "--invitee-version", str(first["version"])),
        first["name"],
        "người khác",
    )
    assert _show(demo, mid)["version"] == now["version"]


def test_remove_walk_in_with_the_invitee_version(demo: Path) -> None:  # noqa: F811
    """``meetings remove-walk-in --invitee-version N``, as the Điểm danh page passes it: a
    check-in of someone else meanwhile is no conflict; the walk-in marked elsewhere is."""
    held = json.loads(ok(bdcq(demo, "meetings", "list", "--status", "held", "--format", "json")))
    mid = held[0]["id"]
    for name in ("Lê Văn Khách", "Trần Thị Nhầm"):
        ok(bdcq(demo, "meetings", "walk-in", str(mid), "--name", name, "--status", "online"))
    read = _show(demo, mid)
    walk_ins = {a["name"]: a for a in read["attendance"] if a["walk_in"]}
    guest, mistaken = walk_ins["Lê Văn Khách"], walk_ins["Trần Thị Nhầm"]
    invited = next(a for a in read["attendance"] if not a["walk_in"])
    # Another officer checks an invited person in: the meeting's version moves on.
    ok(bdcq(demo, "meetings", "attend", str(mid), "--invitee", str(invited["invitee_id"]),
            "--status", "online"))  # fmt: skip
    # This script removes a walk-in with what it read: accepted.
    ok(bdcq(demo, "meetings", "remove-walk-in", str(mid), "--invitee",
            str(mistaken["invitee_id"]), "--expected-version", str(read["version"]),
            "--invitee-version", str(mistaken["version"])))  # fmt: skip
    now = _show(demo, mid)
    assert [a["name"] for a in now["attendance"] if a["walk_in"]] == ["Lê Văn Khách"]
    # The other walk-in, marked elsewhere since it was read: refused, named, nothing written.
    ok(bdcq(demo, "meetings", "attend", str(mid), "--invitee", str(guest["invitee_id"]),
            "--status", "present"))  # fmt: skip
    marked = _show(demo, mid)
    one_line_error(
        bdcq(demo, "meetings", "remove-walk-in", str(mid), "--invitee", str(guest["invitee_id"]),
             "--expected-version", str(read["version"]),
             "--invitee-version", str(guest["version"])),
        "Lê Văn Khách",
        "người khác",
    )
    assert _show(demo, mid) == marked


def test_reports_with_the_report_version(demo: Path) -> None:  # noqa: F811
    rows = json.loads(ok(bdcq(demo, "reports", "list", "--status", "not_due", "--format", "json")))
    by_round: dict[int, list[dict]] = {}
    for r in rows:
        by_round.setdefault(r["round_id"], []).append(r)
    round_id, owed = next((k, v) for k, v in by_round.items() if len(v) >= 2)
    mine, theirs = owed[:2]
    today = date.today().strftime("%d/%m/%Y")
    # Another officer records one unit's report.
    ok(bdcq(demo, "reports", "receive", str(round_id), str(theirs["unit_id"]), "--date",
            today))  # fmt: skip
    # This script, from the list read before, records another unit's: accepted.
    ok(bdcq(demo, "reports", "receive", str(round_id), str(mine["unit_id"]), "--date", today,
            "--number", "9/BC", "--expected-version", str(mine["round_version"]),
            "--report-version", str(mine["version"])))  # fmt: skip
    # The other unit's report, recorded since it was read: the correction is refused.
    one_line_error(
        bdcq(demo, "reports", "edit", str(round_id), str(theirs["unit_id"]), "--number", "8/BC",
             "--expected-version", str(theirs["round_version"]),
             "--report-version", str(theirs["version"])),
        theirs["unit"],
        "người khác",
    )
    now = {
        r["unit_id"]: r
        for r in json.loads(
            ok(bdcq(demo, "reports", "list", "--round", str(round_id), "--format", "json"))
        )
    }
    assert now[mine["unit_id"]]["document_number"] == "9/BC"
    assert now[theirs["unit_id"]]["document_number"] in ("", None)
