"""``bdcq regimes add|edit|retire``: the regime dialog's saves from the command line, through
the real entry point on a copy of the demo database; a refusal names the field, exits 2 and
writes nothing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests import cli_run
from tests.cli_run import bdcq, state

TABLES = ("reporting_regime", "reporting_regime_unit", "change_log")


def refused(db: Path, out: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2, one line naming ``words``, and the regimes as they were before the test."""
    cli_run.refused(db, BEFORE[db], out, *words, tables=TABLES)


BEFORE: dict[Path, str] = {}  # each test's database as it was before its refusals


def units(db: Path) -> list[int]:
    out = bdcq(db, "units", "list", "--format", "json")
    return [u["id"] for u in json.loads(out.stdout)]


def regimes(db: Path) -> dict[int, dict]:
    out = bdcq(db, "regimes", "list", "--all", "--format", "json")
    return {r["id"]: r for r in json.loads(out.stdout)}


def test_add_edit_and_retire_a_regime(demo: Path) -> None:
    a, b, c = units(demo)[:3]
    out = bdcq(demo, "regimes", "add", "--name", "Báo cáo chuyển đổi số hằng quý",
               "--frequency", "quarterly", "--due-day", "15", "--unit", str(a), "--unit",
               str(b), "--format", "json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    added = json.loads(out.stdout)
    assert (added["frequency"], added["due_day"]) == ("quarterly", 15)
    assert set(added["unit_ids"]) == {a, b}
    assert added["deadline_rule"] == "ngày 15 tháng cuối kỳ" and added["active"] is True
    assert regimes(demo)[added["id"]]["units"] == 2

    out = bdcq(demo, "regimes", "edit", str(added["id"]), "--add-unit", str(c), "--remove-unit",
               str(a), "--due-month-offset", "1", "--receiving-body", "Sở KH&CN")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Đã sửa chế độ báo cáo" in out.stdout
    out = bdcq(demo, "regimes", "edit", str(added["id"]), "--content", "Đề cương",
               "--format", "json")  # fmt: skip
    shown = json.loads(out.stdout)
    assert set(shown["unit_ids"]) == {b, c} and shown["due_month_offset"] == 1
    assert (shown["receiving_body"], shown["content"]) == ("Sở KH&CN", "Đề cương")

    out = bdcq(demo, "regimes", "retire", str(added["id"]))
    assert out.returncode == 0, out.stderr
    assert regimes(demo)[added["id"]]["active"] is False
    assert bdcq(demo, "regimes", "edit", str(added["id"]), "--active").returncode == 0
    assert regimes(demo)[added["id"]]["active"] is True


def test_bad_regimes_name_the_field_and_write_nothing(demo: Path) -> None:
    BEFORE[demo] = state(demo, TABLES)
    existing = next(iter(regimes(demo).values()))
    refused(demo, bdcq(demo, "regimes", "add", "--frequency", "monthly"), "Tên chế độ báo cáo")
    refused(demo, bdcq(demo, "regimes", "add", "--name", "Mới", "--frequency", "weekly"),
            "Tần suất")  # fmt: skip
    refused(demo, bdcq(demo, "regimes", "add", "--name", "Mới", "--frequency", "monthly",
                       "--due-day", "40"), "Hạn gửi: ngày")  # fmt: skip
    refused(demo, bdcq(demo, "regimes", "add", "--name", existing["name"].upper(),
                       "--frequency", "monthly"), "Tên chế độ báo cáo", "Đã có")  # fmt: skip
    refused(demo, bdcq(demo, "regimes", "add", "--name", "Mới", "--frequency", "monthly",
                       "--unit", "99999"), "Đơn vị báo cáo")  # fmt: skip
    refused(demo, bdcq(demo, "regimes", "edit", str(existing["id"]), "--cutoff-day", "abc"),
            "Chốt số liệu: ngày")  # fmt: skip
    refused(demo, bdcq(demo, "regimes", "edit", str(existing["id"]), "--name", " "),
            "Tên chế độ báo cáo")  # fmt: skip
    refused(demo, bdcq(demo, "regimes", "edit", str(existing["id"]), "--remove-unit", "99999"),
            "Đơn vị báo cáo", "99999")  # fmt: skip
    refused(demo, bdcq(demo, "regimes", "edit", str(existing["id"]), "--expected-version",
                       "999", "--content", "x"))  # fmt: skip
