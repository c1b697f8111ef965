"""Documents as one call each: record id → draft PDF, issued PDF, or a file.

Each kind of document registers a builder (``@document_kind``) that turns a record into a
:class:`Document`; drafting, issuing through the register and exporting are the same for all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core import register
from ..core.db import Database
from ..core.errors import BcdError, NotFoundError
from ..core.i18n import tr
from .layout import Document, render
from .settings import DocumentSettings, load


@dataclass(frozen=True)
class BuildContext:
    """What a builder needs besides the record: settings, and the number and date to print
    (``number`` None for a draft)."""

    settings: DocumentSettings
    kind: str
    number: int | None
    issued_on: date | None


Builder = Callable[[Database, int | None, BuildContext], Document]


@dataclass(frozen=True)
class DocumentKind:
    name: str  # CLI name: convocation, minutes...
    label: str  # Vietnamese, for menus
    record_type: str | None  # meeting, session, round, or None (whole database)
    build: Builder
    summary: Callable[[Database, int | None], str]


KINDS: dict[str, DocumentKind] = {}


def document_kind(
    name: str, label: str, record_type: str | None, summary: Callable[[Database, int | None], str]
) -> Callable[[Builder], Builder]:
    def wrap(build: Builder) -> Builder:
        KINDS[name] = DocumentKind(name, label, record_type, build, summary)
        return build

    return wrap


def _load_kinds() -> None:
    # The modules register themselves on import; imported here to keep start-up light.
    from . import meeting_docs, other_docs  # noqa: F401


def get_kind(name: str) -> DocumentKind:
    _load_kinds()
    try:
        return KINDS[name]
    except KeyError:
        raise BcdError(tr("Không có loại văn bản {name}.").format(name=name)) from None


def kinds_for(record_type: str | None) -> list[DocumentKind]:
    _load_kinds()
    return [k for k in KINDS.values() if k.record_type == record_type]


def draft(
    db: Database, kind: str, record_id: int | None = None, *, today: date | None = None
) -> bytes:
    """A draft: number left blank, exportable any number of times."""
    k = get_kind(kind)
    ctx = BuildContext(load(db), kind, None, today)
    return render(k.build(db, record_id, ctx))


def issue(
    db: Database, kind: str, record_id: int | None = None, *, issued_on: date | None = None
) -> register.IssuedRecord:
    """Take the next number of this type and year, store the PDF with its SHA-256."""
    k = get_kind(kind)
    settings = load(db)
    record_key = record_id if record_id is not None else 0
    k.build(db, record_id, BuildContext(settings, kind, None, issued_on))  # fail before numbering

    def render_numbered(number: int, on: date) -> bytes:
        return render(k.build(db, record_id, BuildContext(settings, kind, number, on)))

    return register.issue(
        db,
        kind=kind,
        type_abbr=settings.abbr(kind),
        body_abbr=settings.body_abbr,
        record_type=k.record_type or "database",
        record_id=record_key,
        summary=k.summary(db, record_id),
        signer=settings.signing_for(kind).signer_name,
        render=render_numbered,
        issued_on=issued_on,
    )


@dataclass(frozen=True)
class ExportResult:
    path: Path
    issued: register.IssuedRecord | None
    from_store: bool  # True: the stored copy of an already issued document


def export(
    db: Database,
    kind: str,
    record_id: int | None,
    path: str | Path,
    *,
    issue_it: bool = False,
    issued_on: date | None = None,
) -> ExportResult:
    """Write a draft, or the issued document, to ``path``.

    An issued document is never regenerated under its number: exporting it again writes the
    stored copy. ``issue_it`` issues it first when it has not been issued yet.
    """
    k = get_kind(kind)
    path = Path(path)
    existing = register.find_issued(db, kind, k.record_type or "database", record_id or 0)
    if issue_it and existing is None:
        existing = issue(db, kind, record_id, issued_on=issued_on)
        data, from_store = register.stored_copy(existing), False
    elif issue_it and existing is not None:
        data, from_store = register.stored_copy(existing), True
    else:
        data, from_store, existing = draft(db, kind, record_id, today=issued_on), False, None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return ExportResult(path, existing, from_store)


def require(found: object, what: str, record_id: int | None) -> None:
    if found is None:
        raise NotFoundError(tr("Không tìm thấy {what} có mã {id}.").format(what=what, id=record_id))
