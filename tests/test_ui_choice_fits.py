"""A choice that is data (a reporting regime's full name) does not widen its dialog past a
1366 px screen: the box is elided, its list items carry the whole name as a tooltip. Real demo
SQLite file, the real dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from bdcq_desktop.core.regimes import create_regime
from bdcq_desktop.ui.dialogs.round_dialogs import AdHocRoundDialog
from bdcq_desktop.ui.dialogs.round_open import OpenRoundDialog

NAME = (
    "Báo cáo định kỳ tình hình triển khai chuyển đổi số, chính quyền số, kinh tế số và xã hội "
    "số trên địa bàn tỉnh, kèm theo số liệu về dịch vụ công trực tuyến toàn trình, thanh toán "
    "trực tuyến và số hóa hồ sơ, kết quả giải quyết thủ tục hành chính của các sở, ngành"
)


def test_a_long_regime_name_keeps_the_round_dialogs_within_the_screen(
    qtbot: Any, demo_db: Any
) -> None:
    assert len(NAME) > 200
    create_regime(demo_db, name=NAME, frequency="monthly")
    create_regime(demo_db, name=NAME + " (đột xuất)", frequency="ad_hoc")
    for cls, wanted in ((OpenRoundDialog, NAME), (AdHocRoundDialog, NAME + " (đột xuất)")):
        dialog = cls(demo_db)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.minimumSizeHint().width() <= 1000, cls.__name__
        combo = dialog.findChild(QComboBox, "field_regime_id")
        assert combo is not None
        index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(wanted))
        assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == combo.itemText(index)
