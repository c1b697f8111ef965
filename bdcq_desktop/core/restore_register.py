"""The document register across a restore: a number once issued is never given again.

A backup is older than the live register: the convocation 08/GTT-BCĐ issued this morning is
not in yesterday's backup. Restored as it was, the register gave 08 again to the next
convocation, a second and different document under a number already sent out (Decree
30/2020: a number is given once in the register's year), the first PDF left in the issued
documents folder with no entry.

So a restore carries the live register's entries that the backup does not hold into the
restored database before it replaces the live one (:func:`carry_issued`): each keeps its
number, symbol, date, signer, fingerprint, stored PDF and file, so the register still records
everything sent out, the next number follows the highest one, and the file in the documents
folder is still the register's. Entries rather than a floor (:mod:`.number_floor`): a floor
stands for numbers issued on paper, and ``bdcq check`` reads the register's own numbers under
it as issued twice; the table has no foreign key, so an entry needs nothing else to exist.

The record a document was issued for goes back to the backup's state, so the document no
longer says what the record says: a carried entry still in force is marked superseded, as a
change after issue marks it (:mod:`.issued_changes`); it stays in the register under its
number, and the record may be issued again under the next number, whose text says which
document it replaces. An entry whose record the backup does not hold (a meeting created after
it) is tied to no record (:data:`NO_RECORD`, its summary still naming it): the meeting created
next would take the same id and wrongly show it as its own.

What a restore would carry is said before (:func:`issued_since`, :func:`restore_question`): the
window asks, ``bdcq restore`` wants ``--yes``. A backup holding another document under a live
number (a backup of another history) cannot take that entry (the register holds one document
per number): said apart, by number, and never let go on that "yes" — the window asks again,
default No, ``bdcq restore`` wants ``--drop-clashing`` as well. Its file stays in the documents
folder, where ``bdcq check`` names it as a file the register does not know.

The demo's own documents are not carried: issued by the demo load, not by an office, nothing
was sent out under their numbers. An office that tried the demo in its database and went back
to the backup taken before the load ("trước khi nạp dữ liệu mẫu") numbered its own first
convocation 08/GTT-BCĐ, after seven letters of the demo's fictional province.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from .demo_mark import DEMO_ISSUER
from .engine import Database, sqlite_url
from .i18n import tr
from .models import IssuedDocument
from .sqlite_file import connect_read_only
from .storage_errors import storage_problem

# :data:`.demo_mark.DEMO_ISSUER` issued the demo's documents in its register ("Người ban
# hành"), not an officer. Nothing was sent out under their numbers, so a restore does not keep
# them (see the module's docstring).
# ``record_type`` of a document about no record (as :data:`.register.NO_RECORD`, not imported:
# the register imports the whole numbering machinery).
NO_RECORD = "database"
# The record types of the register and the tables holding their records.
_RECORD_TABLES = {
    "meeting": "meeting",
    "session": "working_session",
    "round": "reporting_round",
    "unit": "unit",
}
# A series' number as the register makes it unique (the type abbreviation in any case).
Key = tuple[int, str, int]
# How many symbols a question names before "…".
SHOWN = 10


@dataclass(frozen=True)
class IssuedSince:
    """The live register's documents the backup does not hold: ``issued``, to be carried into
    it (their symbols, by year, series and number); ``clashing``, whose number the backup
    gives another document."""

    issued: list[str] = field(default_factory=list)
    clashing: list[str] = field(default_factory=list)


def _key(year: int, abbr: str, number: int) -> Key:
    return year, abbr.casefold(), number


def _numbers(
    con: sqlite3.Connection, *, demo: bool = True
) -> dict[Key, tuple[int, str, str]]:
    """Every number of the register of ``con`` → its row id, symbol and fingerprint;
    ``demo=False``: not the demo's documents (:data:`DEMO_ISSUER`), the live
    register's fiction that is not carried (a backup's are kept: they hold their numbers)."""
    rows = con.execute(
        "SELECT id, year, type_abbr, number, symbol, sha256, issued_by FROM issued_document "
        "ORDER BY year, type_abbr, number"
    )
    return {
        _key(y, a, n): (i, symbol, digest)
        for i, y, a, n, symbol, digest, by in rows
        if demo or by != DEMO_ISSUER
    }


def _read(path: Path, *, demo: bool = True) -> dict[Key, tuple[int, str, str]]:
    con = connect_read_only(path)
    try:
        return _numbers(con, demo=demo)
    finally:
        con.close()


def _compare(
    live: dict[Key, tuple[int, str, str]], backup: dict[Key, tuple[int, str, str]]
) -> tuple[list[int], IssuedSince]:
    carried: list[int] = []
    since = IssuedSince()
    for key, (row_id, symbol, digest) in live.items():
        held = backup.get(key)
        if held is None:
            carried.append(row_id)
            since.issued.append(f"{symbol} ({key[0]})")
        elif held[2] != digest:
            since.clashing.append(f"{symbol} ({key[0]})")
    return carried, since


def issued_since(live: Path, backup: Path) -> IssuedSince:
    """What restoring ``backup`` over the database file ``live`` does to its register (read
    only, the PDFs not read). Nothing when either cannot be read: the restore itself then says
    what is wrong with the backup, and a damaged live file has no register to carry."""
    if not live.is_file() or not live.stat().st_size:
        return IssuedSince()
    try:
        return _compare(_read(live, demo=False), _read(backup))[1]
    except sqlite3.DatabaseError:
        return IssuedSince()


def _named(symbols: list[str]) -> str:
    shown = ", ".join(symbols[:SHOWN])
    return shown + (", …" if len(symbols) > SHOWN else "")


def restore_question(since: IssuedSince) -> str:
    """The question a restore asks when it carries documents (``bdcq restore``'s refusal)."""
    return "\n".join([what_happens(since), tr("Vẫn khôi phục?")])


def what_happens(since: IssuedSince) -> str:
    """What a restore does to the documents issued since the backup ("" when none): said
    before the window's question."""
    lines = []
    if since.issued:
        lines.append(
            tr(
                "Sau thời điểm sao lưu đã ban hành {n} văn bản mà bản sao lưu không có: {which}. "
                "Khi khôi phục, các văn bản này vẫn được giữ trong sổ đăng ký văn bản với số và "
                "tệp PDF đã cấp (mỗi số chỉ cấp một lần trong năm), nhưng được đánh dấu bị thay "
                "thế vì hồ sơ (cuộc họp, phiên làm việc…) trở về trạng thái trong bản sao lưu; "
                "khi ban hành lại, văn bản nhận số mới."
            ).format(n=len(since.issued), which=_named(since.issued))
        )
    if since.clashing:
        lines.append(
            tr(
                "KHÔNG giữ được {n} văn bản đã ban hành trong sổ đăng ký: {which}. Bản sao lưu đã "
                "cấp số của chúng cho một văn bản khác, và mỗi số chỉ ghi một văn bản. Nếu vẫn "
                "khôi phục, các văn bản này rời khỏi sổ đăng ký (số của chúng trong sổ là của "
                "văn bản trong bản sao lưu); chỉ còn tệp PDF của chúng trong thư mục văn bản đã "
                "ban hành."
            ).format(n=len(since.clashing), which=_named(since.clashing))
        )
    return "\n".join(lines)


def _columns(con: sqlite3.Connection) -> set[str]:
    return {row[1] for row in con.execute("PRAGMA table_info(issued_document)")}


def _exists(con: sqlite3.Connection, record_type: str, record_id: int) -> bool:
    table = _RECORD_TABLES.get(record_type)
    if table is None:
        return True  # a document about no record (the roster): nothing to lose
    row = con.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return row is not None


def carry_issued(live: Path, staged: Path) -> list[str]:
    """Copy the entries of ``live``'s register that ``staged`` (the restored database, at the
    current schema) does not hold into it, in one transaction logged in its change log; their
    symbols. See the module's docstring for what each becomes."""
    if not live.is_file() or not live.stat().st_size:
        return []
    try:
        rows, issued = _to_carry(live, staged)
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        said = storage_problem(str(getattr(exc, "orig", None) or exc))
        if said is not None:  # locked by another program: the restore stops, nothing replaced
            raise said from None
        return []  # a damaged live register: its files are named by ``bdcq check``
    if rows:
        _insert(staged, rows)
    return issued


def _to_carry(live: Path, staged: Path) -> tuple[list[dict[str, Any]], list[str]]:
    source = connect_read_only(live)
    try:
        target = connect_read_only(staged)
        try:
            carried, since = _compare(_numbers(source, demo=False), _numbers(target))
            if not carried:
                return [], []
            wanted = _columns(source) & {c.name for c in IssuedDocument.__table__.columns}
            rows = _rows(live, sorted(wanted - {"id", "version"}), carried)
            for row in rows:
                if not _exists(target, row["record_type"], row["record_id"]):
                    row["record_type"], row["record_id"] = NO_RECORD, 0
            return rows, since.issued
        finally:
            target.close()
    finally:
        source.close()


def _rows(live: Path, names: list[str], ids: list[int]) -> list[dict[str, Any]]:
    """The entries ``ids`` of ``live``'s register, the columns ``names`` as Python values
    (read through SQLAlchemy, which turns SQLite's texts into dates)."""
    engine = create_engine(
        "sqlite://", creator=lambda: connect_read_only(live), poolclass=NullPool
    )
    table = IssuedDocument.__table__
    try:
        with engine.connect() as con:
            result = con.execute(
                select(*(table.c[name] for name in names))
                .where(table.c.id.in_(ids))
                .order_by(table.c.year, table.c.type_abbr, table.c.number)
            )
            return [dict(row._mapping) for row in result]
    finally:
        engine.dispose()


def _insert(staged: Path, rows: list[dict[str, Any]]) -> None:
    now = datetime.now().replace(microsecond=0)
    db = Database(sqlite_url(staged))
    try:
        with db.session() as s:
            for row in rows:
                doc = IssuedDocument(**row)
                if doc.superseded_at is None:
                    doc.superseded_at = now
                s.add(doc)
    finally:
        db.dispose()
