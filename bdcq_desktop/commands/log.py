"""``bdcq log --table T --id N [--children]``: one record's change log (who, when, what
changed), a reference shown by the record's name (JSON keeps the id and adds the name)."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

from .common import EXIT_OK, add_command, emit, format_option, id_arg, open_db

LOG_COLUMNS = ["at", "user", "action", "field", "before", "after"]
CHILD_COLUMNS = ["at", "user", "action", "record", "field", "before", "after"]
LOG_HEADERS = {
    "at": "Thời điểm",
    "user": "Người sửa",
    "action": "Thao tác",
    "record": "Bản ghi",
    "field": "Trường",
    "before": "Trước",
    "after": "Sau",
}
_SHOWN = 60  # characters of a value in the table; JSON gives it whole


@dataclass(frozen=True)
class _Line:
    at: str
    user: str
    action: str
    record: str
    field: str
    before: str
    after: str


def _change(c: Any) -> dict[str, Any]:
    out = {"label": c.label, "before": c.before, "after": c.after}
    if c.before_name is not None:  # a reference: the id as logged, and the record's name
        out["before_name"] = c.before_name
    if c.after_name is not None:
        out["after_name"] = c.after_name
    return out


def cmd_log(args: argparse.Namespace) -> int:
    from ..core.change_log import check_table, record_changes

    table = check_table(args.table)  # refused before the database is opened
    db = open_db(args)
    rows = record_changes(db, table, args.id, children=args.children)
    if not rows and not _exists(db, table, args.id):
        from ..core.change_log import TABLE_LABELS
        from ..core.errors import NotFoundError
        from ..core.i18n import tr

        # A record never logged (loaded in bulk) has an empty history; one not there at all,
        # never logged either, is a mistyped id: refused as every command refuses one.
        raise NotFoundError(
            f"Không có bản ghi mã {args.id} trong bảng "
            f"{tr(TABLE_LABELS.get(table, table))} ({table}) / no such record"
        )
    if args.format == "json":
        data: list[dict[str, Any]] = [
            {
                "id": r.id,
                "at": r.at.isoformat(timespec="seconds"),
                "user": r.user,
                "table": r.table,
                "record_id": r.record_id,
                "record_name": r.record_name,
                "action": r.action,
                "changes": {c.field: _change(c) for c in r.changes},
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    from ..core.tabular import shown

    lines = []
    for r in rows:
        at = shown(r.at, seconds=True)
        for c in r.changes or (None,):
            lines.append(
                _Line(
                    at,
                    r.user,
                    r.action_label,
                    r.record_label,
                    c.label if c else "",
                    c.before_text(_SHOWN) if c else "",
                    c.after_text(_SHOWN) if c else "",
                )
            )
    emit(lines, CHILD_COLUMNS if args.children else LOG_COLUMNS, LOG_HEADERS, "table")
    return EXIT_OK


def _exists(db: Any, table: str, record_id: int) -> bool:
    from sqlalchemy import select

    from ..core.models import Base

    t = Base.metadata.tables.get(table)
    if t is None or "id" not in t.c:
        return True  # not a table of numbered records: not checked
    with db.session() as s:
        return s.execute(select(t.c.id).where(t.c.id == record_id)).first() is not None


def add_log_command(sub: Any) -> None:
    """``log``."""
    p = add_command(
        sub,
        "log",
        "lịch sử thay đổi của một bản ghi (ai, khi nào, sửa gì) / one record's change log",
        cmd_log,
        reads=True,
    )
    p.add_argument(
        "--table",
        required=True,
        metavar="T",
        help="bảng, ví dụ person, unit, meeting, committee_membership / table name",
    )
    p.add_argument("--id", required=True, type=id_arg, metavar="N", help="mã bản ghi / record id")
    p.add_argument(
        "--children",
        action="store_true",
        help="kèm các bản ghi con, cả bản ghi đã xóa (meeting: chương trình, thành phần mời; "
        "working_session: thành phần, sản phẩm; reporting_round: báo cáo của đơn vị) / "
        "with the record's children, removed ones included",
    )
    format_option(p, ("table", "json"))
