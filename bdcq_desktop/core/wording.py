"""A meeting's title as part of a sentence: of its documents ("Tới dự …", "tổ chức …", "tại
…") and of what the application shows ("Kết luận của cuộc họp … (12/01/2026)", what a working
session serves). In the core so the documents, the panes and the CLI word it alike.

Titles are typed freely: "Họp Ban Chỉ đạo …", "Làm việc với Sở Y tế", "Hội nghị sơ kết",
"Phó Trưởng ban làm việc với …", "Triển khai Đề án 06". The sentences need a noun phrase
starting in lower case, whatever the title's first letter.
"""

from __future__ import annotations

import unicodedata

from .enums import MeetingKind
from .text import clean

# Titles that start with what the meeting is ("Hội nghị sơ kết…"): the noun, lower-cased, is
# the phrase's own. Longer first, so that "buổi làm việc" is not read as "buổi".
_EVENT_NOUNS = (
    "buổi làm việc",
    "cuộc họp",
    "phiên họp",
    "hội nghị",
    "hội thảo",
    "tọa đàm",
    "toạ đàm",
    "diễn đàn",
    "lớp tập huấn",
    "kỳ họp",
    "buổi",
    "lễ",
)
# Titles that start with what people do ("Làm việc với Sở Y tế", "Họp Ban Chỉ đạo…"): the
# noun of that activity goes before it.
_ACTIVITIES = (
    ("họp mặt", "buổi họp mặt"),
    ("họp", "cuộc họp"),
    ("làm việc", "buổi làm việc"),
    ("giao ban", "cuộc họp giao ban"),
    ("sơ kết", "hội nghị sơ kết"),
    ("tổng kết", "hội nghị tổng kết"),
    ("tập huấn", "buổi tập huấn"),
    ("gặp mặt", "buổi gặp mặt"),
    ("đối thoại", "buổi đối thoại"),
)


# Who may hold a meeting, in titles such as "Ban Chỉ đạo họp phiên thường kỳ".
_ACTORS = (
    "trưởng ban ",
    "phó trưởng ban ",
    "ban chỉ đạo ",
    "tổ công tác ",
    "tổ trưởng ",
    "thường trực ",
    "lãnh đạo ",
    "chủ tịch ",
    "phó chủ tịch ",
    "ubnd ",
    "ủy ban ",
    "uỷ ban ",
)


# Words that start a name and keep their capital mid-sentence ("Ban Chỉ đạo", "Sở Y tế").
_PROPER_STARTS = frozenset({"Ban", "UBND", "Sở", "Tổ", "Đề", "Nghị", "Quyết", "Thông", "Chỉ"})


def lower_first(text: str) -> str:
    """``Xây dựng dự thảo…`` → ``xây dựng dự thảo…`` for use mid-sentence; an acronym or a
    capitalised proper name (``DTI``, ``Đề án``) keeps its capitals."""
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        first = text.split(" ", 1)[0]
        # A word that is capitalised as a name elsewhere in the vocabulary stays as it is.
        if first not in _PROPER_STARTS:
            return text[0].lower() + text[1:]
    return text


def _starts_with_word(low: str, word: str) -> bool:
    return low == word or low.startswith(word + " ") or low.startswith(word + ":")


def meeting_phrase(title: str, kind: MeetingKind | str | None = None) -> str:
    """The meeting as the object of a sentence ("Tới dự …", "tổ chức …", "tại …"), a noun
    phrase starting in lower case whatever the title's first letter:

    - ``Họp Ban Chỉ đạo …`` → ``cuộc họp Ban Chỉ đạo …``; ``Làm việc với Sở Y tế`` →
      ``buổi làm việc với Sở Y tế``; ``Sơ kết 6 tháng`` → ``hội nghị sơ kết 6 tháng``;
    - ``Hội nghị sơ kết`` → ``hội nghị sơ kết`` (the title names the event already);
    - ``Phó Trưởng ban làm việc với Sở Y tế …`` → ``buổi làm việc với Sở Y tế …`` (the chair
      line says who leads it); ``Ban Chỉ đạo họp phiên thường kỳ`` → ``cuộc họp phiên …``;
    - a subject only (``Triển khai Đề án 06``) → ``cuộc họp về triển khai Đề án 06`` (a
      briefing: ``buổi làm việc về …``); a bare ``Làm việc`` → ``buổi làm việc``.
    """
    t = clean(title).rstrip(".;:, ")
    low = t.casefold()
    for noun in _EVENT_NOUNS:
        if _starts_with_word(low, noun):
            return noun + t[len(noun) :]
    for verb, noun in _ACTIVITIES:
        if _starts_with_word(low, verb):
            return noun + t[len(verb) :]
    at = low.find(" làm việc với ")
    if at >= 0:
        return "buổi làm việc với " + t[at + len(" làm việc với ") :]
    at = low.find(" họp ")
    # "kỳ họp", "phòng họp" inside a subject are no meeting of their own: only an actor's.
    if at >= 0 and low.startswith(_ACTORS):
        return "cuộc họp " + t[at + len(" họp ") :]
    generic = "buổi làm việc" if kind == MeetingKind.BRIEFING else "cuộc họp"
    if _starts_with_word(low, "về"):  # "Về việc …": the subject, with its own "về"
        return f"{generic} {lower_first(t)}"
    return f"{generic} về {lower_first(t)}" if t else generic


# First words that open a proper name even when the next word is written in lower case ("Sở
# Y tế" aside, "Bộ Nội vụ", "Tỉnh ủy", "Chính phủ", "Quốc hội", "Trung ương"): never lowered.
_NAME_HEADS = frozenset(
    {"sở", "bộ", "ban", "ủy", "uỷ", "cục", "viện", "đảng", "nhà", "chính", "quốc", "tỉnh",
     "thành", "huyện", "trung", "ubnd", "hđnd"}
)


# Two words that open a name though the second is written in lower case: never lowered.
_NAME_PAIRS = frozenset(
    {"công an", "hội đồng", "học viện", "mặt trận", "kho bạc", "công ty", "ngân hàng",
     "bệnh viện", "liên đoàn", "văn phòng", "thanh tra", "tòa án", "viện kiểm"}
)

# Common words a reason opens with, never the start of a name: lowered whatever follows, so
# "Họp Kho bạc Nhà nước khu vực" reads "họp Kho bạc …" as "Đi công tác" reads "đi công tác"
# (the name after the word keeps its capitals). Not the words that may open a name: "công"
# ("Công an tỉnh"; "công tác" is matched as two words), "học" ("Học viện"), "hội" ("Hội
# đồng nhân dân"), "chủ" ("Chủ tịch …"), "gia" ("Gia Lai"), "lý" ("Lý Thường Kiệt").
_COMMON_OPENERS = frozenset(
    {"họp", "dự", "đi", "ốm", "bận", "tham", "làm", "tiếp", "nghỉ", "có", "đang", "được",
     "trực", "phục", "chuẩn", "giải", "kiểm", "khám", "điều", "đón", "cử", "báo", "thăm",
     "việc", "vắng", "phải", "đã", "theo", "tập", "ở", "về"}
)


def mid_sentence(text: str) -> str:
    """``text`` (a reason typed as a sentence: "Ốm", "Dự hội nghị tại Hà Nội") as it reads
    inserted mid-sentence ("(lý do: ốm)"). Its first letter is lowered when its first word is
    a common word that opens a reason (:data:`_COMMON_OPENERS`: "Họp Kho bạc …" → "họp Kho
    bạc …"), or else a plain capitalised word (not an acronym, "UBND", "HĐND") followed by a
    lower-case word, an acronym or nothing, and not one that opens a proper name ("Sở …", "Bộ
    …", "Tỉnh ủy"): a name ("Hà Nội", "Nguyễn Văn A") keeps its capitals, and every word
    after the first is kept as the officer typed it. Conservative: in doubt, as typed."""
    words = text.split()
    if not words:
        return text
    first = words[0]
    letters = first.rstrip(",.;:")
    # A plain capitalised word of two letters or more: not "UBND", "Covid-19", nor a lone "A".
    if not letters.isalpha() or not letters[0].isupper() or not letters[1:].islower():
        return text
    low = unicodedata.normalize("NFC", letters.lower())
    opener = low in _COMMON_OPENERS or (
        low == "công" and len(words) > 1 and words[1].casefold().startswith("tác")
    )
    pair = unicodedata.normalize("NFC", " ".join(words[:2]).casefold())
    if (low in _NAME_HEADS and not opener) or pair in _NAME_PAIRS:
        return text
    # A name goes on capitalised ("Hà Nội", "Nguyễn Văn A"); an acronym after a plain word
    # does not make it one ("Họp HĐND tỉnh").
    second = words[1].strip(",.;:()") if len(words) > 1 else ""
    named = second and not second[:1].islower() and not (len(second) > 1 and second.isupper())
    if named and not opener:
        return text
    at = text.index(first)
    return text[:at] + first[0].lower() + text[at + 1 :]
