"""``bdcq members list|export`` on terms as they were (audit of the members tab), on a copy of
the demo database: a former term keeps the posts held then after a promotion (``--all``), and
the roster of a past day (``--on``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from tests.cli_run import bdcq, demo, ok, ok_json, one_line_error  # noqa: F401

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
