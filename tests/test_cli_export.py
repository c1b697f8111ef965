"""``bdcq export`` and ``bdcq documents list`` run as real subprocesses, on the demo database."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.meetings import list_meetings
from tests.cli_run import run_bdcq

MEETING_KINDS = ("convocation", "invitation", "agenda", "attendance", "minutes", "conclusions")


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = run_bdcq(args, db=db)
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    return out


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli-demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def meetings(demo: Path) -> dict[str, int]:
    db = open_database(demo)
    rows = list_meetings(db)
    db.dispose()
    by: dict[str, Any] = {
        "held": next(r for r in rows if r.status == "held"),
        "final": next(r for r in rows if r.kind == "expanded" and r.status == "minutes_final"),
        "planned": next(r for r in rows if r.status == "planned"),
        "cancelled": next(r for r in rows if r.status == "cancelled"),
    }
    return {k: r.id for k, r in by.items()}


def one_line_error(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


@pytest.mark.parametrize("kind", MEETING_KINDS)
def test_every_meeting_kind_exports_a_draft(
    demo: Path, meetings: dict[str, int], tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "out" / f"{kind}.pdf"
    out = bdcq(demo, "export", kind, "--meeting", str(meetings["final"]), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert str(target) in out.stdout and "dự thảo" in out.stdout
    assert target.read_bytes().startswith(b"%PDF-")
    assert not target.with_name(target.name + ".part").exists()


def test_issue_prints_number_symbol_and_fingerprint(
    demo: Path, meetings: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "bb.pdf"
    # Dated by the clock, as the command line checks it (a date in a closed year is refused);
    # the meeting was held before the demo's today.
    day = date.today()
    args = ["export", "minutes", "--meeting", str(meetings["held"]), "-o", str(target)]
    out = bdcq(demo, *args, "--issue", "--date", day.isoformat())
    assert out.returncode == 0, out.stderr
    sha = hashlib.sha256(target.read_bytes()).hexdigest()
    # The human line writes the date as the office reads it, not ISO.
    assert f"01/BB-BCĐ ({day:%d/%m/%Y})" in out.stdout and "đã ban hành / issued" in out.stdout
    assert f"SHA-256: {sha}" in out.stdout
    # Exported again: the stored copy, byte for byte.
    again = bdcq(demo, *args[:-1], str(tmp_path / "bb2.pdf"))
    assert again.returncode == 0 and "stored copy" in again.stdout
    assert (tmp_path / "bb2.pdf").read_bytes() == target.read_bytes()
    listed = bdcq(demo, "documents", "list", "--year", str(day.year), "--format", "json")
    rows = json.loads(listed.stdout)
    assert [(r["symbol"], r["kind"], r["sha256"]) for r in rows] == [("01/BB-BCĐ", "minutes", sha)]
    last_year = bdcq(demo, "documents", "list", "--year", str(day.year - 1))
    assert last_year.stdout.strip().startswith("(")


def test_wrong_or_missing_record_option(demo: Path, meetings: dict[str, int]) -> None:
    m = str(meetings["final"])
    for args in (
        ["export", "minutes", "--session", "1", "-o", "x.pdf"],
        ["export", "minutes", "-o", "x.pdf"],
        ["export", "minutes", "--meeting", m, "--round", "1", "-o", "x.pdf"],
        ["export", "convocation", "--meeting", m, "--per-addressee", "-o", "x.pdf"],
        ["export", "agenda", "--meeting", m, "--issue", "--draft", "-o", "x.pdf"],
    ):
        line = one_line_error(bdcq(demo, *args))
        assert "lỗi cú pháp / usage error" in line
    line = one_line_error(bdcq(demo, "export", "minutes", "--session", "1", "-o", "x.pdf"))
    assert "--meeting" in line
    line = one_line_error(bdcq(demo, "export", "roster", "--meeting", m, "-o", "x.pdf"))
    assert "roster" in line
    one_line_error(bdcq(demo, "export", "nonsense", "--meeting", m, "-o", "x.pdf"))


def test_missing_meeting(demo: Path, tmp_path: Path) -> None:
    line = one_line_error(bdcq(demo, "export", "agenda", "--meeting", "9999", "-o", "x.pdf"))
    assert "9999" in line and "cuộc họp" in line


def test_minutes_of_a_meeting_not_held(demo: Path, meetings: dict[str, int]) -> None:
    for which in ("planned", "cancelled"):
        out = bdcq(
            demo, "export", "minutes", "--meeting", str(meetings[which]), "-o", "x.pdf", "--issue"
        )
        assert "cuộc họp chưa diễn ra" in one_line_error(out)
    assert json.loads(bdcq(demo, "documents", "list", "--format", "json").stdout) == []


def test_invitation_per_addressee(demo: Path, meetings: dict[str, int], tmp_path: Path) -> None:
    target = tmp_path / "gm.pdf"
    out = bdcq(
        demo,
        "export",
        "invitation",
        "--meeting",
        str(meetings["final"]),
        "--per-addressee",
        "-o",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    assert target.read_bytes().startswith(b"%PDF-")


def test_per_addressee_of_an_issued_invitation_is_refused_not_ignored(
    demo: Path, tmp_path: Path
) -> None:
    """The issued invitation is its stored copy: asked for one copy per addressee, the export
    says so and how (the option goes with --issue), rather than handing back the stored copy
    whole as if the option had been taken."""
    from sqlalchemy import select

    from bdcq_desktop.core.invitee_papers import INVITED_CATEGORIES
    from bdcq_desktop.core.models import Invitee, Meeting, MeetingStatus

    db = open_database(demo)
    with db.session() as s:  # a meeting to come with guests (the demo's 13)
        m = str(
            s.scalars(
                select(Meeting.id)
                .join(Invitee, Invitee.meeting_id == Meeting.id)
                .where(
                    Meeting.status.in_((MeetingStatus.PLANNED, MeetingStatus.CONVENED)),
                    Invitee.category.in_(INVITED_CATEGORIES),
                )
                .order_by(Meeting.id)
            ).first()
        )
    db.dispose()
    issued = tmp_path / "gm.pdf"
    # The demo's today, which may be more than a week before the clock's: --yes registers late.
    out = bdcq(
        demo, "export", "invitation", "--meeting", m, "--issue", "--date", "20/11/2026", "--yes",
        "-o", str(issued),
    )
    assert out.returncode == 0, out.stderr
    target = tmp_path / "per.pdf"
    out = bdcq(demo, "export", "invitation", "--meeting", m, "--per-addressee", "-o", str(target))
    assert out.returncode != 0 and not target.exists(), out.stdout
    assert "/GM-" in out.stderr and "đã ban hành" in out.stderr, out.stderr
    assert "--issue --per-addressee" in out.stderr, out.stderr
    # A draft per addressee is still there for reading (unnumbered, as a draft is).
    out = bdcq(
        demo, "export", "invitation", "--meeting", m, "--draft", "--per-addressee", "-o",
        str(target),
    )
    assert out.returncode == 0 and target.read_bytes().startswith(b"%PDF-"), out.stderr
