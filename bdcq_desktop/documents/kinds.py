"""The registry of document kinds: what a builder receives and how a kind declares itself.

Each module of documents (``invitation_docs``, ``minutes_docs``…) registers its kinds with
``@document_kind`` when imported; :mod:`.service` imports those modules and does the drafting,
issuing and exporting that is the same for all. This module sits below both, so imports point
one way: service → kind modules → kinds → settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ..core.db import Database
from ..core.errors import ConfirmationRequired, NotFoundError
from ..core.i18n import tr
from ..core.models import IssuedDocument
from .closing import SignatureBlock
from .layout import Document
from .settings import DocumentSettings
from .settings_checks import KIND_LABELS


@dataclass(frozen=True)
class BuildContext:
    """What a builder needs besides the record: settings, and the number and date to print
    (``number`` None for a draft; ``issued_on`` None for a draft without a date).

    ``options`` are the kind's own switches (e.g. ``per_addressee`` for an invitation).
    ``signer_id`` is the person chosen to sign this one document instead of the one the
    settings name (None: the settings'); the kind's signature checks it (:mod:`.signers`).
    """

    settings: DocumentSettings
    kind: str
    number: int | None
    issued_on: date | None
    options: Mapping[str, Any] = field(default_factory=dict)
    signer_id: int | None = None

    @property
    def day(self) -> date:
        """The one date the document carries: its date of issue (chosen for a draft too),
        else today, the day a draft would be issued now. Its header, the committee's name and
        the office's details in its text, its signer and its recipients are those of this
        day, so a draft (and the window's preview) prints what issuing it prints; the people
        of a meeting or session stay that meeting's (:mod:`.meeting_data`), and the minutes,
        written at the meeting, take its day (:mod:`.dated`)."""
        return self.issued_on or date.today()

    @property
    def year(self) -> int:
        """The year the document belongs to (printed in a draft's blank date)."""
        return self.day.year


Built = Document | Sequence[Document]
Builder = Callable[[Database, int | None, BuildContext], Built]
# Read before the document is built (e.g. the versions of the record it prints); what it returns
# is handed to ``after_issue``.
BeforeIssue = Callable[[Database, int | None], object]
# Runs in the register's transaction, after the number is taken:
# (session, record id, register row, what ``before_issue`` returned).
AfterIssue = Callable[[Session, int | None, IssuedDocument, object], None]
# Raises ValidationError("issued_on", …) for a date of issue wrong for the record:
# (database, record id, date of issue, the kind's label).
DateCheck = Callable[[Database, int | None, date, str], None]
# (database, record id) → the question to ask before issuing, or None.
Ask = Callable[[Database, int | None], ConfirmationRequired | None]
# (database, record id) → the first and last day of the working days the document counts and
# prints ("5 ngày làm việc"), or None: asked about when a year of them has no days off entered.
DaysCounted = Callable[[Database, int | None], tuple[date, date] | None]
# The signature the kind prints by its settings and the date its signer's role is read on:
# (database, record id, context) → (date, block). What a choice of signer is offered against.
SigningOf = Callable[[Database, int | None, BuildContext], tuple[date, SignatureBlock]]


@dataclass(frozen=True)
class DocumentKind:
    name: str  # CLI name: convocation, minutes...
    label: str  # Vietnamese, for menus
    record_type: str | None  # meeting, session, round, or None (whole database)
    build: Builder
    summary: Callable[[Database, int | None], str]
    before_issue: BeforeIssue | None = None
    after_issue: AfterIssue | None = None
    options: tuple[str, ...] = ()  # option names the builder understands
    module: str = ""  # the module that defines it (the menus list kinds by module)
    # Issued once per record and day (a reminder), rather than once per record.
    per_day: bool = False
    # No record id means every record of the type (a reminder to all units): registered as 0.
    all_records: bool = False
    # Refuses a date of issue that makes no sense for the record (an invitation dated after
    # its meeting, a meeting's minutes before it): ``(db, record id, date, kind's label)``.
    check_date: DateCheck | None = None
    # A question to ask before issuing (attendance not recorded for the minutes): what it
    # returns is raised unless the caller confirmed it, see :func:`.service.issue`.
    ask: Ask | None = None
    # Where another signer may be chosen for one document (the minutes: none, their chair and
    # secretary sign): how the kind's signature is resolved by default.
    signing: SigningOf | None = None
    # A kind printing a count of working days: the span counted (:data:`DaysCounted`).
    days_counted: DaysCounted | None = None

    @property
    def scoped(self) -> bool:
        """Issued for a period or a list (the tasks report): one issued document per day and
        scope, told apart by the summary the register records (:meth:`register_summary`)."""
        return "period" in self.options

    def register_summary(
        self, db: Database, record_id: int | None, options: Mapping[str, Any] | None
    ) -> str:
        """The summary the register records: the kind's, with the period it reports on ("…
        quý III năm 2026") or the list it reports ("… (theo danh sách: tình trạng: Quá hạn)")."""
        text, opts = self.summary(db, record_id), options or {}
        if opts.get("period") is not None:  # a list of a period: both, told apart by each
            text = f"{text} {opts['period'].label}"
        if opts.get("shown") is not None:
            return f"{text} (theo danh sách: {opts['shown'].label})"
        return text


REGISTRY: dict[str, DocumentKind] = {}


def document_kind(
    name: str,
    record_type: str | None,
    summary: Callable[[Database, int | None], str],
    *,
    before_issue: BeforeIssue | None = None,
    after_issue: AfterIssue | None = None,
    options: Sequence[str] = (),
    per_day: bool = False,
    all_records: bool = False,
    check_date: DateCheck | None = None,
    ask: Ask | None = None,
    signing: SigningOf | None = None,
    days_counted: DaysCounted | None = None,
) -> Callable[[Builder], Builder]:
    """Register the decorated builder as kind ``name``; its label comes from
    :data:`.settings_checks.KIND_LABELS` (one table for menus, settings and messages)."""

    def wrap(build: Builder) -> Builder:
        REGISTRY[name] = DocumentKind(
            name,
            KIND_LABELS[name],
            record_type,
            build,
            summary,
            before_issue,
            after_issue,
            tuple(options),
            build.__module__.rsplit(".", 1)[-1],
            per_day,
            all_records,
            check_date,
            ask,
            signing,
            days_counted,
        )
        return build

    return wrap


def require(found: object, what: str, record_id: int | None) -> None:
    if found is None:
        raise NotFoundError(tr("Không tìm thấy {what} có mã {id}.").format(what=what, id=record_id))
