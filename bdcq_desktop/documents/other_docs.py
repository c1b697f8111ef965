"""Documents that are not a meeting's: working-group sessions, the roster, the reports.

The kinds live in four modules (listed in :data:`.kind_index.KIND_MODULES`, which imports them):

- :mod:`.wg_docs` — ``wg-convocation`` (Giấy triệu tập) and ``wg-report`` (Báo cáo kết quả) of a
  working-group session;
- :mod:`.roster_docs` — ``roster`` (Danh sách thành viên Ban Chỉ đạo, and the working group);
- :mod:`.report_round_docs` — ``reports-summary`` (chế độ báo cáo of a round);
- :mod:`.report_tasks_docs` — ``tasks`` (tình hình thực hiện nhiệm vụ by unit).

What they share (header, signature, recipients, numbers and dates as printed, the grouped
table) is defined here, once, so the five documents look alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether

from ..core.db import Database
from ..core.text import decree_date, rate_text, vi_key
from .blocks import Block, Context
from .closing import Recipients, SignatureBlock
from .data_tables import DataTable
from .header import Header
from .keep import KeepWithClosing
from .kinds import BuildContext
from .page import PageSettings
from .signers import signature
from .text import format_date, nfc

# Type names as they appear in running text ("Kèm theo Giấy triệu tập số …").
TYPE_NAMES = {
    "wg-convocation": "Giấy triệu tập",
    "wg-report": "Báo cáo",
    "roster": "Danh sách",
    "reports-summary": "Báo cáo",
    "tasks": "Báo cáo",
    "reminder": "Thông báo",
}


def today_of(ctx: BuildContext) -> dt.date:
    """The date the document speaks for: its issue date, or today for a draft
    (:attr:`.kinds.BuildContext.day`)."""
    return ctx.day


def header_for(ctx: BuildContext) -> Header:
    """Boxes 1–4. A draft leaves number and day blank (the clerk fills both at issue)."""
    s = ctx.settings
    day = today_of(ctx)
    return Header(
        issuing_body=s.issuing_body,
        parent_body=s.parent_body,
        type_abbr=s.abbr(ctx.kind),
        number=ctx.number,
        body_abbr=s.body_abbr,
        place=s.place,
        date=day if ctx.number is not None else None,
        draft_year=day.year,
    )


def page_for(ctx: BuildContext, *, landscape: bool = False) -> PageSettings:
    return ctx.settings.page.oriented(landscape)


def committee_signature(db: Database, ctx: BuildContext) -> SignatureBlock:
    """The signature of a document of the Committee (roster, reports, reminder): the signer the
    settings name (or the person chosen for this document), under the lines of their role on
    the roster of the document's date."""
    on, issuing = today_of(ctx), ctx.number is not None  # a draft may lack a name, not an issue
    return signature(db, ctx.settings, ctx.kind, on, chosen=ctx.signer_id, strict=issuing)


def committee_signing(
    db: Database, _record_id: int | None, ctx: BuildContext
) -> tuple[dt.date, SignatureBlock]:
    """Such a document's signature by its settings and its date (:data:`.kinds.SigningOf`)."""
    return today_of(ctx), signature(db, ctx.settings, ctx.kind, today_of(ctx))


def recipients_for(ctx: BuildContext) -> Recipients:
    s = ctx.settings
    return Recipients(s.recipients_for(ctx.kind, today_of(ctx)), archive=f"VT, {s.body_abbr}")


def reference(ctx: BuildContext) -> str:
    """``Giấy triệu tập số 05/GTT-BCĐ ngày 05 tháng 02 năm 2026``; a draft prints ``…`` where
    the clerk will write the number and the day (spaces would collapse in a centred line)."""
    s = ctx.settings
    symbol = f"{s.abbr(ctx.kind)}-{s.body_abbr}"
    name = TYPE_NAMES.get(ctx.kind, "Văn bản")
    if ctx.number is None:
        return f"{name} số …/{symbol} ngày … tháng … năm {today_of(ctx).year}"
    return f"{name} số {ctx.number:02d}/{symbol} {format_date(today_of(ctx))}"


def annex_note(ctx: BuildContext) -> str:
    return f"(Kèm theo {reference(ctx)})"


def strip_end(text: str) -> str:
    """A sentence fragment without its final punctuation (a caller adds its own)."""
    return nfc(text).strip().rstrip(".;:,").strip()


def sentence(text: str) -> str:
    """``text`` ending with a full stop."""
    return strip_end(text) + "."


def short(day: dt.date | None) -> str:
    """``03/9/2026`` (:func:`..core.text.decree_date`), "" for none."""
    return decree_date(day) if day else ""


def period_text(start: dt.date, end: dt.date) -> str:
    """``từ ngày 24 tháng 12 năm 2024 đến ngày 30 tháng 12 năm 2024`` (or a single day)."""
    if start == end:
        return format_date(start)
    return f"từ {format_date(start)} đến {format_date(end)}"


def percent(part: int, whole: int) -> str:
    """``80,6%``, as the window shows it (:func:`..core.text.rate_text`); ``-`` when there is
    nothing to divide."""
    return rate_text(part / whole if whole > 0 else None, "-")


def unit_key(sort_order: int | None, name: str) -> tuple[int, object]:
    return (sort_order or 0, vi_key(name))


@dataclass(frozen=True)
class HeadedTable(Block):
    """Lead-in blocks (headings, an introductory sentence), a table, and optionally a closing
    sentence: the lead-in stays with the first rows of the table (the engine keeps every block
    marked keep-with-next with the first part of what follows), the sentence with the last."""

    head: Sequence[Block]
    table: DataTable
    tail: Block | None = None

    def flowables(self, ctx: Context) -> list[Flowable]:
        head = [f for block in self.head for f in block.flowables(ctx)]
        for f in head:
            f.keepWithNext = 1
        body: Flowable = self.table.flowables(ctx)[0]
        if self.tail is not None:
            tail = self.tail.flowables(ctx)
            body = KeepWithClosing(body, tail[0] if len(tail) == 1 else KeepTogether(tail))
        return [*head, body]
