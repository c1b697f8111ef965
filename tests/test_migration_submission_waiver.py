"""0014_submission_waiver on a SQLite file of the previous revision with reports in it: the
submission table takes ``waived_on`` and ``waived_reason``, empty on every row; every row of
every table stays as it was (nothing was waived before, so no data step), the statuses read
after the upgrade are those of the dates, and a waiver can be recorded at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from bdcq_desktop.core import reports, waivers
from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import alembic_config, current_revision, upgrade
from bdcq_desktop.core.models import ReportingRegime, ReportingRound, Submission, Unit
from tests.migration_support import inserter, old_database

BEFORE = "0013_presenter_convener"
AFTER = "0014_submission_waiver"  # the revision under test, whatever comes later
T = date(2026, 11, 30)


def _fill(db: Database) -> dict[str, int]:
    """A regime's round, due 20/12/2024, of three units as the previous revision wrote it (its
    columns only): one received on time with its number and summary, two never received."""
    ids: dict[str, int] = {}
    with db.engine.begin() as conn:
        add = inserter(conn)
        for key, name in (("tc", "Sở Tài chính"), ("khdt", "Sở Kế hoạch và Đầu tư"),
                          ("nv", "Sở Nội vụ")):  # fmt: skip
            ids[key] = add(Unit.__table__, name=name, kind="department", sort_order=0,
                           active=True)  # fmt: skip
        regime = add(ReportingRegime.__table__, name="Báo cáo 6 tháng",
                     frequency="six_monthly", due_day=20, due_month_offset=0,
                     cutoff_month_offset=0, active=True)  # fmt: skip
        ids["round"] = add(
            ReportingRound.__table__, regime_id=regime, title="Báo cáo 6 tháng cuối năm 2024",
            period_label="6 tháng cuối năm 2024", period_start=date(2024, 7, 1),
            period_end=date(2024, 12, 31), due_date=date(2024, 12, 20),
        )  # fmt: skip
        ids["tc_sub"] = add(Submission.__table__, round_id=ids["round"], unit_id=ids["tc"],
                            received_on=date(2024, 12, 18), document_number="436/BC-STC",
                            summary="Đã hoàn thành")  # fmt: skip
        ids["khdt_sub"] = add(Submission.__table__, round_id=ids["round"], unit_id=ids["khdt"])
        ids["nv_sub"] = add(Submission.__table__, round_id=ids["round"], unit_id=ids["nv"])
    return ids


def _every_row(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but Alembic's own, with the columns the table has now."""
    tables = [
        name
        for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
        )
    ]
    return {
        t: conn.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
    }


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    with old_database(sqlite_url(tmp_path / "old.sqlite3")) as db:
        upgrade(db, BEFORE)
        ids = _fill(db)
        with db.engine.connect() as conn:
            before = _every_row(conn)
        assert len(before["submission"]) == 3

        upgrade(db, AFTER)

        assert current_revision(db) == AFTER
        with db.engine.connect() as conn:
            after = _every_row(conn)
            columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(submission)")]
            new = conn.execute(text("SELECT waived_on, waived_reason FROM submission")).all()
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert columns[-2:] == ["waived_on", "waived_reason"]
        assert new == [(None, None)] * 3
        assert set(after) == set(before)
        # Every row kept, each old column as it was (the two new ones come last).
        assert {t: [r[: len(before[t][0])] if before[t] else r for r in after[t]]
                for t in after} == before  # fmt: skip

        rows = {r.id: r for r in reports.list_submissions(db, ids["round"], today=T)}
        assert [rows[ids[k]].status for k in ("tc_sub", "khdt_sub", "nv_sub")] == [
            "on_time", "overdue", "overdue",
        ]  # fmt: skip
        waivers.waive_submission(
            db, ids["khdt_sub"], expected_version=rows[ids["khdt_sub"]].round_version,
            reason="Đơn vị đã hợp nhất", waived_on=T, today=T,
        )  # fmt: skip
        rows = {r.id: r for r in reports.list_submissions(db, ids["round"], today=T)}
        assert rows[ids["khdt_sub"]].status == "waived"

        from alembic import command

        cfg = alembic_config(db)
        with db.engine.begin() as conn:  # and back: the columns go, the rows stay
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, BEFORE)
        assert current_revision(db) == BEFORE
        with db.engine.connect() as conn:
            columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(submission)")]
            assert "waived_on" not in columns and "waived_reason" not in columns
            assert conn.exec_driver_sql("SELECT count(*) FROM submission").scalar() == 3
