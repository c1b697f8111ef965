"""A search's first key and every key after it, where the lists and pickers are longest: what
a key typed makes the application do stays in proportion to what changed (no timing is
asserted; the benchmarks' search probe times them). Each rule is checked against the search's
own rule on the same rows, so nothing found changes.

- A list's rows are folded for its search column by column, each distinct word once.
- A query typed with diacritics reads the rows' texts with diacritics made the same way, its
  plain letters narrowing the rows first.
- Báo cáo › Nhiệm vụ reads the tasks below its first screen a step per pass of the event loop;
  a key typed meanwhile shows the first screen's matches at once and the others once read,
  the rows being the full read's (with a task current, the steps left are done at once).
- A letter typed in a people picker reads each person kept once, and ranks those found only
  (a picker tabbed into makes its people's forms before a key, a few hundred a turn);
  the rows are those of the same text typed at once, the popup's current row Qt's."""

from __future__ import annotations

import random
import threading
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
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
    """After the first screen is painted, the tasks below it are read: the query in a thread
    of its own, then the rows in steps, the event loop running between two (a key typed, a
    paint); a key typed before the last step does not wait for them: the first screen's
    matches are shown at once, the first of every task's, and the others once read (the count
    said then); with a task current (where the search puts it depends on every task) the
    steps left are done at once."""
    from bdcq_desktop.core.task_read import TaskRead
    from bdcq_desktop.ui.tabs.task_rest import RestOfTasks

    monkeypatch.setattr(RestOfTasks, "batch", 5)  # the demo's 76 tasks: some 16 steps
    # The query never holds the window: it runs in another thread.
    threads: list[int] = []
    query = TaskRead.query

    def recorded(read: Any) -> None:
        threads.append(threading.get_ident())
        query(read)

    monkeypatch.setattr(TaskRead, "query", recorded)
    _add_the_rare_cases(demo_db)
    every = tt.track_tasks(demo_db)
    _window, page = _shown_page(qtbot, demo_db, monkeypatch)
    columns = [c for c in page.tasks.model.columns() if c.searchable]
    found = [
        r.id for r in every if matches("bao cao", " ".join(c.search_text(r) for c in columns))
    ]
    assert 0 < len(found) < len(every)
    for key_after, current in ((None, False), (4, False), (4, True)):
        page.tasks.search.clear()
        page.reload()
        assert page.first_screen_only()
        if current:
            page.tasks.view.setCurrentIndex(page.tasks.proxy.index(1, 0))
        passes, deadline = 0, time.monotonic() + 30
        rest = page._rest
        while page.first_screen_only() and passes != key_after:
            queried = rest.queried  # before it, the passes wait for the query's thread
            QApplication.processEvents()  # at most one step each (a timer of its own)
            passes += queried
            assert time.monotonic() < deadline
        if key_after is None:
            assert passes >= len(every) // 5  # a step per pass, never all at once
        else:
            assert page.first_screen_only()  # steps are left when the key comes
            page.tasks.search.setText("bao cao")
            model = page.tasks.model
            first = [model.row_at(r).id for r in range(model.rowCount())]
            if current:  # read at once, then searched
                assert not page.first_screen_only()
            else:
                assert page.first_screen_only() and model.searching()
                assert 0 < len(first) < len(found)
                assert page.tasks.count_label.text() == "Đang tìm…"
                page.tasks.search.clear()  # taken back: the first screen, every task counted
                assert page.first_screen_only() and not model.searching()
                assert page.tasks.count_label.text() == f"{len(every)} dòng"
                page.tasks.search.setText("bao cao")
                assert [model.row_at(r).id for r in range(model.rowCount())] == first
                qtbot.waitUntil(
                    lambda: not (page.first_screen_only() or page.tasks.model.searching())
                )
            shown = [r.id for r in page.tasks.visible_rows()]
            assert sorted(shown) == sorted(found)
            assert shown[: len(first)] == first  # those shown first are the first of all
            said = page.tasks.count_label.text()
            assert said == f"{len(found)}/{len(every)} dòng"
        assert page._tasks == every
        QCoreApplication.processEvents()
    assert threads and threading.get_ident() not in threads


def test_a_letter_typed_in_a_picker_reads_each_person_once(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picker of 3,000 people: a letter typed reads the text of the people kept once, as the
    completer looks for the first starting with what is typed (not again for the text typed
    before), and ranks those found only, each person's form made once; the rows are those of
    a search typed at once, best first, and the popup's current row is Qt's: the first of them
    starting with the text typed."""
    from bdcq_desktop.ui import choice_list
    from bdcq_desktop.ui.choice_list import ChoiceList, FoldFilter
    from bdcq_desktop.ui.editors import LookupCombo

    people = [(p.id, f"{p.name} ({p.unit})") for p in _people(3000)]
    read, formed = 0, 0
    data, form_of = ChoiceList.data, choice_list.form_of

    def counted_data(self: Any, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        nonlocal read
        read += role == Qt.ItemDataRole.EditRole  # what the completer compares
        return data(self, index, role)

    def counted_form(*args: Any) -> Any:
        nonlocal formed
        formed += 1
        return form_of(*args)

    monkeypatch.setattr(choice_list, "form_of", counted_form)
    ChoiceList.data = counted_data  # type: ignore[method-assign]
    try:
        combo = LookupCombo("person_id", "Người")
        qtbot.addWidget(combo)
        combo.set_items(people)
        combo.show()
        combo.lineEdit().setFocus()
        popup = combo.completer().popup()
        typed, found = "", set()
        for key in [*"vo", "BS", "BS", *"tran", "BS", "BS", *"ần thị h", *["BS"] * 12, *"Lê Văn"]:
            read = 0
            if key == "BS":
                typed = typed[:-1]
                qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Backspace)
            else:  # a letter as a keyboard sends it, accented or not
                typed += key
                event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, key)
                QApplication.sendEvent(combo.lineEdit(), event)
            QApplication.processEvents()
            assert combo.lineEdit().text() == typed
            shown = combo.filter
            kept = [shown.index(i, 0).data() for i in range(shown.rowCount())]
            assert read <= len(kept) + 20, (typed, read, len(kept))  # once each, at most
            at_once = FoldFilter(combo.items)  # the same text typed in one go
            at_once.set_text(typed)
            assert kept == [at_once.index(i, 0).data() for i in range(at_once.rowCount())]
            assert sorted(kept) == sorted(t for _v, t in people if matches(fold(typed), t))
            if typed:  # the people found (rows of the items: names repeat)
                found.update(shown.mapToSource(shown.index(i, 0)).row() for i in range(len(kept)))
            if typed and kept:
                first = next((t for t in kept if t.casefold().startswith(typed.casefold())), None)
                current = popup.currentIndex()
                assert (current.data() if current.isValid() else None) == first, typed
        assert formed <= len(found) < len(people)  # the forms of those found, once each
    finally:
        ChoiceList.data = data  # type: ignore[method-assign]


def test_a_focused_picker_makes_its_peoples_forms_before_a_key_a_few_hundred_a_turn(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tabbed into, a picker of 2,000 people makes each person's form (what the ranking
    compares) before anything is typed, at most LookupCombo.PREPARED_PER_TURN per turn of the
    event loop: the first letter, which keeps most people, then makes none. Each form is made
    once; the rows are those of a picker that made none ahead; new items start over."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from bdcq_desktop.ui import choice_list
    from bdcq_desktop.ui.choice_list import ChoiceList, FoldFilter
    from bdcq_desktop.ui.editors import LookupCombo

    people = [(p.id, f"{p.name} — Chuyên viên, {p.unit}") for p in _people(2000)]
    formed = 0
    form_of = choice_list.form_of

    def counted_form(*args: Any) -> Any:
        nonlocal formed
        formed += 1
        return form_of(*args)

    monkeypatch.setattr(choice_list, "form_of", counted_form)
    holder = QWidget()
    qtbot.addWidget(holder)
    before = QLineEdit(holder)
    combo = LookupCombo("person_id", "Người", holder)
    layout = QVBoxLayout(holder)
    layout.addWidget(before)
    layout.addWidget(combo)
    combo.set_items(people)
    holder.show()
    qtbot.waitExposed(holder)
    before.setFocus()
    QApplication.processEvents()
    assert formed == 0  # shown, not focused: nothing made
    QTest.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is combo
    QApplication.processEvents()  # one turn
    assert formed == LookupCombo.PREPARED_PER_TURN
    qtbot.waitUntil(lambda: formed == len(people))
    QApplication.processEvents()
    assert formed == len(people)  # once each, and no more turns

    event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "n")
    QApplication.sendEvent(combo.lineEdit(), event)
    QApplication.processEvents()
    assert formed == len(people)
    shown = [combo.filter.index(i, 0).data() for i in range(combo.filter.rowCount())]
    fresh = ChoiceList()
    fresh.set_items(people)
    cold = FoldFilter(fresh)
    cold.set_text("n")
    assert len(shown) > len(people) // 2
    assert shown == [cold.index(i, 0).data() for i in range(cold.rowCount())]

    combo.completer().popup().hide()
    formed = 0
    combo.set_items(people[:300])  # new items: their forms are made anew on the next focus
    assert combo.items._ready == 0
    before.setFocus()
    QTest.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: combo.items._ready == 300)
    assert formed == 300
