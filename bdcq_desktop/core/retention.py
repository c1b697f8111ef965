"""Which automatic backups to keep: the last few, then fewer and fewer as they age.

The rule is a pure function over the backups' times and "now", so it can be tested at its
boundaries with hand-made times; :func:`prune_folder` applies it to the files of a folder. A
backup's time is read from its name (``bcd-YYYYMMDD-HHMMSS-ffffff-reason.sqlite3``), not from
the file's modification time, which changes when the folder is copied to a USB stick.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

AUTOMATIC_PATTERN = "bcd-*.sqlite3"
KEEP_LAST = 10
DAILY_FOR = timedelta(days=14)
WEEKLY_FOR = timedelta(weeks=8)
MONTHLY_FOR = timedelta(days=365)

_NAME_RE = re.compile(r"^bcd-(\d{8}-\d{6}-\d{6})-(.+)\.sqlite3$")


def keep(times: Sequence[datetime], now: datetime) -> list[bool]:
    """For each of ``times`` (any order), whether to keep that backup.

    Kept: the newest :data:`KEEP_LAST`; then the newest backup of each calendar day for the
    last 14 days, of each ISO week for the last 8 weeks, of each month for the last year
    (a backup exactly at a window's edge is still inside it). Older ones go. A time in the
    future (a clock set wrong) is kept: nothing says it is old.
    """
    order = sorted(range(len(times)), key=lambda i: times[i], reverse=True)
    kept = [False] * len(times)
    for i in order[:KEEP_LAST]:
        kept[i] = True
    seen: set[tuple[str, object]] = set()
    for i in order:  # newest first: the first one met in a bucket is its newest
        t = times[i]
        age = now - t
        if age < timedelta(0):
            kept[i] = True
            continue
        buckets: list[tuple[str, object]] = []
        if age <= DAILY_FOR:
            buckets.append(("day", t.date()))
        if age <= WEEKLY_FOR:
            buckets.append(("week", tuple(t.isocalendar())[:2]))
        if age <= MONTHLY_FOR:
            buckets.append(("month", (t.year, t.month)))
        for bucket in buckets:
            if bucket not in seen:
                seen.add(bucket)
                kept[i] = True
    return kept


def parse_name(name: str) -> tuple[datetime, str] | None:
    """(time taken, reason) of an automatic backup's file name; None for any other name."""
    match = _NAME_RE.match(name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None
    return taken, match.group(2)


def backup_name(taken: datetime, reason: str) -> str:
    return f"bcd-{taken.strftime('%Y%m%d-%H%M%S-%f')}-{reason}.sqlite3"


def automatic_backups(folder: Path) -> list[tuple[Path, datetime, str]]:
    """The automatic backups in ``folder``, newest first: (path, time, reason)."""
    found = []
    try:
        paths = list(folder.glob(AUTOMATIC_PATTERN))
    except OSError:
        return []
    for path in paths:
        parsed = parse_name(path.name)
        if parsed is not None and path.is_file():
            found.append((path, *parsed))
    found.sort(key=lambda item: item[1], reverse=True)
    return found


def prune_folder(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups of ``folder`` that :func:`keep` lets go; those deleted.

    Only files named as automatic backups are considered: copies of a damaged database and
    anything the user put there are never touched.
    """
    backups = automatic_backups(folder)
    verdict = keep([t for _, t, _ in backups], now or datetime.now())
    removed = []
    for (path, _, _), kept in zip(backups, verdict, strict=True):
        if kept:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:  # a file in use (Windows) waits for the next pruning
            continue
        removed.append(path)
    return removed
