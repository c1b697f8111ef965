"""Recording what a unit sent in a round: the day it arrived, the unit's document number and
date, a summary of its results, the file, the secretariat's evaluation.

Each is one core call in one transaction: the file (read and checked beforehand by
:func:`.stored_files.read_upload`) is stored in the same transaction as the submission it
belongs to. The round's version guards its submissions: a save passes the round version it
read, and bumps it. A save that also passes the submission's own version read
(``submission_version``) is guarded by that one instead (:func:`submission_for_change`): two
officers recording two units' reports of one round at the same time both succeed, while a
report of the same unit saved elsewhere meanwhile is still a conflict. The status is never
stored; it is computed from the dates (:func:`.models.submission_status`).

Rules: the received date is required, not in the future, and not before the round's earliest
day (:func:`.rounds.received_from`: a regime's period start, an ad hoc request's day); the
unit's document date is not after the received date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, selectinload

from . import validation as v
from .db import Database
from .errors import NotFoundError, ValidationError
from .i18n import tr
from .locking import check_version, flush, lock_row, touch
from .models import ReportingRound, Submission, SubmissionStatus, Unit
from .models.reporting import round_opened_by
from .report_periods import RECEIVED_FROM
from .reports import SubmissionRow, submission_rows
from .rounds import round_received_from
from .stored_files import Upload, add_file
from .text import SearchQuery, clean, excerpt, fold, short_date

LABELS = {
    "received_on": "Ngày nhận",
    "document_number": "Số văn bản",
    "document_date": "Ngày văn bản",
    "summary": "Tóm tắt kết quả",
    "evaluation": "Đánh giá của Văn phòng",
    "file": "Tệp",
    "unit": "Cơ quan, đơn vị",
    "status": "Tình trạng",
    "waived_on": "Ngày miễn nộp",
    "waived_reason": "Lý do miễn nộp",
}
KIND = "Đợt báo cáo"
STATUSES = tuple(s.value for s in SubmissionStatus)


def _l(key: str) -> str:
    return tr(LABELS[key])


@dataclass(frozen=True)
class _Fields:
    received_on: date
    document_number: str | None
    document_date: date | None
    summary: str | None
    evaluation: str | None


def _clean(
    received_on: object,
    document_number: object,
    document_date: object,
    summary: object,
    evaluation: object,
    today: date,
) -> _Fields:
    received = v.date_value(received_on, "received_on", _l("received_on"), required=True)
    assert received is not None
    v.date_window(received, "received_on", _l("received_on"), latest=today)
    doc_date = v.date_value(document_date, "document_date", _l("document_date"))
    if doc_date is not None:
        v.date_window(doc_date, "document_date", _l("document_date"), latest=today)
        if doc_date > received:
            raise ValidationError(
                "document_date",
                tr('"{label}" ({day}) không được muộn hơn "Ngày nhận" ({received}).').format(
                    label=_l("document_date"),
                    day=short_date(doc_date),
                    received=short_date(received),
                ),
                label=_l("document_date"),
            )
    return _Fields(
        received_on=received,
        document_number=v.text(
            document_number, "document_number", _l("document_number"), max_len=100
        ),
        document_date=doc_date,
        summary=v.text(summary, "summary", _l("summary"), max_len=10000, multiline=True),
        evaluation=v.text(evaluation, "evaluation", _l("evaluation"), max_len=5000, multiline=True),
    )


def _check_received(rnd: ReportingRound, received: date) -> None:
    bound = round_received_from(rnd)
    if bound is not None and received < bound[0]:
        raise ValidationError(
            "received_on",
            tr('"{label}" ({day}) không được sớm hơn {what} ({earliest}).').format(
                label=_l("received_on"),
                day=short_date(received),
                what=tr(RECEIVED_FROM[bound[1]]),
                earliest=short_date(bound[0]),
            ),
            label=_l("received_on"),
        )


def _write(
    s: Session,
    sub: Submission,
    f: _Fields,
    upload: Upload | None,
    remove_file: bool,
) -> None:
    _check_received(sub.round, f.received_on)
    sub.received_on = f.received_on
    sub.document_number = f.document_number
    sub.document_date = f.document_date
    sub.summary = f.summary
    sub.evaluation = f.evaluation
    if upload is not None:
        stored = add_file(s, upload)
        sub.file_id = stored.id
        sub.file_sha256 = stored.sha256
    elif remove_file:
        sub.file_id = None
        sub.file_sha256 = None
    touch(sub.round)
    flush(s, tr(KIND))


def _submission(s: Session, submission_id: int) -> Submission:
    sub = s.get(Submission, submission_id, options=[selectinload(Submission.round)])
    if sub is None:
        raise NotFoundError(tr("Không tìm thấy báo cáo có mã {id}.").format(id=submission_id))
    return sub


def submission_for_change(
    s: Session,
    submission_id: int,
    expected_version: int | None,
    submission_version: int | None,
) -> Submission:
    """The submission to change. Without ``submission_version`` the round's version read
    (``expected_version``) guards it, as it guards every submission of the round. With it, a
    round saved meanwhile is no conflict by itself (another unit's report recorded): the round
    is locked, then the submission must be at the version read; the save's own rules are
    checked on the round as it is now (its dates)."""
    if submission_version is None:
        sub = _submission(s, submission_id)
        check_version(sub.round, expected_version, tr(KIND))
        return sub
    round_id = s.scalar(select(Submission.round_id).where(Submission.id == submission_id))
    if round_id is not None:
        lock_row(s, ReportingRound, round_id)
    sub = _submission(s, submission_id)
    check_version(
        sub, submission_version, tr("Báo cáo của “{unit}”").format(unit=sub.unit.name)
    )
    return sub


def version_read(submission_version: object) -> int | None:
    """The submission's version a caller read, checked before any session is opened."""
    return v.positive_int(
        submission_version, "submission_version", tr("Phiên bản báo cáo"), minimum=1
    )


def record_submission(
    db: Database,
    submission_id: int,
    *,
    expected_version: int | None,
    received_on: object,
    document_number: object = None,
    document_date: object = None,
    summary: object = None,
    evaluation: object = None,
    upload: Upload | None = None,
    remove_file: bool = False,
    today: date | None = None,
    submission_version: int | None = None,
) -> int:
    """Record (or correct) what a unit sent; ``expected_version`` is the round's version read,
    ``submission_version`` the submission's (then the guard: :func:`submission_for_change`).
    ``upload`` replaces the file (the old one stays in the database: files are immutable);
    ``remove_file`` detaches it. Returns the submission's id."""
    f = _clean(
        received_on, document_number, document_date, summary, evaluation, today or date.today()
    )
    seen = version_read(submission_version)
    with db.session() as s:
        sub = submission_for_change(s, submission_id, expected_version, seen)
        _write(s, sub, f, upload, remove_file)
        return sub.id


def clear_submission(
    db: Database,
    submission_id: int,
    *,
    expected_version: int | None,
    submission_version: int | None = None,
) -> int:
    """Undo a recording made by mistake: the unit is again "not received" (its status follows
    from the dates). The file stays in the database, unlinked. A report not recorded is
    refused: there is nothing to undo (the window offers "Hủy ghi nhận" only on a recorded one).
    The versions as :func:`record_submission`'s."""
    seen = version_read(submission_version)
    with db.session() as s:
        sub = submission_for_change(s, submission_id, expected_version, seen)
        if sub.received_on is None:
            raise ValidationError(
                "received_on",
                tr('Báo cáo của “{unit}” chưa được ghi nhận ("{label}" trống): không có gì để '
                   "hủy.").format(unit=sub.unit.name, label=_l("received_on")),
                label=_l("received_on"),
            )  # fmt: skip
        sub.received_on = None
        sub.document_number = None
        sub.document_date = None
        sub.summary = None
        sub.evaluation = None
        sub.file_id = None
        sub.file_sha256 = None
        touch(sub.round)
        flush(s, tr(KIND))
        return sub.id


def _find_unit(subs: list[Submission], unit: str) -> Submission:
    """The submission of ``unit`` (its id, its exact name or short name, else the only one the
    search rule finds) among a round's submissions."""
    text = clean(unit)
    if text.isascii() and text.isdigit():
        for sub in subs:
            if sub.unit_id == int(text):
                return sub
    folded = fold(text)
    exact = [
        sub for sub in subs if folded in (fold(sub.unit.name), fold(sub.unit.short_name or ""))
    ]
    if len(exact) == 1:
        return exact[0]
    query = SearchQuery(text)
    found = exact or [
        sub for sub in subs if query and query.finds(sub.unit.name, sub.unit.short_name)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(
            "unit",
            tr("Không có đơn vị “{unit}” trong đợt báo cáo này.").format(unit=excerpt(text)),
            label=_l("unit"),
        )
    names = "; ".join(sub.unit.name for sub in found[:5])
    raise ValidationError(
        "unit",
        tr("“{unit}” khớp {n} đơn vị ({names}); hãy ghi rõ hơn hoặc dùng mã đơn vị.").format(
            unit=excerpt(text), n=len(found), names=names
        ),
        label=_l("unit"),
    )


def unit_submission(
    s: Session,
    round_id: int,
    unit: str,
    expected_version: int | None,
    submission_version: int | None = None,
) -> Submission:
    """The submission of ``unit`` (see :func:`_find_unit`) in round ``round_id``, whose version
    must be ``expected_version`` (``None``: not checked): what the command line names. Given
    ``submission_version``, that one guards instead (:func:`submission_for_change`)."""
    if submission_version is not None:
        lock_row(s, ReportingRound, round_id)
    rnd = s.get(ReportingRound, round_id)
    if rnd is None:
        raise NotFoundError(tr("Không tìm thấy đợt báo cáo có mã {id}.").format(id=round_id))
    if submission_version is None:
        check_version(rnd, expected_version, tr(KIND))
    subs = list(
        s.scalars(
            select(Submission)
            .where(Submission.round_id == round_id)
            .options(selectinload(Submission.unit))
            .join(Unit, Submission.unit_id == Unit.id)
            .order_by(Unit.sort_order, Submission.id)
        )
    )
    sub = _find_unit(subs, unit)
    if submission_version is not None:
        check_version(
            sub, submission_version, tr("Báo cáo của “{unit}”").format(unit=sub.unit.name)
        )
    return sub


def find_unit_submission(db: Database, round_id: int, unit: str) -> SubmissionRow:
    """The row of ``unit``'s submission in round ``round_id`` (the unit named as
    :func:`receive` names it), as the window's table shows it: what the command line reads
    before it corrects or clears the report through the window's own calls
    (:func:`record_submission`, :func:`clear_submission`), with the round's version read."""
    with db.session() as s:
        submission_id = unit_submission(s, round_id, unit, None).id
    return submission_rows(db, Submission.id == submission_id)[0]


def receive(
    db: Database,
    round_id: int,
    unit: str,
    *,
    received_on: object,
    document_number: object = None,
    document_date: object = None,
    summary: object = None,
    upload: Upload | None = None,
    expected_version: int | None = None,
    today: date | None = None,
    submission_version: int | None = None,
) -> int:
    """The command line's "a report arrived": the unit is named (id, name or search words);
    a unit whose report is already recorded is refused (a correction goes through
    :func:`record_submission`). The versions as :func:`record_submission`'s. Returns the
    submission's id."""
    f = _clean(received_on, document_number, document_date, summary, None, today or date.today())
    seen = version_read(submission_version)
    with db.session() as s:
        sub = unit_submission(s, round_id, unit, expected_version, seen)
        if sub.received_on is not None:
            # Only the command line receives this way: name its command for a correction.
            raise ValidationError(
                "unit",
                tr(
                    "Báo cáo của “{unit}” đã được ghi nhận ngày {day}; muốn sửa, dùng "
                    "bdcq reports edit {round} {unit_id} (--date, --number…)."
                ).format(
                    unit=sub.unit.name,
                    day=short_date(sub.received_on),
                    round=sub.round_id,
                    unit_id=sub.unit_id,
                ),
                label=_l("unit"),
            )
        _write(s, sub, f, upload, False)
        return sub.id


def clean_status(status: object) -> str | None:
    if status is None or str(status).strip() == "":
        return None
    wanted = str(status).strip().casefold()
    if wanted == "missing":  # the former name of "overdue"
        wanted = SubmissionStatus.OVERDUE.value
    if wanted not in STATUSES:
        raise ValidationError(
            "status",
            tr('"{label}" không nhận giá trị "{value}"; các giá trị hợp lệ: {allowed}.').format(
                label=_l("status"), value=status, allowed=", ".join(STATUSES)
            ),
            label=_l("status"),
        )
    return wanted


def list_all_submissions(
    db: Database,
    *,
    status: object = None,
    round_id: int | None = None,
    unit: str | None = None,
    today: date | None = None,
) -> list[SubmissionRow]:
    """Submissions, one per unit and round, as they stood on ``today``, of the rounds opened
    by then (a list of a past day leaves out the rounds not yet asked: see
    :func:`.models.submission_on`): filtered by computed ``status``, by round, and by unit
    (the search boxes' rule, :class:`.text.SearchQuery`)."""
    wanted = clean_status(status)
    day = today or date.today()
    where = round_opened_by(day)
    if round_id is not None:
        where = and_(where, Submission.round_id == round_id)
    rows = submission_rows(db, where, today=day)
    if wanted is not None:
        rows = [r for r in rows if r.status == wanted]
    if unit:
        query = SearchQuery(unit)
        rows = [r for r in rows if query.finds(r.unit)]
    return rows
