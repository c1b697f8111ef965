"""The sentence a corrected document states: which issued document it replaces.

A change confirmed after a convocation, an invitation, a working-group convocation or a
conclusions notice was issued marks it superseded (:mod:`..core.issued_changes`), as reopening
the minutes does (:func:`..core.minutes_text.reopen_minutes`); the next issue takes a new
number. Without a link the recipients hold two conflicting papers, so the corrected one says
what it replaces, as Vietnamese administrative practice writes it: "Giấy triệu tập này thay
thế Giấy triệu tập số 01/GTT-BCĐ ngày 30 tháng 11 năm 2026." The sentence is read from the
register (the record's latest superseded issue of the same kind), so a draft prints it as
issuing it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date

from sqlalchemy import select

from ..core.db import Database
from ..core.models import IssuedDocument
from .blocks import Block, Para
from .text import format_date


def replaced(
    db: Database, kind: str, record_type: str, record_id: int | None
) -> tuple[str, date] | None:
    """The symbol and date of the record's latest superseded issue of ``kind`` (None: a first
    issue)."""
    if record_id is None:
        return None
    with db.session() as s:
        row = s.execute(
            select(IssuedDocument.symbol, IssuedDocument.issued_on)
            .where(
                IssuedDocument.kind == kind,
                IssuedDocument.record_type == record_type,
                IssuedDocument.record_id == record_id,
                IssuedDocument.superseded_at.is_not(None),
            )
            .order_by(IssuedDocument.issued_on.desc(), IssuedDocument.id.desc())
            .limit(1)
        ).first()
    return (row.symbol, row.issued_on) if row is not None else None


def replaces_text(
    db: Database, kind: str, record_type: str, record_id: int | None, noun: str
) -> str:
    """``Giấy triệu tập này thay thế Giấy triệu tập số 01/GTT-BCĐ ngày 30 tháng 11 năm
    2026.`` (``noun`` the document's type name), or "" for a first issue. The date is written
    in words, as running text writes dates."""
    old = replaced(db, kind, record_type, record_id)
    if old is None:
        return ""
    symbol, day = old
    return f"{noun} này thay thế {noun} số {symbol} {format_date(day)}."


def ending_with(body: Sequence[Block], line: str) -> list[Block]:
    """``body`` with ``line`` as its last paragraph, which then carries the decree's ``./.``
    end mark instead of the paragraph before it (nothing added when ``line`` is empty)."""
    blocks = list(body)
    if not line:
        return blocks
    if blocks and any(f.name == "closing" for f in fields(blocks[-1])):  # type: ignore[arg-type]
        blocks[-1] = replace(blocks[-1], closing=False)  # type: ignore[call-arg]
    return [*blocks, Para(line, closing=True)]
