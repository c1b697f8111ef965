"""The reusable GUI pieces: table model and proxy, forms, the record dialog, messages, jobs."""

from __future__ import annotations

import gc
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QWidget,
)

from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.models import CommitteeRole
from bdcq_desktop.core.text import person_sort_key
from bdcq_desktop.ui import io_actions, messages, view_state
from bdcq_desktop.ui.forms import (
    CHOICE,
    DATE,
    DATETIME,
    INTEGER,
    LOOKUP,
    MULTILINE,
    ROWS,
    DateField,
    DateTimeField,
    FieldSpec,
    FormWidget,
    RowsEditor,
)
from bdcq_desktop.ui.record_dialog import RecordDialog
from bdcq_desktop.ui.search_proxy import SearchProxy
from bdcq_desktop.ui.table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    """QSettings caches its file per process: start every test from no remembered state."""
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@dataclass(frozen=True)
class Row:
    id: int
    full_name: str
    unit: str
    start: date | None
    active: bool = True


NAMES = [
    "Phạm Thị Hòa",
    "Nguyễn Văn An",
    "Đỗ Văn Hoa",
    "Hoàng Văn Đạt",
    "Trần Thị Ánh",
    "Lý Văn Dũng",
    "Vũ Đức Chính",
    "Bùi Văn Chinh",
    "Lê Văn Bình",
]
# Checked by hand: given name first (An < Ánh < Bình < Chinh < Chính < Dũng < Đạt < Hoa < Hòa),
# tones after letters, đ a letter after d.
BY_GIVEN_NAME = [
    "Nguyễn Văn An",
    "Trần Thị Ánh",
    "Lê Văn Bình",
    "Bùi Văn Chinh",
    "Vũ Đức Chính",
    "Lý Văn Dũng",
    "Hoàng Văn Đạt",
    "Đỗ Văn Hoa",
    "Phạm Thị Hòa",
]


def _rows() -> list[Row]:
    units = ["Sở Thông tin và Truyền thông", "Sở Y tế", "UBND huyện Diễn Châu"]
    return [
        Row(i, name, units[i % 3], date(2024, 1, 1 + i) if i % 4 else None, active=i != 2)
        for i, name in enumerate(NAMES)
    ]


def _columns() -> list[Column]:
    return [
        Column("#", "TT", 40),
        Column("full_name", "Họ và tên", 180, sort_key=lambda r: person_sort_key(r.full_name)),
        Column("unit", "Cơ quan", 200),
        Column("start", "Từ ngày", 90, searchable=False),
        Column("active", "Hiệu lực", 60, searchable=False),
    ]


def _proxy(qtbot: Any) -> tuple[RowTableModel, SearchProxy]:
    model = RowTableModel(_columns(), muted=lambda r: not r.active)
    model.set_rows(_rows())
    proxy = SearchProxy()  # not a child of its source: deleting a parent source crashes Qt
    proxy.setSourceModel(model)
    return model, proxy


def _names(proxy: SearchProxy) -> list[str]:
    return [proxy.index(i, 0).data(ROW_ROLE).full_name for i in range(proxy.rowCount())]


# -- model and proxy -------------------------------------------------------------------------
def test_model_and_proxy_pass_the_model_tester(qtbot: Any, qtmodeltester: Any) -> None:
    model, proxy = _proxy(qtbot)
    qtmodeltester.check(model)
    proxy.set_query("so")
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)


def test_model_batches_rows_and_shows_all_on_demand(qtbot: Any, qtmodeltester: Any) -> None:
    model = RowTableModel(_columns())
    rows = [Row(i, f"Người {i}", "Sở", None) for i in range(600)]
    model.set_rows(rows)
    assert model.rowCount() == RowTableModel.BATCH
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.show_all()
    assert model.rowCount() == 600


def test_muted_rows_are_grey_and_italic(qtbot: Any) -> None:
    model, _unused = _proxy(qtbot)
    former = model.index(2, 1)
    current = model.index(1, 1)
    assert former.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert former.data(Qt.ItemDataRole.FontRole).italic()
    assert current.data(Qt.ItemDataRole.ForegroundRole) is None


def test_painted_rows_leave_no_objects_to_the_garbage_collector(qtbot: Any) -> None:
    # A full collection walks every object of the process (a fifth of a second at ten years of
    # data): the cell texts kept as rows are painted must not pile up in the old generation, or
    # scrolling through a long list sets one off.
    model = RowTableModel(_columns(), muted=lambda r: not r.active)
    model.set_rows([Row(i, f"Người {i}", "Sở Y tế", None, i % 2 == 0) for i in range(3000)])
    model.show_all()

    def paint(rows: range) -> None:  # what painting these rows asks of the model
        for row in rows:
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
                for column in range(model.columnCount()):
                    model.index(row, column).data(role)

    paint(range(2))  # a plain row and a muted one: what the first paints build once
    gc.collect()
    before = len(gc.get_objects())
    paint(range(2, model.rowCount()))
    gc.collect(0)  # a young pass, as the collector makes now and then while the view scrolls
    assert len(gc.get_objects()) - before < model.rowCount() // 10  # not one per row
    assert [model.index(2999, c).data() for c in range(3)] == ["3000", "Người 2999", "Sở Y tế"]
    assert model.index(2999, 1).data(Qt.ItemDataRole.ForegroundRole) is not None  # muted
    assert model.index(2998, 1).data(Qt.ItemDataRole.ForegroundRole) is None


def test_search_ignores_diacritics_and_normal_form(qtbot: Any) -> None:
    _model, proxy = _proxy(qtbot)
    proxy.set_query("Hòa")
    nfc = _names(proxy)
    proxy.set_query(unicodedata.normalize("NFD", "Hòa"))
    assert _names(proxy) == nfc
    proxy.set_query("hoa")
    assert set(_names(proxy)) == {"Phạm Thị Hòa", "Đỗ Văn Hoa", "Hoàng Văn Đạt"}  # Hoàng
    proxy.set_query("dien chau")  # words may match anywhere in the row
    assert _names(proxy) == ["Đỗ Văn Hoa", "Lý Văn Dũng", "Lê Văn Bình"]
    proxy.set_query("")
    assert proxy.rowCount() == len(NAMES)


def test_row_filter_combines_with_the_query(qtbot: Any) -> None:
    _model, proxy = _proxy(qtbot)
    proxy.set_row_filter(lambda r: r.active)
    assert "Đỗ Văn Hoa" not in _names(proxy)
    proxy.set_query("hoa")
    assert set(_names(proxy)) == {"Phạm Thị Hòa", "Hoàng Văn Đạt"}


def test_sort_by_name_is_vietnamese_given_name_order(qtbot: Any) -> None:
    _model, proxy = _proxy(qtbot)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert _names(proxy) == BY_GIVEN_NAME
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert _names(proxy) == BY_GIVEN_NAME[::-1]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)  # TT: the loader's order
    assert _names(proxy) == NAMES


def test_sort_with_empty_dates_puts_them_first(qtbot: Any) -> None:
    model, proxy = _proxy(qtbot)
    proxy.sort(3, Qt.SortOrder.AscendingOrder)
    starts = [proxy.index(i, 0).data(ROW_ROLE).start for i in range(proxy.rowCount())]
    empties = [s for s in starts if s is None]
    assert starts[: len(empties)] == empties
    assert starts[len(empties) :] == sorted(s for s in starts if s is not None)
    row = model.find_row(lambda r: r.full_name == "Nguyễn Văn An")
    assert model.index(row, 1).data(SORT_ROLE) == person_sort_key("Nguyễn Văn An")


def test_filter_follows_a_reload(qtbot: Any) -> None:
    model, proxy = _proxy(qtbot)
    proxy.set_query("an")
    model.set_rows([Row(1, "Nguyễn Văn An", "Sở", None), Row(2, "Lê Bình", "Sở", None)])
    assert _names(proxy) == ["Nguyễn Văn An"]


# -- forms -----------------------------------------------------------------------------------
ROLES = [(CommitteeRole.HEAD, "Trưởng ban"), (CommitteeRole.MEMBER, "Thành viên")]
PEOPLE = [(1, "Nguyễn Văn An — Giám đốc"), (2, "Đặng Thị Hòa — Phó Giám đốc"), (3, "Lê Bình")]


def _form(qtbot: Any) -> FormWidget:
    form = FormWidget(
        [
            FieldSpec("full_name", "Họ và tên", required=True),
            FieldSpec("notes", "Ghi chú", MULTILINE),
            FieldSpec("role", "Vai trò", CHOICE, ROLES, allow_empty=False),
            FieldSpec("start_date", "Ngày bắt đầu", DATE),
            FieldSpec("person_id", "Người", LOOKUP, lambda: PEOPLE),
        ]
    )
    qtbot.addWidget(form)
    return form


def test_form_reads_and_writes_values(qtbot: Any) -> None:
    form = _form(qtbot)
    form.set_values(
        {"full_name": "Lê Bình", "notes": "a\nb", "role": "member", "start_date": date(2026, 2, 5)}
    )
    values = form.values()
    assert values == {
        "full_name": "Lê Bình",
        "notes": "a\nb",
        "role": "member",
        "start_date": date(2026, 2, 5),
        "person_id": None,
    }
    assert form.changed_values() == {}
    form.editor("full_name").setText("Lê Văn Bình")  # type: ignore[attr-defined]
    assert form.changed_values() == {"full_name": "Lê Văn Bình"}


def test_date_field_accepts_vietnamese_dates_and_empty(qtbot: Any) -> None:
    field = DateField("start_date", "Ngày bắt đầu")
    qtbot.addWidget(field)
    assert field.value() is None
    field.edit.setText("5/2/2026")
    assert field.value() == date(2026, 2, 5)
    field.set_value(date(2026, 12, 31))
    assert field.edit.text() == "31/12/2026"
    field.edit.setText("31/02/2026")
    with pytest.raises(ValidationError) as caught:
        field.value()
    assert caught.value.field == "start_date"
    assert "Ngày bắt đầu" in caught.value.message


def test_lookup_filters_without_diacritics_and_refuses_unknown_text(qtbot: Any) -> None:
    form = _form(qtbot)
    lookup = form.editor("person_id")
    lookup.filter.set_text("hoa")  # type: ignore[attr-defined]
    assert lookup.filter.rowCount() == 1  # type: ignore[attr-defined]
    lookup.setEditText(unicodedata.normalize("NFD", "Đặng Thị Hòa"))  # type: ignore[attr-defined]
    assert form.values()["person_id"] == 2  # a unique partial match counts as a pick
    lookup.set_value(3)  # type: ignore[attr-defined]
    assert form.values()["person_id"] == 3
    lookup.setEditText("Không có ai")  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as caught:
        form.values()
    assert caught.value.field == "person_id"


def test_show_error_marks_only_that_field(qtbot: Any) -> None:
    form = _form(qtbot)
    form.show()
    assert form.show_error("start_date", "Sai ngày")
    assert form.error_label("start_date").isVisible()
    assert form.error_label("start_date").text() == "Sai ngày"
    assert form.fields["start_date"].styled.property("invalid") is True
    assert not form.error_label("full_name").isVisible()
    assert not form.show_error("nothing", "x")
    form.clear_errors()
    assert not form.error_label("start_date").isVisible()
    assert not form.fields["start_date"].styled.property("invalid")


def test_a_field_marked_invalid_is_outlined_red_and_keeps_its_size(qtbot: Any) -> None:
    form = FormWidget(
        [
            FieldSpec("title", "Tên", required=True),
            FieldSpec("chair", "Chủ trì", LOOKUP, choices=[(1, "Nguyễn Văn An")]),
            FieldSpec("day", "Ngày", DATE),
        ]
    )
    qtbot.addWidget(form)
    form.show()
    styled = [form.fields[k].styled for k in ("title", "chair", "day")]
    sizes = [w.size() for w in styled]
    for key in ("title", "chair", "day"):
        form.show_error(key, "Sai.")
    QApplication.processEvents()
    assert [w.size() for w in styled] == sizes  # nothing beside or below it moves
    for widget in styled:
        image = widget.grab().toImage()
        edge = image.pixelColor(image.width() // 2, 0)  # the top border, mid-width
        assert (edge.red(), edge.green(), edge.blue()) == (0xC6, 0x28, 0x28), widget
    form.clear_errors()
    assert all(not w.styleSheet() for w in styled)


def test_placing_people_pickers_in_rows_does_not_go_through_their_people(qtbot: Any) -> None:
    """A conclusion's 11 tasks put 33 pickers over 600 people in the dialog. Under a style sheet
    (once the form's and the dialog's, for the red outline), Qt's style-sheet style asked each
    picker for every item, twice, when it was placed: 40,000 calls, a third of the opening."""
    from bdcq_desktop.ui.choice_list import ChoiceList

    people = [(i, f"Người số {i}") for i in range(1, 601)]
    task = FieldSpec(
        "tasks",
        "Nhiệm vụ",
        ROWS,
        columns=[
            FieldSpec("content", "Nội dung"),
            FieldSpec("person_id", "Người được giao", LOOKUP, choices=people),
            FieldSpec("unit_id", "Đơn vị", LOOKUP, choices=people),
        ],
    )
    dialog = RecordDialog("Kết luận", [task], lambda values: 1)
    qtbot.addWidget(dialog)
    dialog.open()
    asked = 0
    count = ChoiceList.rowCount

    def counted(self: Any, *args: Any) -> int:
        nonlocal asked
        asked += 1
        return count(self, *args)

    rows = [{"content": f"Việc {i}", "person_id": i, "unit_id": i} for i in range(1, 12)]
    ChoiceList.rowCount = counted  # type: ignore[method-assign]
    try:
        dialog.form.set_values({"tasks": rows})
        QApplication.processEvents()
    finally:
        ChoiceList.rowCount = count  # type: ignore[method-assign]
    assert dialog.form.values()["tasks"] == rows
    assert asked < len(people)  # a few per picker, not a few per person


def test_the_banner_is_drawn_in_its_colour(qtbot: Any) -> None:
    def save(values: dict[str, Any]) -> int:
        raise BcdError("Không lưu được.")

    dialog = RecordDialog("Thử", FIELDS, save)
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.try_save()
    QApplication.processEvents()
    image = dialog.banner.grab().toImage()
    inside = image.pixelColor(image.width() - 6, image.height() // 2)
    assert (inside.red(), inside.green(), inside.blue()) == (0xFD, 0xEC, 0xEA)


# -- record dialog ---------------------------------------------------------------------------
FIELDS = [
    FieldSpec("full_name", "Họ và tên", required=True),
    FieldSpec("email", "Thư điện tử"),
    FieldSpec("phone", "Điện thoại"),
]


def _dialog(qtbot: Any, save: Any, **kwargs: Any) -> RecordDialog:
    dialog = RecordDialog("Thử", FIELDS, save, **kwargs)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_validation_error_stays_at_the_field_and_keeps_input(qtbot: Any) -> None:
    def save(values: dict[str, Any]) -> int:
        raise ValidationError("email", '"Thư điện tử" không phải là địa chỉ hợp lệ.')

    dialog = _dialog(qtbot, save)
    dialog.form.editor("full_name").setText("Nguyễn Văn An")  # type: ignore[attr-defined]
    dialog.form.editor("email").setText("khong-hop-le")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.form.error_label("email").isVisible()
    assert "không phải là địa chỉ hợp lệ" in dialog.form.error_label("email").text()
    assert dialog.form.editor("full_name").text() == "Nguyễn Văn An"  # type: ignore[attr-defined]
    assert dialog.form.editor("email").text() == "khong-hop-le"  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.form.editor("email").hasFocus())
    assert not dialog.banner.isVisible()


def test_conflict_offers_reload(qtbot: Any) -> None:
    def save(values: dict[str, Any]) -> int:
        raise ConflictError("Hồ sơ này vừa được người khác sửa.")

    dialog = _dialog(
        qtbot, save, values={"full_name": "Cũ"}, reload=lambda: {"full_name": "Mới nhất"}
    )
    dialog.form.editor("full_name").setText("Của tôi")  # type: ignore[attr-defined]
    assert not dialog.try_save()
    assert dialog.conflict is not None  # field by field: see tests/test_conflicts.py
    qtbot.mouseClick(dialog.conflict.back_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.isVisible()
    assert "người khác sửa" in dialog.banner_label.text()
    assert dialog.form.editor("full_name").text() == "Của tôi"  # type: ignore[attr-defined]


def test_other_errors_go_to_the_banner_and_success_closes(qtbot: Any) -> None:
    calls: list[dict[str, Any]] = []

    def save(values: dict[str, Any]) -> int:
        calls.append(values)
        if len(calls) == 1:
            raise BcdError("Không lưu được.")
        if len(calls) == 2:
            raise ValidationError("unknown_field", "Trường lạ.")
        return 42

    dialog = _dialog(qtbot, save)
    assert not dialog.try_save()
    assert dialog.banner_label.text() == "Không lưu được."
    assert not dialog.reload_button.isVisible()
    assert not dialog.try_save()
    assert dialog.banner_label.text() == "Trường lạ."
    with qtbot.waitSignal(dialog.saved) as saved:
        assert dialog.try_save()
    assert saved.args == [42]
    assert dialog.result_value == 42
    assert not dialog.isVisible()


def test_dialog_geometry_is_remembered(qtbot: Any) -> None:
    dialog = _dialog(qtbot, lambda v: 1, key="thu")
    dialog.resize(777, 555)
    dialog.reject()
    again = _dialog(qtbot, lambda v: 1, key="thu")
    assert again.width() == 777


# -- messages, jobs, view state --------------------------------------------------------------
def test_confirm_runs_the_action_only_on_yes(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[str] = []
    box = messages.confirm(parent, "Xóa", "Xóa?", lambda: done.append("x"), destructive=True)
    assert box.defaultButton().objectName() == "noButton"
    box.findChild(QWidget, "noButton").click()
    assert done == []
    box = messages.confirm(parent, "Xóa", "Xóa?", lambda: done.append("x"))
    box.findChild(QWidget, "yesButton").click()
    assert done == ["x"]
    shown = messages.show_error(parent, BcdError("Lỗi tiếng Việt."))
    assert isinstance(shown, QMessageBox) and shown.text() == "Lỗi tiếng Việt."
    shown.close()


def _deferred_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_answered_boxes_do_not_stay_in_memory(qtbot: Any) -> None:
    """A box is a child of its window: kept after its answer, a day of questions piles up."""
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[int] = []
    for i in range(40):
        box = messages.confirm(parent, "Xóa", "Xóa?", lambda i=i: done.append(i))
        box.findChild(QWidget, "yesButton" if i % 2 else "noButton").click()
        messages.show_message(parent, "Đã lưu", "Đã lưu.").accept()
    assert len(parent.findChildren(QMessageBox)) == 80  # answered, not yet deleted
    _deferred_deletes()
    assert done == list(range(1, 40, 2))
    assert parent.findChildren(QMessageBox) == []


def test_run_job_reports_result_and_error(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[Any] = []

    def work(report: Any) -> int:
        report(50, "Nửa chừng")
        return 7

    io_actions.run_job(parent, "Đang làm", work, on_done=results.append)
    qtbot.waitUntil(lambda: results == [7], timeout=5000)

    def fail(_report: Any) -> None:
        raise BcdError("Tệp hỏng.")

    errors: list[Exception] = []
    io_actions.run_job(parent, "Đang làm", fail, on_done=results.append, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert errors[0].message == "Tệp hỏng."  # type: ignore[attr-defined]


def test_run_job_holds_the_window_from_half_a_second_until_it_ends(qtbot: Any) -> None:
    """A job that never reports (a file read, a restore): its progress shows after half a
    second (it waited for Qt's default of four), and Esc or a close does not hide it while
    the job runs, which would leave the window free behind it."""
    import threading

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    results: list[Any] = []
    started = time.monotonic()
    io_actions.run_job(
        parent, "Đang làm", lambda _report: release.wait(10) and 7, on_done=results.append
    )
    progress = parent.findChild(QProgressDialog, "jobProgress")
    qtbot.waitUntil(progress.isVisible, timeout=3000)
    assert 0.4 < time.monotonic() - started < 2.5
    assert progress.windowModality() == Qt.WindowModality.WindowModal
    QTest.keyClick(progress, Qt.Key.Key_Escape)
    assert not progress.close()
    qtbot.wait(50)
    assert progress.isVisible() and QApplication.activeModalWidget() is progress
    release.set()
    qtbot.waitUntil(lambda: results == [7], timeout=5000)
    assert QApplication.activeModalWidget() is None  # the window free again


def test_view_state_values_and_splitter(qtbot: Any) -> None:
    view_state.save_value("members/view", 3)
    assert view_state.int_value("members/view") == 3
    view_state.save_value("committee/showFormer", True)
    assert view_state.bool_value("committee/showFormer") is True
    assert view_state.int_value("missing", 5) == 5
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    splitter.addWidget(QLineEdit())
    splitter.addWidget(QLineEdit())
    splitter.resize(400, 100)
    splitter.show()
    splitter.setSizes([300, 100])
    view_state.save_splitter("t", splitter)
    other = QSplitter()
    qtbot.addWidget(other)
    other.addWidget(QLineEdit())
    other.addWidget(QLineEdit())
    other.resize(400, 100)
    assert view_state.restore_splitter("t", other)
    other.show()
    QApplication.processEvents()
    assert other.sizes()[0] > other.sizes()[1]


# -- editors the next tabs need: date-time, whole number, child rows -------------------------
def test_error_goes_when_the_field_is_corrected_and_the_dialog_shrinks_back(qtbot: Any) -> None:
    def save(values: dict[str, Any]) -> int:
        raise ValidationError("email", '"Thư điện tử" không phải là địa chỉ hợp lệ.')

    dialog = _dialog(qtbot, save)
    height = dialog.height()
    assert not dialog.try_save()
    error = dialog.form.error_label("email")
    assert error.isVisible() and dialog.height() > height
    dialog.form.editor("email").setText("an@nghean.gov.vn")  # type: ignore[attr-defined]
    assert error.isHidden() and error.text() == ""
    assert not dialog.form.fields["email"].styled.property("invalid")
    assert dialog.height() == height  # no blank gap under the last field


def test_a_remembered_tall_height_does_not_open_a_gap(qtbot: Any) -> None:
    dialog = _dialog(qtbot, lambda v: 1, key="cao")
    natural = dialog.height()
    dialog.resize(700, natural + 200)
    dialog.reject()
    again = _dialog(qtbot, lambda v: 1, key="cao")
    assert (again.width(), again.height()) == (700, natural)


def test_datetime_and_integer_fields(qtbot: Any) -> None:
    form = FormWidget(
        [
            FieldSpec("starts_at", "Thời gian", DATETIME, required=True),
            FieldSpec("count", "Số người", INTEGER, minimum=1),
        ]
    )
    qtbot.addWidget(form)
    assert form.values() == {"starts_at": None, "count": None}
    form.set_values({"starts_at": datetime(2026, 2, 5, 14, 0), "count": 12})
    starts = form.editor("starts_at")
    assert isinstance(starts, DateTimeField) and starts.edit.text() == "05/02/2026 14:00"
    assert form.editor("count").text() == "12"  # type: ignore[attr-defined]
    assert form.values() == {"starts_at": datetime(2026, 2, 5, 14, 0), "count": 12}
    starts.calendar.clicked.emit(QDate(2026, 3, 1))  # the calendar keeps the time typed
    assert form.values()["starts_at"] == datetime(2026, 3, 1, 14, 0)
    for text, expected in [("14h30 ngày 6/2/2026", datetime(2026, 2, 6, 14, 30)), ("", None)]:
        starts.edit.setText(text)
        assert form.values()["starts_at"] == expected
    starts.edit.setText("06/02/2026")  # a date without a time is a mistake, not midnight
    with pytest.raises(ValidationError) as caught:
        form.values()
    assert caught.value.field == "starts_at" and "ngày giờ" in caught.value.message
    starts.edit.clear()
    for text, words in [("0", "không được nhỏ hơn 1"), ("3a", "phải là một số nguyên")]:
        form.editor("count").setText(text)  # type: ignore[attr-defined]
        with pytest.raises(ValidationError) as caught:
            form.values()
        assert caught.value.field == "count" and words in caught.value.message


AGENDA = FieldSpec(
    "items",
    "Chương trình",
    ROWS,
    columns=[
        FieldSpec("title", "Nội dung", required=True),
        FieldSpec("starts_at", "Thời gian", DATETIME),
        FieldSpec("minutes", "Số phút", INTEGER),
        FieldSpec("presenter_id", "Trình bày", LOOKUP, [(1, "Nguyễn Văn An"), (2, "Đặng Thị Hòa")]),
    ],
)
ITEMS = [
    {"id": 7, "title": "Khai mạc", "minutes": 10, "presenter_id": 1},
    {"id": 8, "title": "Báo cáo", "minutes": 30},
]


def _agenda(qtbot: Any) -> tuple[FormWidget, RowsEditor]:
    form = FormWidget([FieldSpec("title", "Tên cuộc họp"), AGENDA])
    qtbot.addWidget(form)
    form.show()
    form.set_values({"title": "Họp", "items": ITEMS})
    rows = form.editor("items")
    assert isinstance(rows, RowsEditor)
    return form, rows


def _titles(form: FormWidget) -> list[str]:
    return [r["title"] for r in form.values()["items"]]


def test_rows_editor_adds_removes_and_moves_rows(qtbot: Any) -> None:
    form, rows = _agenda(qtbot)
    assert form.values()["items"] == [
        {"id": 7, "title": "Khai mạc", "starts_at": None, "minutes": 10, "presenter_id": 1},
        {"id": 8, "title": "Báo cáo", "starts_at": None, "minutes": 30, "presenter_id": None},
    ]
    assert form.changed_values() == {}
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    assert rows.current_row() == 2
    rows.cell(2, "title").setText("Thảo luận")  # type: ignore[attr-defined]
    rows.cell(2, "minutes").setText("45")  # type: ignore[attr-defined]
    rows.cell(2, "presenter_id").set_value(2)  # type: ignore[attr-defined]
    assert form.values()["items"][2] == {
        "title": "Thảo luận",
        "starts_at": None,
        "minutes": 45,
        "presenter_id": 2,
    }
    assert "items" in form.changed_values()
    assert not rows.down_button.isEnabled()
    qtbot.mouseClick(rows.up_button, Qt.MouseButton.LeftButton)
    assert _titles(form) == ["Khai mạc", "Thảo luận", "Báo cáo"]
    moved = form.values()["items"]
    assert "id" not in moved[1] and moved[2]["id"] == 8  # a row's id moves with it
    assert (rows.current_row(), moved[1]["presenter_id"]) == (1, 2)
    qtbot.mouseClick(rows.up_button, Qt.MouseButton.LeftButton)
    assert _titles(form) == ["Thảo luận", "Khai mạc", "Báo cáo"]
    assert not rows.up_button.isEnabled()
    qtbot.mouseClick(rows.down_button, Qt.MouseButton.LeftButton)
    assert _titles(form) == ["Khai mạc", "Thảo luận", "Báo cáo"]
    rows.cell(2, "minutes").setFocus()  # clicking into a cell makes its row current
    qtbot.waitUntil(lambda: rows.current_row() == 2)
    qtbot.mouseClick(rows.remove_button, Qt.MouseButton.LeftButton)
    assert _titles(form) == ["Khai mạc", "Thảo luận"]
    assert [r.get("id") for r in form.values()["items"]] == [7, None]
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)  # left blank: not a row
    assert rows.row_count() == 3 and _titles(form) == ["Khai mạc", "Thảo luận"]


def test_rows_editor_names_the_bad_row_and_follows_the_core(qtbot: Any) -> None:
    form, rows = _agenda(qtbot)
    rows.add_row({"title": "Bế mạc", "minutes": "ba mươi"})
    rows.select_row(0)
    with pytest.raises(ValidationError) as caught:
        form.values()
    assert caught.value.field == "items"
    assert caught.value.message == 'Dòng 3: "Số phút" phải là một số nguyên: "ba mươi".'
    assert rows.current_row() == 2
    rows.cell(2, "starts_at").edit.setText("31/02")  # type: ignore[attr-defined]
    rows.move(-1)  # what cannot be read yet moves as typed
    assert rows.cell(1, "starts_at").edit.text() == "31/02"  # type: ignore[attr-defined]
    assert rows.cell(1, "minutes").text() == "ba mươi"  # type: ignore[attr-defined]
    # The core reports a refused row the same way: the form selects it and shows the message.
    rows.select_row(0)
    assert form.show_error("items", 'Dòng 2: "Nội dung" không được để trống.')
    assert rows.current_row() == 1
    error = form.error_label("items")
    assert error.isVisible() and error.text().startswith("Dòng 2:")
    assert rows.table.property("invalid") is True
    rows.cell(1, "title").setText("Bế mạc hội nghị")  # type: ignore[attr-defined]
    assert error.isHidden()  # editing any row clears the message


def test_a_long_lookup_is_picked_from_the_keyboard(qtbot: Any) -> None:
    """Thousands of people in a picker (a roster imported): typed without diacritics, the
    list narrows to the matches; Down and Enter pick one, and its value is the person's."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from bdcq_desktop.ui.editors import LookupCombo

    combo = LookupCombo("person_id", "Người")
    qtbot.addWidget(combo)
    people = [(n, f"Nguyễn Văn Thử {n} — Chuyên viên") for n in range(3000)]
    people.append((9001, "Đặng Thị Hòa — Giám đốc Sở Y tế"))
    combo.set_items(people)
    combo.show()
    combo.lineEdit().setFocus()
    qtbot.keyClicks(combo.lineEdit(), "dang thi hoa")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert combo.filter.rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert combo.currentText() == "Đặng Thị Hòa — Giám đốc Sở Y tế"
    assert combo.value() == 9001
    combo.set_value(2999)
    assert combo.value() == 2999 and combo.currentText().startswith("Nguyễn Văn Thử 2999")


def test_a_picker_finds_a_value_row_as_qt_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    """An id's row is looked up (not asked of every item), with Qt's answers: the first row
    holding it, -1 for none, rows added or items set again after a look-up. Values that are
    not ids are left to Qt, which finds 5 for "5"."""
    from PySide6.QtWidgets import QComboBox

    from bdcq_desktop.ui.editors import LookupCombo

    for items in (
        [(n % 700, f"Người số {n}") for n in range(1000)],
        [(None, "—"), *[(n, f"Người số {n}") for n in range(5, 9)]],
        [(n, f"Người số {n}") for n in range(9)] + [("x", "Chữ"), (True, "Có")],
    ):
        combo = LookupCombo("person_id", "Người")
        qtbot.addWidget(combo)
        plain = QComboBox()  # Qt's own findData over the same items
        qtbot.addWidget(plain)
        combo.set_items(items)
        for value, text in items:
            plain.addItem(text, value)
        for value in (0, 1, 5, 699, 700, "x", "5", None, True, 123456):
            assert combo.findData(value) == plain.findData(value), (items[:2], value)
        combo.add_item(123456, "Người mới")
        plain.addItem("Người mới", 123456)
        assert combo.findData(123456) == plain.findData(123456) == len(items)
        combo.set_value(123456)
        assert combo.value() == 123456 and combo.currentText() == "Người mới"
    assert combo.items.row_of(5) is None  # items that are not all ids: Qt's answer
    combo.set_items([(7, "Bảy")])
    assert combo.items.row_of(7) == 0 and combo.findData(5) == -1
    combo.set_value(5)
    assert combo.currentIndex() == -1 and combo.currentText() == ""


def test_a_lookup_s_items_torn_down_before_their_combo_answer_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The cyclic collector clears a ChoiceList's attributes before the combo that owns it is
    deleted; a view asking for its rows in between got an AttributeError raised in Qt's loop
    (a dialog of lookups closing, in the full suite). It answers as an empty list."""
    from PySide6.QtCore import QModelIndex

    from bdcq_desktop.ui.choice_list import ChoiceList

    items = ChoiceList()
    items.set_items([(1, "Sở Y tế"), (2, "Sở Tài chính")])
    assert items.rowCount() == 2
    items.__dict__.clear()  # as the collector leaves it
    assert items.rowCount() == 0
    assert items.data(items.index(0, 0)) is None and items.data(QModelIndex()) is None


def test_rows_editor_holds_each_cell_editor_it_shows(qtbot: Any) -> None:
    """Each row's editors are held by the rows editor as long as the row is there, so a cell
    read back is always the editor made with its attributes (a lookup cell once came back as a
    bare wrapper of the live widget, without ``allow_empty``, in a full test run)."""
    import gc

    form, rows = _agenda(qtbot)
    rows.add_row({"title": "Thảo luận", "minutes": 45})
    rows.remove_row(0)
    gc.collect()

    def held() -> bool:
        return [[w for w in r] for r in rows._cells] == [
            [rows.table.cellWidget(r, c) for c in range(len(rows.columns))]
            for r in range(rows.row_count())
        ]

    assert held() and len(rows._cells) == rows.row_count() == 2
    assert rows.cell(1, "presenter_id").allow_empty  # type: ignore[attr-defined]
    form.set_values({"title": "Họp", "items": ITEMS})
    assert held() and len(rows._cells) == 2
