"""Menu mnemonics: the letter after ``&`` that Alt reaches, chosen so that no two entries of a
menu share one (the Chỉnh sửa menu lists the buttons of the tab in front under its own)."""

from __future__ import annotations


def mnemonic_of(text: str) -> str:
    """The letter after the ``&`` of a menu text, lower case ('' when there is none)."""
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if 0 <= i < len(text) - 1 else ""


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with an ``&`` before a letter not in ``used`` (word starts first); only plain
    ASCII letters, which every keyboard types with Alt whatever its Vietnamese input mode."""
    if "&" in text.replace("&&", ""):
        used.add(mnemonic_of(text))
        return text
    plain = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalnum()]
    starts = [i for i in plain if i == 0 or text[i - 1] == " "]
    others = [i for i in plain if i not in starts]
    for i in starts + others:
        if text[i].lower() not in used:
            used.add(text[i].lower())
            return text[:i] + "&" + text[i:]
    return text
