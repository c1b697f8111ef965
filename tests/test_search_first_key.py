"""A search's first key and every key after it, where the lists and pickers are longest: what
a key typed makes the application do stays in proportion to what changed (no timing is
asserted; the benchmarks' search probe times them). Each rule is checked against the search's
own rule on the same rows, so nothing found changes.

- A list's rows are folded for its search column by column, each distinct word once.
- A query typed with diacritics reads the rows' texts with diacritics made the same way, its
  plain letters narrowing the rows first.
- Báo cáo › Nhiệm vụ reads the tasks below its first screen a step per pass of the event loop,
  and a key typed meanwhile has the steps left done at once, the rows being the full read's."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core import task_tracking as tt
from bdcq_desktop.core.tasks import OPEN_STATUSES
from bdcq_desktop.core.text import exact_text, fold, matches
from bdcq_desktop.ui import table_model
from bdcq_desktop.ui.table_model import Column, RowTableModel
from tests.test_task_tracking_first_rows import _shown_page
from tests.test_task_tracking_reference import _add_the_rare_cases

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Võ"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Ngọc"]
GIVEN = ["An", "Hòa", "Hoa", "Tuấn", "Nguyên", "Dục", "Bình", "Hải", "Thủy"]
UNITS = ["Sở Y tế", "Sở Tài nguyên và Môi trường", "UBND huyện Hưng Nguyên", "Sở KH&CN"]


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    unit: str


def _people(n: int) -> list[Person]:
    rng = random.Random(n)
    return [
        Person(
            i,
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            rng.choice(UNITS),
        )
        for i in range(n)
    ]


def _columns() -> list[Column]:
    return [Column("name", "Họ và tên", 200), Column("unit", "Đơn vị", 200)]


def _word_folds(
    monkeypatch: pytest.MonkeyPatch, name: str, how: Any
) -> set[str]:
    """The words of the people's rows; and no word folded before, ``how`` folding them (the
    code before had no such memory: nothing to replace)."""
    try:
        from bdcq_desktop.core import search_words
    except ImportError:
        pass
    else:
        monkeypatch.setattr(search_words, name, search_words._WordFolds(how))
    return {w for p in _people(3000) for w in f"{p.name} {p.unit}".split()}


def _shown(model: RowTableModel) -> list[Person]:
    model.show_all()
    return [model.row_at(r) for r in range(model.rowCount())]


def test_fold_words_keeps_the_words_of_fold() -> None:
    """What a search looks in has the words fold gives, in their order: a typed word (no space
    in it) is found in one exactly where it is found in the other, whatever the text holds."""
    from bdcq_desktop.core.search_words import fold_words

    rng = random.Random(7)
    letters = list(
        "aăâbdđeêghiklmnoôơpqrstuưvxyAĐƯàáạằắặầấậèéẹềếệìíịòóọồốộờớợùúụừứựỳýỵ0123456789/-.,()—…✓"
    )
    odd = ["\u00a0", "\t", "\n", "\u200b", "\u0301", "\x00", "\x1c", "ﬁ", "ß", "İ", "  "]
    for _ in range(20_000):
        chars = [rng.choice(letters + [" "] * 8 + odd) for _ in range(rng.randint(0, 40))]
        sample = "".join(chars)
        for form in ("NFC", "NFD"):
            value = unicodedata.normalize(form, sample)
            assert fold_words(value).split() == fold(value).split(), repr(value)
    assert fold_words("  Đặng  Thị\u00a0Hòa — Sở Y tế ") == "dang thi hoa — so y te"


def test_a_long_list_folds_each_distinct_word_once(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """6,000 tasks or 25,000 reports are written in a few thousand words: the first search
    folds each of them once, not every row letter by letter again."""
    calls = 0

    def counted(value: Any) -> str:
        nonlocal calls
        calls += 1
        return fold(value)

    # What folds a word, none folded before; and what the model itself folds with (the code
    # before folded each row there: the same test runs on it).
    words = _word_folds(monkeypatch, "_WORD_FOLDS", counted)
    monkeypatch.setattr(table_model, "fold", counted)
    people = _people(3000)
    model = RowTableModel(_columns())
    model.set_rows(people)
    model.set_query("nguyen hoa")
    assert calls <= len(words) + 4  # the words, and the two typed (twice: plain, marked?)
    assert _shown(model) == [p for p in people if matches("nguyen hoa", p.name, p.unit)]


def test_a_query_with_diacritics_reads_each_distinct_word_once(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows' texts with their diacritics, which a query typed with them is matched on, are
    made as the folded ones: each distinct word once (6,000 tasks made row by row held the
    first accented letter a fifth of a second); the rows found are the search rule's."""
    calls = 0

    def counted(value: Any) -> str:
        nonlocal calls
        calls += 1
        return exact_text(value)

    # What makes a word's exact text, and (the code before) what made each row's.
    words = _word_folds(monkeypatch, "_WORD_EXACTS", counted)
    monkeypatch.setattr(table_model, "exact_text", counted, raising=False)
    people = _people(3000)
    model = RowTableModel(_columns())
    model.set_rows(people)
    queries = ["Hòa", "nguyen Hòa", "Nguyễn", "Nguyên", "thủy sở", "Đức Hải", "nguyễn y tế"]
    for query in queries:
        model.set_query(query)
        assert _shown(model) == [p for p in people if matches(query, p.name, p.unit)], query
    assert calls <= len(words)


def test_task_read_in_steps_gives_the_rows_of_the_full_read(demo_db: Any) -> None:
    from bdcq_desktop.core.task_actions import record_progress
    from bdcq_desktop.core.task_read import TaskRead

    _add_the_rare_cases(demo_db)
    task = next(r for r in tt.track_tasks(demo_db) if r.status in OPEN_STATUSES)
    record_progress(demo_db, task.id, text="Đã triển khai 60%.", expected_version=task.version)
    every = tt.track_tasks(demo_db)
    assert any(r.progress for r in every)  # what the acts say is read too
    read = TaskRead(demo_db, batch=7)
    steps = 1
    while not read.step():
        steps += 1
    assert steps == 1 + -(-len(every) // 7)  # the read, then a step per 7 rows
    assert read.rows() == every
    assert TaskRead(demo_db, batch=1000).rows() == every  # in one step of rows too


def test_the_rest_of_the_tasks_is_read_a_step_per_pass_of_the_event_loop(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first screen is painted, the tasks below it are read in steps, the event loop
    running between two (a key typed, a paint); a key typed before the last step has those
    left done at once and searches every task."""
    from bdcq_desktop.ui.tabs.task_rest import RestOfTasks

    monkeypatch.setattr(RestOfTasks, "batch", 5)  # the demo's 76 tasks: some 16 steps
    _add_the_rare_cases(demo_db)
    every = tt.track_tasks(demo_db)
    _window, page = _shown_page(qtbot, demo_db, monkeypatch)
    for key_after in (None, 4):
        page.tasks.search.clear()
        page.reload()
        assert page.first_screen_only()
        passes = 0
        while page.first_screen_only() and passes != key_after:
            QApplication.processEvents()  # at most one step each (a timer of its own)
            passes += 1
            assert passes < 1000
        if key_after is None:
            assert passes >= len(every) // 5  # a step per pass, never all at once
        else:
            assert page.first_screen_only()  # steps are left when the key comes
            page.tasks.search.setText("bao cao")
            assert not page.first_screen_only()  # the rest read at once, then searched
            columns = [c for c in page.tasks.model.columns() if c.searchable]
            found = [
                r.id
                for r in every
                if matches("bao cao", " ".join(c.search_text(r) for c in columns))
            ]
            assert 0 < len(found) < len(every)
            assert sorted(r.id for r in page.tasks.visible_rows()) == sorted(found)
        assert page._tasks == every
        QCoreApplication.processEvents()
