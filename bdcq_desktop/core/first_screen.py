"""The first screen of a start, read with the standard library before SQLAlchemy is imported.

A start shows the main window at once and opens the database behind it; importing SQLAlchemy
and the models alone takes about three times as long as drawing the window. The committee
roster (or the working group's), the screen most starts open on, does not need them: on a
SQLite file that SQLite's quick check has just passed (:class:`.sqlite_file.EarlyCheck`) and
that carries the current schema revision, :class:`FirstScreen` runs the roster's own query,
compiled for SQLite (:mod:`.first_screen_sql`), through the standard library and builds the
very rows the database layer would (:mod:`.member_rows`). The window shows them while the
database layer is imported; every change is made through it once it is open.

Anything unusual (a URL, an older file, a check not finished, a value it cannot read) simply
means no first screen: the start goes the usual way, and that way reports every problem.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from .enums import CommitteeRole, GroupRole, Honorific
from .first_screen_sql import ROSTER_SQL
from .member_rows import MemberRow, as_held, roster_rows, sort_rows
from .migrations import HEAD
from .sqlite_file import EarlyCheck, connect_read_only, file_identity, stored_revision

_ROLES = {"committee": CommitteeRole, "group": GroupRole}
# The roster query's date columns: decision, start, end, end decision (see members).
_DATES = (13, 14, 15, 18)


class FirstScreen:
    """A SQLite file checked and current, whose rosters can be read before the database layer
    is imported."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.identity = file_identity(path)
        self.failed = False

    @classmethod
    def of(cls, checked: EarlyCheck | None) -> FirstScreen | None:
        """The first screen of the file ``checked`` (the start's early check), or None if it
        cannot be read that way: no check (a URL), a check still running or not clean, or a
        schema revision other than the current one."""
        if checked is None or not checked.finished() or not checked.intact(checked.path):
            return None
        if stored_revision(checked.path) != HEAD:
            return None
        return cls(checked.path)

    def roster(self, body: str) -> list[MemberRow]:
        """Every membership of ``body`` (``committee`` or ``group``), in the roster's order:
        the same rows as :func:`.members.list_committee` / ``list_group`` with
        ``include_former=True``. Empty, and :attr:`failed` set, if the file cannot be read
        so: the start then reads it through the database layer, which says what is wrong."""
        role = _ROLES[body]
        today = date.today()
        try:
            con = connect_read_only(self.path)
            try:
                typed = []
                for record in con.execute(ROSTER_SQL[body]).fetchall():
                    values = list(record)
                    values[3] = None if values[3] is None else Honorific(values[3])
                    values[4] = role(values[4])
                    for i in _DATES:
                        if values[i] is not None:
                            values[i] = date.fromisoformat(values[i])
                    typed.append(values)
                # Former terms with the posts held then, read as the database layer reads them.
                rows = as_held(con, roster_rows(typed, body, today), today, today)
            finally:
                con.close()
        except (sqlite3.Error, ValueError, TypeError):
            self.failed = True
            return []
        return sort_rows(rows)

    def unchanged(self) -> bool:
        """True if what the first screen shows is the file as it is now: read without trouble,
        and nothing has written to the file since."""
        return (
            not self.failed
            and self.identity is not None
            and file_identity(self.path) == self.identity
        )


def write_sql(module: Path | None = None) -> None:
    """Write :mod:`.first_screen_sql` again from the roster's query (imports SQLAlchemy)."""
    from .members import roster_sql

    target = module or Path(__file__).with_name("first_screen_sql.py")
    text = target.read_text(encoding="utf-8")
    head = text[: text.index("ROSTER_SQL")]
    lines = ["ROSTER_SQL: dict[str, str] = {"]
    for body in _ROLES:
        lines.append(f"    {json.dumps(body)}: (")  # JSON's quoting: a Python literal too
        lines += [f"        {json.dumps(piece)}" for piece in _pieces(roster_sql(body))]
        lines.append("    ),")
    lines.append("}")
    target.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


def _pieces(text: str, width: int = 80) -> list[str]:
    """``text`` cut after spaces and line ends into pieces of about ``width`` characters."""
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + width, len(text))
        if end < len(text):
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


if __name__ == "__main__":  # python -m bdcq_desktop.core.first_screen: regenerate the SQL
    write_sql()
