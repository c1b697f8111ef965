"""``bdcq meetings minutes``: the minutes' text (opening, notes under each agenda item,
closing) written from the command line through the Biên bản section's own save
(``core.minutes_text.save_minutes``), on a copy of the demo database; the agenda item ids
``meetings show`` prints are what the notes are written under."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import bdcq, state

HELD = "12"  # the demo's meeting held, its minutes a draft


def show(db: Path) -> dict:
    out = bdcq(db, "meetings", "show", HELD, "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_minutes_text_is_written_under_the_agenda_ids_show_prints(
    demo: Path, tmp_path: Path
) -> None:
    detail = show(demo)
    first, second = (a["id"] for a in detail["agenda"][:2])
    assert {"presenter_person_id", "presenter_unit_id"} <= set(detail["agenda"][0])
    table = bdcq(demo, "meetings", "show", HELD).stdout
    assert f"  {first}  " in table  # the "Mã" column of the agenda
    version = detail["minutes"]["version"]
    closing = tmp_path / "ket-thuc.txt"
    closing.write_text("Cuộc họp kết thúc lúc 16 giờ 20.\nBiên bản đã được thông qua.",
                       encoding="utf-8")  # fmt: skip
    notes = tmp_path / "notes.json"
    notes.write_text(json.dumps({str(second): "Ý kiến của Sở Tài chính: đồng ý."}),
                     encoding="utf-8")  # fmt: skip
    out = bdcq(demo, "meetings", "minutes", HELD, "--opening", "Hồi 14 giờ 05, cuộc họp bắt đầu.",
               "--item-notes", str(first), "Sở KH&CN trình bày báo cáo.", "--notes-file",
               str(notes), "--closing-file", str(closing),
               "--expected-version", str(version))  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"Đã lưu biên bản cuộc họp {HELD}")
    draft = json.loads(bdcq(demo, "meetings", "minutes", HELD, "--format", "json").stdout)
    assert draft["opening"] == "Hồi 14 giờ 05, cuộc họp bắt đầu."
    assert draft["closing"] == closing.read_text(encoding="utf-8")
    by_id = {i["id"]: i["notes"] for i in draft["items"]}
    assert by_id[first] == "Sở KH&CN trình bày báo cáo."
    assert by_id[second] == "Ý kiến của Sở Tài chính: đồng ý."
    assert show(demo)["minutes"]["version"] == draft["version"] > version
    assert show(demo)["minutes"]["revisions"] == detail["minutes"]["revisions"] + 1


def test_minutes_refusals_name_the_field_and_write_nothing(demo: Path) -> None:
    tables = ("minutes", "minutes_revision", "agenda_item", "change_log")
    before = state(demo, tables)
    version = show(demo)["minutes"]["version"]
    for args, word in (
        (("--item-notes", "999999", "x"), "Nội dung"),
        (("--item-notes", "abc", "x"), "mã mục chương trình"),
        (("--closing", "x", "--expected-version", str(version + 5)), "Biên bản"),
        (("--opening-file", "/nonexistent/mo-dau.txt"), "Phần mở đầu"),
    ):
        out = bdcq(demo, "meetings", "minutes", HELD, *args)
        assert out.returncode == 2, out
        assert len(out.stderr.strip().splitlines()) == 1 and word in out.stderr, out.stderr
        assert state(demo, tables) == before


@pytest.mark.parametrize(
    "args",
    [
        ("--opening", "Hồi 14 giờ 05, cuộc họp bắt đầu."),  # the minutes' own row
        ("--closing", "Cuộc họp kết thúc.", "--opening", "Khai mạc."),
        ("--item-notes", "{first}", "Sở KH&CN trình bày."),  # only a note: the row is touched
        ("--item-notes", "{first}", "Sở KH&CN trình bày.", "--opening", "Khai mạc."),
    ],
)
def test_one_save_raises_the_version_by_one(demo: Path, args: tuple[str, ...]) -> None:
    detail = show(demo)
    first = str(detail["agenda"][0]["id"])
    version = detail["minutes"]["version"]
    args = tuple(a.format(first=first) for a in args)
    out = bdcq(demo, "meetings", "minutes", HELD, *args, "--expected-version", str(version))
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip().endswith(f"phiên bản / version {version + 1}")
    after = show(demo)["minutes"]
    assert after["version"] == version + 1
    assert after["revisions"] == detail["minutes"]["revisions"] + 1
    again = bdcq(demo, "meetings", "minutes", HELD, "--closing", "Lần hai.",
                 "--expected-version", str(version + 1))  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert show(demo)["minutes"]["version"] == version + 2
