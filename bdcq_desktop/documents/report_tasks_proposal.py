"""Section III of the tasks report (:mod:`.report_tasks_docs`): whom the committee is asked to
press for their overdue tasks, and what to do with those of units gone with no successor. Kept
apart from the report's reading and counting, which it only reads the rows of."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from ..core.text import count_text
from .blocks import Block, Para


class TaskRow(Protocol):
    """What this section reads of a report's row (:class:`.report_tasks_docs._Task`): said
    here rather than imported, so the two modules do not import each other."""

    @property
    def state(self) -> str: ...  # done, progress, overdue, stopped

    @property
    def holder(self) -> str: ...  # unit, person, gone


def tasks_proposal(by_unit: Mapping[str, Sequence[TaskRow]]) -> list[Block]:
    """Section III: who is asked to finish their overdue tasks (the units in office on the date
    and the people of no unit, as the reminder of that date chases them), then what is left
    with units retired with no successor, which nobody can be asked for: the committee is asked
    to hand those tasks over (or stop them)."""
    if not by_unit:
        return [Para("Văn phòng Ban Chỉ đạo không có kiến nghị.", closing=True)]
    late = [
        (unit, items[0].holder, sum(t.state == "overdue" for t in items))
        for unit, items in by_unit.items()
    ]
    act = [(unit, holder, n) for unit, holder, n in late if n and holder != "gone"]
    gone = [(unit, n) for unit, holder, n in late if n and holder == "gone"]
    if not act and not gone:
        return [
            Para(
                "Các nhiệm vụ đang được thực hiện trong thời hạn; Văn phòng Ban Chỉ đạo tiếp tục "
                "theo dõi, đôn đốc và báo cáo Ban Chỉ đạo.",
                closing=True,
            )
        ]
    out: list[Block] = []
    if act:
        units = any(holder == "unit" for _u, holder, _n in act)
        people = any(holder == "person" for _u, holder, _n in act)
        whom = ", ".join(w for w, on in (("các cơ quan, đơn vị", units), ("cá nhân", people)) if on)
        if not units:
            whom = "các cá nhân"
        # A person is addressed as "đồng chí …" inside the sentence, not as at a row's start.
        listed = "; ".join(
            f"{_in_sentence(unit) if holder == 'person' else unit} ({count_text(n)} nhiệm vụ)"
            for unit, holder, n in act
        )
        out.append(
            Para(
                f"Đề nghị {whom} có nhiệm vụ quá hạn khẩn trương hoàn thành, báo cáo kết quả về "
                f"Ban Chỉ đạo: {listed}.",
                closing=not gone,
            )
        )
    if gone:
        n = sum(n for _u, n in gone)
        listed = "; ".join(f"{unit}: {count_text(n)} nhiệm vụ" for unit, n in gone)
        units = "các đơn vị" if len(gone) > 1 else "đơn vị"
        out.append(
            Para(
                f"Đối với {count_text(n)} nhiệm vụ quá hạn của {units} đã thôi hoạt động, chưa có "
                f"đơn vị tiếp nhận ({listed}), đề nghị Ban Chỉ đạo xem xét giao đơn vị khác tiếp "
                "nhận, tiếp tục thực hiện hoặc cho dừng thực hiện các nhiệm vụ này.",
                closing=True,
            )
        )
    return out


def _in_sentence(name: str) -> str:
    """ "Đồng chí Trần Đình Khoa" as written inside a sentence: "đồng chí Trần Đình Khoa"."""
    head = "Đồng chí "
    return f"đồng chí {name[len(head) :]}" if name.startswith(head) else name
