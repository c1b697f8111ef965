"""The document register: numbers per type and year, stored copies, fingerprints, and officers
issuing at the same moment (real processes on one SQLite file, threads on PostgreSQL)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bdcq_desktop.core import register
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.errors import BcdError, NotReadyError, ValidationError
from bdcq_desktop.core.meetings import get_meeting, list_meetings
from bdcq_desktop.core.models import IssuedDocument
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from tests.test_meeting_docs import demo_ids, make_meeting


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


def fake_issue(
    db: Database,
    *,
    type_abbr: str = "GM",
    on: date = date(2026, 3, 2),
    record_id: int = 0,
    delay: float = 0.0,
    once: bool = False,
    kind: str = "invitation",
    today: date | None = None,
    allow_past_year: bool = False,
    confirm_late: bool = False,
) -> register.IssuedRecord:
    """register.issue with a stand-in PDF (the register does not care what it stores)."""

    def render(number: int, day: date) -> bytes:
        if delay:
            time.sleep(delay)
        return f"%PDF-stand-in {type_abbr} {number} {day} {record_id}".encode()

    return register.issue(
        db,
        kind=kind,
        type_abbr=type_abbr,
        body_abbr="BCĐ",
        record_type="meeting",
        record_id=record_id,
        summary="thử",
        signer=None,
        render=render,
        issued_on=on,
        once_per_record=once,
        today=today or on,  # the register's date window around the date the test stands on
        **({"allow_past_year": True} if allow_past_year else {}),
        **({"confirm_late": True} if confirm_late else {}),
    )


def numbers(db: Database, type_abbr: str, year: int) -> list[int]:
    with db.session() as s:
        return sorted(
            s.scalars(
                select(IssuedDocument.number).where(
                    IssuedDocument.type_abbr == type_abbr, IssuedDocument.year == year
                )
            )
        )


# --- numbering --------------------------------------------------------------------------------


def test_numbers_run_per_type_and_year(db: Database) -> None:
    symbols = [fake_issue(db, type_abbr="GM").symbol for _ in range(3)]
    assert symbols == ["01/GM-BCĐ", "02/GM-BCĐ", "03/GM-BCĐ"]
    assert fake_issue(db, type_abbr="BB").symbol == "01/BB-BCĐ"
    assert fake_issue(db, type_abbr="GM").number == 4
    for _ in range(7):
        last = fake_issue(db, type_abbr="GM")
    assert last.symbol == "11/GM-BCĐ"


def test_numbers_restart_on_the_first_of_january(db: Database) -> None:
    assert fake_issue(db, on=date(2026, 12, 30)).number == 1
    assert fake_issue(db, on=date(2026, 12, 31)).number == 2
    new_year = fake_issue(db, on=date(2027, 1, 1))
    assert (new_year.year, new_year.number, new_year.symbol) == (2027, 1, "01/GM-BCĐ")
    # A late registration for the old year continues the old series.
    assert fake_issue(db, on=date(2026, 12, 31)).number == 3
    assert numbers(db, "GM", 2026) == [1, 2, 3] and numbers(db, "GM", 2027) == [1]


def test_issued_pdf_is_stored_with_its_fingerprint(db: Database) -> None:
    rec = fake_issue(db)
    path = register.documents_dir() / rec.file_path
    assert path.is_file()
    assert str(register.documents_dir()).startswith(os.environ["BDCQ_DATA_DIR"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == rec.sha256
    assert register.stored_copy(rec) == path.read_bytes()


def test_tampered_or_missing_stored_copy_is_refused(db: Database) -> None:
    rec = fake_issue(db)
    path = register.documents_dir() / rec.file_path
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(BcdError, match="khác với bản đã ban hành"):
        register.stored_copy(rec)
    path.unlink()
    with pytest.raises(BcdError, match=rec.symbol):
        register.stored_copy(rec)


def test_officers_putting_back_the_local_copy_at_once_do_not_collide(db: Database) -> None:
    """Twelve processes exporting one issued document each put back a missing local copy:
    each writes its own temporary file (a shared ``….part`` name made one of them fail with
    "….part: không tồn tại" when another had already renamed it)."""
    rec = fake_issue(db)
    path = register.local_path(rec)
    failures: list[BaseException] = []
    for _round in range(40):
        path.unlink()
        start = threading.Barrier(8)

        def put_back(start: threading.Barrier = start) -> None:
            start.wait()
            try:
                register.stored_copy(rec, db)
            except BaseException as exc:  # collected for the assertion
                failures.append(exc)

        threads = [threading.Thread(target=put_back) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not failures, failures[:3]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == rec.sha256
    assert not list(path.parent.glob("*.part"))


def test_once_per_record(db: Database) -> None:
    first = fake_issue(db, record_id=7, once=True)
    with pytest.raises(register.DuplicateIssueError) as err:
        fake_issue(db, record_id=7, once=True)
    assert err.value.record == first
    assert numbers(db, "GM", 2026) == [1]


# --- through the documents service ------------------------------------------------------------


def test_drafts_do_not_take_numbers(demo_db: Database, tmp_path: Path) -> None:
    meeting = demo_ids(demo_db)["regular"]
    drafts = [service.draft(demo_db, "convocation", meeting) for _ in range(3)]
    assert drafts[0] == drafts[1] == drafts[2]  # deterministic
    for i in range(3):
        res = service.export(demo_db, "convocation", meeting, tmp_path / f"d{i}.pdf")
        assert res.issued is None and not res.from_store
    assert register.list_issued(demo_db) == []
    day = date(2026, 2, 5)
    rec = service.issue(
        demo_db, "convocation", demo_ids(demo_db)["planned"], issued_on=day, today=day
    )
    assert rec.symbol == "01/GTT-BCĐ"


def test_issued_document_exported_again_is_the_stored_copy(
    demo_db: Database, tmp_path: Path
) -> None:
    meeting = demo_ids(demo_db)["expanded"]  # held in July 2026
    first = service.export(
        demo_db,
        "conclusions",
        meeting,
        tmp_path / "a.pdf",
        issue_it=True,
        issued_on=date.today(),  # export dates by the clock: a closed year's date is refused
    )
    assert first.issued is not None and not first.from_store
    assert first.issued.symbol == "01/TB-BCĐ"
    data = (tmp_path / "a.pdf").read_bytes()
    assert hashlib.sha256(data).hexdigest() == first.issued.sha256
    # Again, with or without --issue and on another day: the same bytes, no new number.
    for i, kw in enumerate([{}, {"issue_it": True}, {"issued_on": date(2026, 8, 1)}]):
        again = service.export(demo_db, "conclusions", meeting, tmp_path / f"b{i}.pdf", **kw)
        assert again.from_store and again.issued == first.issued
        assert (tmp_path / f"b{i}.pdf").read_bytes() == data
    assert [r.symbol for r in register.list_issued(demo_db)] == ["01/TB-BCĐ"]
    with pytest.raises(service.AlreadyIssuedError):
        service.issue(demo_db, "conclusions", meeting)
    # A fresh draft is still available on request, with the number blank.
    draft = service.export(demo_db, "conclusions", meeting, tmp_path / "c.pdf", draft_only=True)
    assert draft.issued is None and (tmp_path / "c.pdf").read_bytes() != data


def test_tampered_stored_copy_is_not_exported(demo_db: Database, tmp_path: Path) -> None:
    from sqlalchemy import update

    from bdcq_desktop.core.models import IssuedDocument

    meeting = demo_ids(demo_db)["expanded"]
    day = date(2026, 7, 20)
    rec = service.issue(demo_db, "agenda", meeting, issued_on=day, today=day)
    path = register.documents_dir() / rec.file_path
    original = path.read_bytes()
    data = bytearray(original)
    data[len(data) // 2] ^= 0x01
    # An altered local file is put back from the register's copy...
    path.write_bytes(bytes(data))
    service.export(demo_db, "agenda", meeting, tmp_path / "x.pdf")
    assert (tmp_path / "x.pdf").read_bytes() == original == path.read_bytes()
    # ...and an altered register copy is refused outright.
    with demo_db.session() as s:
        s.execute(update(IssuedDocument).values(content=bytes(data)))
    with pytest.raises(BcdError, match="khác với bản đã ban hành"):
        service.export(demo_db, "agenda", meeting, tmp_path / "y.pdf")
    assert not (tmp_path / "y.pdf").exists()


def test_a_document_that_cannot_be_made_takes_no_number(demo_db: Database) -> None:
    ids = demo_ids(demo_db)
    with pytest.raises(NotReadyError):
        service.issue(demo_db, "minutes", ids["planned"])
    assert register.list_issued(demo_db) == []
    assert service.issue(demo_db, "minutes", ids["held"]).number == 1


def test_a_failed_issue_leaves_no_file_and_a_committed_one_has_its_local_copy(
    db: Database,
) -> None:
    def refuse(s: Any, doc: IssuedDocument) -> None:
        raise BcdError("refused inside the transaction")

    with pytest.raises(BcdError):
        register.issue(
            db,
            kind="invitation",
            type_abbr="GM",
            body_abbr="BCĐ",
            record_type="meeting",
            record_id=1,
            summary="thử",
            signer=None,
            render=lambda number, day: b"%PDF-never-kept",
            issued_on=date(2026, 3, 2),
            after=refuse,
            today=date(2026, 3, 2),
        )
    assert register.list_issued(db) == []
    assert not [p for p in register.documents_dir().rglob("*") if p.is_file()]
    record = fake_issue(db)
    assert register.local_path(record).read_bytes() == register.stored_copy(record, db)


def test_kinds_of_one_type_share_a_series(demo_db: Database) -> None:
    ids = demo_ids(demo_db)
    # Meetings not held yet: a held meeting's convocation is refused.
    first, today = date(2026, 7, 1), date(2026, 7, 2)  # the test stands on 2 July 2026
    a = service.issue(demo_db, "convocation", ids["planned"], issued_on=first, today=today)
    b = service.issue(demo_db, "convocation", ids["convened"], issued_on=today, today=today)
    c = service.issue(demo_db, "invitation", ids["convened"], issued_on=today, today=today)
    assert (a.symbol, b.symbol, c.symbol) == ("01/GTT-BCĐ", "02/GTT-BCĐ", "01/GM-BCĐ")


# --- several officers at once: SQLite, real processes -----------------------------------------


def _process_worker(url: str, data_dir: str, start_at: float, count: int) -> list[int]:
    os.environ["BDCQ_DATA_DIR"] = data_dir
    db = Database(url)
    while time.time() < start_at:
        time.sleep(0.005)
    out = [fake_issue(db, type_abbr="GM", delay=0.02).number for _ in range(count)]
    db.dispose()
    return out


def test_processes_issuing_at_once_on_sqlite(db: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    workers, each = 6, 4
    start_at = time.time() + 4  # every process is up and waiting before the first issues
    with ctx.Pool(workers) as pool:
        results = pool.starmap(
            _process_worker,
            [(db.url, os.environ["BDCQ_DATA_DIR"], start_at, each)] * workers,
        )
    got = sorted(n for r in results for n in r)
    assert got == list(range(1, workers * each + 1))
    assert numbers(db, "GM", 2026) == got
    # Every stored file is there and matches its fingerprint.
    for rec in register.list_issued(db):
        assert hashlib.sha256(register.stored_copy(rec)).hexdigest() == rec.sha256
    # All in the database's own folder of the year (documents/<identity>/2026).
    [folder] = {register.local_path(rec).parent for rec in register.list_issued(db)}
    assert folder.name == "2026" and folder.parent.parent == register.documents_dir()
    assert len(list(folder.glob("*.pdf"))) == workers * each


def test_cli_processes_issuing_at_once(demo_db: Database, tmp_path: Path) -> None:
    path = demo_db.sqlite_path
    # Meetings that took place: an attendance sheet is not dated before its meeting's day.
    meetings = [
        r.id
        for r in list_meetings(demo_db)
        if r.status in ("held", "minutes_final") and r.starts_at.date() <= date.today()
    ][:5]
    demo_db.dispose()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bdcq_desktop.cli",
                "--db",
                str(path),
                "export",
                "attendance",  # a past meeting's list may be issued today
                "--meeting",
                str(m),
                "--issue",
                "--date",  # the command line dates by the clock: a closed year is refused
                date.today().isoformat(),
                "-o",
                str(tmp_path / f"c{m}.pdf"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for m in meetings
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    symbols = sorted(
        line.split()[3]
        for out, _ in outs
        for line in out.splitlines()
        if line.startswith("Số / number:")
    )
    assert symbols == [f"{n:02d}/DS-BCĐ" for n in range(1, len(meetings) + 1)]
    for m in meetings:
        data = (tmp_path / f"c{m}.pdf").read_bytes()
        assert data.startswith(b"%PDF")


def test_same_document_issued_twice_at_once_gets_one_number(demo_db: Database) -> None:
    meeting = demo_ids(demo_db)["expanded"]
    # The sheet is dated the meeting's day (not before it), as the clock's today is then.
    day = get_meeting(demo_db, meeting).starts_at.date()
    results: list[Any] = []

    def officer() -> None:
        db = Database(demo_db.url)
        try:
            results.append(service.issue(db, "attendance", meeting, issued_on=day, today=day))
        except service.AlreadyIssuedError as exc:
            results.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=officer) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    issued = [r for r in results if isinstance(r, register.IssuedRecord)]
    refused = [r for r in results if isinstance(r, service.AlreadyIssuedError)]
    assert len(issued) == 1 and len(refused) == 2
    assert all(r.record == issued[0] for r in refused)
    assert [r.symbol for r in register.list_issued(demo_db)] == ["01/DS-BCĐ"]


# --- several officers at once: PostgreSQL -----------------------------------------------------


def issue_at_once(url: str, workers: int, each: int) -> list[int]:
    """``workers`` officers, each on a database connection of their own, released together,
    each issuing ``each`` invitations (GM): the numbers they got, sorted. An officer's error
    fails the caller's test."""
    barrier = threading.Barrier(workers)
    got: list[int] = []
    errors: list[BaseException] = []

    def officer() -> None:
        db = Database(url)
        try:
            barrier.wait()
            for _ in range(each):
                got.append(fake_issue(db, type_abbr="GM", delay=0.02).number)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=officer) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    return sorted(got)


@pytest.mark.postgres
def test_threads_issuing_at_once_on_postgres(pg_db: Database) -> None:
    workers, each = 8, 4
    got = issue_at_once(pg_db.url, workers, each)
    assert got == list(range(1, workers * each + 1))
    assert numbers(pg_db, "GM", 2026) == sorted(got)


@pytest.mark.postgres
def test_real_documents_issued_at_once_on_postgres(pg_db: Database) -> None:
    update_organisation(
        pg_db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    meetings = [make_meeting(pg_db) for _ in range(4)]
    barrier = threading.Barrier(len(meetings) + 1)
    results: list[Any] = []

    def officer(meeting: int | None) -> None:
        db = Database(pg_db.url)
        try:
            barrier.wait()
            if meeting is None:  # a second officer on the first meeting's minutes
                meeting = meetings[0]
            day = date(2026, 2, 4)
            results.append(service.issue(db, "minutes", meeting, issued_on=day, today=day))
        except service.AlreadyIssuedError as exc:
            results.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=officer, args=(m,)) for m in [*meetings, None]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    issued = [r for r in results if isinstance(r, register.IssuedRecord)]
    assert len(results) == len(meetings) + 1
    assert sorted(r.number for r in issued) == list(range(1, len(meetings) + 1))
    assert sum(isinstance(r, service.AlreadyIssuedError) for r in results) == 1
    for rec in issued:
        assert hashlib.sha256(register.stored_copy(rec)).hexdigest() == rec.sha256
    with pg_db.session() as s:
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == len(meetings)


def test_register_keeps_the_pdf_for_every_officer(db: Database, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Another PC (another documents folder) gets the issued copy from the register itself, and
    a missing or altered local file is put back from it."""
    rec = fake_issue(db)
    original = (register.documents_dir() / rec.file_path).read_bytes()
    monkeypatch.setenv("BDCQ_DATA_DIR", str(tmp_path / "other-pc"))
    assert not (register.documents_dir() / rec.file_path).exists()
    assert register.stored_copy(rec, db) == original
    assert (register.documents_dir() / rec.file_path).read_bytes() == original
    (register.documents_dir() / rec.file_path).write_bytes(b"%PDF-forged")
    assert register.stored_copy(rec, db) == original
    from sqlalchemy import update

    from bdcq_desktop.core.models import IssuedDocument

    with db.session() as s:
        s.execute(update(IssuedDocument).values(content=original + b" "))
    with pytest.raises(BcdError, match="khác với bản đã ban hành"):
        register.stored_copy(rec, db)


# --- one series per type whatever its case; a past year's register closed -------------------


def test_a_series_stored_in_lower_case_is_continued(db: Database) -> None:
    """An older version stored ``settings set abbr.invitation gm`` as typed and opened a second
    series (01/gm-BCĐ beside 01/GM-BCĐ): the register now numbers both spellings as one, and
    ``bdcq check`` names the two spellings."""
    from bdcq_desktop.core.check import run_checks

    assert fake_issue(db, type_abbr="gm").symbol == "01/gm-BCĐ"
    assert fake_issue(db, type_abbr="GM").symbol == "02/GM-BCĐ"
    assert fake_issue(db, type_abbr="qđ").number == 1
    assert fake_issue(db, type_abbr="QĐ").number == 2  # đ/Đ too (SQLite's upper is ASCII only)
    with pytest.raises(ValidationError, match="sớm hơn ngày của số 02/GM-BCĐ"):
        fake_issue(db, type_abbr="gm", on=date(2026, 3, 1), today=date(2026, 3, 2))
    problems = [p for p in run_checks(db, date(2026, 3, 2)) if p.code.startswith("register")]
    assert sorted(p.code for p in problems) == ["register_case", "register_case"], problems
    assert any("GM, gm" in p.message and "năm 2026" in p.message for p in problems)


def test_a_past_year_register_is_closed(db: Database) -> None:
    """On 30/11/2026 a document dated 20/08/2025 took 01/GM-BCĐ of 2025, a year whose register
    had been closed: refused, naming the year; only a builder of data may pass it."""
    today = date(2026, 11, 30)
    with pytest.raises(ValidationError) as refused:
        fake_issue(db, on=date(2025, 8, 20), today=today)
    assert refused.value.field == "issued_on"
    assert "sổ đăng ký văn bản năm 2025 đã khóa ngày 31/12/2025" in refused.value.message
    assert register.list_issued(db) == []
    with pytest.raises(ValidationError, match="năm 2025"):
        register.check_issue_date(db, "GM", date(2025, 12, 31), today=date(2026, 1, 1))
    # Months back, both are late registrations too: the builder confirms them.
    past = fake_issue(
        db, on=date(2025, 8, 20), today=today, allow_past_year=True, confirm_late=True
    )
    assert (past.year, past.symbol) == (2025, "01/GM-BCĐ")
    assert fake_issue(db, on=date(2026, 1, 1), today=today, confirm_late=True).symbol == "01/GM-BCĐ"
