"""Correcting a reporting round, and deleting one opened by mistake.

A round's dates are typed, or taken from the regime's rule, by an officer who may be wrong: an
office starting mid-period opens the round "today", a deadline is extended by the Head's
letter, a request's day was left out; a unit was forgotten, or one that does not report for
this regime was ticked. :func:`update_round` changes what the round has (its title, opening
date, deadline, data cut-off date, units; for an ad hoc request also the request's
reference, day and conclusion) in one transaction, guarded by the round's version. Its period
is not changed here: a round of the wrong period is deleted and opened again.

A unit added is asked as when the round opened (nothing received yet); a unit whose report
is recorded stays (its record would go with it: the recording is undone first), and a round
keeps at least one unit. A unit is added only if it was there in the round's time, as
opening a round asks the units of its opening day (one rule for both,
:class:`.round_time.RoundTime`): so a unit merged since may still be added to an old
round, and a unit created since (a ward of 1/7/2025 to a 2024 round) may not. The change log
names the units added and removed on the round's own line (:func:`.audit.log_also`), as well
as each unit's report created or deleted.

The dates are checked as when opening, and against the reports already recorded: a day that
would put a recorded report before the earliest received date (:func:`.report_periods.
received_from`) is refused, naming the field and the units; a deadline moved earlier so that
reports recorded as on time become late asks first (:class:`.errors.RoundStatusWarning`).

:func:`delete_round` removes a round and its expected submissions, only while nothing is
recorded in it and no document about it was issued; one holding waivers (miễn nộp, with the
committee's reasons) asks first (:class:`.errors.RoundWaiversWarning`), naming them. The change
log (:mod:`.audit`) records both, as it records every other write.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from . import validation as v
from .audit import log_also
from .db import Database
from .errors import (
    BcdError,
    NotFoundError,
    RoundStatusWarning,
    RoundWaiversWarning,
    ValidationError,
)
from .i18n import tr
from .locking import check_version, flush, touch
from .models import Conclusion, IssuedDocument, ReportingRound, Submission, Unit
from .regimes import _ids
from .report_periods import RECEIVED_FROM, received_from
from .round_time import RoundTime, round_day, round_end
from .rounds import KIND, LABELS, submission_recorded
from .text import excerpt, short_date

# The fields a round of a regime has; an ad hoc request has the others too, and no cut-off.
REGIME_FIELDS = ("title", "opened_on", "due_date", "cutoff_date", "unit_ids")
AD_HOC_FIELDS = (
    "title",
    "opened_on",
    "due_date",
    "request_reference",
    "requested_on",
    "conclusion_id",
    "unit_ids",
)
EDIT_LABELS = {
    **LABELS,
    "cutoff_date": "Ngày chốt số liệu",
    # Not fields one sets: what the change log calls a change of the round's units.
    "units_added": "Thêm đơn vị báo cáo",
    "units_removed": "Bỏ đơn vị báo cáo",
}
_SHOWN = 5  # units named in a message; the rest are counted


def _l(key: str) -> str:
    return tr(EDIT_LABELS[key])


def _fail(key: str, message: str) -> ValidationError:
    return ValidationError(key, message, label=_l(key))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """Each field given, cleaned; the required ones may not be emptied."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "title":
            out[key] = v.text(value, key, _l(key), required=True, max_len=300)
        elif key == "request_reference":
            out[key] = v.text(value, key, _l(key), max_len=200)
        elif key == "conclusion_id":
            out[key] = v.positive_int(value, key, _l(key), minimum=1)
        elif key == "unit_ids":
            out[key] = _ids(value, key)
            if not out[key]:
                raise _fail(
                    key,
                    tr(
                        '"{label}" không được để trống: đợt phải có ít nhất một đơn vị. Đợt mở '
                        "nhầm thì xóa đợt."
                    ).format(label=_l(key)),
                )
        elif key in ("opened_on", "due_date", "requested_on", "cutoff_date"):
            # The opening date may stay empty on a round kept from before it was recorded; it
            # may not be emptied once recorded (see update_round).
            out[key] = v.date_value(value, key, _l(key), required=key == "due_date")
        else:
            raise ValidationError(key, tr("Đợt báo cáo không có trường “{key}”.").format(key=key))
    return out


def _waivers(subs: list[Submission]) -> str:
    """"Sở Tư pháp: lý do; …", the first few: what a deletion would lose."""
    shown = "; ".join(
        f"{s.unit.name}: {excerpt(s.waived_reason, 60)}" if s.waived_reason else s.unit.name
        for s in subs[:_SHOWN]
    )
    if len(subs) > _SHOWN:
        shown += tr(" và {n} đơn vị khác").format(n=len(subs) - _SHOWN)
    return shown


def _names(subs: list[Submission]) -> str:
    shown = "; ".join(
        f"{s.unit.name} ({short_date(s.received_on)})" if s.received_on else s.unit.name
        for s in subs[:_SHOWN]
    )
    if len(subs) > _SHOWN:
        shown += tr(" và {n} đơn vị khác").format(n=len(subs) - _SHOWN)
    return shown


def _issued(s: Session, rnd: ReportingRound) -> list[str]:
    """The symbols of the documents issued about ``rnd`` (the register points at it)."""
    return list(
        s.scalars(
            select(IssuedDocument.symbol).where(
                IssuedDocument.record_type == "round", IssuedDocument.record_id == rnd.id
            )
        )
    )


def in_round_time(db: Database, round_id: int) -> list[int]:
    """The units that may be added to the round (:class:`RoundTime`), in the official order:
    what Sửa đợt lists beside the units the round already has."""
    with db.session() as s:
        rnd = _load(s, round_id)
        ids = list(s.scalars(select(Unit.id).order_by(Unit.sort_order, Unit.id)))
        there = RoundTime(s, round_day(rnd), round_end(rnd), ids)
        return [uid for uid in ids if there.may_ask(uid)]


def _plan_units(
    s: Session, rnd: ReportingRound, wanted: list[int], day: date
) -> tuple[list[Unit], list[Submission]]:
    """The units to add to ``rnd`` and the submissions to remove so that its units are
    ``wanted``; refused (nothing written yet) for a unit that is not there or was not there
    on ``day`` (:class:`RoundTime`), and for a unit whose report is recorded."""
    have = {sub.unit_id: sub for sub in rnd.submissions}
    gone = [sub for uid, sub in have.items() if uid not in wanted]
    recorded = [sub for sub in gone if submission_recorded(sub)]
    if recorded:
        raise _fail(
            "unit_ids",
            tr(
                'Không bỏ được khỏi "{label}": {units} — báo cáo của đơn vị đã được ghi nhận. '
                "Ghi nhận nhầm thì hủy ghi nhận trước."
            ).format(label=_l("unit_ids"), units=_names(recorded)),
        )
    if gone:
        # A summary issued about the round lists its units: one taken out afterwards would
        # leave the issued text and the round telling two stories (as deleting the round).
        docs = _issued(s, rnd)
        if docs:
            raise _fail(
                "unit_ids",
                tr(
                    'Không bỏ được khỏi "{label}": {units} — đã có văn bản ban hành về đợt '
                    "({symbols}). Đơn vị không phải báo cáo thì ghi nhận trong báo cáo của đơn "
                    "vị."
                ).format(label=_l("unit_ids"), units=_names(gone), symbols=", ".join(docs)),
            )
    new_ids = [uid for uid in wanted if uid not in have]
    found = {u.id: u for u in s.scalars(select(Unit).where(Unit.id.in_(new_ids)))}
    missing = [str(uid) for uid in new_ids if uid not in found]
    if missing:
        raise _fail(
            "unit_ids",
            tr('"{label}": không có cơ quan, đơn vị mã {ids}.').format(
                label=_l("unit_ids"), ids=", ".join(missing)
            ),
        )
    # Not today's active flag: a round of 2024 asks the units of 2024 (:class:`RoundTime`).
    there = RoundTime(s, day, round_end(rnd), new_ids)
    cannot = tr('Không thêm được vào "{label}"').format(label=_l("unit_ids"))
    there.refuse([found[uid] for uid in new_ids], "unit_ids", _l("unit_ids"), cannot)
    return [found[uid] for uid in new_ids], gone


def _change_units(
    s: Session, rnd: ReportingRound, added: list[Unit], gone: list[Submission]
) -> None:
    """Ask the ``added`` units as opening the round asks them (an empty submission), drop the
    ``gone`` ones, and name both in the round's change log line."""
    for sub in gone:
        rnd.submissions.remove(sub)
        s.delete(sub)  # in the change log as a deleted report, with its unit
    for unit in added:
        rnd.submissions.append(Submission(unit=unit))
    note: dict[str, list[Any]] = {}
    if added:
        note["units_added"] = [None, "; ".join(u.name for u in added)]
    if gone:
        note["units_removed"] = ["; ".join(sub.unit.name for sub in gone), None]
    log_also(s, rnd, note)
    touch(rnd)  # the round's version guards its units


def _check_dates(rnd: ReportingRound, changed: set[str]) -> None:
    """The round's dates, as they will be saved, against each other (as when opening). Only
    the pairs the edit touches: a regime whose cut-off falls after its deadline made rounds
    like that, and correcting such a round's title must still work."""
    start = tr("Ngày bắt đầu kỳ")
    if rnd.period_start is None:  # an ad hoc request: asked, then opened, then due
        pairs = [
            ("requested_on", rnd.requested_on, "opened_on", rnd.opened_on),
            ("opened_on", rnd.opened_on, "due_date", rnd.due_date),
        ]
    else:  # a deadline, or a cut-off, before the period began is another period's
        pairs = [
            ("period_start", rnd.period_start, "due_date", rnd.due_date),
            ("period_start", rnd.period_start, "cutoff_date", rnd.cutoff_date),
            ("cutoff_date", rnd.cutoff_date, "due_date", rnd.due_date),
        ]
    for first_key, first, key, day in pairs:
        if changed & {first_key, key}:
            first_label = start if first_key == "period_start" else _l(first_key)
            v.date_order(first, day, key, _l(key), start_label=first_label)


def _check_recorded(
    rnd: ReportingRound, changed: set[str], old_due: date, confirmed: bool
) -> None:
    """The reports already recorded against the round's new dates."""
    recorded = [s for s in rnd.submissions if s.received_on is not None]
    bound = received_from(rnd.period_start, rnd.requested_on, rnd.opened_on)
    if bound is not None and changed & {"requested_on", "opened_on"}:
        early = [s for s in recorded if s.received_on < bound[0]]  # type: ignore[operator]
        if early:
            raise _fail(
                bound[1],
                tr(
                    '"{label}" ({day}) không được muộn hơn ngày nhận các báo cáo đã ghi nhận: '
                    "{units}. Báo cáo không thể nhận trước {what}; hãy sửa ngày nhận trước."
                ).format(
                    label=_l(bound[1]),
                    day=short_date(bound[0]),
                    units=_names(early),
                    what=tr(RECEIVED_FROM[bound[1]]),
                ),
            )
    if confirmed or rnd.due_date >= old_due:
        return
    turned = [s for s in recorded if rnd.due_date < s.received_on <= old_due]  # type: ignore[operator]
    if turned:
        raise RoundStatusWarning(
            tr(
                '"{label}" mới ({due}) làm {n} báo cáo đã ghi nhận đúng hạn thành nộp muộn: '
                "{units}. Vẫn lưu?"
            ).format(
                label=_l("due_date"),
                due=short_date(rnd.due_date),
                n=len(turned),
                units=_names(turned),
            )
        )


def _load(s: Session, round_id: int) -> ReportingRound:
    rnd = s.get(
        ReportingRound,
        round_id,
        options=[selectinload(ReportingRound.submissions).selectinload(Submission.unit)],
    )
    if rnd is None:
        raise NotFoundError(tr("Không tìm thấy đợt báo cáo có mã {id}.").format(id=round_id))
    return rnd


def update_round(
    db: Database,
    round_id: int,
    *,
    expected_version: int | None,
    confirm_status_change: bool = False,
    today: date | None = None,
    **fields: Any,
) -> int:
    """Change the fields given (see :data:`REGIME_FIELDS`, :data:`AD_HOC_FIELDS`; ``unit_ids``
    is the round's whole new list of units); returns the round's id. ``confirm_status_change``
    goes ahead when an earlier deadline makes reports recorded as on time late."""
    data = _clean(fields)
    with db.session() as s:
        rnd = _load(s, round_id)
        check_version(rnd, expected_version, tr(KIND))
        allowed = REGIME_FIELDS if rnd.period_start is not None else AD_HOC_FIELDS
        for key in data:
            if key not in allowed:
                kind = tr("theo chế độ") if rnd.period_start is not None else tr("đột xuất")
                raise _fail(
                    key,
                    tr('Đợt báo cáo {kind} không có "{label}".').format(kind=kind, label=_l(key)),
                )
        cid = data.get("conclusion_id")
        if cid is not None and s.get(Conclusion, cid) is None:
            raise _fail("conclusion_id", tr("Không tìm thấy kết luận có mã {id}.").format(id=cid))
        # Read (and refused) before any field is set: a read's autoflush would write them.
        wanted = data.pop("unit_ids", None)
        if wanted is not None:  # the units of the opening day as it will be saved
            rnd_day = data.get("opened_on") or round_day(rnd, today)
            added, gone = _plan_units(s, rnd, wanted, rnd_day)
        else:
            added, gone = [], []
        old_due = rnd.due_date
        # What really changes (a caller may send fields as they were): only that is written and
        # checked against the rest. An empty text stored as "" or NULL is the same empty text.
        changed = {key for key, value in data.items() if (getattr(rnd, key) or None) != value}
        if "opened_on" in changed and data["opened_on"] is None:
            v.date_value(None, "opened_on", _l("opened_on"), required=True)  # refused, named
        for key in changed & {"opened_on", "requested_on"}:  # things already done: not future
            if data[key] is not None:
                v.date_window(data[key], key, _l(key), latest=today or date.today())
        for key in changed:
            setattr(rnd, key, data[key])
        # An ad hoc request's label says what asked for it: rewritten only when that changes, so
        # a label given otherwise (an older version, an import) survives another field's edit.
        if "request_reference" in changed:
            ref = rnd.request_reference
            label = tr("Theo {reference}").format(reference=ref) if ref else tr("Đột xuất")
            rnd.period_label = label[:100]
        _check_dates(rnd, changed)
        _check_recorded(rnd, changed, old_due, confirm_status_change)
        if added or gone:
            _change_units(s, rnd, added, gone)
        flush(s, tr(KIND))
        return rnd.id


def delete_round(
    db: Database,
    round_id: int,
    *,
    expected_version: int | None,
    confirm_waivers: bool = False,
) -> None:
    """Delete a round opened by mistake, with its expected submissions: only while no report
    is recorded in it and no document about it was issued (the register keeps pointing at
    it). Its waivers go with it only when ``confirm_waivers`` (else RoundWaiversWarning,
    naming them)."""
    with db.session() as s:
        rnd = _load(s, round_id)
        check_version(rnd, expected_version, tr(KIND))
        recorded = [sub for sub in rnd.submissions if sub.received_on is not None]
        if recorded:
            raise BcdError(
                tr(
                    "Không xóa được đợt “{title}”: đã ghi nhận {n} báo cáo ({units}). Đợt mở "
                    "nhầm thì hủy ghi nhận các báo cáo đó trước; đợt ghi sai ngày thì sửa đợt."
                ).format(title=excerpt(rnd.title, 80), n=len(recorded), units=_names(recorded))
            )
        docs = _issued(s, rnd)
        if docs:
            raise BcdError(
                tr("Không xóa được đợt “{title}”: đã có văn bản ban hành ({symbols}).").format(
                    title=excerpt(rnd.title, 80), symbols=", ".join(docs)
                )
            )
        waived = [sub for sub in rnd.submissions if sub.waived_on is not None]
        if waived and not confirm_waivers:
            raise RoundWaiversWarning(
                tr(
                    "Đợt “{title}” có {n} miễn nộp của Ban Chỉ đạo ({units}); xóa đợt thì các "
                    "quyết định miễn nộp này (kèm lý do) bị xóa theo. Vẫn xóa?"
                ).format(title=excerpt(rnd.title, 80), n=len(waived), units=_waivers(waived))
            )
        s.delete(rnd)  # its submissions go with it (cascade), each in the change log
        flush(s, tr(KIND))

