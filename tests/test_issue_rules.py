"""What the register decides under its lock: one issue per document and date for documents about
no record (the roster, the tasks report), whoever asks at the same moment; and dates of issue
within a sane window (never before the last number of the series, never in the future)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text

from bdcq_desktop.core import register
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import IssuedDocument
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service, settings_keys
from tests.cli_run import run_bdcq

PARALLEL = 12


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


def register_rows(db: Database) -> list[tuple[str, str, date]]:
    with db.session() as s:
        rows = s.execute(
            select(IssuedDocument.kind, IssuedDocument.symbol, IssuedDocument.issued_on).order_by(
                IssuedDocument.id
            )
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def organisation(db: Database) -> None:
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )


# --- one issue per document and date ------------------------------------------------------------


def test_twelve_processes_exporting_the_roster_at_once_get_one_number(
    demo_db: Database, tmp_path: Path
) -> None:
    path = demo_db.sqlite_path
    demo_db.dispose()
    # The command line dates by the clock (the register refuses a date in a closed year).
    day = date.today()
    cmd = [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(path), "export", "roster"]
    cmd += ["--issue", "--date", day.isoformat()]
    procs = [
        subprocess.Popen(
            [*cmd, "-o", str(tmp_path / f"roster-{i}.pdf")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for i in range(PARALLEL)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    symbols = [
        line.split()[3]
        for out, _ in outs
        for line in out.splitlines()
        if line.startswith("Số / number:")
    ]
    assert symbols == ["01/DS-BCĐ"] * PARALLEL
    # One of them issued it; the others wrote its stored copy.
    assert sum("— đã ban hành / issued" in out for out, _ in outs) == 1
    copies = {(tmp_path / f"roster-{i}.pdf").read_bytes() for i in range(PARALLEL)}
    assert len(copies) == 1
    assert register_rows(demo_db) == [("roster", "01/DS-BCĐ", day)]
    rec = register.list_issued(demo_db)[0]
    assert hashlib.sha256(copies.pop()).hexdigest() == rec.sha256


def test_a_report_without_record_is_issued_once_a_day(demo_db: Database, tmp_path: Path) -> None:
    today = date(2026, 11, 20)  # the day the test stands on: the register's window around it
    first = service.issue(demo_db, "tasks", issued_on=date(2026, 11, 19), today=today)
    with pytest.raises(service.AlreadyIssuedError) as err:
        service.issue(demo_db, "tasks", issued_on=date(2026, 11, 19), today=today)
    assert err.value.record == first
    again = service.export(
        demo_db, "tasks", None, tmp_path / "t.pdf", issue_it=True, issued_on=date(2026, 11, 19)
    )
    assert again.from_store and again.issued == first
    # Another day is another report, with the next number of the series.
    later = service.issue(demo_db, "tasks", issued_on=date(2026, 11, 20), today=today)
    assert (first.symbol, later.symbol) == ("01/BC-BCĐ", "02/BC-BCĐ")


@pytest.mark.postgres
def test_parallel_connections_issuing_the_roster_on_postgres(pg_db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    organisation(pg_db)
    # An empty roster has no Head to sign: a name typed in Thiết lập (a roster signed by no
    # one is refused, see test_signer_missing).
    settings_keys.set_key(pg_db, "signer.roster", "name:Vũ Duy Tiến")
    barrier = threading.Barrier(PARALLEL)
    results: list[Any] = []
    day = date.today()  # export takes the clock's today: a date in a closed year is refused

    def officer(i: int) -> None:
        db = Database(pg_db.url)
        try:
            barrier.wait()
            out = tmp_path / f"roster-{i}.pdf"
            results.append(service.export(db, "roster", None, out, issue_it=True, issued_on=day))
        except BaseException as exc:  # pragma: no cover - reported below
            results.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=officer, args=(i,)) for i in range(PARALLEL)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    assert all(isinstance(r, service.ExportResult) for r in results), results
    assert len(results) == PARALLEL
    assert {r.issued.symbol for r in results} == {"01/DS-BCĐ"}
    assert sum(not r.from_store for r in results) == 1
    assert register_rows(pg_db) == [("roster", "01/DS-BCĐ", day)]


# --- dates of issue -------------------------------------------------------------------------------


def test_year_one_is_refused_and_takes_no_number(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        service.issue(demo_db, "roster", issued_on=date(1, 1, 1))
    assert err.value.field == "issued_on" and "sớm hơn 01/01/2000" in err.value.message
    assert register_rows(demo_db) == []


def test_a_later_number_never_carries_an_earlier_date(demo_db: Database) -> None:
    today = date(2026, 11, 20)  # the day the test stands on: the register's window around it
    service.issue(demo_db, "roster", issued_on=date(2026, 11, 20), today=today)
    # BC: another series (a late registration, confirmed: the order is what is tested).
    service.issue(demo_db, "tasks", issued_on=date(2026, 1, 5), today=today, confirm_late=True)
    with pytest.raises(ValidationError, match="01/DS-BCĐ") as err:
        service.issue(demo_db, "roster", issued_on=date(2026, 1, 5), today=today)
    assert err.value.field == "issued_on"
    assert [r[1] for r in register_rows(demo_db)] == ["01/DS-BCĐ", "01/BC-BCĐ"]
    # A later day is fine.
    assert service.issue(demo_db, "roster", issued_on=date(2026, 11, 21), today=today).number == 2


def _stand_in(number: int, day: date) -> bytes:
    return f"%PDF-stand-in {number} {day}".encode()


def test_no_date_beyond_tomorrow(db: Database) -> None:
    today = date(2026, 3, 2)

    def issue(day: date) -> register.IssuedRecord:
        return register.issue(
            db,
            kind="tasks",
            type_abbr="BC",
            body_abbr="BCĐ",
            record_type=register.NO_RECORD,
            record_id=0,
            summary="thử",
            signer=None,
            render=_stand_in,
            issued_on=day,
            today=today,
        )

    with pytest.raises(ValidationError, match="không được muộn hơn 03/03/2026"):
        issue(today + timedelta(days=2))
    assert issue(today + timedelta(days=1)).issued_on == date(2026, 3, 3)
    assert [r[1] for r in register_rows(db)] == ["01/BC-BCĐ"]


def test_cli_refuses_year_one_in_one_line(demo_db: Database, tmp_path: Path) -> None:
    path = demo_db.sqlite_path
    demo_db.dispose()
    args = ["export", "roster", "--issue", "--date", "0001-01-01", "-o", str(tmp_path / "r.pdf")]
    out = run_bdcq(args, db=path)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Ngày ban hành" in lines[0], out.stderr
    assert not (tmp_path / "r.pdf").exists()
    assert register_rows(demo_db) == []


def test_check_reports_dates_out_of_the_window(db: Database) -> None:
    """Rows stored before the rule: out of order in their series, in the future, year 1."""
    base = {
        "kind": "roster",
        "type_abbr": "DS",
        "record_type": "database",
        "record_id": 0,
        "summary": "thử",
        "file_path": "x.pdf",
        "sha256": "0" * 64,
    }
    far = date.today() + timedelta(days=30)
    rows = [
        (2026, 1, date(2026, 11, 20)),
        (2026, 2, date(2026, 1, 5)),  # a later number with an earlier date
        (far.year, 9, far),  # in the future
        (1, 1, date(1, 1, 1)),  # year 1
    ]
    with db.session() as s:
        for year, number, day in rows:
            s.execute(
                insert(IssuedDocument).values(
                    **base, year=year, number=number, issued_on=day, symbol=f"{number:02d}/DS-BCĐ"
                )
            )
    codes = [(p.code, p.record) for p in run_checks(db) if p.code.startswith("register_date")]
    with db.session() as s:
        ids = dict(
            s.execute(select(IssuedDocument.issued_on, IssuedDocument.id)).all()  # type: ignore[arg-type]
        )
    assert sorted(codes) == sorted(
        [
            ("register_date_order", f"issued_document#{ids[date(2026, 1, 5)]}"),
            ("register_date_window", f"issued_document#{ids[far]}"),
            ("register_date_window", f"issued_document#{ids[date(1, 1, 1)]}"),
        ]
    )
    assert run_checks(db) == run_checks(db)  # read-only: a second run finds the same
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == len(rows)


def test_check_finds_an_issued_copy_altered_since(demo_db: Database) -> None:
    """The register's copy of an issued document must keep the SHA-256 taken at issue: the
    export refused an altered one, ``bdcq check`` said nothing of it."""
    rec = service.issue(demo_db, "roster", None, issued_on=date.today())
    assert not [p for p in run_checks(demo_db) if p.code == "register_fingerprint"]
    with demo_db.session() as s:
        s.execute(
            IssuedDocument.__table__.update()
            .where(IssuedDocument.id == rec.id)
            .values(content=register.stored_copy(rec, demo_db) + b"%altered")
        )
    out = run_bdcq(["check"], db=demo_db.sqlite_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert f"Văn bản {rec.symbol} năm {rec.issued_on.year}: bản lưu trong sổ đã bị thay đổi" in (
        out.stdout
    )
    found = [p for p in run_checks(demo_db) if p.code == "register_fingerprint"]
    assert [p.record for p in found] == [f"issued_document#{rec.id}"]
    # Edited into text (a database browser may store it so): reported, not a failed check.
    with demo_db.session() as s:
        s.execute(text("UPDATE issued_document SET content = 'sửa' WHERE id = :i"), {"i": rec.id})
    found = [p for p in run_checks(demo_db) if p.code == "register_fingerprint"]
    assert [p.record for p in found] == [f"issued_document#{rec.id}"]
