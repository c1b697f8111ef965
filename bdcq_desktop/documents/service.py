"""Documents as one call each: record id → draft PDF, issued PDF, or a file.

Each kind of document registers a builder (``@document_kind``) that turns a record into a
:class:`Document` (or a list of them: copies printed one after the other, e.g. an invitation
per addressee); drafting, issuing through the register and exporting are the same for all.

A draft leaves the number (and the day) blank and may be exported any number of times. Issuing
takes the next number of the document's type and year from the register, renders the PDF with
it, stores the file with its SHA-256 and records it; from then on the document is never
rendered again under that number: exporting it gives the stored copy, checked against its
fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.platypus.doctemplate import LayoutError
from sqlalchemy.orm import Session

from ..core import register
from ..core.collector import collector_paused
from ..core.days_off import not_entered_question
from ..core.db import Database
from ..core.errors import BcdError, ConfirmationRequired, ValidationError
from ..core.file_kinds import refuse_replacing
from ..core.files import check_writable, write_atomic
from ..core.i18n import tr
from ..core.issue_date_rules import check_late
from ..core.issued_files import Restored
from ..core.models import IssuedDocument
from . import fonts
from .copies import per_addressee_issued, render_copies
from .issue_guard import guarded, unchanged_then, version_before
from .kind_index import KINDS, get_kind, kinds_for
from .kinds import BuildContext, Built, DocumentKind, document_kind, require
from .layout import Document, render
from .meeting_data import reading_once
from .settings import DocumentSettings, check_kind_settings, kind_settings, load
from .signer_choice import SignerChoices, check_offered, check_same_signer, choices
from .signers import recipients_of
from .text import nfc

# The registry's names too (the lookup's from .kind_index): front ends need only this module.
__all__ = [
    "KINDS",
    "AlreadyIssuedError",
    "BuildContext",
    "DocumentKind",
    "ExportResult",
    "SignerChoices",
    "days_off_question",
    "document_kind",
    "draft",
    "export",
    "find_issued",
    "get_kind",
    "issue",
    "kinds_for",
    "render_built",
    "require",
    "signer_choices",
]


def _check_record(k: DocumentKind, record_id: int | None) -> None:
    if k.record_type is not None and record_id is None and not k.all_records:
        raise BcdError(
            tr("Văn bản {label} cần mã bản ghi ({record}).").format(
                label=k.label, record=k.record_type
            )
        )


def _context(
    settings: DocumentSettings,
    k: DocumentKind,
    number: int | None,
    on: date | None,
    options: Mapping[str, Any] | None,
    signer_id: int | None = None,
) -> BuildContext:
    # Builders may measure text (to break lines, to choose an orientation): fonts first.
    fonts.ensure_fonts()
    opts = dict(options or {})
    unknown = sorted(set(opts) - set(k.options))
    if unknown:
        raise BcdError(
            tr("Văn bản {label} không có tùy chọn {names}.").format(
                label=k.label, names=", ".join(unknown)
            )
        )
    check_offered(k, settings, signer_id)
    return BuildContext(settings, k.name, number, on, opts, signer_id)


def render_built(built: Built) -> bytes:
    """PDF bytes of what a builder returned: one document, or copies one after the other."""
    docs = [built] if isinstance(built, Document) else list(built)
    if not docs:
        raise BcdError(tr("Không có nội dung để in."))
    # Laying out makes thousands of objects (paragraphs, their fragments and lines) that live
    # until the PDF is written and then go with their last reference; the collector's passes
    # over them while they live found nothing to free and took about a tenth of the minutes'
    # time. What little a render leaves in cycles is collected after it.
    with collector_paused():
        return render(docs[0]) if len(docs) == 1 else render_copies(docs)


def _addressed(built: Built, head: str) -> Built:
    """Each document with recipients that do not report to its own signer (the right-most
    signature): :func:`.signers.recipients_of`."""
    docs = [built] if isinstance(built, Document) else list(built)
    out = [
        replace(d, recipients=recipients_of(d.recipients, d.signatures[-1], head))
        if d.recipients is not None and d.signatures
        else d
        for d in docs
    ]
    return out[0] if isinstance(built, Document) else out


def _render(db: Database, k: DocumentKind, settings: DocumentSettings, built: Built) -> bytes:
    """:func:`render_built`, a layout failure turned into a message naming what to change."""
    built = _addressed(built, settings.default_signer)
    try:
        return render_built(built)
    except LayoutError:
        raise _layout_failure(db, k, settings) from None


def _layout_failure(db: Database, k: DocumentKind, settings: DocumentSettings) -> BcdError:
    """Something too large for a page: the kind's settings (stored before they were checked
    against the page) when they are at fault, named by their key; else the record's content."""
    lead = tr("Không dàn trang được văn bản {label}").format(label=k.label)
    try:
        check_kind_settings(db, kind_settings(settings, k.name))
    except ValidationError as exc:
        return ValidationError(exc.field, f"{lead}: {exc.message}", label=exc.field)
    return BcdError(
        tr(
            "{lead}: có một đoạn văn hoặc một ô bảng dài hơn một trang; hãy rút gọn nội dung "
            "của bản ghi."
        ).format(lead=lead)
    )


def draft(
    db: Database,
    kind: str,
    record_id: int | None = None,
    *,
    today: date | None = None,
    options: Mapping[str, Any] | None = None,
    signer_id: int | None = None,
) -> bytes:
    """A draft: number left blank, exportable any number of times. ``today`` is the date the
    draft speaks for (reports' "as of" date); it is not printed as the date of issue.
    ``signer_id``: the person who signs this document instead of the one the settings name
    (one of :func:`signer_choices`; anyone else is refused, ValidationError ``signer``)."""
    k = get_kind(kind)
    _check_record(k, record_id)
    settings = load(db)
    ctx = _context(settings, k, None, today, options, signer_id)
    return _render(db, k, settings, k.build(db, record_id, ctx))


def signer_choices(
    db: Database, kind: str, record_id: int | None = None, *, today: date | None = None
) -> SignerChoices | None:
    """Who may sign the document (a draft dated as :func:`draft` with ``today`` dates it):
    the settings' signer, then the others whose role that day lets them sign. None: the kind
    offers no choice (the minutes; a kind printed without a signature)."""
    k = get_kind(kind)
    _check_record(k, record_id)
    settings = load(db)
    return choices(db, k, record_id, _context(settings, k, None, today, None))


class AlreadyIssuedError(BcdError):
    """The document of this record has been issued already (``record`` is its register row)."""

    def __init__(self, message: str, record: register.IssuedRecord) -> None:
        super().__init__(message)
        self.record = record


def _signer(built: Built) -> str:
    docs = [built] if isinstance(built, Document) else list(built)
    if docs and docs[0].signatures:
        # The right-most signature is the signing authority (minutes: the chair).
        return nfc(docs[0].signatures[-1].name).strip()
    return ""


def issue(
    db: Database,
    kind: str,
    record_id: int | None = None,
    *,
    issued_on: date | None = None,
    options: Mapping[str, Any] | None = None,
    today: date | None = None,
    allow_past_year: bool = False,
    confirm_unmarked: bool = False,
    signer_id: int | None = None,
    confirm_late: bool = False,
    confirm_days_off: bool = False,
) -> register.IssuedRecord:
    """Take the next number of this type and year, store the PDF with its SHA-256.

    The kind's question (:func:`issue_question`: minutes with invitees not marked) is raised,
    nothing issued, unless ``confirm_unmarked``.

    A document about a record (a meeting, a session, a round) is issued once; a document about
    no record (the roster, the tasks report) once a day. A second attempt, even at the same
    moment from another PC, raises :class:`AlreadyIssuedError` carrying the first one's row.
    ``today`` (default: the clock's) bounds the date of issue: no later than the next day, and
    not in a past year (its register is closed) unless ``allow_past_year``, which only builders
    of data pass (the demo's register of past meetings): no command or window offers it.
    ``signer_id`` signs this one document instead of the settings' signer (see :func:`draft`);
    the register records the name printed. A date more than a week back (a late
    registration) raises :class:`~..core.errors.LateRegistrationWarning`, nothing issued, unless
    ``confirm_late``: asked once the record's own rules for the date (:attr:`check_date`) passed.
    So is :func:`days_off_question` (a count of working days over a year with no days off
    entered), unless ``confirm_days_off``.
    """
    k = get_kind(kind)
    _check_record(k, record_id)
    if not confirm_unmarked:
        question = issue_question(db, kind, record_id)
        if question is not None:
            raise question
    settings = load(db)
    check_offered(k, settings, signer_id)
    on = issued_on or today or date.today()
    # The register's refusals now; its question (a late registration) after the record's.
    register.check_issue_date(
        db, settings.abbr(kind), on, today=today, allow_past_year=allow_past_year,
        confirm_late=True,
    )  # fmt: skip
    # Read before building: the kind's hook checks, in the register's transaction, that the
    # record printed is still the one stored.
    if k.before_issue is not None:
        state = k.before_issue(db, record_id)
    else:
        state = version_before(db, k, record_id) if guarded(k) else None
    with reading_once():  # the probe and the numbered build print the same data, read once
        return _issue_built(
            db, k, record_id, settings, on, options, state, today, allow_past_year, signer_id,
            confirm_late, confirm_days_off,
        )  # fmt: skip


def issue_question(
    db: Database, kind: str, record_id: int | None
) -> ConfirmationRequired | None:
    """What to ask the officer before issuing ``kind`` (None: nothing): the front ends ask it
    before their "Ban hành?" and pass ``confirm_unmarked=True`` to :func:`issue` on yes."""
    k = get_kind(kind)
    return k.ask(db, record_id) if k.ask is not None else None


def days_off_question(db: Database, kind: str, record_id: int | None) -> BcdError | None:
    """What to ask before issuing ``kind`` when it prints a count of working days over a year
    whose days off are not entered (the front ends ask, and pass ``confirm_days_off=True`` to
    :func:`issue` on yes); None: nothing to ask. Drafts are never asked: they say it on screen."""
    k = get_kind(kind)
    span = k.days_counted(db, record_id) if k.days_counted is not None else None
    return not_entered_question(db, span[0], span[1], k.label) if span else None


def _issue_built(
    db: Database,
    k: DocumentKind,
    record_id: int | None,
    settings: DocumentSettings,
    on: date,
    options: Mapping[str, Any] | None,
    state: object,
    today: date | None,
    allow_past_year: bool,
    signer_id: int | None,
    confirm_late: bool,
    confirm_days_off: bool,
) -> register.IssuedRecord:
    kind = k.name
    # Build once before numbering: a record that is missing or not ready fails here, and no
    # number is taken.
    probe = k.build(db, record_id, _context(settings, k, None, on, options, signer_id))
    # Then the date against the record (an invitation after its meeting): a record not ready
    # (minutes of a meeting not held) says so first.
    if k.check_date is not None:
        k.check_date(db, record_id, on, k.label)
    check_late(on, today or date.today(), confirm_late=confirm_late)
    days_off = None if confirm_days_off else days_off_question(db, k.name, record_id)
    if days_off is not None:
        raise days_off

    def render_numbered(number: int, day: date) -> bytes:
        built = k.build(db, record_id, _context(settings, k, number, day, options, signer_id))
        return _render(db, k, settings, built)

    after = None
    if guarded(k):  # the record as it is now, or no number (see .issue_guard)
        after = unchanged_then(k, record_id, state, k.after_issue)
    elif k.after_issue is not None:
        hook = k.after_issue

        def after(s: Session, row: IssuedDocument) -> None:
            hook(s, record_id, row, state)

    try:
        return register.issue(
            db,
            kind=kind,
            type_abbr=settings.abbr(kind),
            body_abbr=settings.body_abbr,
            record_type=k.record_type or register.NO_RECORD,
            record_id=record_id if record_id is not None else 0,
            summary=k.register_summary(db, record_id, options),
            signer=_signer(probe) or None,
            render=render_numbered,
            issued_on=on,
            once=register.Once.PER_RECORD
            if k.record_type and not k.per_day
            else register.Once.PER_DAY,
            after=after,
            today=today,
            allow_past_year=allow_past_year,
            confirm_late=confirm_late,
            same_summary=k.scoped,
        )
    except register.DuplicateIssueError as exc:
        raise AlreadyIssuedError(
            tr("Văn bản này đã được ban hành: số {symbol} ngày {day}.").format(
                symbol=exc.record.symbol, day=exc.record.issued_on.strftime("%d/%m/%Y")
            ),
            exc.record,
        ) from None


def find_issued(
    db: Database, kind: str, record_id: int | None, *, on: date | None = None,
    options: Mapping[str, Any] | None = None,
) -> register.IssuedRecord | None:
    """The issued document of ``kind`` for this record (for a kind without a record: the one
    issued on ``on``, default today, since such reports are issued again and again; of the
    period or list in ``options``, for a kind issued per period)."""
    k = get_kind(kind)
    if k.record_type is None or k.per_day:
        summary = k.register_summary(db, record_id, options) if k.scoped else None
        return register.find_issued(
            db, kind, k.record_type or register.NO_RECORD, record_id or 0,
            issued_on=on or date.today(), summary=summary,
        )  # fmt: skip
    if record_id is None:
        return None
    return register.find_issued(db, kind, k.record_type, record_id)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    issued: register.IssuedRecord | None
    from_store: bool  # True: the stored copy of a document issued earlier
    # The document's file in the issued-documents folder, put back from the register when
    # reading it found it missing or altered (None: it was right): told to the user.
    restored: Restored | None = None


def export(
    db: Database,
    kind: str,
    record_id: int | None,
    path: str | Path,
    *,
    issue_it: bool = False,
    issued_on: date | None = None,
    draft_only: bool = False,
    options: Mapping[str, Any] | None = None,
    confirm_unmarked: bool = False,
    signer_id: int | None = None,
    confirm_late: bool = False,
    confirm_days_off: bool = False,
    name_issued: Callable[[register.IssuedRecord], Path] | None = None,
) -> ExportResult:
    """Write the document to ``path`` (checked before the issue; ``name_issued`` names the
    file after the number then taken, when the name holds it).

    An issued document is never regenerated under its number: once issued, exporting it writes
    the stored copy (its fingerprint checked). Otherwise a draft is written, or, with
    ``issue_it``, the document is issued first. ``draft_only`` writes a fresh draft even when
    the document has been issued. ``confirm_unmarked``, ``confirm_late``, ``confirm_days_off``:
    see :func:`issue`.
    ``signer_id`` signs it instead of the settings' signer (see :func:`draft`); an issued
    document asked for under another signer is refused.
    """
    k = get_kind(kind)
    _check_record(k, record_id)
    path = Path(path)
    existing = (
        None if draft_only else find_issued(db, kind, record_id, on=issued_on, options=options)
    )
    if existing is not None and (options or {}).get("per_addressee"):
        # The stored copy is what was issued: never split again, nor silently handed back
        # whole when copies per addressee were asked for.
        raise per_addressee_issued(existing.symbol)
    if existing is not None:
        check_offered(k, load(db), signer_id)
        check_same_signer(db, existing.signer, signer_id)
        copy, record, from_store = register.read_stored(existing, db), existing, True
    elif issue_it:
        # A number taken is never given back: the file must be writable first, or the
        # document would be issued and its export fail.
        check_writable(path)
        refuse_replacing(path, "pdf")  # nor over another kind of file (a spreadsheet)
        try:
            record = issue(
                db,
                kind,
                record_id,
                issued_on=issued_on,
                options=options,
                confirm_unmarked=confirm_unmarked,
                signer_id=signer_id,
                confirm_late=confirm_late,
                confirm_days_off=confirm_days_off,
            )
            from_store = False
        except AlreadyIssuedError as exc:  # issued by someone else a moment ago
            check_same_signer(db, exc.record.signer, signer_id)
            record, from_store = exc.record, True
        copy = register.read_stored(record, db)
        path = name_issued(record) if name_issued is not None else path
    else:
        data = draft(db, kind, record_id, today=issued_on, options=options, signer_id=signer_id)
        copy, record, from_store = register.StoredCopy(data), None, False
    # Its own temporary name: never half a file, never a shared one.
    write_atomic(path, copy.content)
    return ExportResult(path, record, from_store, copy.restored)
