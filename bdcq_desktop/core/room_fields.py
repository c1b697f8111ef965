"""The field checks of a room record file (:mod:`.room_record`): each refuses with a Vietnamese
message naming where in the file the value is and what is wrong with it, before anything reads
the database. Apart from the file's layout so that its parts (the marks, the notes, the
conclusions) share one wording."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from .errors import BcdError
from .i18n import tr


def bad(where: str, what: str) -> BcdError:
    return BcdError(
        tr("Tệp biên ghi phòng họp không hợp lệ: {where}: {what}.").format(where=where, what=what)
    )


def get(d: dict[str, Any], key: str, where: str) -> Any:
    if key not in d:
        raise bad(where, tr("thiếu trường “{key}”").format(key=key))
    return d[key]


def obj(value: Any, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad(where, tr("phải là một đối tượng"))
    extra = sorted(set(value) - set(keys))
    if extra:
        raise bad(where, tr("trường lạ: {names}").format(names=", ".join(extra)[:200]))
    for key in keys:
        get(value, key, where)
    return value


def int_(value: Any, where: str, *, minimum: int = 0, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value < 2**53:
        raise bad(where, tr("phải là số nguyên không nhỏ hơn {n}").format(n=minimum))
    return value


def text(value: Any, where: str, *, limit: int, nullable: bool = True) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise bad(where, tr("phải là chuỗi ký tự"))
    if len(value) > limit:
        raise bad(where, tr("dài quá {n} ký tự").format(n=limit))
    if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
        raise bad(where, tr("có ký tự không lưu được"))
    if unicodedata.normalize("NFC", value) != value:
        raise bad(where, tr("chữ không ở dạng chuẩn Unicode NFC"))
    return value


def when(value: Any, where: str, *, nullable: bool = True) -> datetime | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise bad(where, tr("phải là ngày giờ dạng ISO (2026-03-02T08:00:00)"))
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise bad(where, tr("ngày giờ “{value}” không đúng").format(value=value[:40])) from None
    if at.tzinfo is not None or not 1900 <= at.year <= 2200:
        raise bad(where, tr("ngày giờ “{value}” ngoài phạm vi").format(value=value[:40]))
    return at


def choice(value: Any, where: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise bad(where, tr("chỉ nhận: {allowed}").format(allowed=", ".join(allowed)))
    return str(value)


def list_(value: Any, where: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise bad(where, tr("phải là một danh sách"))
    if len(value) > limit:
        raise bad(where, tr("quá {n} dòng").format(n=limit))
    return value


def day(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise bad(where, tr("phải là ngày dạng ISO (2026-12-31)"))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad(where, tr("ngày “{value}” không đúng").format(value=value)) from None
