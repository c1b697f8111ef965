"""The document register (sổ đăng ký văn bản) and the change log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from ..enums import ChangeAction
from .base import Base, Versioned, enum_column


class IssuedDocument(Versioned, Base):
    """An issued document. Numbers run per (year, type) from 01 on 1 January (Decree 30, Art. 15);
    the unique constraint is what keeps two officers issuing at once from sharing a number."""

    __tablename__ = "issued_document"
    __table_args__ = (
        UniqueConstraint("year", "type_abbr", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        # Whether a document came after a membership (member_removal), read from the index:
        # a row of this table holds its PDF, so scanning the table reads a page per document.
        Index("ix_issued_document_issued_on_created_at", "issued_on", "created_at"),
        # A record's documents (a meeting's, a session's), read each time one is shown.
        Index("ix_issued_document_record_type_record_id", "record_type", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type_abbr: Mapped[str] = mapped_column(String(10), nullable=False)  # GM, BB, TB...
    kind: Mapped[str] = mapped_column(String(40), nullable=False)  # convocation, minutes...
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    symbol: Mapped[str] = mapped_column(String(60), nullable=False)  # 05/GM-BCĐ
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    summary: Mapped[str] = mapped_column(String(500), nullable=False)
    record_type: Mapped[str] = mapped_column(String(40), nullable=False)  # meeting, session...
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    signer: Mapped[str | None] = mapped_column(String(200))
    file_path: Mapped[str] = mapped_column(String(500), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    issued_by: Mapped[str | None] = mapped_column(String(100))
    # The issued PDF itself. Officers sharing a PostgreSQL server each have their own documents
    # folder, so the register, not a local file, is where every issued copy can be found.
    # Deferred: listing the register must not load every PDF.
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    # Set when the record it was issued for was reopened (minutes): the document and its copy
    # stay in the register, but the record may be issued again under a new number.
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)


class ChangeLog(Base):
    """Who changed which record, when, and what (append-only)."""

    __tablename__ = "change_log"
    # A record's history is read by record: the log only grows.
    __table_args__ = (Index("ix_change_log_table_name_record_id", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The office's local time, as the audit hook stamps it and the histories show it.
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=datetime.now, index=True)
    user: Mapped[str | None] = mapped_column(String(100))
    table_name: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[ChangeAction] = mapped_column(
        enum_column(ChangeAction, "change_action"), nullable=False
    )
    changes: Mapped[str | None] = mapped_column(Text)  # JSON {field: [old, new]}
