"""Search-as-you-type on a 2,000-person roster: time per keystroke, as a ratio to baselines.

The figure that matters to a user is the time from a key press in the search box to the table
showing the filtered rows (the issue's target: under 30 ms). Absolute times depend on the
machine, so the assertions compare against baselines measured in the same run:

* ``qt``: Qt's own C++ ``QSortFilterProxyModel`` with a fixed-string filter over the same rows
  in a ``QStandardItemModel`` and a ``QTableView`` — the same widgets and repaint, no Python per
  row, and no Vietnamese folding (so it cannot match "nguyen" to "Nguyễn");
* ``list``: filtering a plain Python list of 2,000 pre-folded strings (no Qt at all).

Run with ``pytest tests/bench -s`` to see the numbers.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QVBoxLayout, QWidget

from bdcq_desktop.core import members, roster_io
from bdcq_desktop.core.text import fold
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.tabs.member_views import MembershipView

pytestmark = pytest.mark.benchmark

PEOPLE = 2000
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hà",
    "Hải",
    "Hòa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vinh",
    "Yến",
]
UNITS = [
    "Sở Thông tin và Truyền thông",
    "Sở Y tế",
    "Sở Tài chính",
    "Sở Nội vụ",
    "UBND huyện Diễn Châu",
    "UBND thành phố Vinh",
    "Công an tỉnh",
    "Sở Giáo dục và Đào tạo",
]
FIELDS = [
    "Chuyển đổi số y tế",
    "Dữ liệu số",
    "Dịch vụ công trực tuyến",
    "An toàn thông tin",
    "Hạ tầng số",
    "Chữ ký số",
]
AREAS = ["Thành phố Vinh", "Huyện Nghi Lộc", "Thị xã Cửa Lò", "Huyện Quỳnh Lưu", "Toàn tỉnh"]
# Typing a query, correcting it, and typing another: 32 keystrokes, each one timed.
KEYS = list("nguyen van") + ["BS"] * 4 + list("hoa") + ["BS"] * 9 + list("so y t")


@pytest.fixture
def roster_db(db: Any, tmp_path: Path) -> Any:
    """2,000 people appointed to the committee, through the core's own import (one
    transaction, the way a real roster arrives)."""
    lines = ["Họ và tên,Chức vụ,Đơn vị,Vai trò,Lĩnh vực phụ trách,Địa bàn phụ trách"]
    for i in range(PEOPLE):
        name = f"{FAMILY[i % 12]} {MIDDLE[(i // 12) % 8]} {GIVEN[(i // 96) % 23]} {i}"
        lines.append(
            f"{name},Chuyên viên {i % 7},{UNITS[i % 8]},Thành viên,{FIELDS[i % 6]},{AREAS[i % 5]}"
        )
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preview = roster_io.preview_import(db, path)
    assert preview.ok, [r.problems for r in preview.rows if r.problems][:3]
    roster_io.apply_import(db, preview, start_date="01/01/2026")
    return db


def _time_keystrokes(qtbot: Any, search: QLineEdit, after: Callable[[], Any]) -> list[float]:
    """Milliseconds from each key press to the view repainted with the new rows."""
    search.clear()
    QApplication.processEvents()
    times = []
    for key in KEYS:
        start = time.perf_counter()
        if key == "BS":
            qtbot.keyClick(search, Qt.Key.Key_Backspace)
        else:
            qtbot.keyClicks(search, key)
        after()
        QApplication.processEvents()  # the repaint the user waits for
        times.append((time.perf_counter() - start) * 1000)
    return times


def _qt_baseline(qtbot: Any, texts: list[list[str]]) -> list[float]:
    """The same keystrokes on Qt's C++ fixed-string filter over the same cells."""
    window = QWidget()
    qtbot.addWidget(window)
    model = QStandardItemModel(len(texts), len(texts[0]), window)
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            model.setItem(r, c, QStandardItem(text))
    proxy = QSortFilterProxyModel(window)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)  # any column, like our search
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView(window)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    search = QLineEdit(window)
    search.textChanged.connect(proxy.setFilterFixedString)
    layout = QVBoxLayout(window)
    layout.addWidget(search)
    layout.addWidget(view)
    window.resize(1280, 700)
    window.show()
    QApplication.processEvents()
    return _time_keystrokes(qtbot, search, lambda: proxy.rowCount())


def _list_baseline(folded: list[str]) -> list[float]:
    """Filtering a plain list of folded strings with each successive query (no Qt)."""
    queries, text = [], ""
    for key in KEYS:
        text = text[:-1] if key == "BS" else text + key
        queries.append(fold(text).split())
    times = []
    for words in queries:
        start = time.perf_counter()
        hits = [s for s in folded if all(w in s for w in words)]
        times.append((time.perf_counter() - start) * 1000)
        assert hits is not None
    return times


def test_keystroke_to_filtered_view_on_2000_people(qtbot: Any, roster_db: Any) -> None:
    view_state.settings().clear()
    view = MembershipView(roster_db, "committee")
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    view.reload()
    QApplication.processEvents()
    table = view.table
    assert table.model.rowCount() >= 256  # batched: not all rows are exposed before a search
    assert len(table.model.rows()) == PEOPLE

    ours = _time_keystrokes(qtbot, table.search, lambda: table.proxy.rowCount())
    table.search.setText("so y t")
    expected = [r.id for r in members.list_committee(roster_db, search="so y t")]
    assert sorted(r.id for r in table.visible_rows()) == sorted(expected)  # same as the core
    assert 0 < len(expected) < PEOPLE

    rows = table.model.rows()
    cells = [[r.full_name, r.role_label, r.position, r.unit, r.field, r.area] for r in rows]
    qt = _qt_baseline(qtbot, cells)
    plain = _list_baseline(table.model.search_texts())

    print("\nours:", " ".join(f"{t:.1f}" for t in ours))
    med, med_qt, med_list = (statistics.median(t) for t in (ours, qt, plain))
    worst = max(ours)
    print(
        f"\nsearch keystroke on {PEOPLE} people ({len(KEYS)} keystrokes): "
        f"median {med:.2f} ms, worst {worst:.2f} ms (target < 30 ms); "
        f"Qt fixed-string proxy {med_qt:.2f} ms (ratio {med / med_qt:.2f}); "
        f"plain list filter {med_list:.3f} ms (ratio {med / max(med_list, 1e-3):.0f})"
    )
    # Generous: our Python filter, Vietnamese folding and rank sort included, stays within a
    # small multiple of Qt's C++ filter on the same widgets.
    assert med / med_qt < 8, (med, med_qt)
    assert med / max(med_list, 0.05) < 2000, (med, med_list)
