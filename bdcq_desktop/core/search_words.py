"""What a list's search looks in, made for thousands of rows at a time: :func:`fold_words`
and :func:`exact_words` give the words :func:`.text.fold` and :func:`.text.exact_text` give,
each distinct word made once.

A list's thousands of rows are written in a few thousand syllables, names, numbers and dates:
folding the whole text of each row character by character was most of what a first search
letter waited for (25,000 report submissions: a third of a second).
"""

from __future__ import annotations

from collections.abc import Callable

from .text import exact_text, fold

__all__ = ["exact_words", "fold_word", "fold_words"]


class _WordFolds(dict[str, str]):
    """Each word's :func:`fold` (or :func:`exact_text`: ``how``), made the first time it is
    met. Dropped when it grows past ``_WORDS_KEPT`` (a file of other words cannot fill
    memory)."""

    def __init__(self, how: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.how = how or fold

    def __missing__(self, word: str) -> str:
        if len(self) >= _WORDS_KEPT:
            self.clear()
        done = self[word] = self.how(word)
        return done


_WORDS_KEPT = 200_000
_WORD_FOLDS = _WordFolds()


def fold_word(word: str) -> str:
    """:func:`fold` of ``word`` (no space in it), made once per distinct word."""
    return _WORD_FOLDS[word]


def fold_words(text: str) -> str:
    """:func:`fold` of ``text`` for a search to look in: the same words in the same order
    (``fold_words(text).split() == fold(text).split()``), only the spaces between them may
    differ, so a typed word, which holds no space, is found in it exactly where it is found
    in ``fold(text)``. Each distinct word is folded once (a look-up per word, in C), not every
    character of every row again."""
    if text.isascii() and text.isprintable():  # a number, a date, a code: fold lower-cases it
        return " ".join(text.lower().split())
    return " ".join(filter(None, map(_WORD_FOLDS.__getitem__, text.split())))


_WORD_EXACTS = _WordFolds(exact_text)


def exact_words(text: str) -> str:
    """:func:`exact_text` of ``text`` for a search to look in, as :func:`fold_words` is to
    :func:`fold`: the same words in the same order, each distinct word made once."""
    if text.isascii() and text.isprintable():
        return " ".join(text.lower().split())
    return " ".join(filter(None, map(_WORD_EXACTS.__getitem__, text.split())))
