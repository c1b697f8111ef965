"""``bdcq members list|export`` on terms as they were (audit of the members tab), on a copy of
the demo database: a former term keeps the posts held then after a promotion (``--all``)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.cli_run import bdcq, demo, ok, ok_json  # noqa: F401

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
