"""``bdcq units edit``: the unit dialog's save ("Sửa cơ quan, đơn vị") from the command line,
through the real entry point on a copy of the demo database; ``units rename`` still works; a
refusal names the field, exits 2 and writes nothing."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state
from tests.test_cli_member_edits import TABLES

refused = partial(cli_run.refused, tables=TABLES)


def unit(db: Path, unit_id: int) -> dict:
    rows = json.loads(bdcq(db, "units", "list", "--all", "--format", "json").stdout)
    return next(r for r in rows if r["id"] == unit_id)


def test_edit_a_units_short_name_and_kind_and_rename_it(demo: Path) -> None:
    first = json.loads(bdcq(demo, "units", "list", "--format", "json").stdout)[0]
    uid = str(first["id"])
    out = bdcq(demo, "units", "edit", uid, "--short-name", "Sở CT (sửa)", "--kind", "sector")
    assert out.returncode == 0, out.stderr
    assert f"Đã sửa đơn vị / unit changed: {uid} {first['name']} (Sở CT (sửa))" in out.stdout
    after = unit(demo, first["id"])
    assert (after["short_name"], after["kind"]) == ("Sở CT (sửa)", "sector")
    assert after["name"] == first["name"] and after["head"] == first["head"]  # the rest kept
    # "" takes the short name off; the log names the change as the dialog's would.
    assert bdcq(demo, "units", "edit", uid, "--short-name", "").returncode == 0
    assert unit(demo, first["id"])["short_name"] == ""
    log = json.loads(bdcq(demo, "log", "--table", "unit", "--id", uid, "--format", "json").stdout)
    assert [r["action"] for r in log[:2]] == ["update", "update"]
    assert bdcq(demo, "units", "rename", uid, "Sở Công Thương (mới)").returncode == 0
    assert unit(demo, first["id"])["name"] == "Sở Công Thương (mới)"


def test_bad_unit_edits_name_the_field_and_write_nothing(demo: Path) -> None:
    first, second = json.loads(bdcq(demo, "units", "list", "--format", "json").stdout)[:2]
    uid = str(first["id"])
    before = state(demo, TABLES)
    refused(demo, before, bdcq(demo, "units", "edit", uid, "--kind", "bogus"), "Loại", "bogus")
    refused(demo, before, bdcq(demo, "units", "edit", uid, "--short-name", "x" * 61),
            "Tên viết tắt")  # fmt: skip
    refused(demo, before, bdcq(demo, "units", "edit", uid, "--name", " "),
            "Tên cơ quan, đơn vị")  # fmt: skip
    refused(demo, before, bdcq(demo, "units", "edit", uid, "--name", second["name"].upper()),
            "Tên cơ quan, đơn vị")  # fmt: skip
    refused(demo, before, bdcq(demo, "units", "edit", uid, "--head", "99999999"),
            "Người đứng đầu")  # fmt: skip
    refused(demo, before, bdcq(demo, "units", "edit", uid, "--email", "x@"), "Thư điện tử")
    refused(demo, before, bdcq(demo, "units", "edit", uid), "Chưa có gì để sửa")
    refused(demo, before, bdcq(demo, "units", "edit", "99999999", "--kind", "other"),
            "99999999")  # fmt: skip
    refused(demo, before, bdcq(demo, "units", "edit", uid, "--expected-version", "999",
                               "--kind", "other"))  # fmt: skip
    refused(demo, before, bdcq(demo, "units", "edit", "abc", "--kind", "other"), "mã")


def test_rename_retire_and_merge_refuse_a_stale_version_and_take_the_current_one(
    demo: Path,
) -> None:
    first, second, third = json.loads(bdcq(demo, "units", "list", "--format", "json").stdout)[:3]
    stale = str(first["version"] + 5)
    uid = str(first["id"])
    before = state(demo, TABLES)
    for args in (
        ("rename", uid, "Sở Công Thương (mới)"),
        ("retire", uid, "--on", "01/03/2026"),
        ("merge", uid, str(second["id"]), "--on", "01/03/2026"),
    ):
        refused(demo, before, bdcq(demo, "units", *args, "--expected-version", stale),
                "vừa được người khác sửa", "phiên bản hiện tại")  # fmt: skip
    now = str(first["version"])
    out = bdcq(demo, "units", "rename", uid, "Sở Công Thương (mới)", "--expected-version", now)
    assert out.returncode == 0, out.stderr
    renamed = unit(demo, first["id"])
    assert renamed["name"] == "Sở Công Thương (mới)" and renamed["version"] == first["version"] + 1
    # The version read before the rename is stale now.
    refused(demo, state(demo, TABLES), bdcq(demo, "units", "retire", uid, "--on", "01/03/2026",
            "--expected-version", now), "vừa được người khác sửa")  # fmt: skip
    out = bdcq(demo, "units", "retire", uid, "--on", "01/03/2026",
               "--expected-version", str(renamed["version"]))  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = bdcq(demo, "units", "merge", str(second["id"]), str(third["id"]), "--on", "01/03/2026",
               "--expected-version", str(second["version"]))  # fmt: skip
    assert out.returncode == 0, out.stderr
