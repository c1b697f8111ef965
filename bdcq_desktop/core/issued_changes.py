"""An issued document whose record changes afterwards: asked first, then superseded.

A convocation (giấy triệu tập, giấy mời) tells people when and where to come, and who is
called. Once it is issued, changing what it printed — the days or hours, the place, the people
convened, the agenda (:mod:`.agenda_papers`) — makes the record and the paper people hold
disagree. A save that does so is asked first (:class:`.errors.IssuedConvocationWarning`,
confirmed with ``confirm_after_convocation=True``); confirmed, the convocation is marked
superseded in the same transaction, as reopened minutes are
(:func:`.minutes_text.reopen_minutes`): it stays in the register under its number, no longer
counts as issued, and the record can be issued again under a new number (numbers are never
reused or re-dated). One mechanism for the working group's sessions and the committee's
meetings, so both behave alike.

The meeting's conclusions notice (thông báo kết luận) behaves alike: it tells the units what
they were assigned, so adding, rewriting or removing a conclusion (or the tasks it printed)
after it was issued is asked (:class:`.errors.IssuedNoticeWarning`) and, confirmed, supersedes
it in the same transaction (:mod:`.conclusions`).

A change that moves the record's first day before the convocation's date is refused instead,
naming the field: a convocation cannot call people to work that began before it was signed.

Who an issued convocation named is read from the register as :mod:`.member_removal` reads
whether a document may list a member: a row entered before the document was created was
printed in it, one entered afterwards was not (:func:`printing`). Taking off someone added
after the convocation changes nothing it says, so it is neither asked nor superseded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import ConfirmationRequired, IssuedConvocationWarning, ValidationError
from .i18n import tr
from .models import IssuedDocument
from .text import short_date


def in_force(
    s: Session, record_type: str, record_id: int | None, kinds: Sequence[str]
) -> list[IssuedDocument]:
    """The record's issued documents of ``kinds`` still in force, the latest first."""
    if record_id is None:
        return []
    return list(
        s.scalars(
            select(IssuedDocument)
            .where(
                IssuedDocument.record_type == record_type,
                IssuedDocument.record_id == record_id,
                IssuedDocument.kind.in_(kinds),
                IssuedDocument.superseded_at.is_(None),
            )
            .order_by(IssuedDocument.issued_on.desc(), IssuedDocument.id.desc())
        )
    )


# What each kind is called in a message (any other: a convocation).
_NOUN = {"invitation": "Giấy mời", "conclusions": "Thông báo kết luận", "agenda": "Chương trình"}


def named(docs: Sequence[IssuedDocument]) -> str:
    """``Giấy triệu tập số 01/GTT-BCĐ ngày 30/11/2026`` (each document, as a message names it)."""
    return "; ".join(
        tr("{noun} số {symbol} ngày {day}").format(
            noun=tr(_NOUN.get(d.kind, "Giấy triệu tập")),
            symbol=d.symbol,
            day=short_date(d.issued_on),
        )
        for d in docs
    )


def printing(docs: Sequence[IssuedDocument], added_at: datetime) -> list[IssuedDocument]:
    """The documents among ``docs`` that print a row entered at ``added_at`` (both clocks are
    the tables' UTC stamps): those created after it. A person added once the convocation was
    issued is not on its list, whatever the record says now."""
    return [d for d in docs if d.created_at >= added_at]


def refuse_before_issue(
    docs: Sequence[IssuedDocument], first_day: date, field: str, label: str
) -> None:
    """The record's first day may not move before the date its convocation was issued."""
    earliest = min(docs, key=lambda d: d.issued_on, default=None)
    if earliest is not None and first_day < earliest.issued_on:
        raise ValidationError(
            field,
            tr(
                '"{label}" ({day}) sớm hơn ngày ban hành {doc}: không thể triệu tập cho ngày '
                "trước ngày ký văn bản triệu tập."
            ).format(label=label, day=short_date(first_day), doc=named([earliest])),
            label=label,
        )


def changed_words(changed: Iterable[str], of: str) -> str:
    """What a change touched, for :func:`supersede_after_change`'s question: "thời gian làm
    việc", "địa điểm họp", "thời gian, địa điểm làm việc"; ``changed`` are the fields changed
    (``place`` the place, any other a day or time), ``of`` "làm việc" or "họp"."""
    keys = set(changed)
    words = [tr("thời gian")] if keys - {"place"} else []
    if "place" in keys:
        words.append(tr("địa điểm"))
    return f"{', '.join(words)} {of}"


def supersede_after_change(
    docs: Sequence[IssuedDocument],
    what_changed: str,
    *,
    confirmed: bool,
    advice: str = "",
    warning: type[ConfirmationRequired] = IssuedConvocationWarning,
) -> list[str]:
    """Ask (unless ``confirmed``), then mark ``docs`` superseded; returns their symbols.

    ``what_changed`` completes the question ("thời gian, địa điểm làm việc"); ``advice``, a
    sentence put before "Vẫn lưu?", says what else the officer may do; ``warning`` is the
    question's class, whose ``parameter`` the caller takes as ``confirmed``."""
    if not docs:
        return []
    if not confirmed:
        raise warning(
            tr(
                "{docs} đã ban hành: sau khi thay đổi {what}, văn bản đó không còn đúng với "
                "hồ sơ. Văn bản sẽ được đánh dấu bị thay thế (vẫn lưu trong sổ văn bản, giữ "
                "số); cần ban hành lại với số mới. {advice}Vẫn lưu?"
            ).format(docs=named(docs), what=what_changed, advice=f"{advice} " if advice else "")
        )
    now = datetime.now().replace(microsecond=0)
    for d in docs:
        d.superseded_at = now
    return [d.symbol for d in docs]
