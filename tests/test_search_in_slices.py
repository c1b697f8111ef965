"""A long list's first search letter, typed before its rows' search texts are made, goes
through the rows a slice at a time (issue 12): the first matches are shown at once, the others
added below while the window is idle, and the search ends with exactly the rows, order, count,
current row and selection of the same search typed once every text is made. Real lists (the
report submissions of every round, the committee) over the demo's SQLite file; the model's
slices made small so that the demo's hundreds of rows take many of them. No timing asserted
(the benchmarks' search probe times the first key)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core import reports
from bdcq_desktop.core.text import SearchQuery
from bdcq_desktop.ui.list_tab import RecordTable
from bdcq_desktop.ui.table_model import RowTableModel

# Plain and accented words, a unit's name, a status, a number (a code word), nothing found.
QUERIES = ["s", "so", "Sở", "ubnd huyen", "chưa", "nop muon", "2025", "so tai nguyen", "zzz"]


@pytest.fixture
def in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every list of 40 rows or more is folded ahead and searched in slices of 16 rows, one
    slice per idle moment (no time budget: as many slices on any machine)."""
    monkeypatch.setattr(RowTableModel, "FOLD_AHEAD", 40)
    monkeypatch.setattr(RowTableModel, "FOLD_CHUNK", 40)
    # (raising=False: the code before searched every row at once, with nothing to set.)
    monkeypatch.setattr(RowTableModel, "SCAN_CHUNK", 16, raising=False)
    monkeypatch.setattr(RowTableModel, "SCAN_SCREEN", 4, raising=False)
    monkeypatch.setattr(RowTableModel, "SCAN_BUDGET", 0.0, raising=False)


def _submissions(qtbot: Any, db: Any) -> RecordTable:
    """The rounds view's list of a round's units, showing every submission of every round
    (541 in the demo), on screen."""
    from bdcq_desktop.ui.tabs.report_rounds import RoundsView

    view = RoundsView(db)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    table = view.pane.table
    table.loader = lambda: [
        s for r in reports.list_rounds(db) for s in reports.list_submissions(db, r.id)
    ]
    table.reload()
    assert table.model.total_rows() > 500
    return table


def _shown(table: RecordTable) -> list[int]:
    """The ids of the rows the model shows now (no more asked for)."""
    return [table.model.row_at(r).id for r in range(table.model.rowCount())]


def _ids(rows: list[Any]) -> list[int]:
    return [r.id for r in rows]


def _done(qtbot: Any, table: RecordTable) -> list[int]:
    """The event loop run until the search went through every row; the rows then."""
    qtbot.waitUntil(lambda: not table.model.searching())
    return _ids(table.visible_rows())


def _cold(table: RecordTable, text: str = "") -> None:
    """The list read again and shown, its texts not made, no row current (a search hiding it
    goes through the rows at once to the next one shown); ``text`` typed at once."""
    table.search.clear()
    table.reload()
    table.view.setCurrentIndex(QModelIndex())
    if text:
        table.search.setText(text)


def _ready(qtbot: Any, table: RecordTable, text: str) -> list[int]:
    """``text`` searched once every row's text is made: the search as it always was."""
    table.search.clear()
    table.reload()
    qtbot.waitUntil(table.model.search_ready)
    table.search.setText(text)
    assert not table.model.searching()
    return _ids(table.visible_rows())


def _rule(table: RecordTable, text: str) -> set[int]:
    """The rows the search rule keeps, row by row over the searchable columns and codes."""
    query = SearchQuery(text)
    columns = [c for c in table.model.columns() if c.searchable and c.key != "#"]
    coded = [c for c in table.model.columns() if c.codes is not None]
    return {
        r.id
        for r in table.model.rows()
        if query.finds(*(c.search_text(r) for c in columns), codes=[c.codes(r) for c in coded])  # type: ignore[misc]
    }


def test_a_letter_typed_at_once_finds_what_it_finds_once_the_list_is_ready(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    table = _submissions(qtbot, demo_db)
    for sort in ((1, Qt.SortOrder.AscendingOrder), (0, Qt.SortOrder.DescendingOrder)):
        table.view.sortByColumn(*sort)
        for text in QUERIES:
            _cold(table, text)
            first = _shown(table)
            # The letter did not wait for every row's text: the first matches are shown,
            # the others found while idle.
            assert not table.model.search_ready() and table.model.searching(), text
            assert table.count_label.text() == "Đang tìm…"
            found = _done(qtbot, table)
            assert found[: len(first)] == first  # those shown first are the first of all
            said = table.count_label.text()
            assert said == f"{len(found)}/{table.model.total_rows()} dòng"
            assert found == _ready(qtbot, table, text), (text, sort)
            assert table.count_label.text() == said
            assert set(found) == _rule(table, text), text
    assert any(_rule(table, t) for t in QUERIES) and not _rule(table, "zzz")


def test_keys_typed_while_the_search_goes_through_the_rows(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    """Each key starts the search again over the rows (those folded kept); the last key's
    search ends with every row it finds; a box cleared meanwhile shows every row at once."""
    table = _submissions(qtbot, demo_db)
    everything = _ids(table.visible_rows())
    _cold(table)
    for text in ["s", "so", "so ", "so t", "so ta", "so tai", "so tài", "so tài n"]:
        table.search.setText(text)
        QApplication.processEvents()  # one idle moment: one slice
        assert table.model.searching()
    assert _done(qtbot, table) == _ready(qtbot, table, "so tài n")
    _cold(table, "b")
    QApplication.processEvents()
    assert table.model.searching()
    table.search.clear()
    assert not table.model.searching() and _ids(table.visible_rows()) == everything
    assert table.count_label.text() == f"{len(everything)} dòng"


def test_a_reload_while_the_search_goes_through_the_rows(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    """A save's reload in the middle of a search: the search goes through the rows read
    again, the one saved found by what it now holds, the current row kept."""
    from bdcq_desktop.core.submissions import record_submission

    table = _submissions(qtbot, demo_db)
    _cold(table, "ubnd")
    QApplication.processEvents()
    assert table.model.searching()
    current = table.model.row_at(2)
    table.view.setCurrentIndex(table.proxy.index(2, 0))
    due = next(
        r for r in table.model.rows() if r.received_on is None and r.status == "overdue"
        and "UBND" in r.unit
    )  # fmt: skip
    record_submission(
        demo_db,
        due.id,
        expected_version=due.round_version,
        received_on=date.today(),
        document_number="97531/BC-UBND",
        summary="Đã số hóa hồ sơ",
    )
    table.reload()
    assert table.model.searching() and table.current_row().id == current.id
    found = _done(qtbot, table)
    assert table.current_row().id == current.id
    assert due.id in found and found == _ready(qtbot, table, "ubnd")
    _cold(table, "97531")
    assert _done(qtbot, table) == [due.id]


def test_the_current_row_and_the_selection_as_the_search_leaves_them(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    """A search typed at once keeps the current and selected rows, found however far down
    the list they are; one that hides the current row makes current the row shown after it
    in the sort, as the search of a ready list does."""
    table = _submissions(qtbot, demo_db)
    rows = table.visible_rows()
    text = "so"
    kept = _rule(table, text)
    far = [i for i, r in enumerate(rows) if r.id in kept and i > len(rows) // 2][:2]
    hidden = next(i for i in range(len(rows) - 40, 0, -1) if rows[i].id not in kept)
    for mine in (False, True):  # typed cold, then over a ready list
        table.search.clear()
        table.reload()
        if mine:
            qtbot.waitUntil(table.model.search_ready)
        assert table.select_where(lambda r: r.id == rows[far[0]].id)
        table.view.selectionModel().select(
            table.proxy.index(table.model.find_row(lambda r: r.id == rows[far[1]].id), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        table.search.setText(text)
        assert table.current_row().id == rows[far[0]].id
        assert sorted(_ids(table.selected_rows())) == sorted([rows[far[0]].id, rows[far[1]].id])
        assert table.model.searching() != mine
        _done(qtbot, table)
        assert table.current_row().id == rows[far[0]].id
    after = []
    for mine in (False, True):
        table.search.clear()
        table.reload()
        if mine:
            qtbot.waitUntil(table.model.search_ready)
        assert table.select_where(lambda r: r.id == rows[hidden].id)
        current: list[Any] = []
        table.current_changed.connect(current.append)
        table.search.setText(text)
        assert table.current_row() is not None and table.current_row().id in kept
        assert current[-1] is table.current_row()
        table.current_changed.disconnect(current.append)
        after.append(table.current_row().id)
        _done(qtbot, table)
        assert table.current_row().id == after[-1]
    assert after[0] == after[1]
    following = [r.id for r in rows[hidden + 1 :] if r.id in kept]
    assert after[0] == (following[0] if following else after[0])


def test_sorting_while_the_search_goes_through_the_rows(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    table = _submissions(qtbot, demo_db)
    for text in ("so", "nop muon"):
        table.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        _cold(table, text)
        QApplication.processEvents()
        assert table.model.searching()
        table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        assert _done(qtbot, table) == _ready(qtbot, table, text)


def test_the_rows_wanted_at_once_are_every_match(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    """What wants every row shown (an export, the rows read back) has the search finished
    first; a row looked for is found however far down."""
    table = _submissions(qtbot, demo_db)
    warm = _ready(qtbot, table, "so")
    _cold(table, "so")
    assert table.model.searching()
    assert _ids(table.visible_rows()) == warm and not table.model.searching()
    _cold(table, "so")
    assert table.select_where(lambda r: r.id == warm[-1])
    assert table.current_row().id == warm[-1]
    assert _done(qtbot, table) == warm


def test_the_committee_searched_at_once_by_its_codes_and_words(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    """The committee (its former members shown too): names, units' short names and the
    phones and decisions a code word finds, typed at once or once ready."""
    from bdcq_desktop.ui.tabs.member_views import MembershipView

    view = MembershipView(demo_db, "committee")
    qtbot.addWidget(view)
    view.show()
    view.show_former.setChecked(True)
    table = view.table
    table.reload()
    assert table.model.total_rows() > RowTableModel.FOLD_AHEAD
    phone = next(r.phone for r in table.model.rows() if r.phone)
    for text in ["nguyen", "Nguyễn", "sở", "ubnd", phone[-4:], "2025", "zzz"]:
        _cold(table, text)
        assert table.model.searching(), text
        found = [r.id for r in table.visible_rows()]
        table.search.clear()
        table.reload()
        qtbot.waitUntil(table.model.search_ready)
        table.search.setText(text)
        assert [r.id for r in table.visible_rows()] == found, text
        assert set(found) == _rule(table, text), text


def test_the_count_beside_the_search_box_keeps_its_width(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    """Saying "Đang tìm…" while the search goes through the rows, then the count found, the label
    (and the search box's right edge beside it) stays as wide throughout, as without a search."""
    table = _submissions(qtbot, demo_db)
    _cold(table)
    QApplication.processEvents()
    widths = {(table.count_label.text(), table.count_label.width(), table.search.width())}
    for text in ["s", "so", "zzz", ""]:
        _cold(table, text)
        QApplication.processEvents()  # the layout given the label's new text
        widths.add((table.count_label.text(), table.count_label.width(), table.search.width()))
        _done(qtbot, table)
        QApplication.processEvents()
        widths.add((table.count_label.text(), table.count_label.width(), table.search.width()))
    said = {text for text, _, _ in widths}
    assert "Đang tìm…" in said and len(said) >= 4  # it said different things …
    assert len({(w, s) for _, w, s in widths}) == 1, widths  # … at one width


def test_a_search_hiding_the_current_row_with_no_match_after_it_goes_on_in_slices(
    qtbot: Any, demo_db: Any, in_slices: None
) -> None:
    """The current row hidden by the search, no match after it: which row is current
    then (the last shown) is known only at the end, so the search goes on in slices, none
    current meanwhile, and at its end the current row is the one a ready list makes current;
    a key typed meanwhile still starts from the row hidden."""
    table = _submissions(qtbot, demo_db)
    table.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # its matches in the first rows
    table.model.show_all()
    rows = table.visible_rows()
    text = "nop muon"
    kept = [i for i, r in enumerate(rows) if r.id in _rule(table, text)]
    assert kept and kept[-1] < len(rows) - 100  # many slices of rows after the last match
    hidden, last_kept = rows[kept[-1] + 1], rows[kept[-1]].id
    after = []
    for mine in (False, True):  # typed cold, then over a ready list
        table.search.clear()
        table.reload()
        if mine:
            qtbot.waitUntil(table.model.search_ready)
        assert table.select_where(lambda r: r.id == hidden.id)
        current: list[Any] = []
        table.current_changed.connect(current.append)
        table.search.setText(text)
        if not mine:
            # Not gone through to the end in the key: no row current yet.
            assert table.model.searching() and table.current_row() is None
            assert current == [None]
        _done(qtbot, table)
        table.current_changed.disconnect(current.append)
        assert table.current_row() is not None and current[-1] is table.current_row()
        after.append(table.current_row().id)
    assert after == [last_kept, last_kept]
    # A second key while the first goes on: the row the search hid is still the one it starts
    # from; clearing the box makes it current again.
    table.search.clear()
    table.reload()
    assert table.select_where(lambda r: r.id == hidden.id)
    table.search.setText(text)
    assert table.model.searching() and table.current_row() is None
    table.search.setText(text + " ")
    table.search.clear()
    assert table.current_row().id == hidden.id
