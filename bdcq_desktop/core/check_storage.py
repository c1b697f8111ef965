"""The storage half of ``bdcq check`` (:mod:`.check`): SQLite's own integrity and foreign-key
checks, and what a file too damaged for them to run is told as.

A file SQLite cannot even walk (a page overwritten, the schema unreadable) makes its
``integrity_check`` raise instead of list: that is the finding the check exists for, said as
the start says it, with the newest backup of this very database, not an error of the check.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from .db import Database, damaged_error
from .i18n import tr
from .storage_errors import damage_label


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    record: str = ""


def storage_problems(db: Database) -> list[Problem]:
    """What SQLite finds wrong with the file; one ``integrity`` problem naming the backup to
    restore when the file is too damaged to be checked at all."""
    problems: list[Problem] = []
    if not db.is_sqlite:
        return problems
    try:
        with db.engine.connect() as conn:
            result = conn.execute(text("PRAGMA integrity_check")).scalars().all()
            if result != ["ok"]:
                problems += [Problem("integrity", r) for r in result]
            for row in conn.execute(text("PRAGMA foreign_key_check")).all():
                problems.append(
                    Problem(
                        "foreign_key",
                        tr("Khóa ngoại hỏng trong bảng {t}").format(t=row[0]),
                        f"{row[0]}#{row[1]}",
                    )
                )
    except DBAPIError as exc:
        if db.sqlite_path is None:
            raise
        detail = damage_label(str(getattr(exc, "orig", None) or exc))
        return [Problem("integrity", damaged_error(db.sqlite_path, detail).message)]
    return problems


def unreadable(problems: list[Problem]) -> bool:
    """Whether the file is damaged: the domain's checks would only read broken pages."""
    return any(p.code == "integrity" for p in problems)
