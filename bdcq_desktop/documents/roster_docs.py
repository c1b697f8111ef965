"""``roster``: Danh sách thành viên Ban Chỉ đạo, with each member's field and area.

Ordered by rank (Head, Deputies, Standing Member, members, secretary), as official rosters are,
in the core's one roster order (``members.sort_rows``), the same as on the screen;
a wide table, so the pages are landscape. The working group follows as a second section unless
the setting ``documents.roster.include_group`` is false.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from ..core import members
from ..core.db import Database
from ..core.settings import get_organisation
from ..core.text import count_text
from .agencies import Agencies, agencies_of
from .blocks import Block, Heading, Para, Title
from .data_tables import Column, DataTable
from .dated import dated, setting_on
from .kinds import BuildContext, document_kind
from .layout import Document
from .other_docs import (
    HeadedTable,
    committee_signature,
    committee_signing,
    header_for,
    page_for,
    recipients_for,
    short,
    today_of,
)
from .text import format_date, nfc

INCLUDE_GROUP_SETTING = "documents.roster.include_group"


def _committee_name(db: Database) -> str:
    return nfc(get_organisation(db).committee_name or "Ban Chỉ đạo")


def _summary(db: Database, _record_id: int | None) -> str:
    return f"Thành viên {_committee_name(db)}"


def _decisions(rows: list[members.MemberRow]) -> str:
    """``Quyết định số 3240/QĐ-UBND ngày 25/09/2024; Quyết định số 3959/QĐ-UBND …`` — the
    decisions the listed people were appointed by, oldest first."""
    seen: Counter[tuple[str, date | None]] = Counter(
        (r.decision_number.strip(), r.decision_date) for r in rows if r.decision_number.strip()
    )
    ordered = sorted(seen, key=lambda d: (d[1] or date.min, d[0]))
    parts = []
    for number, day in ordered:
        part = f"Quyết định số {number}"
        parts.append(f"{part} ngày {short(day)}" if day else part)
    return "; ".join(parts)


def _decisions_line(rows: list[members.MemberRow]) -> list[Block]:
    decisions = _decisions(rows)
    return [Para(f"Theo {decisions}.", italic=True)] if decisions else []


def _table(rows: list[members.MemberRow], agencies: Agencies) -> DataTable:
    """The roster table; without any area assigned (the working group) the area column goes
    and the field column takes its room."""
    with_area = any(r.area.strip() for r in rows)
    columns = [
        Column("TT", 0.045, "center"),
        Column("Họ và tên", 0.16, whole=True),
        Column("Chức vụ, cơ quan", 0.265),
        Column("Vai trò", 0.11, "center"),
        Column("Lĩnh vực phụ trách", 0.25 if with_area else 0.42),
    ]
    if with_area:
        columns.append(Column("Địa bàn phụ trách", 0.17))
    data = []
    for i, r in enumerate(rows, 1):
        row = [str(i), r.full_name, agencies.title(r.position, r.unit), r.role_label, r.field]
        data.append((*row, r.area) if with_area else tuple(row))
    # Fitted to their text: the long areas of the communes since 2025 take the room the
    # positions leave, rather than running to ten lines in a narrow column.
    return DataTable(columns, data, fit=True)


@document_kind("roster", None, _summary, signing=committee_signing)
def build_roster(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    on = today_of(ctx)
    ctx = dated(db, ctx, on)
    # The core's roster order, its rule of who is current on a day and each member's
    # position and agency on that day (the change log's, not today's), as on the screen.
    committee = members.list_committee(db, on=on, sort="rank")
    include_group = bool(setting_on(db, INCLUDE_GROUP_SETTING, on, True))
    group = members.list_group(db, on=on, sort="rank") if include_group else []
    with db.session() as s:
        agencies = agencies_of(s)
    name = nfc(ctx.settings.committee_name or "Ban Chỉ đạo")  # the name of the list's day

    closing = f"Danh sách gồm {count_text(len(committee))} thành viên Ban Chỉ đạo"
    closing += f" và {count_text(len(group))} thành viên Tổ công tác." if group else "."
    end = Para(closing, closing=True)

    body: list[Block] = []
    head: list[Block] = []
    if group:
        head.append(Heading("Ban Chỉ đạo", level=1, label="I"))
    if committee:
        head += _decisions_line(committee)
        body.append(HeadedTable(head, _table(committee, agencies), None if group else end))
    else:
        body += [*head, Para(f"{name} chưa có thành viên tính đến {format_date(on)}.")]
    if group:
        head = [Heading("Tổ công tác giúp việc Ban Chỉ đạo", level=1, label="II")]
        head += _decisions_line(group)
        body.append(HeadedTable(head, _table(group, agencies), end))
    elif not committee:
        body.append(end)
    header = header_for(ctx)
    return Document(
        header=header,
        title=Title("Danh sách", f"Thành viên {name}", note=f"(Tính đến {format_date(on)})"),
        body=body,
        signatures=[committee_signature(db, ctx)],
        recipients=recipients_for(ctx),
        settings=page_for(ctx, landscape=True),
        keywords=["roster"],
        pdf_title=" ".join(
            ["DANH SÁCH"] + ([header.number_line()] if ctx.number is not None else [])
        ),
        pdf_subject=f"Thành viên {name}",
    )
