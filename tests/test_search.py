"""Search: a word typed without diacritics finds every spelling; typed with them, only those
letters (issue 14, item 13)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

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

    marked = members.list_committee(demo_db, search="Nguyễn")
    plain = members.list_committee(demo_db, search="nguyen")
    assert marked and all("nguyễn" in exact_text(r.full_name) for r in marked)
    assert {r.id for r in marked} < {r.id for r in plain}  # "Tài nguyên" comes in plain only
    assert [u.name for u in units.list_units(demo_db, search="nguyên")] and not [
        u.name for u in units.list_units(demo_db, search="nguyên") if "Nguyễn" in u.name
    ]
    out = run_bdcq(  # the demo_db fixture's file
        ["members", "list", "--search", "Nguyễn", "--format", "json"],
        db=tmp_path / "demo.sqlite3",
    )
    assert out.returncode == 0, out.stderr
    assert sorted(r["full_name"] for r in json.loads(out.stdout)) == sorted(
        r.full_name for r in marked
    )
