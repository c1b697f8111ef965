"""Search: a word typed without diacritics finds every spelling; typed with them, only those
letters (issue 14, item 13)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt

from bdcq_desktop.core.text import SearchQuery, matches
from bdcq_desktop.ui.search_proxy import SearchProxy
from bdcq_desktop.ui.table_model import ROW_ROLE, Column, RowTableModel
from tests.cli_run import run_bdcq

PLACES = [
    "Nguyễn Văn An",
    "Sở Tài nguyên và Môi trường",
    "UBND huyện Hưng Nguyên",
    "Trần Đức Nguyện",
    "Lê Dục",
]


def test_diacritics_narrow_plain_letters_widen() -> None:
    assert [p for p in PLACES if matches("Nguyễn", p)] == ["Nguyễn Văn An"]
    assert [p for p in PLACES if matches("nguyen", p)] == PLACES[:4]
    assert [p for p in PLACES if matches("Nguyên", p)] == PLACES[1:3]
    assert [p for p in PLACES if matches("NGUYỄN", p)] == ["Nguyễn Văn An"]
    # Typed half way: the marked letters must match, the plain ones match any spelling.
    assert [p for p in PLACES if matches("nguyện", p)] == ["Trần Đức Nguyện"]
    assert [p for p in PLACES if matches("đức", p)] == ["Trần Đức Nguyện"]
    assert [p for p in PLACES if matches("duc", p)] == ["Trần Đức Nguyện", "Lê Dục"]
    # A query in NFD (macOS input) is the same query.
    assert matches(unicodedata.normalize("NFD", "Nguyễn"), "Nguyễn Văn An")
    assert not matches(unicodedata.normalize("NFD", "Nguyễn"), "Tài nguyên")
    assert SearchQuery("Nguyễn văn") == SearchQuery(unicodedata.normalize("NFD", "nguyễn Văn"))


@dataclass(frozen=True)
class Row:
    id: int
    name: str


def _names(proxy: SearchProxy) -> list[str]:
    return [proxy.index(i, 0).data(ROW_ROLE).name for i in range(proxy.rowCount())]


def test_table_search_with_and_without_diacritics(qtbot: Any) -> None:
    model = RowTableModel([Column("name", "Tên", 200)])
    model.set_rows([Row(i, p) for i, p in enumerate(PLACES)])
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    proxy.set_query("Nguyễn")
    assert _names(proxy) == ["Nguyễn Văn An"]
    proxy.set_query("nguyen")
    assert _names(proxy) == PLACES[:4]
    proxy.set_query("nguyên môi")
    assert _names(proxy) == ["Sở Tài nguyên và Môi trường"]
    # After a re-sort and a reload the exact texts follow the rows.
    proxy.sort(0)
    proxy.set_query("Nguyện")
    assert _names(proxy) == ["Trần Đức Nguyện"]
    model.set_rows([Row(9, "Hưng Nguyên"), Row(10, "Nguyễn Trãi")])
    assert _names(proxy) == []
    proxy.set_query("Nguyên")
    assert _names(proxy) == ["Hưng Nguyên"]


def test_the_command_line_searches_by_the_same_rule(demo_db: Any, tmp_path: Any) -> None:
    """``bdcq … list --search`` and the core's list filters follow the search boxes' rule:
    "Nguyễn" is only Nguyễn; "nguyen" is every spelling."""
    import json

    from bdcq_desktop.core import members, units
    from bdcq_desktop.core.text import exact_text

    # With the former members: those who left in 2025 are "Nguyên Giám đốc…" today.
    marked = members.list_committee(demo_db, search="Nguyễn", include_former=True)
    plain = members.list_committee(demo_db, search="nguyen", include_former=True)
    assert marked and all("nguyễn" in exact_text(r.full_name) for r in marked)
    assert {r.id for r in marked} < {r.id for r in plain}  # "Nguyên …" comes in plain only
    found = units.list_units(demo_db, search="nguyên", include_retired=True)
    assert found and not [u.name for u in found if "Nguyễn" in u.name]  # Tài nguyên và…
    out = run_bdcq(  # the demo_db fixture's file
        ["members", "list", "--all", "--search", "Nguyễn", "--format", "json"],
        db=tmp_path / "demo.sqlite3",
    )
    assert out.returncode == 0, out.stderr
    assert sorted(r["full_name"] for r in json.loads(out.stdout)) == sorted(
        r.full_name for r in marked
    )


# -- the model's own filter ------------------------------------------------------------------
FAMILY = ["Nguyễn", "Nguyên", "Trần", "Lê", "Đặng", "Phạm", "Hoàng", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Đức", "Dục", "Hữu", ""]
GIVEN = ["An", "Hòa", "Hoa", "Nguyện", "Bình", "Dũng", "Dung", "Hưng"]
UNITS = ["Sở Y tế", "Sở Tài nguyên và Môi trường", "UBND huyện Hưng Nguyên", "Sở Nội vụ", ""]
QUERIES = [
    "nguyen", "Nguyễn", "NGUYỄN", unicodedata.normalize("NFD", "Nguyễn"), "nguyen van",
    "van nguyen", "đức", "duc so", "Hòa y", "hoa", "o", "so  y   t", "nguyện h", "zzz",
    "môi nguyên", "Dũng", "dung", "",
]


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    unit: str
    rank: int


def _people(count: int) -> list[Person]:
    import random

    rng = random.Random(12)
    people = []
    for i in range(count):
        parts = [rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)]
        name = " ".join(p for p in parts if p)
        people.append(Person(i, name, rng.choice(UNITS), rng.randrange(99)))
    return people


def _person_columns() -> list[Column]:
    # "rank" is not searchable: a query for its digits must not find the row by it.
    return [
        Column("#", "TT", 40),
        Column("name", "Họ và tên", 200),
        Column("unit", "Đơn vị", 200),
        Column("rank", "Bậc", 40, searchable=False),
    ]


def _shown(model: RowTableModel) -> list[Person]:
    model.show_all()
    return [model.row_at(r) for r in range(model.rowCount())]


def test_the_model_filter_keeps_exactly_the_rows_of_the_search_rule(qtbot: Any) -> None:
    """The model narrows rows in bulk; every query keeps the same rows, in the same order, as
    the search rule applied row by row (:func:`matches` over the searchable columns)."""
    people = _people(3000)
    model = RowTableModel(_person_columns())
    model.set_rows(people)
    for sort in ((-1, Qt.SortOrder.AscendingOrder), (2, Qt.SortOrder.DescendingOrder)):
        model.set_query("")
        model.set_row_filter(None)
        model.sort(*sort)
        ordered = _shown(model)
        for row_filter in (None, lambda p: p.rank % 3 != 0):
            model.set_row_filter(row_filter)
            for query in QUERIES:
                model.set_query(query)
                expected = [
                    p for p in ordered
                    if matches(query, p.name, p.unit) and (row_filter is None or row_filter(p))
                ]  # fmt: skip
                assert _shown(model) == expected, (query, sort, row_filter)
    assert model.total_rows() == 3000
    model.set_query("Nguyễn Hòa")
    assert 0 < model.rowCount() < 3000  # the generated set exercises narrowing, not all or none


def test_search_keeps_the_selection_and_the_current_row(qtbot: Any) -> None:
    from bdcq_desktop.ui.list_tab import RecordTable

    people = _people(600)
    table = RecordTable("searchTest", _person_columns(), lambda: people)
    qtbot.addWidget(table)
    table.show()
    table.reload()
    current: list[Any] = []
    table.current_changed.connect(current.append)
    hoa = [p for p in people if "Hòa" in p.name]
    table.select_where(lambda p: p is hoa[1])
    table.view.selectionModel().select(
        table.proxy.index(table.model.find_row(lambda p: p is hoa[2]), 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert table.current_row() is hoa[1] and table.selected_rows() == [hoa[1], hoa[2]]
    table.search.setText("hoa")
    assert table.current_row() is hoa[1]
    assert sorted(p.id for p in table.selected_rows()) == sorted([hoa[1].id, hoa[2].id])
    table.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # sorting keeps them too
    assert table.current_row() is hoa[1]
    assert sorted(p.id for p in table.selected_rows()) == sorted([hoa[1].id, hoa[2].id])
    table.reload()  # and a reload, search still typed
    assert table.current_row() is hoa[1]
    assert table.count_label.text() == f"{table.model.rowCount()}/600 dòng"
    table.search.setText("")
    assert table.current_row() is hoa[1] and table.model.rowCount() == 600
    # A search that hides the current row makes the next row shown (in the sort) current.
    later = table.visible_rows()[table.view.currentIndex().row() + 1 :]
    table.search.setText("binh")  # a given name: Hòa is not among them
    following = next(p for p in later if matches("binh", p.name, p.unit))
    assert table.current_row() is following and current[-1] is following
    table.search.setText("zzz")  # nothing matches: no current row, and the pane is told
    assert table.current_row() is None and current[-1] is None


def test_a_long_list_is_made_ready_for_the_search_while_idle(qtbot: Any) -> None:
    """A long list folds its rows' texts for the search a chunk per idle moment once shown,
    so the first letter typed does not wait for all of them; a search typed halfway goes on
    through the rest (test_search_in_slices) and keeps exactly the rows of the rule."""
    from PySide6.QtWidgets import QApplication

    people = _people(3000)
    model = RowTableModel(_person_columns())
    model.set_rows(people)
    assert not model.search_ready()  # the rows are shown first
    QApplication.processEvents()  # one idle moment: a chunk, not the whole list
    assert not model.search_ready()
    model.set_query("Nguyễn Hòa")
    assert _shown(model) == [p for p in people if matches("Nguyễn Hòa", p.name, p.unit)]
    assert model.search_ready()  # every row gone through for them
    model.set_query("")
    model.set_rows(list(reversed(people)))  # a reload: folded again, ahead, untouched
    qtbot.waitUntil(model.search_ready)
    model.set_query("tai nguyen")
    assert _shown(model) == [
        p for p in reversed(people) if matches("tai nguyen", p.name, p.unit)
    ]
