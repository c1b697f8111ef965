"""A person named by their number is named "ID người {id}", the heading of that number in the
lists (``bdcq members list``, ``people list``), never "mã": "Mã người" is the roster file's key
(a UUID), and "người có mã 12" read as that key. The import preview, the core's refusals, the
documents' signer and the command line say it alike; a unit keeps its "mã". Real calls on a
copy of the demo database."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from bdcq_desktop.core import adhoc_tasks, roster_io
from bdcq_desktop.core.agenda import AgendaLine, set_agenda
from bdcq_desktop.core.errors import BcdError, ValidationError
from bdcq_desktop.core.members import get_person
from bdcq_desktop.core.models import Meeting, MeetingStatus, Person
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq

NOBODY = 99999


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli-demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def _exported(db: Any, tmp_path: Path, rename: str | None = None) -> tuple[Path, dict[str, int]]:
    """The roster as `members export` writes it (each row keyed by its "Mã người"), the first
    member's name changed to ``rename``; and the ids of the people in it."""
    path = tmp_path / "roster.csv"
    roster_io.export_roster(db, path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if rename:
        rows[1][rows[0].index("Họ và tên")] = rename
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    with db.session() as s:
        ids = {name: pid for name, pid in s.execute(select(Person.full_name, Person.id))}
    return path, ids


def test_the_import_preview_names_whom_a_row_is_by_id_nguoi(demo_db: Any, tmp_path: Path) -> None:
    path, ids = _exported(demo_db, tmp_path, rename="Vũ Duy Tiến Anh")
    preview = roster_io.preview_import(demo_db, path)
    labels = {r.full_name: r.person_label for r in preview.rows}
    head = ids["Vũ Duy Tiến"]
    assert labels["Vũ Duy Tiến Anh"] == f"đã có, ID người {head}; đổi họ tên"
    hoa = ids["Vũ Thị Hoa"]
    assert labels["Vũ Thị Hoa"] == f"đã có, ID người {hoa}; nhiệm kỳ đã có"
    warnings = " ".join(w for r in preview.rows for w in r.warnings)
    assert f'là của "Vũ Duy Tiến" (ID người {head}); khi nhập' in warnings
    assert not [label for label in labels.values() if ", mã " in label] and "(mã " not in warnings


def test_the_preview_s_person_column_shows_the_id_whole(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog

    path, _ids = _exported(demo_db, tmp_path)
    dialog = ImportPreviewDialog(demo_db, roster_io.preview_import(demo_db, path), str(path))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    model = dialog.model
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    column = titles.index("Người")
    shown = [str(model.index(r, column).data()) for r in range(model.rowCount())]
    assert shown and all(s.startswith("đã có, ID người ") for s in shown)
    # "đã có, ID người 12;" on one line, not broken inside "ID người 12" (the column was 110
    # px, "đã có, mã 12" 86 px of text; the same with "ID người" is 117 px).
    metrics = dialog.view.fontMetrics()
    widest = max(metrics.horizontalAdvance(s.split(";")[0] + ";") for s in shown)
    assert dialog.view.columnWidth(column) >= widest + 8
    # The whole label in the tooltip where the rest of it wraps or is cut.
    assert model.index(0, column).data(Qt.ItemDataRole.ToolTipRole) == shown[0]
    dialog.reject()


def test_the_core_refuses_an_unknown_person_by_id_nguoi(demo_db: Any) -> None:
    with pytest.raises(BcdError) as info:
        get_person(demo_db, NOBODY)
    assert info.value.message == f"Không tìm thấy ID người {NOBODY}."

    # A task's assignee: a person by "ID người", a unit by its "mã".
    with pytest.raises(ValidationError) as refused:
        adhoc_tasks.create_task(demo_db, content="Rà soát", assignee_person_id=NOBODY)
    assert refused.value.message == f'"Người được giao": không có ID người {NOBODY}.'
    with pytest.raises(ValidationError) as refused:
        adhoc_tasks.create_task(demo_db, content="Rà soát", assignee_unit_id=NOBODY)
    assert refused.value.message == f'"Đơn vị chủ trì": không có mã {NOBODY}.'

    with pytest.raises(ValidationError) as refused:
        update_organisation(demo_db, default_signer_id=NOBODY)
    assert refused.value.message == f'"Người ký mặc định": không có ID người {NOBODY}.'
    with pytest.raises(ValidationError) as refused:
        update_organisation(demo_db, standing_agency_id=NOBODY)
    assert refused.value.message == f'"Cơ quan thường trực": không có mã {NOBODY}.'

    with demo_db.session() as s:
        planned = s.scalars(select(Meeting).where(Meeting.status == MeetingStatus.PLANNED)).one()
        meeting_id, version = planned.id, planned.version
    with pytest.raises(ValidationError) as refused:
        set_agenda(
            demo_db,
            meeting_id,
            [AgendaLine("Báo cáo", 15, presenter_person_id=NOBODY)],
            expected_version=version,
        )
    assert f"không có ID người {NOBODY}." in refused.value.message


def test_a_signer_that_names_nobody_is_said_by_id_nguoi(demo_db: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        service.draft(demo_db, "roster", signer_id=NOBODY)
    assert refused.value.message == f'"Người ký": không có ID người {NOBODY}.'


def test_the_command_line_says_id_nguoi(demo: Path) -> None:
    out = run_bdcq(["people", "delete", str(NOBODY)], db=demo)
    assert out.returncode != 0 and f"Không tìm thấy ID người {NOBODY}." in out.stderr
    out = run_bdcq(["settings", "set", "signer.convocation", f"person:{NOBODY}"], db=demo)
    assert out.returncode != 0 and f'không có ID người "{NOBODY}"' in out.stderr, out.stderr

    added = run_bdcq(["people", "add", "--name", "Trần Văn Khách", "--kind", "guest"], db=demo)
    assert added.returncode == 0, added.stderr
    first = added.stdout.splitlines()[0]
    assert first.startswith("Đã thêm người / person added: ID người ")
    new_id = first.rsplit(" ", 1)[1]
    gone = run_bdcq(["people", "delete", new_id], db=demo)
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.strip() == f"Đã xóa người / person deleted: ID người {new_id}"

    # The help says what number the options take.
    for args in (["people", "edit"], ["members", "add"], ["sessions", "participant-add"]):
        shown = run_bdcq([*args, "--help"])
        assert "ID người" in " ".join(shown.stdout.split()), args
        assert "mã người" not in shown.stdout, args
