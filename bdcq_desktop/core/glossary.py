"""The words the application shows, one for each thing: the glossary of user-visible terms.

A person reading the screens, the documents and the command line's messages should meet one
word for one thing ("Thư điện tử" in the table, in the dialog and in the details line, not
"Email" here and "Thư điện tử" there) and no English left over from Qt's own widgets. New
screens take their words from :data:`TERMS`; the test ``tests/test_glossary.py`` walks every
window and dialog it can open and fails on any word of :data:`AVOID` or :data:`QT_ENGLISH`.

Standard library only: the CLI and the documents may use it as well.
"""

from __future__ import annotations

import re

# Concept → the Vietnamese term used on every screen.
TERMS: dict[str, str] = {
    "email": "Thư điện tử",
    "phone": "Điện thoại",
    "unit": "Cơ quan, đơn vị",
    "position": "Chức vụ",
    "field": "Lĩnh vực phụ trách",
    "area": "Địa bàn phụ trách",
    "decision": "Quyết định",
    "search": "Tìm kiếm",
    "date_placeholder": "ngày/tháng/năm",
    "draft": "Dự thảo",
    "issue": "Ban hành",
    "file": "Tệp",
    "folder": "Thư mục",
    "computer": "Máy tính",
}

# A spelling seen on a screen → the glossary's term that replaces it.
AVOID: dict[str, str] = {
    "Email": TERMS["email"],
    "E-mail": TERMS["email"],
    "dd/mm/yyyy": TERMS["date_placeholder"],
}

# English words Qt's own widgets show when no translation answers for them (file dialogs,
# message boxes, line-edit menus, calendars). Not "in", which is Vietnamese ("in" = print),
# nor "mm" (millimetres): the date placeholder "dd/mm/yyyy" is caught whole by AVOID.
_QT_ENGLISH_WORDS = """
    look files type computer name size date modified open save cancel yes no ok apply close
    back forward parent directory folder create new list view detail details email file
    select all undo redo cut copy paste delete help reset restore defaults discard abort retry
    ignore recent places show hidden rename drive unknown choose
"""
QT_ENGLISH = frozenset(_QT_ENGLISH_WORDS.split())

# Names kept as they are (a font's name is its name).
PROPER_NAMES = ("Times New Roman", "Liberation Serif")

_WORD = re.compile(r"[A-Za-z]+")
# Texts that are data, not words: paths, addresses, file filters, URLs.
_NOT_PROSE = re.compile(r"\S*[/@\\]\S*|\(\*[^)]*\)|\S+\.\w{2,4}\b")


def term(concept: str) -> str:
    """The glossary's word for ``concept`` (a key of :data:`TERMS`)."""
    return TERMS[concept]


def foreign_words(text: str) -> list[str]:
    """The words of ``text`` that have no place on a Vietnamese screen: an :data:`AVOID`
    spelling, or an English word from :data:`QT_ENGLISH`."""
    found = [variant for variant in AVOID if variant in text]
    prose = _NOT_PROSE.sub(" ", text.replace("&", ""))
    for name in PROPER_NAMES:
        prose = prose.replace(name, " ")
    found += [w for w in _WORD.findall(prose) if w.lower() in QT_ENGLISH]
    return found
