"""A small reporting dataset whose statuses are known by hand, dated relative to ``today``.

Units (official order): A and B (departments), C and D (localities; D retired).
Rounds, by due date (today = T):

- "Đột xuất" (ad hoc, due T-95): A missing 95 days; C received T-90, late 5 days.
- "Tháng 01" (regime, due T-28): A received on the due date (on time); B a day late;
  C missing 28 days; D missing (retired: not chased).
- "Tháng 02" (regime, due T): A not received, due today (not due yet); B received T-1 and
  C on T (both on time).
- "Tháng 03" (regime, due T+31): A not received (not due).

Tasks: A due in exactly 7 days (due soon) and in 8 days (not due); B due today (due soon),
due yesterday (overdue 1 day), and one cancelled; C done on its deadline (on time), done a day
after it (late), and one given to a person of C alone, 10 days overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bdcq_desktop.core.models import (
    Frequency,
    Organisation,
    Person,
    ReportingRegime,
    ReportingRound,
    Submission,
    Task,
    TaskStatus,
    Unit,
    UnitKind,
)

UNIT_A = "Sở Alpha Thử nghiệm"
UNIT_B = "Sở Bêta Thử nghiệm"
UNIT_C = "UBND huyện Gamma"
UNIT_D = "UBND huyện Delta"
REGIME = "Báo cáo tháng thử nghiệm"
AD_HOC_TITLE = "Báo cáo đột xuất kết quả rà soát"
JAN_TITLE = "Báo cáo tháng thử nghiệm kỳ một"
FEB_TITLE = "Báo cáo tháng thử nghiệm kỳ hai"
MAR_TITLE = "Báo cáo tháng thử nghiệm kỳ ba"
TASK_C_PERSON = "Rà soát hạ tầng mạng cấp huyện"
TASK_B_OVERDUE = "Cập nhật cổng dịch vụ công của sở"


@dataclass(frozen=True)
class Ids:
    units: dict[str, int]
    rounds: dict[str, int]
    regime: int
    tasks: dict[str, int]


def build(db: Any, today: date) -> Ids:
    d = lambda n: today + timedelta(days=n)  # noqa: E731
    with db.session() as s:
        units = {
            "A": Unit(name=UNIT_A, kind=UnitKind.DEPARTMENT, sort_order=1),
            "B": Unit(name=UNIT_B, kind=UnitKind.DEPARTMENT, sort_order=2),
            "C": Unit(name=UNIT_C, kind=UnitKind.LOCALITY, sort_order=3),
            "D": Unit(name=UNIT_D, kind=UnitKind.LOCALITY, sort_order=4, active=False),
        }
        s.add_all(units.values())
        regime = ReportingRegime(name=REGIME, frequency=Frequency.MONTHLY, due_day=20)
        s.add(regime)
        s.flush()
        # What the documents' header needs (the demo's organisation is not loaded here).
        org = s.get(Organisation, 1) or Organisation(id=1)
        org.parent_body = "UBND tỉnh Thử Nghiệm"
        org.committee_name = "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Thử Nghiệm"
        org.abbreviation = "BCĐ"
        org.place_name = "Thử Nghiệm"
        org.standing_agency_id = units["A"].id
        s.add(org)
        person = Person(full_name="Trần Văn Thử", unit_id=units["C"].id)
        s.add(person)
        rounds = {
            "adhoc": ReportingRound(title=AD_HOC_TITLE, period_label="Đột xuất", due_date=d(-95)),
            "jan": ReportingRound(
                regime=regime,
                title=JAN_TITLE,
                period_label="Kỳ một",
                period_end=d(-40),
                due_date=d(-28),
            ),
            "feb": ReportingRound(
                regime=regime,
                title=FEB_TITLE,
                period_label="Kỳ hai",
                period_end=d(-10),
                due_date=today,
            ),
            "mar": ReportingRound(
                regime=regime,
                title=MAR_TITLE,
                period_label="Kỳ ba",
                period_end=d(20),
                due_date=d(31),
            ),
        }
        s.add_all(rounds.values())
        s.flush()

        def sub(r: str, u: str, received: date | None) -> None:
            s.add(Submission(round_id=rounds[r].id, unit_id=units[u].id, received_on=received))

        sub("adhoc", "A", None)
        sub("adhoc", "C", d(-90))
        sub("jan", "A", d(-28))
        sub("jan", "B", d(-27))
        sub("jan", "C", None)
        sub("jan", "D", None)
        sub("feb", "A", None)
        sub("feb", "B", d(-1))
        sub("feb", "C", today)
        sub("mar", "A", None)

        def task(key: str, unit: str | None, deadline: date, **kw: Any) -> Task:
            t = Task(
                content=kw.pop("content", f"Nhiệm vụ thử {key}"),
                assignee_unit_id=units[unit].id if unit else None,
                assigned_on=d(-60),
                deadline=deadline,
                **kw,
            )
            s.add(t)
            return t

        tasks = {
            "a_soon": task("a_soon", "A", d(7)),
            "a_later": task("a_later", "A", d(8)),
            "b_today": task("b_today", "B", today),
            "b_overdue": task("b_overdue", "B", d(-1), content=TASK_B_OVERDUE),
            "b_cancelled": task("b_cancelled", "B", d(-5), status=TaskStatus.CANCELLED),
            "c_on_time": task(
                "c_on_time", "C", d(-10), completed_on=d(-10), status=TaskStatus.DONE
            ),
            "c_late": task("c_late", "C", d(-10), completed_on=d(-9), status=TaskStatus.DONE),
            "c_person": task(
                "c_person", None, d(-10), assignee_person_id=person.id, content=TASK_C_PERSON
            ),
        }
        s.flush()
        return Ids(
            units={k: u.id for k, u in units.items()},
            rounds={k: r.id for k, r in rounds.items()},
            regime=regime.id,
            tasks={k: t.id for k, t in tasks.items()},
        )


# A person of no unit and their overdue task, beside a unit retired with no successor: what
# the reminder and the tasks report must each account for (tests of their wording).
PERSON_OF_NO_UNIT = "Lê Thị Thanh Hà"
PERSON_TASK = "Góp ý dự thảo kế hoạch thử nghiệm"


def build_with_gaps(db: Any, today: date) -> Ids:
    """:func:`build`, then C retired five days before ``today`` with no successor (its
    person's task 10 days overdue), and a person of no unit given a task 3 days overdue."""
    from bdcq_desktop.core.units import retire_unit

    ids = build(db, today)
    with db.session() as s:
        person = Person(full_name=PERSON_OF_NO_UNIT)
        s.add(person)
        s.flush()
        s.add(
            Task(
                content=PERSON_TASK,
                assignee_person_id=person.id,
                assigned_on=today - timedelta(days=30),
                deadline=today - timedelta(days=3),
            )
        )
    retire_unit(db, ids.units["C"], on=today - timedelta(days=5))
    return ids
