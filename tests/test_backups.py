"""Automatic backups: the retention rule at its boundaries, pruning real files, a backup only
when the data changed, the backups before an import and a demo load, the backup folder setting,
``bdcq backups list|prune``, and a damaged database detected without being touched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bdcq_desktop.core import retention
from bdcq_desktop.core.backup import backup_before, backups_dir
from bdcq_desktop.core.backup_folder import ENV_BACKUP_DIR, configured_backup_dir, set_backup_dir
from bdcq_desktop.core.backups import (
    backup_if_changed,
    changed_since_last_backup,
    list_backups,
    recover_damaged,
)
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError
from bdcq_desktop.core.retention import KEEP_LAST, keep
from tests.cli_run import run_bdcq

NOW = datetime(2026, 11, 20, 12, 0, 0)  # a Friday
SECOND = timedelta(seconds=1)


def _fillers(now: datetime = NOW) -> list[datetime]:
    """The ten newest backups (the last hour): always kept, they fill today's buckets."""
    return [now - timedelta(minutes=k) for k in range(1, KEEP_LAST + 1)]


def _verdict(extra: list[datetime], now: datetime) -> list[bool]:
    """keep() for the fillers plus ``extra``; the verdicts of ``extra`` only."""
    return keep(_fillers(NOW) + extra, now)[KEEP_LAST:]


# --- retention, a pure function --------------------------------------------------------------


def test_the_last_ten_are_kept_and_an_eleventh_of_the_same_day_goes() -> None:
    times = [*_fillers(), NOW - timedelta(minutes=30)]
    assert keep(times, NOW) == [True] * 10 + [False]
    # Given in any order, the same backups get the same verdicts.
    shuffled = times[::-1]
    assert keep(shuffled, NOW) == [False] + [True] * 10


def test_daily_window_edge_exactly_fourteen_days() -> None:
    edge = NOW - timedelta(days=14)  # Friday 06/11, ISO week 45
    newer_same_week = datetime(2026, 11, 7, 10, 0)  # Saturday of week 45, takes its week
    assert edge.isocalendar()[1] == newer_same_week.isocalendar()[1]
    assert _verdict([newer_same_week, edge], NOW) == [True, True]
    # One second later it is outside the daily window, and its week has a newer backup.
    assert _verdict([newer_same_week, edge], NOW + SECOND) == [True, False]


def test_only_the_newest_of_a_day_is_kept() -> None:
    evening = datetime(2026, 11, 15, 18, 0)
    morning = datetime(2026, 11, 15, 9, 0)
    assert _verdict([evening, morning], NOW) == [True, False]


def test_weekly_window_edge_exactly_eight_weeks() -> None:
    edge = NOW - timedelta(weeks=8)  # Friday 25/09, week 39
    newer_same_month = datetime(2026, 9, 28, 9, 0)  # Monday of week 40 takes September
    assert _verdict([newer_same_month, edge], NOW) == [True, True]
    assert _verdict([newer_same_month, edge], NOW + SECOND) == [True, False]


def test_two_backups_of_one_week_keep_the_newest() -> None:
    friday = datetime(2026, 10, 16, 17, 0)
    monday = datetime(2026, 10, 12, 8, 0)  # same ISO week, same month: nothing keeps it
    newer_october = datetime(2026, 10, 30, 8, 0)
    assert _verdict([newer_october, friday, monday], NOW) == [True, True, False]


def test_monthly_window_edge_exactly_a_year() -> None:
    edge = NOW - timedelta(days=365)  # 20/11/2025, alone in its month
    assert _verdict([edge], NOW) == [True]
    assert _verdict([edge], NOW + SECOND) == [False]


def test_older_than_a_year_goes_unless_among_the_last_ten() -> None:
    old = NOW - timedelta(days=400)
    assert _verdict([old], NOW) == [False]
    assert keep([old], NOW) == [True]  # the only backup there is


def test_a_time_in_the_future_is_kept() -> None:
    assert _verdict([NOW + timedelta(days=3)], NOW) == [True]


def test_hourly_backups_for_two_years_thin_to_a_stable_few() -> None:
    start = NOW - timedelta(days=730)
    times = [start + timedelta(hours=h) for h in range(730 * 24)]
    verdict = keep(times, NOW)
    kept = [t for t, k in zip(times, verdict, strict=True) if k]
    # 10 last + up to 14 days + 8 weeks + 12 months (+1 for a partial month at the edge).
    assert 14 + 8 <= len(kept) <= KEEP_LAST + 14 + 9 + 13
    assert kept[-1] == times[-1]
    assert min(kept) >= NOW - timedelta(days=365)
    # Pruning again, an hour later, does not delete what the first pruning kept and still
    # covers: what is kept stays kept until it ages out.
    again = keep(kept, NOW + timedelta(hours=1))
    assert all(again[i] for i, t in enumerate(kept) if NOW - t < timedelta(days=300))


def test_names_carry_the_time_and_reason() -> None:
    name = retention.backup_name(datetime(2026, 1, 2, 3, 4, 5, 678), "before-import")
    assert name == "bcd-20260102-030405-000678-before-import.sqlite3"
    assert retention.parse_name(name) == (datetime(2026, 1, 2, 3, 4, 5, 678), "before-import")
    assert retention.parse_name("damaged-20260102-030405.sqlite3") is None
    assert retention.parse_name("bcd-2026-notes.sqlite3") is None


def test_prune_folder_applies_the_rule_to_real_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    times = [*_fillers(), datetime(2026, 11, 15, 18, 0), datetime(2026, 11, 15, 9, 0)]
    times.append(NOW - timedelta(days=400))
    for i, t in enumerate(times):
        (folder / retention.backup_name(t, "auto")).write_bytes(b"x" * (i + 1))
    others = [folder / "damaged-20200101-000000.sqlite3", folder / "ghi chú.txt"]
    for other in others:
        other.write_text("giữ nguyên", encoding="utf-8")
    removed = retention.prune_folder(folder, NOW)
    assert sorted(p.name for p in removed) == sorted(
        retention.backup_name(t, "auto")
        for t in (datetime(2026, 11, 15, 9, 0), NOW - timedelta(days=400))
    )
    assert all(not p.exists() for p in removed)
    assert all(p.read_text(encoding="utf-8") == "giữ nguyên" for p in others)
    assert len(list(folder.glob("bcd-*.sqlite3"))) == 11


# --- a backup only when changed ---------------------------------------------------------------


def test_backup_if_changed_backs_up_only_after_a_change(db) -> None:  # type: ignore[no-untyped-def]
    from bdcq_desktop.core.members import create_person

    assert not changed_since_last_backup(db)  # nothing ever written: nothing to keep
    create_person(db, full_name="Nguyễn Văn An")
    first = backup_if_changed(db, "start")
    assert first is not None and first.name.endswith("-start.sqlite3")
    assert backup_if_changed(db, "start") is None
    assert backup_if_changed(db, "auto") is None
    create_person(db, full_name="Trần Thị Bình")
    second = backup_if_changed(db, "auto")
    assert second is not None and second != first
    assert [b.path for b in list_backups()] == [second, first]


def test_list_backups_reads_counts_from_each_file(demo_db) -> None:  # type: ignore[no-untyped-def]
    path = backup_before(demo_db, "manual")
    (info,) = [b for b in list_backups() if b.path == path]
    con = sqlite3.connect(demo_db.sqlite_path)
    people, meetings = (
        con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("person", "meeting")
    )
    con.close()
    assert (info.people, info.meetings, info.documents) == (people, meetings, 0)
    assert info.size == path.stat().st_size and info.problem is None
    assert info.reason_label == "sao lưu ngay"


# --- the backup folder -----------------------------------------------------------------------


def test_backup_folder_setting_environment_and_refusals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = Path(os.environ["BDCQ_DATA_DIR"]) / "backups"
    assert configured_backup_dir() == default
    usb = tmp_path / "usb" / "sao lưu"
    assert set_backup_dir(usb) == usb.resolve()
    assert configured_backup_dir() == usb.resolve() == backups_dir()
    machine = json.loads((Path(os.environ["BDCQ_DATA_DIR"]) / "machine.json").read_text("utf-8"))
    assert machine == {"backup_dir": str(usb.resolve())}
    monkeypatch.setenv(ENV_BACKUP_DIR, str(tmp_path / "env"))
    assert configured_backup_dir() == tmp_path / "env"
    monkeypatch.delenv(ENV_BACKUP_DIR)
    plain = tmp_path / "a-file"
    plain.write_text("x")
    with pytest.raises(BcdError, match="thư mục sao lưu"):
        set_backup_dir(plain)
    assert configured_backup_dir() == usb.resolve()  # a refused choice changes nothing
    set_backup_dir(None)
    assert configured_backup_dir() == default


# --- the command line ------------------------------------------------------------------------


def bdcq(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


ROSTER = (
    "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Lĩnh vực phụ trách,Địa bàn phụ trách,"
    "Điện thoại,Email,Quyết định\n"
    "Hoàng Văn Thắng,Nam,Chủ tịch UBND tỉnh,Ủy ban nhân dân tỉnh,Trưởng ban,,,,,"
    "123/QĐ-UBND ngày 05/01/2026\n"
)


def test_before_import_and_before_demo_backups_and_the_backups_commands(tmp_path: Path) -> None:
    live = tmp_path / "bcd.sqlite3"
    usb = tmp_path / "usb"
    assert bdcq("init", db=live).returncode == 0
    assert bdcq("units", "add", "Sở Y tế", db=live).returncode == 0
    src = tmp_path / "roster.csv"
    src.write_text(ROSTER, encoding="utf-8")
    out = bdcq("--backup-dir", str(usb), "members", "import", str(src), db=live)
    assert out.returncode == 0, out.stderr
    (before_import,) = usb.glob("bcd-*-before-import.sqlite3")
    con = sqlite3.connect(before_import)
    # The state before the import: the unit, nobody yet.
    assert con.execute("select count(*) from person").fetchone()[0] == 0
    assert con.execute("select name from unit").fetchall() == [("Sở Y tế",)]
    con.close()

    demo = tmp_path / "demo.sqlite3"
    out = bdcq("--backup-dir", str(usb), "demo", db=demo)
    assert out.returncode == 0, out.stderr
    assert len(list(usb.glob("bcd-*-before-demo.sqlite3"))) == 1

    listed = bdcq("--backup-dir", str(usb), "backups", "list", "--all", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["reason"] for r in rows] == ["before-demo", "before-import"]
    # Without --all: the --db database's own backups only, each saying whose it is.
    own = bdcq("--backup-dir", str(usb), "backups", "list", "--format", "json", db=live)
    assert [(r["reason"], r["database"]) for r in json.loads(own.stdout)] == [
        ("before-import", "this")
    ]
    assert rows[0]["database"] == "other"
    assert rows[1]["path"] == str(before_import)
    assert (rows[1]["people"], rows[1]["meetings"], rows[1]["documents"]) == (0, 0, 0)
    assert rows[1]["size"] == before_import.stat().st_size
    assert datetime.fromisoformat(rows[0]["taken_at"]) >= datetime.fromisoformat(
        rows[1]["taken_at"]
    )
    table = bdcq("backups", "list", db=live)  # the default folder has none of them
    assert table.returncode == 0 and "không có dữ liệu" in table.stdout

    # Ten newer automatic backups (hand-named; their clock is ahead, so they are kept) and one
    # two years old.
    old = usb / retention.backup_name(datetime.now() - timedelta(days=730), "auto")
    shutil.copyfile(before_import, old)
    for minutes in range(1, 11):
        taken = datetime.now() + timedelta(minutes=minutes)
        shutil.copyfile(before_import, usb / retention.backup_name(taken, "auto"))
    env = {**os.environ, ENV_BACKUP_DIR: str(usb)}
    pruned = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "backups", "prune"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert pruned.returncode == 0, pruned.stderr
    # Gone: the two-year-old one only. The hand-named copies carry no identity in their
    # names: read inside, they are of the first database, like before-import, which keeps
    # that database's day (before-demo, of another database, takes nothing from it).
    assert pruned.stdout.splitlines()[:-1] == [str(old)]
    assert not old.exists() and before_import.exists()
    assert len(list(usb.glob("bcd-*-before-demo.sqlite3"))) == 1
    assert len(list(usb.glob("bcd-*.sqlite3"))) == 12


def _damage(kind: str, live: Path) -> None:
    if kind == "truncated":
        data = live.read_bytes()
        live.write_bytes(data[: len(data) // 2])
    else:
        live.write_text("Biên bản họp — đây là một tệp văn bản, không phải cơ sở dữ liệu.\n")


@pytest.mark.parametrize("kind", ["truncated", "text"])
def test_a_damaged_database_is_detected_untouched_and_recovered_from_its_backup(
    kind: str, demo_db, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    from bdcq_desktop.core.db import DatabaseDamagedError

    good = backup_before(demo_db, "auto")
    live = demo_db.sqlite_path
    demo_db.dispose()
    _damage(kind, live)
    before = digest(live)

    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True)
    assert caught.value.backup == good and caught.value.path == live
    assert digest(live) == before
    out = bdcq("members", "list", db=live)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert str(good) in out.stderr and "bị hỏng" in out.stderr
    assert digest(live) == before

    aside = recover_damaged(live, good)
    assert aside.parent == live.parent and aside.name.startswith(live.name + ".damaged-")
    assert digest(aside) == before  # moved aside, byte for byte
    db = open_database(live, verify=True)
    con = sqlite3.connect(good)
    people = con.execute("select count(*) from person").fetchone()[0]
    con.close()
    from bdcq_desktop.core.members import list_people

    assert len(list_people(db)) == people
    db.dispose()


def test_a_refused_recovery_puts_the_damaged_file_back(tmp_path: Path, db) -> None:  # type: ignore[no-untyped-def]
    live = db.sqlite_path
    db.dispose()
    _damage("text", live)
    before = digest(live)
    not_a_backup = tmp_path / "not-a-backup.sqlite3"
    not_a_backup.write_text("x")
    with pytest.raises(BcdError):
        recover_damaged(live, not_a_backup)
    assert digest(live) == before
    assert list(live.parent.glob("*.damaged-*")) == []
