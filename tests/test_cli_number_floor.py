"""``bdcq documents numbering`` in real processes: the year's series, a floor set from the
command line, and the next invitation issued after it; refusals exit 2 in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bdcq_desktop.core.invitees import invite
from bdcq_desktop.core.meetings import get_meeting, list_meetings


def bdcq_process(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


def _gm(db: Path) -> dict[str, Any]:
    out = bdcq_process(db, "documents", "numbering", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["year"] == date.today().year
    return data | {"gm": next(s for s in data["series"] if s["type_abbr"] == "GM")}


def test_a_floor_set_from_the_command_line_numbers_the_next_invitation(
    demo_db: Any, tmp_path: Path
) -> None:
    # A meeting still to come, with a guest: what an invitation is issued for.
    today = date.today()
    upcoming = next(
        r for r in list_meetings(demo_db) if r.status == "planned" and r.starts_at.date() > today
    )
    d = get_meeting(demo_db, upcoming.id)
    invite(demo_db, upcoming.id, [{"guest_name": "Lê Văn Khách"}], expected_version=d.version)
    path = demo_db.sqlite_path
    demo_db.dispose()

    before = _gm(path)
    floor = before["gm"]["last_issued"] + 7  # the paper register went on past the app's
    table = bdcq_process(path, "documents", "numbering")
    assert table.returncode == 0, table.stderr
    assert "Giấy mời" in table.stdout and "Số cuối đã cấp ngoài phần mềm" in table.stdout

    # A stale version (another officer saved the settings meanwhile) is refused, nothing saved.
    stale = bdcq_process(
        path, "documents", "numbering", "set", "GM", "3",
        "--expected-version", str(before["version"] - 1),
    )  # fmt: skip
    assert stale.returncode == 2 and "phiên bản hiện tại" in stale.stderr, stale.stderr
    assert _gm(path)["gm"]["floor"] == 0

    out = bdcq_process(
        path, "documents", "numbering", "set", "gm", str(floor),
        "--expected-version", str(before["version"]),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"{floor + 1:02d}/GM-BCĐ" in out.stdout
    after = _gm(path)
    assert after["gm"]["floor"] == floor and after["gm"]["next_number"] == floor + 1
    assert after["version"] == before["version"] + 1

    issued = bdcq_process(
        path, "export", "invitation", "--meeting", str(upcoming.id), "--issue",
        "-o", str(tmp_path / "invitation.pdf"),
    )  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    assert f"Số / number: {floor + 1:02d}/GM-BCĐ" in issued.stdout


def test_refusals_exit_2_in_one_line(db: Any) -> None:
    path = db.sqlite_path
    db.dispose()
    last_year = str(date.today().year - 1)
    for args, words in [
        (("set", "GM", "7", "--year", last_year), f"sổ đăng ký văn bản năm {last_year} đã khóa"),
        (("set", "GM", "0"), "không được nhỏ hơn 1"),
        (("set", "GM", "10000"), "không được lớn hơn 9999"),
        (("set", "G-M", "7"), "chỉ gồm chữ cái"),
    ]:
        out = bdcq_process(path, "documents", "numbering", *args)
        assert out.returncode == 2, out.stdout
        assert len(out.stderr.strip().splitlines()) == 1 and words in out.stderr, out.stderr
    # Taken off again with "-": nothing issued, the next is 01.
    assert bdcq_process(path, "documents", "numbering", "set", "invitation", "5").returncode == 0
    out = bdcq_process(path, "documents", "numbering", "set", "GM", "-")
    assert out.returncode == 0 and "01/GM-BCĐ" in out.stdout, out.stderr
