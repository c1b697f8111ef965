"""Which automatic backups to keep: the last few, then fewer and fewer as they age.

The rule is a pure function over the backups' times and "now", so it can be tested at its
boundaries with hand-made times; :func:`prune_folder` applies it to the files of a folder. A
backup's time is read from its name (``bcd-YYYYMMDD-HHMMSS-ffffff-TAG-reason.sqlite3``), not from
the file's modification time, which changes when the folder is copied to a USB stick. ``TAG``
is the database's identity (:mod:`.backup_identity`): the folder is shared by every database
opened on the computer, and the rule is applied to each database's backups on their own.

The copies kept before a restore (reason ``before-restore``: the only copy of what a restore
replaced) are not thinned with the others: each is kept for :data:`SAFETY_FOR` (a year), and
the newest :data:`SAFETY_KEEP` of each database whatever their age. Copies of a damaged
database (``damaged-…``) and anything else in the folder are never deleted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from .backup_identity import file_tag, source_id, source_path
from .files import same_file

AUTOMATIC_PATTERN = "bcd-*.sqlite3"
KEEP_LAST = 10
DAILY_FOR = timedelta(days=14)
WEEKLY_FOR = timedelta(weeks=8)
MONTHLY_FOR = timedelta(days=365)
SAFETY_REASONS = frozenset({"before-restore"})
SAFETY_FOR = timedelta(days=365)
SAFETY_KEEP = 5

# The identity tag (and after it the source file's, :func:`.backup_identity.source_id`) stands
# before the reason, so a name still ends in "-REASON.sqlite3" (no reason starts with 8 hex
# digits and a dash).
_NAME_RE = re.compile(
    r"^bcd-(\d{8}-\d{6}-\d{6})-(?:([0-9a-f]{12})-(?:([0-9a-f]{8})-)?)?(.+)\.sqlite3$"
)


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
    return taken, match.group(4)


def name_tag(name: str) -> str | None:
    """The identity tag written in an automatic backup's name; None for an older backup's
    name (read inside instead: :func:`backup_tag`) or any other name."""
    match = _NAME_RE.match(name)
    return match.group(2) if match else None


def name_source(name: str) -> str | None:
    """Which file an automatic backup was taken from (:func:`.backup_identity.source_id`), as
    written in its name; None for a backup made before names said it."""
    match = _NAME_RE.match(name)
    return match.group(3) if match else None


def copied_from(backup: Path, live: Path) -> str | None:
    """When the backup ``backup`` of the database file ``live`` was taken from another file of
    the same database (a copy: the meeting-room laptop's), that file's path as noted in the
    backup's folder, or "" when not noted; None when taken from ``live`` itself (or made before
    names said which file)."""
    source = name_source(backup.name)
    if source is None or source == source_id(live):
        return None
    return source_path(backup.parent, source) or ""


def backup_name(
    taken: datetime, reason: str, tag: str | None = None, source: str | None = None
) -> str:
    tagged = f"{tag}-" if tag else ""
    if tag and source:
        tagged += f"{source}-"
    return f"bcd-{taken.strftime('%Y%m%d-%H%M%S-%f')}-{tagged}{reason}.sqlite3"


def backup_tag(path: Path) -> str | None:
    """Which database the automatic backup ``path`` is of: from its name, else (a backup of
    an older version) read inside; None when unknown."""
    return name_tag(path.name) or file_tag(path)


def keep_safety(times: Sequence[datetime], now: datetime) -> list[bool]:
    """For each before-restore copy of one database: kept for :data:`SAFETY_FOR`, and the
    newest :data:`SAFETY_KEEP` whatever their age."""
    order = sorted(range(len(times)), key=lambda i: times[i], reverse=True)
    kept = [now - times[i] <= SAFETY_FOR for i in range(len(times))]
    for i in order[:SAFETY_KEEP]:
        kept[i] = True
    return kept


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


def _in_use(path: Path, open_files: Sequence[Path]) -> bool:
    """The database open here, or a file some program has open as a database: a backup is a
    standalone file without side files, so a ``-wal``/``-shm`` beside it says it is in use."""
    if any(same_file(path, other) for other in open_files):
        return True
    return any(path.with_name(path.name + side).exists() for side in ("-wal", "-shm"))


def prune_folder(
    folder: Path, now: datetime | None = None, open_files: Sequence[Path] = ()
) -> list[Path]:
    """Delete the automatic backups of ``folder`` that the rule lets go; those deleted.

    Each database's backups are judged on their own (:func:`keep`; before-restore copies by
    :func:`keep_safety`); backups of an unknown database count as one more database. Only
    files named as automatic backups are considered: copies of a damaged database and
    anything the user put there are never touched, nor ``open_files`` (the database open,
    which may be a backup opened as such) nor any file in use.
    """
    now = now or datetime.now()
    groups: dict[tuple[str | None, str | None, bool], list[tuple[Path, datetime]]] = {}
    for path, taken, reason in automatic_backups(folder):
        # A copy's backups (the meeting-room laptop's, same identity) are thinned on their
        # own: a busy laptop never pushes the office file's backups out.
        key = (backup_tag(path), name_source(path.name), reason in SAFETY_REASONS)
        groups.setdefault(key, []).append((path, taken))
    doomed: list[Path] = []
    for (_tag, _source, safety), members in groups.items():
        rule = keep_safety if safety else keep
        verdict = rule([t for _, t in members], now)
        doomed.extend(path for (path, _), kept in zip(members, verdict, strict=True) if not kept)
    removed = []
    for path in doomed:
        if _in_use(path, open_files):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:  # a file in use (Windows) waits for the next pruning
            continue
        removed.append(path)
    return removed


def backup_time_text(path: Path) -> str:
    """When the automatic backup ``path`` was taken, as Vietnamese write it (to the second);
    its name for a file not named as one."""
    parsed = parse_name(path.name)
    return parsed[0].strftime("%d/%m/%Y %H:%M:%S") if parsed else path.name
