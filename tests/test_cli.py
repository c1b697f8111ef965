"""The command line run as a real subprocess, as a user would run it (exit codes, one-line
refusals, pipes); where a test reads what a command prints, the same code runs in-process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.calendar_support import enter_days_off_now
from tests.cli_run import created, run_bdcq
from tests.pdf_text import flat_text


def bdcq(*args: str, db: Path | None = None, env: dict[str, str] | None = None):
    cmd = [sys.executable, "-m", "bdcq_desktop.cli"]
    if db is not None:
        cmd += ["--db", str(db)]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=full_env,
                          timeout=120)


def test_init_creates_the_database(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    out = bdcq("init", db=path)
    assert out.returncode == 0, out.stderr
    assert path.exists()
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone()[0]
    con.close()


def test_default_database_lives_in_the_data_folder(tmp_path: Path) -> None:
    out = bdcq("init")
    assert out.returncode == 0, out.stderr
    assert (Path(os.environ["BDCQ_DATA_DIR"]) / "bcd.sqlite3").exists()


def test_database_url_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.sqlite3"
    out = bdcq("init", env={"BDCQ_DATABASE_URL": f"sqlite:///{path}"})
    assert out.returncode == 0, out.stderr
    assert path.exists()


def test_help_is_bilingual() -> None:
    out = bdcq("--help")
    assert out.returncode == 0
    assert "Ban Chỉ đạo" in out.stdout and "Command line" in out.stdout
    assert "danh sách thành viên" in bdcq("members", "list", "--help").stdout


def test_bad_usage_is_exit_2_in_one_line() -> None:
    out = bdcq("meetings", "lst")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_newer_database_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    assert bdcq("init", db=path).returncode == 0
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num='9999_future'")
    con.commit()
    con.close()
    out = bdcq("members", "list", db=path)
    assert out.returncode == 2
    assert "phiên bản mới hơn" in out.stderr
    assert "Traceback" not in out.stderr


def test_empty_lists_in_every_format(tmp_path: Path) -> None:
    path = created(tmp_path / "e.sqlite3")  # what is printed: the same code run in-process
    for fmt in ("table", "csv", "json"):
        out = run_bdcq(["meetings", "list", "--format", fmt], db=path)
        assert out.returncode == 0, out.stderr
    assert json.loads(run_bdcq(["members", "list", "--format", "json"], db=path).stdout) == []


def test_check_on_a_clean_database(tmp_path: Path) -> None:
    assert bdcq("init", db=tmp_path / "c.sqlite3").returncode == 0
    enter_days_off_now(tmp_path / "c.sqlite3")  # from 2028, this year's days off are not shipped
    out = bdcq("check", db=tmp_path / "c.sqlite3")
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["members", "list"],
        ["units", "add", "Sở Y tế"],
        ["members", "import", "roster.csv"],
        ["export", "roster", "-o", "roster.pdf"],
        ["backup", "-o", "b.sqlite3"],
        ["documents", "list"],
    ],
)
def test_a_database_that_is_not_there_is_refused(tmp_path: Path, args: list[str]) -> None:
    """A mistyped --db became a new, empty database: ``check`` found "no problems" in it, a
    list showed nothing (the data lost, to the officer's eyes), an import or a save landed in
    it unseen. Only init, demo and restore make a database (see the tests above and below)."""
    (tmp_path / "roster.csv").write_text("Họ và tên\nNguyễn Văn An\n", encoding="utf-8")
    typo = tmp_path / "nodir" / "bcd.sqlite3"
    files = (".csv", ".pdf", ".sqlite3")
    out = bdcq(*[str(tmp_path / a) if a.endswith(files) else a for a in args], db=typo)
    assert out.returncode == 2, out.stdout
    assert out.stderr.splitlines() == [
        f"bdcq: Không có tệp cơ sở dữ liệu {typo}: hãy kiểm tra đường dẫn --db (cơ sở dữ liệu "
        "mới được tạo bằng lệnh init)."
    ]
    assert not typo.exists() and not typo.parent.exists()
    assert not (tmp_path / "roster.pdf").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    out = bdcq("restore", str(junk), db=tmp_path / "r.sqlite3")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    missing = bdcq("restore", str(tmp_path / "missing.sqlite3"), db=tmp_path / "r.sqlite3")
    assert missing.returncode == 2 and "Không tìm thấy" in missing.stderr


@pytest.mark.slow
def test_demo_then_lists_check_backup_restore(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    out = bdcq("demo", db=path)
    assert out.returncode == 0, out.stderr
    again = bdcq("demo", db=path)
    assert again.returncode == 2 and "đã có dữ liệu" in again.stderr
    # The rest checks what the commands print and write: the same code, run in this process.
    members = json.loads(run_bdcq(["members", "list", "--format", "json"], db=path).stdout)
    assert len(members) >= 18  # today's roster: 19 since the reorganisation of 2025
    for key in ("id", "full_name", "role", "position", "unit", "field", "area", "active"):
        assert key in members[0]
    assert members[0]["role"] == "head"
    assert all(m["active"] for m in members)
    everyone = json.loads(
        run_bdcq(["members", "list", "--all", "--format", "json"], db=path).stdout
    )
    assert len(everyone) > len(members)

    meetings = json.loads(run_bdcq(["meetings", "list", "--format", "json"], db=path).stdout)
    assert {m["kind"] for m in meetings} == {"regular", "extraordinary", "expanded", "briefing"}
    for m in meetings:
        assert {"id", "title", "kind", "starts_at", "status"} <= set(m)
        assert len(m["starts_at"]) >= 16 and m["starts_at"][4] == "-"

    rounds = json.loads(run_bdcq(["rounds", "list", "--format", "json"], db=path).stdout)
    assert rounds and all("id" in r for r in rounds)
    assert sum(r["late"] for r in rounds) and sum(r["missing"] for r in rounds)
    # A round asking for reports on a meeting's conclusions cites the notice the demo's register
    # issued for them (it made up a number once), and so does its summary report.
    from sqlalchemy import select

    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.models import ReportingRound
    from bdcq_desktop.documents.notices import notice_of_conclusion
    from bdcq_desktop.documents.service import draft

    database = open_database(path)
    with database.session() as s:
        r = ReportingRound
        linked = s.execute(
            select(r.id, r.conclusion_id, r.request_reference).where(r.conclusion_id.is_not(None))
        ).all()
        notices = {rid: notice_of_conclusion(s, cid) for rid, cid, _ in linked}
    assert linked and all(notices[rid] == reference for rid, _, reference in linked)
    summary = draft(database, "reports-summary", linked[-1][0])
    database.dispose()
    text = flat_text(summary)
    assert f"Thực hiện {notices[linked[-1][0]]}, hạn gửi báo cáo" in text  # said once

    # Diacritic-insensitive search from the command line, NFD query included.
    import unicodedata

    head = members[0]["full_name"]
    folded_query = head.split()[-1]
    query = unicodedata.normalize("NFD", folded_query)
    found = json.loads(
        run_bdcq(["members", "list", "--search", query, "--format", "json"], db=path).stdout
    )
    assert any(m["full_name"] == head for m in found)

    csv_out = run_bdcq(["units", "list", "--format", "csv"], db=path).stdout
    assert csv_out.splitlines()[0].startswith("Mã,")

    enter_days_off_now(path)  # the demo's years past 2027 have no days off entered
    checked = run_bdcq(["check"], db=path)
    assert checked.returncode == 0, checked.stdout  # the demo is consistent with its own rules
    assert run_bdcq(["check"], db=path).stdout == checked.stdout  # and checking changes nothing

    backup = tmp_path / "b.sqlite3"
    assert run_bdcq(["backup", "-o", str(backup)], db=path).returncode == 0
    con = sqlite3.connect(path)
    con.execute("delete from change_log")
    con.commit()
    con.close()
    out = run_bdcq(["restore", str(backup)], db=path)
    assert out.returncode == 0, out.stderr
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from change_log").fetchone()[0] > 0
    con.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a pipe closed under the writer is POSIX")
@pytest.mark.parametrize(
    "args", [["init"], ["members", "list"], ["meetings", "list", "--format", "json"]]
)
def test_a_reader_gone_away_is_not_an_error_message(tmp_path: Path, args: list[str]) -> None:
    """``bdcq … | head``: the pipe closes under bdcq; it stops without a word (exit 141)."""
    database = created(tmp_path / "p.sqlite3")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    try:
        out = subprocess.run(
            [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(database), *args],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    finally:
        os.close(write_end)
    assert out.stderr == ""
    assert out.returncode == 141
