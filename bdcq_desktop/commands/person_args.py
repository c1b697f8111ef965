"""A person given to a command by id or by full name: one rule for every command's person
options (meetings' ``--chair``…, tasks' ``--person``, ``--assigned-by``, ``--approved-by``…)."""

from __future__ import annotations

from typing import Any


def person_of(db: Any, text: str | None, field: str, label: str) -> int | None:
    """A person by id (digits) or by full name (diacritics and case ignored); a name nobody
    has, or several people have, is refused naming the option's field."""
    if text is None:
        return None
    cleaned = text.strip()
    if cleaned.isascii() and cleaned.isdigit():
        return int(cleaned)
    found = _named(db, cleaned, field, label)
    if not found:
        from ..core.errors import ValidationError

        raise ValidationError(
            field,
            f'không có ai tên "{cleaned}"; hãy ghi ID người (bdcq members list, bdcq people '
            "list).",
            label=label,
        )
    return found[0]


def who_args(db: Any, value: str | None, field: str, label: str) -> dict[str, Any]:
    """``--approved-by`` / ``--by``: a person (an id, or a full name as :func:`person_of` reads
    it: the Head or a Deputy Head, checked as such), else the words of the approving document
    ("Công văn số 15/BCĐ-VP ngày 04/01/2027"), kept as written."""
    if value is None:
        return {"id": None, "text": None}
    text = value.strip()
    if text.isascii() and text.isdigit():
        return {"id": int(text), "text": None}
    found = _named(db, text, field, label)
    # A person's name is that person, so that the rule on who may approve applies to them.
    return {"id": found[0], "text": None} if found else {"id": None, "text": value}


def _named(db: Any, text: str, field: str, label: str) -> list[int]:
    """The id of the one person named ``text`` ([] for nobody); namesakes are refused."""
    from ..core.errors import ValidationError
    from ..core.members import people_named

    found = [p.id for p in people_named(db, text)]
    if len(found) > 1:
        ids = ", ".join(map(str, found[:10]))
        raise ValidationError(
            field,
            f'có nhiều người cùng tên "{text}" (ID người {ids}); hãy ghi ID người.',
            label=label,
        )
    return found
