"""Honorifics: the Ông/Bà a gender or title typed in any spelling stands for, and its label.

Standard library only, like :mod:`.text` whose folding it reads with, so the roster's import,
the forms and the documents take "Nữ", "bà" or "F" the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .text import clean, fold

if TYPE_CHECKING:
    from bdcq_desktop.core.enums import Honorific

__all__ = [
    "Honorific",
    "honorific_for",
    "honorific_label",
    "with_honorific",
]

# Folded spellings a user, a spreadsheet or an English speaker may use for gender or title.
_MALE = frozenset({"nam", "ong", "m", "male", "man", "mr"})
_FEMALE = frozenset({"nu", "ba", "f", "female", "woman", "mrs", "ms", "miss"})


def _honorific_enum() -> type[Honorific]:
    # Imported late: the models package may import this module, and the enum must stay the one
    # stored in the database (values "ong"/"ba"), not a second copy.
    from bdcq_desktop.core.enums import Honorific

    return Honorific


def __getattr__(name: str) -> Any:
    # Lets callers write ``from bdcq_desktop.core.honorifics import Honorific`` without an
    # import cycle.
    if name == "Honorific":
        return _honorific_enum()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def honorific_for(gender_text: str | None) -> Honorific | None:
    """Map "Nam"/"Nữ"/"Ông"/"Bà"/"M"/"F"/"ong"/"ba"… (any case, any accents) to an honorific."""
    key = fold(gender_text).strip(" .")
    honorific = _honorific_enum()
    if key in _MALE:
        return honorific.ONG
    if key in _FEMALE:
        return honorific.BA
    return None


def honorific_label(honorific: Honorific | str | None, *, lower: bool = False) -> str:
    """``Ông``/``Bà`` (or ``ông``/``bà`` mid-sentence); ``""`` if unknown."""
    resolved = honorific_for(honorific)
    if resolved is None:
        return ""
    label = "Ông" if resolved is _honorific_enum().ONG else "Bà"
    return label.lower() if lower else label


def with_honorific(name: str | None, honorific: Honorific | str | None) -> str:
    """``Ông Nguyễn Văn A``; the bare name when the honorific is unknown."""
    label = honorific_label(honorific)
    name = clean(name)
    return f"{label} {name}" if label and name else name
