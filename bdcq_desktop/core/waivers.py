"""Waiving a unit's report in a round (miễn nộp): the committee agreed the unit need not send
it, e.g. a unit dissolved in a reorganisation whose successor reports for it, or a unit with
nothing to report that period. A waived report is neither overdue nor chased; it is counted
apart (:func:`.models.submission_status` says ``waived``).

The waiver is the day it was decided (not in the future, not before the round's earliest day,
:func:`.rounds.received_from`) and its reason, both required; it is refused once a report is
received (nothing is owed any more), and so is undoing it ("Bỏ miễn nộp"), which would change
nothing the status shows. Each is one core call in one transaction, guarded by the round's
version as recording a report is (:mod:`.submissions`); the audit hook logs the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import ValidationError
from .i18n import tr
from .locking import flush, touch
from .models import Submission
from .report_periods import RECEIVED_FROM
from .rounds import round_received_from
from .submissions import (
    KIND,
    LABELS,
    submission_for_change,
    unit_submission,
    version_read,
)
from .text import short_date

REASON_MAX = 2000


def _l(key: str) -> str:
    return tr(LABELS[key])


@dataclass(frozen=True)
class _Waiver:
    on: date
    reason: str


def _clean(reason: object, waived_on: object, today: date) -> _Waiver:
    text = v.text(
        reason, "waived_reason", _l("waived_reason"), required=True, max_len=REASON_MAX,
        multiline=True,
    )  # fmt: skip
    day = v.date_value(waived_on, "waived_on", _l("waived_on")) or today
    v.date_window(day, "waived_on", _l("waived_on"), latest=today)
    assert text is not None
    return _Waiver(day, text)


def _refuse_received(sub: Submission, doing: str) -> None:
    """Nothing to waive, or to un-waive, once the unit's report arrived."""
    if sub.received_on is None:
        return
    raise ValidationError(
        "received_on",
        tr(
            "Không {doing} được: báo cáo của “{unit}” đã được ghi nhận ngày {day} "
            '("{label}"). Ghi nhận nhầm thì hủy ghi nhận trước.'
        ).format(
            doing=doing,
            unit=sub.unit.name,
            day=short_date(sub.received_on),
            label=tr(LABELS["received_on"]),
        ),
        label=tr(LABELS["received_on"]),
    )


def _waive(s: Session, sub: Submission, w: _Waiver) -> int:
    _refuse_received(sub, tr("miễn nộp"))
    bound = round_received_from(sub.round)
    if bound is not None and w.on < bound[0]:
        raise ValidationError(
            "waived_on",
            tr('"{label}" ({day}) không được sớm hơn {what} ({earliest}).').format(
                label=_l("waived_on"),
                day=short_date(w.on),
                what=tr(RECEIVED_FROM[bound[1]]),
                earliest=short_date(bound[0]),
            ),
            label=_l("waived_on"),
        )
    sub.waived_on = w.on
    sub.waived_reason = w.reason
    touch(sub.round)
    flush(s, tr(KIND))
    return sub.id


def _unwaive(s: Session, sub: Submission) -> int:
    _refuse_received(sub, tr("bỏ miễn nộp"))
    if sub.waived_on is None:
        raise ValidationError(
            "waived_on",
            tr("Báo cáo của “{unit}” không được miễn nộp: không có gì để bỏ.").format(
                unit=sub.unit.name
            ),
            label=_l("waived_on"),
        )
    sub.waived_on = None
    sub.waived_reason = None
    touch(sub.round)
    flush(s, tr(KIND))
    return sub.id


def waive_submission(
    db: Database,
    submission_id: int,
    *,
    expected_version: int | None,
    reason: object,
    waived_on: object = None,
    today: date | None = None,
    submission_version: int | None = None,
) -> int:
    """Excuse the unit from this report (from ``waived_on``, today when empty, for ``reason``);
    a waiver already recorded is corrected. ``expected_version`` is the round's version read,
    ``submission_version`` the submission's (then the guard, as for recording a report:
    :func:`.submissions.submission_for_change`). Returns the submission's id."""
    w = _clean(reason, waived_on, today or date.today())
    seen = version_read(submission_version)
    with db.session() as s:
        return _waive(s, submission_for_change(s, submission_id, expected_version, seen), w)


def unwaive_submission(
    db: Database,
    submission_id: int,
    *,
    expected_version: int | None,
    submission_version: int | None = None,
) -> int:
    """Take a waiver off ("Bỏ miễn nộp"): the report is owed again (its status follows from
    the dates). The versions as :func:`waive_submission`'s. Returns the submission's id."""
    seen = version_read(submission_version)
    with db.session() as s:
        return _unwaive(s, submission_for_change(s, submission_id, expected_version, seen))


def waive_unit(
    db: Database,
    round_id: int,
    unit: str,
    *,
    reason: object,
    waived_on: object = None,
    expected_version: int | None = None,
    today: date | None = None,
    submission_version: int | None = None,
) -> int:
    """The command line's :func:`waive_submission`: the unit named (id, name or search words,
    as :func:`.submissions.receive`) in round ``round_id``."""
    w = _clean(reason, waived_on, today or date.today())
    seen = version_read(submission_version)
    with db.session() as s:
        return _waive(s, unit_submission(s, round_id, unit, expected_version, seen), w)


def unwaive_unit(
    db: Database,
    round_id: int,
    unit: str,
    *,
    expected_version: int | None = None,
    submission_version: int | None = None,
) -> int:
    """The command line's :func:`unwaive_submission`."""
    seen = version_read(submission_version)
    with db.session() as s:
        return _unwaive(s, unit_submission(s, round_id, unit, expected_version, seen))
