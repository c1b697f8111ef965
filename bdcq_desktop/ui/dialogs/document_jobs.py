"""The document dialog's work off the GUI thread, one job at a time: the kinds a record can
have, a preview built (or the issued copy read from the register) and an issue, the last two a
:class:`Result` the dialog shows when it is still the one it waits for (:class:`Wanted`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ...core import register
from ...core.db import Database
from ...core.issued_files import Restored
from ...core.read_scope import reading
from ...documents import readiness, service
from ...documents.layout import BuildCancelled, cancellable
from ..pdf_preview import PagePreview, render_pages

# One document job at a time: reportlab and pdfium keep global state, and two builds racing
# (the user flicking through kinds) gain nothing.
_JOB_LOCK = threading.Lock()


@dataclass
class Wanted:
    """Whether a preview is still wanted, as its build thread sees it: the dialog open, and
    the build the latest asked for (each build and issue takes the next generation)."""

    closed: bool = False
    generation: int = 0


@dataclass(frozen=True)
class Result:
    generation: int
    kind: str
    pdf: bytes
    issued: register.IssuedRecord | None
    from_store: bool
    preview: PagePreview
    just_issued: bool = False
    # Who may sign the draft on screen (None: the kind offers no choice, or the issued copy is
    # shown), and the one it was built for (None: the settings' signer; the first who may sign
    # when the settings' signer cannot, see SignerChoices.signer_for).
    signers: service.SignerChoices | None = None
    signer_id: int | None = None
    # The document's file in the issued-documents folder that reading it put back from the
    # register (missing or altered on disk), for the dialog to tell; None: it was right.
    restored: Restored | None = None


def check_kinds(
    db: Database, record_type: str | None, record_id: int | None, today: date | None
) -> tuple[dict[str, str], str | None]:
    """The kinds that cannot be made for the record now (with why), and the kind that fits
    the record's stage."""
    with _JOB_LOCK, reading():  # only reads: a refusal does not say "Chưa lưu được gì."
        blocked = readiness.unavailable_kinds(db, record_type, record_id, today=today)
        return blocked, readiness.suggested_kind(db, record_type, record_id, blocked)


def build_preview(
    db: Database,
    kind: str,
    record_id: int | None,
    generation: int,
    want_draft: bool,
    today: date | None,
    unwanted: Callable[[], bool],
    signer_id: int | None = None,
    options: Mapping[str, Any] | None = None,
) -> Result:
    """The document to show: the issued copy from the register (unless a draft is wanted),
    else a draft signed by ``signer_id`` (None: the settings' signer) with who else may sign
    it, built while ``unwanted()`` stays false (else :class:`BuildCancelled`)."""
    # Only reads (a draft made, the issued copy read back): a refusal on the way says the
    # data was not read, not "Chưa lưu được gì."; issuing (issue_document) saves.
    with _JOB_LOCK, reading():
        if unwanted():  # closed, or another kind picked, while it waited its turn
            raise BuildCancelled
        issued = service.find_issued(db, kind, record_id, on=today, options=options)
        signers, restored = None, None
        if issued is not None and not want_draft:
            copy, from_store = register.read_stored(issued, db), True
            pdf, restored = copy.content, copy.restored
        else:
            with cancellable(unwanted):
                signers = service.signer_choices(db, kind, record_id, today=today)
                if signers is not None:  # the settings' signer refused: the first who may
                    signer_id = signers.signer_for(signer_id)
                pdf = service.draft(
                    db, kind, record_id, today=today, signer_id=signer_id, options=options
                )
            from_store = False
        preview = render_pages(pdf)
        return Result(
            generation, kind, pdf, issued, from_store, preview, False, signers, signer_id, restored
        )


def issue_document(
    db: Database,
    kind: str,
    record_id: int | None,
    generation: int,
    confirm_unmarked: bool = False,
    signer_id: int | None = None,
    options: Mapping[str, Any] | None = None,
    *,
    confirm_days_off: bool = False,
) -> Result:
    """Issue the document signed by ``signer_id`` (None: the settings' signer): next number,
    stored PDF; then show the stored copy (``confirm_unmarked``, ``confirm_days_off``: the
    officer answered the core's questions, see service.issue)."""
    with _JOB_LOCK:
        rec = service.issue(
            db, kind, record_id, confirm_unmarked=confirm_unmarked, signer_id=signer_id,
            options=options, confirm_days_off=confirm_days_off,
        )  # fmt: skip
        copy = register.read_stored(rec, db)
        preview = render_pages(copy.content)
        return Result(
            generation, kind, copy.content, rec, True, preview, True, restored=copy.restored
        )
