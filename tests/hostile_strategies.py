"""Hostile input shared by the hostile-input tests: Hypothesis strategies for nasty text, far
dates and wrong types; the checks a stored or refused value must pass; a per-run case count.

Nasty text: control characters, NUL, right-to-left overrides, zero-width and combining marks,
lone surrogates, NFD, emoji, SQL-looking text, strings of up to 100,000 characters, arbitrary
code points. A value is either refused with a :class:`ValidationError` whose one-line message
names the field (its Vietnamese ``label``), or stored as text that is NFC, carries no control,
format or surrogate character, and reads back as the input did: the same visible characters in
the same order (NFC of the input with what cleaning removes — control, format and surrogate
characters, and the white space it collapses — left out on both sides).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import providers as hypothesis_providers
from sqlalchemy import text as sql

from bdcq_desktop.core.errors import BcdError, ValidationError

# -- hostile text ------------------------------------------------------------------------------
# fmt: off
NASTY = [
    "\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9b",  # NUL, controls, C1
    "\r\n", "\r", "\n", "\t", "\v", "\f", "\u2028", "\u2029",  # line and paragraph breaks
    "\u202e", "\u202d", "\u202a", "\u2066", "\u2069", "\u200f", "\u200e",  # bidi overrides
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width, BOM, soft hyphen
    "\u0301", "\u0300", "\u0303", "\u0309", "\u0323", "\u0306", "\u031b",  # Vietnamese marks
    "\u20dd", "\u0489",  # enclosing marks
    "\ud800", "\udbff", "\udc00", "\udfff",  # lone surrogates
    "\u00a0", "\u2003", "\u3000", "  ",  # spaces
    "\U0001f469\u200d\U0001f4bb", "\U0001f1fb\U0001f1f3", "\U0001f600", "\U000e0041",  # emoji
    "\ufb01", "\u212b", "\u2126", "\u212a",  # compatibility and singleton decompositions
    "'", '"', ";", "--", "/*", "%", "_", "\\", "`", "=", "+", "@",  # SQL and formula starts
    "'; DROP TABLE person; --", "' OR '1'='1", '=HYPERLINK("x")', "<script>", "${x}",
]
WORDS = [
    "Nguyễn", "Văn", "Thị", "Đặng", "Sở Y tế", "Nghệ An", "Giám đốc",
    unicodedata.normalize("NFD", "Trần Thị Hồng Nhung"),  # NFD, as from macOS
    unicodedata.normalize("NFD", "Phòng họp tầng 3"),
]
# Odd code points beyond the pool: C1 controls, the general punctuation block (bidi, spaces,
# separators), private use, non-characters, astral planes.
ODD = [
    0x80, 0x9F, 0x2000, 0x200B, 0x2066, 0xE000, 0xF8FF, 0xFDD0, 0xFFFE, 0xFFFF,
    0x1D400, 0x1F9D1, 0x2FFFF, 0xE0001, 0xF0000, 0x10FFFF,
]
# fmt: on
POOL = NASTY + WORDS
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂĐÊÔƠƯ"


def build(data: bytes) -> str:
    """Bytes (cheap for Hypothesis to draw and to shrink) to a string of pool pieces."""
    out = []
    for x in data:
        if x < len(POOL):
            out.append(POOL[x])
        elif x < len(POOL) + len(ODD):
            out.append(chr(ODD[x - len(POOL)]))
        else:
            out.append(_LETTERS[x % len(_LETTERS)])
    return "".join(out)


def _repeat(limit: int) -> st.SearchStrategy[str]:
    return st.tuples(st.binary(min_size=1, max_size=3).map(build), st.integers(1_000, limit)).map(
        lambda p: (p[0] * p[1])[:limit]
    )


pieces = st.binary(max_size=24).map(build)
long_text = _repeat(10_000)
# The 100,000 characters: drawn rarely (each one is slow to clean and to refuse).
huge_text = _repeat(100_000).map(lambda s: (s * (100_000 // max(len(s), 1) + 1))[:100_000])
hostile_text = st.one_of(pieces, pieces, pieces, st.text(max_size=12), long_text)
# Text for the whole-call tier: also the 100,000-character strings.
# Text for the whole-call tier: also the 100,000-character strings, and plain words often
# enough that a call with several fields is sometimes stored.
hostile_call_text = st.one_of(
    pieces, pieces, st.sampled_from(WORDS), st.text(max_size=12), long_text, huge_text
)


# True in about two draws of three (st.booleans() draws True in fewer than half, derandomized).
often = st.integers(0, 2).map(bool)


def plain_or(
    plain: st.SearchStrategy[Any], nasty: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """A valid value (``plain``) in about two draws of three, a hostile one (``nasty``) in the
    rest, so that a call with several fields is stored often enough to be checked. Not
    ``st.one_of(plain, nasty)``: ``one_of`` flattens the ``one_of``s inside it (through ``.map``
    too), draws each branch alike and an identical branch once, so ``st.one_of(st.just(x),
    days)`` drew ``x`` about once in a dozen (and ``one_of(pieces, pieces, …)`` weighs
    ``pieces`` as one branch)."""
    return often.flatmap(lambda p: plain if p else nasty)


# Words without a space for the documents: a line cannot break inside them.
unbreakable = st.tuples(
    st.sampled_from(["Đặng", "Nguyễn", "x", "W", "\U0001f600", "ẞ"]), st.integers(20, 400)
).map(lambda p: p[0] * p[1])

# Dates far in the past and the future, and the text a user could type for one.
far_dates = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(1899, 12, 31)),
    st.dates(min_value=date(2200, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
)
date_text = st.one_of(
    far_dates.map(lambda d: f"{d:%d/%m/}{d.year:04d}"),
    far_dates.map(lambda d: f"{d.year:04d}-{d:%m-%d}"),
    st.sampled_from(
        [
            "31/02/2026",
            "00/00/0000",
            "29/02/2025",
            "1/13/2026",
            "99999-01-01",
            "2026-02-30",
            "05/02/26",
            "hôm qua",
            "",
            " ",
            "-1",
            "1e9",
            "NaN",
        ]
    ),
    hostile_text,
)
# Wrong types through the CLI: what argparse hands on as strings.
cli_number = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["", "0", "-1", "1.5", "1e3", "abc", "١٢", "\uff11", "0x10", "9" * 40]),
    pieces,
)

DROPPED = {"Cc", "Cf", "Cs"}


def visible(text: str) -> str:
    """The characters a reader sees, in order (NFC, without white space, control, format and
    surrogate characters)."""
    nfc = unicodedata.normalize("NFC", text)
    kept = "".join(ch for ch in nfc if unicodedata.category(ch) not in DROPPED and not ch.isspace())
    return unicodedata.normalize("NFC", kept)


def assert_stored(
    stored: str | None, typed: str, *, multiline: bool = False, name: bool = False
) -> None:
    """``stored`` is clean NFC text that reads back as ``typed`` did; a person's ``name`` as
    typed with a capital on each syllable (see ``title_case_name``, tested on its own)."""
    if name:
        from bdcq_desktop.core.name_case import title_case_name

        typed = title_case_name(typed)
    if stored is None or stored == "":
        assert visible(typed) == "", (typed[:200], stored)
        return
    assert unicodedata.is_normalized("NFC", stored), stored[:200]
    allowed = {"\n", "\t"} if multiline else set()
    bad = [c for c in stored if unicodedata.category(c) in DROPPED and c not in allowed]
    assert not bad, (stored[:200], bad)
    assert stored == stored.strip()
    if not multiline:
        assert "  " not in stored
    assert visible(stored) == visible(typed), (typed[:200], stored[:200])
    nfc = unicodedata.normalize("NFC", typed)
    if nfc.isprintable() and nfc == nfc.strip() and "  " not in nfc:
        assert stored == nfc  # nothing to clean: stored exactly as typed (in NFC)


def assert_clean_message(message: str) -> None:
    assert message and "\n" not in message and len(message) < 400, message[:500]
    assert all(unicodedata.category(c) not in DROPPED for c in message), message


def assert_refused(exc: BcdError, fields: dict[str, str] | None = None) -> None:
    """A clean refusal: a ValidationError naming the field by its Vietnamese label (one of
    ``fields`` when given), with a one-line message."""
    assert isinstance(exc, ValidationError), repr(exc)
    if fields is not None:
        assert exc.field in fields, (exc.field, exc.message)
        assert exc.label == fields[exc.field]
    # A label is a Vietnamese word, not the attribute's name left as the default.
    assert exc.label and exc.label != exc.field, (exc.field, exc.label, exc.message)
    assert_clean_message(exc.message)


# -- settings and the case count --------------------------------------------------------------
COMMON: dict[str, Any] = dict(
    deadline=None,
    # The same cases on every run: a CI run is reproducible, and a test that needs both outcomes
    # (Tally) cannot fail because one draw happened to refuse every case.
    derandomize=True,
    # HOSTILE_NO_SHRINK=1 while debugging: report the first failure as found (a 100,000-character
    # example can take minutes to shrink).
    phases=[Phase.explicit, Phase.reuse, Phase.generate]
    if os.environ.get("HOSTILE_NO_SHRINK")
    else list(Phase),
    database=None,  # no example database left behind in the worktree
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

# Generated cases run in this process, per test (nodeid) — reported at the end of the run by
# tests/conftest.py, so the figure is what ran, not what the settings asked for.
CASES_RUN: dict[str, int] = {}


def current_test() -> str:
    """The running test's node id (the key of CASES_RUN and of the outcomes)."""
    # "tests/x.py::test[a b] (call)": the id may hold spaces (a CLI command's parameter)
    return os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0]


def hostile(
    max_examples: int,
    *args: Any,
    examples: tuple[Any, ...] | list[Any] = (),
    **strategies: Any,
) -> Callable[[Callable[..., None]], Any]:
    """``settings(max_examples=…)`` and ``given(…)`` for a hostile test's inner case, each
    case counted. ``examples``: known cases run first on every run (Hypothesis's ``@example``),
    besides the generated ones, each a tuple of the positional values or a dict of the keyword
    ones — a valid value set, so that a test needing both outcomes (Tally) gets
    the one it rarely draws whatever the strategies, the Hypothesis version or the validation
    rules come to generate."""

    def wrap(fn: Callable[..., None]) -> Any:
        @functools.wraps(fn)
        def case(*a: Any, **kw: Any) -> None:
            key = current_test()
            CASES_RUN[key] = CASES_RUN.get(key, 0) + 1
            fn(*a, **kw)

        test = given(*args, **strategies)(case)
        for known in reversed(examples):
            test = example(**known)(test) if isinstance(known, dict) else example(*known)(test)
        test = settings(max_examples=max_examples, **COMMON)(test)

        @functools.wraps(test)
        def run(*a: Any, **kw: Any) -> None:
            with _no_local_constants():
                test(*a, **kw)

        return run

    return wrap


@contextlib.contextmanager
def _no_local_constants() -> Iterator[None]:
    """Hypothesis now and then draws a literal found in the project's modules imported so far in
    the process (its "local constants": one pool per process, which only grows, as tests import
    more of bdcq_desktop). With it, the cases of a derandomized test depend on which tests ran
    before it in the same process (or xdist worker), and a test needing both outcomes (Tally)
    could draw none it can store: the same cases on every run needs the pool left out. The hostile
    strategies draw their own nasty values; Hypothesis's built-in constants are still drawn.

    The pool is internal to Hypothesis (recent versions only): where it is not found there is
    nothing to pin, and tests/test_hostile_determinism.py fails if the draws depend on the
    imports again (a Hypothesis that moved it)."""
    providers = hypothesis_providers
    get = getattr(providers, "_get_local_constants", None)
    cache = getattr(providers, "CONSTANTS_CACHE", None)
    if get is None or cache is None or not hasattr(providers, "Constants"):
        yield
        return
    empty = providers.Constants()
    # The permitted constants are cached per kind of draw with the local ones included: cleared
    # on the way in (filled by an earlier, unpinned test) and out (filled without them here).
    cache.cache.clear()
    providers._get_local_constants = lambda: empty
    try:
        yield
    finally:
        providers._get_local_constants = get
        cache.cache.clear()


# Every Tally of this process with its test (nodeid): how many cases each stored and refused,
# reported at the end of the run by tests/conftest.py (HOSTILE_OUTCOMES=1: per test).
TALLIES: list[tuple[str, Tally]] = []


class Tally:
    """Both outcomes must occur: a test that only ever refused would prove nothing stored."""

    def __init__(self) -> None:
        self.stored = self.refused = 0
        TALLIES.append((current_test(), self))

    def check(self, *, stored: bool = True, refused: bool = True) -> None:
        assert (self.stored or not stored) and (self.refused or not refused), (
            self.stored,
            self.refused,
        )


# -- databases ---------------------------------------------------------------------------------
def outcomes() -> dict[str, tuple[int, int]]:
    """Cases stored and refused per test of this process (its Tallies summed)."""
    out: dict[str, tuple[int, int]] = {}
    for key, tally in TALLIES:
        stored, refused = out.get(key, (0, 0))
        out[key] = (stored + tally.stored, refused + tally.refused)
    return out


def _memory_folder() -> Path:
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="bdcq-hostile-", dir=base))


def memory_copy(template: Path | None) -> Iterator[Any]:
    """A real SQLite file on a memory file system where there is one (every case commits):
    a copy of ``template``, or a freshly migrated database."""
    from bdcq_desktop.core.db import open_database

    folder = _memory_folder()
    path = folder / "bcd.sqlite3"
    if template is not None:
        shutil.copyfile(template, path)
    database = open_database(path)
    try:
        yield database
    finally:
        database.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def row_counts(db: Any) -> tuple[int, ...]:
    """Rows in every table, in one query: what a refused call must leave unchanged."""
    with db.session() as s:
        names = [
            r[0]
            for r in s.execute(
                sql("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            )
        ]
        query = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{n}")' for n in names)
        return tuple(s.execute(sql(query)).one())


NOW = datetime(2026, 3, 2, 9, 0)
