"""Vietnamese for Qt's own words (standard buttons, file dialogs, line-edit menus) and for
its calendars' month and day names.

PySide6-Essentials ships no Qt catalogues, and no Vietnamese one exists upstream, so the "Yes",
"Cancel" and "Save" of every QMessageBox, QDialogButtonBox and QFileDialog would stay English.
This translator answers for those few contexts; everything of the application's own goes
through ``tr()`` as usual. A calendar's names come from its locale instead (:func:`calendar`).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QCalendarWidget, QWidget


def vietnamese() -> QLocale:
    """The application's locale, whatever the system's: the start makes it the default
    (ui/app.py, :func:`bdcq_desktop.ui.app.set_language`)."""
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def calendar(parent: QWidget) -> QCalendarWidget:
    """The calendar a date box opens, its month and day names Vietnamese ("Tháng 12", "Thứ 2",
    "CN") by its own locale: a widget takes the default locale of when it is made, and a window
    made before the start's default or without it (a script, a test, a probe) showed
    "December", "Mon"."""
    widget = QCalendarWidget(parent)
    widget.setLocale(vietnamese())
    widget.setGridVisible(True)
    return widget

# (context, source) → Vietnamese. Sources are Qt 6's own, ampersands included.
_WORDS: dict[str, dict[str, str]] = {
    "QPlatformTheme": {
        "OK": "Đồng ý",
        "Save": "Lưu",
        "Save All": "Lưu tất cả",
        "Open": "Mở",
        "&Yes": "&Có",
        "Yes to &All": "Có với tất &cả",
        "&No": "&Không",
        "N&o to All": "Không với tất cả",
        "Abort": "Hủy bỏ",
        "Retry": "Thử lại",
        "Ignore": "Bỏ qua",
        "Close": "Đóng",
        "Cancel": "Hủy",
        "Discard": "Không lưu",
        "Help": "Trợ giúp",
        "Apply": "Áp dụng",
        "Reset": "Đặt lại",
        "Restore Defaults": "Khôi phục mặc định",
    },
    "QFileDialog": {
        "Look in:": "Tìm trong:",
        "&Look in:": "&Tìm trong:",
        "File &name:": "Tên &tệp:",
        "Files of type:": "Kiểu tệp:",
        "Files of &type:": "&Kiểu tệp:",
        "Directory:": "Thư mục:",
        "Directories": "Thư mục",
        "Find Directory": "Chọn thư mục",
        "Save As": "Lưu thành",
        "Open": "Mở",
        "New Folder": "Thư mục mới",
        "&New Folder": "Thư mục &mới",
        "&Rename": "Đổi &tên",
        "&Delete": "&Xóa",
        "Show &hidden files": "Hiện tệp ẩn",
        "Recent Places": "Nơi dùng gần đây",
        "Are you sure you want to delete '%1'?": "Xóa “%1”?",
        "Delete": "Xóa",
        "Show ": "Hiện cột ",
        "&Open": "&Mở",
        "&Save": "&Lưu",
        "&Choose": "&Chọn",
        "Cancel": "Hủy",
        "Back": "Quay lại",
        "Forward": "Tiếp",
        "Parent Directory": "Thư mục cha",
        "Create New Folder": "Tạo thư mục mới",
        "List View": "Dạng danh sách",
        "Detail View": "Dạng chi tiết",
        "My Computer": "Máy tính",
        "Computer": "Máy tính",
        "All Files (*)": "Mọi tệp (*)",
        "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nThay bằng tệp mới?",
    },
    "QMessageBox": {  # the details of a message (an unexpected error's traceback)
        "Show Details...": "Xem chi tiết…",
        "Hide Details...": "Ẩn chi tiết…",
    },
    "QFileSystemModel": {
        "My Computer": "Máy tính",
        "Computer": "Máy tính",
        "Name": "Tên",
        "Size": "Kích thước",
        "Type": "Kiểu",
        "Date Modified": "Ngày sửa",
    },
    "QWidgetTextControl": {
        "&Undo": "&Hoàn tác",
        "&Redo": "&Làm lại",
        "Cu&t": "&Cắt",
        "&Copy": "&Sao chép",
        "&Paste": "&Dán",
        "Delete": "Xóa",
        "Select All": "Chọn tất cả",
    },
    "QLineEdit": {
        "&Undo": "&Hoàn tác",
        "&Redo": "&Làm lại",
        "Cu&t": "&Cắt",
        "&Copy": "&Sao chép",
        "&Paste": "&Dán",
        "Delete": "Xóa",
        "Select All": "Chọn tất cả",
    },
}


class QtVietnamese(QTranslator):
    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null QString) means "not mine": Qt then asks the next translator or keeps the
        # source text. An empty string would blank every other label of the application.
        return _WORDS.get(context, {}).get(source)

    def isEmpty(self) -> bool:
        return False
