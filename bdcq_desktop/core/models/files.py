"""Files the committee receives or produces (a working group's drafts, a unit's report).

The bytes live in the database, not on one PC's disk: officers sharing a PostgreSQL server all
see the same file, and a backup of the database carries it. Each PC keeps a cached copy under
its data folder for the system viewer, always named by the app, never by the user's file.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Base, utcnow


class StoredFile(Base):
    """One file's content, fingerprint and display name. Immutable: a new version of a draft
    is a new row, so a fingerprint once shown never changes meaning."""

    __tablename__ = "stored_file"
    __table_args__ = (CheckConstraint("size >= 0", name="size_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The name shown to users, made safe (no folders, no reserved names); never used on disk.
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))
    # Deferred: listing files must not load their bytes.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
