"""``bdcq members list|export|end`` and ``bdcq check`` on terms as they were (audit of the members
tab, items 1, 2 and 6), on a copy of the demo database: a former term keeps the posts held
then after a promotion (``--all``), the roster of a past day (``--on``), and an end that says
which meetings not yet held still call the person as a member."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from tests.cli_run import bdcq, demo, ok, ok_json, one_line_error  # noqa: F401
from tests.test_cli_meetings import planned_ahead

PROMOTED = "Nguyễn Bá Thịnh"


def _promote(demo: Path) -> None:  # noqa: F811
    """The demo's Giám đốc Sở Tư pháp (a member 2024–2025, and again since) made Phó Chủ tịch
    UBND tỉnh today, the duplicate position confirmed."""
    rows = ok_json(bdcq(demo, "members", "list", "--search", PROMOTED, "--format", "json"))
    units = ok_json(bdcq(demo, "units", "list", "--format", "json"))
    province = next(u["id"] for u in units if u["name"] == "UBND tỉnh Nghệ An")
    ok(bdcq(demo, "members", "edit", str(rows[0]["id"]), "--position", "Phó Chủ tịch UBND tỉnh",
            "--unit", str(province), "--yes"))  # fmt: skip


def test_list_and_export_all_keep_a_former_terms_posts(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    _promote(demo)
    listed = ok_json(
        bdcq(demo, "members", "list", "--all", "--search", PROMOTED, "--format", "json")
    )
    posts = sorted((r["active"], r["position"], r["unit"]) for r in listed)
    assert posts == [
        (False, "Giám đốc Sở Tư pháp", "Sở Tư pháp"),
        (True, "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Nghệ An"),
    ]
    path = tmp_path / "history.xlsx"
    ok(bdcq(demo, "members", "export", "--all", str(path)))
    sheet = load_workbook(path).active
    exported = sorted(
        (r[12] is None, r[4], r[5]) for r in sheet.iter_rows(values_only=True) if r[1] == PROMOTED
    )
    assert exported == posts


def test_list_and_export_the_roster_of_a_past_day(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    _promote(demo)
    every = ok_json(bdcq(demo, "members", "list", "--all", "--format", "json"))
    day = date(2024, 12, 1)

    def serving(r: dict) -> bool:
        end = r["end_date"]
        return date.fromisoformat(r["start_date"]) <= day and (
            end is None or date.fromisoformat(end) >= day
        )

    that_day = ok_json(bdcq(demo, "members", "list", "--on", "01/12/2024", "--format", "json"))
    assert sorted(r["id"] for r in that_day) == sorted(r["id"] for r in every if serving(r))
    assert all(r["active"] for r in that_day)
    [promoted] = [r for r in that_day if r["full_name"] == PROMOTED]
    assert (promoted["position"], promoted["unit"]) == ("Giám đốc Sở Tư pháp", "Sở Tư pháp")
    # With --all: those who had left by then too (former), none appointed after it.
    begun = ok_json(
        bdcq(demo, "members", "list", "--on", "2024-12-01", "--all", "--format", "json")
    )
    assert sorted(r["id"] for r in begun) == sorted(
        r["id"] for r in every if date.fromisoformat(r["start_date"]) <= day
    )
    assert {r["id"] for r in begun if r["active"]} == {r["id"] for r in that_day}
    path = tmp_path / "roster-2024.xlsx"
    said = ok(bdcq(demo, "members", "export", "--on", "01/12/2024", str(path)))
    assert f"{len(that_day)} thành viên" in said
    names = [r[1] for r in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(r["full_name"] for r in that_day)
    one_line_error(bdcq(demo, "members", "list", "--on", "31/02/2024"), "Tính đến ngày", "31/02")


def test_end_says_which_meetings_still_call_the_member_and_check_lists_them(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    meeting = planned_ahead(demo, 30)
    mid = str(meeting["id"])
    ok(bdcq(demo, "meetings", "invite", mid, "--committee"))
    ok(bdcq(demo, "export", "convocation", "--meeting", mid, "-o", str(tmp_path / "gtt.pdf"),
            "--issue"))  # fmt: skip
    symbol = json.loads(ok(bdcq(demo, "meetings", "show", mid, "--format", "json")))[
        "documents"
    ][-1]["number"]
    # A plain member (role "member" is neither chair nor convener of the meeting).
    member = next(
        r for r in ok_json(bdcq(demo, "members", "list", "--format", "json"))
        if r["role"] == "member"
    )  # fmt: skip
    out = bdcq(demo, "members", "end", str(member["id"]), "--on", date.today().isoformat(),
               "--decision-number", "900/QĐ-UBND", "--format", "json")  # fmt: skip
    ended = ok_json(out)
    assert ended["end_date"] == date.today().isoformat()
    assert [(i["meeting_id"], i["title"]) for i in ended["still_invited"]] == [
        (meeting["id"], meeting["title"])
    ]
    assert symbol in ended["still_invited"][0]["papers"]
    assert member["full_name"] in out.stderr and symbol in out.stderr
    assert "Thành viên Ban Chỉ đạo" in out.stderr
    # Still on the list: the officer decides (a substitute may come).
    shown = json.loads(ok(bdcq(demo, "meetings", "show", mid, "--format", "json")))
    assert member["person_id"] in {i["person_id"] for i in shown["invitees"]}
    checked = bdcq(demo, "check")
    lines = [x for x in checked.stdout.splitlines() if x.startswith("meeting_invitees")]
    assert len(lines) == 1 and f"meeting#{mid}\t" in lines[0], checked.stdout
    assert member["full_name"] in lines[0] and symbol in lines[0]
