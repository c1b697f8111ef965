"""Field validators: cleaned values and Vietnamese messages that name the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bdcq_desktop.core import validation as v
from bdcq_desktop.core.errors import ValidationError


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


def refused(func: Callable[..., object], *args: object, **kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    return info.value


# ---------------------------------------------------------------------------------------------
# text


def test_text_cleans_and_empties_to_none() -> None:
    assert v.text("  Nguyễn   Văn An ", "full_name", "Họ và tên") == "Nguyễn Văn An"
    assert v.text("   ", "full_name", "Họ và tên") is None
    assert v.text(None, "full_name", "Họ và tên") is None
    assert v.text("a\r\nb ", "notes", "Ghi chú", multiline=True) == "a\nb"
    assert v.text(123, "code", "Mã") == "123"


def test_text_required_message_names_label() -> None:
    err = refused(v.text, " \u200b ", "full_name", "Họ và tên", required=True)
    assert err.field == "full_name"
    assert err.label == "Họ và tên"
    assert err.message == '"Họ và tên" không được để trống.'


def test_text_too_long() -> None:
    assert v.text("x" * 10, "title", "Tiêu đề", max_len=10) == "x" * 10
    err = refused(v.text, "x" * 11, "title", "Tiêu đề", max_len=10)
    assert err.field == "title"
    assert '"Tiêu đề"' in err.message
    assert "10" in err.message and "11" in err.message


@given(st.text(max_size=40))
def test_text_never_returns_empty_or_too_long(raw: str) -> None:
    try:
        result = v.text(raw, "f", "Trường", max_len=20)
    except ValidationError as err:
        assert '"Trường"' in err.message
    else:
        assert result is None or 0 < len(result) <= 20


# ---------------------------------------------------------------------------------------------
# email / phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("vanthu@nghean.gov.vn", "vanthu@nghean.gov.vn"),
        (" VanThu@NgheAn.Gov.VN ", "VanThu@nghean.gov.vn"),
        ("nguyen.van-a+bcd@sotttt.nghean.gov.vn", "nguyen.van-a+bcd@sotttt.nghean.gov.vn"),
        ("", None),
    ],
)
def test_email_accepted(raw: str, expected: str | None) -> None:
    assert v.email(raw, "email", "Thư điện tử") == expected


@pytest.mark.parametrize(
    "raw",
    [
        "vanthu",
        "a@b",
        "a@@b.vn",
        "a b@c.vn",
        "a..b@c.vn",
        ".a@c.vn",
        "a@c.vn.",
        "a@-c.vn",
        "nguyễn@c.vn",
        "a@c.v",
    ],
)
def test_email_refused(raw: str) -> None:
    err = refused(v.email, raw, "email", "Thư điện tử")
    assert err.field == "email"
    assert '"Thư điện tử"' in err.message


def test_email_required() -> None:
    assert refused(v.email, None, "email", "Thư điện tử", required=True).message == (
        '"Thư điện tử" không được để trống.'
    )


@pytest.mark.parametrize(
    ("raw", "expected", "digits"),
    [
        ("0912 345 678", "0912 345 678", "0912345678"),
        ("  0912.345.678 ", "0912.345.678", "0912345678"),
        ("+84 238 3844 555", "+84 238 3844 555", "02383844555"),
        ("(0238) 3844-555", "(0238) 3844-555", "02383844555"),
        ("02383844555", "02383844555", "02383844555"),
        (912345678, "912345678", "912345678"),
    ],
)
def test_phone_accepted(raw: object, expected: str, digits: str) -> None:
    assert v.phone(raw, "phone", "Điện thoại") == expected
    assert v.phone_digits(expected) == digits


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "0912 abc 678",
        "1234567",
        "1" * 16,
        "0912+345678",
        ")0912( 345 678",
        "0912/345678",
        "(0238)(3844) 555",
    ],
)
def test_phone_refused(raw: str) -> None:
    err = refused(v.phone, raw, "phone", "Điện thoại")
    assert err.field == "phone"
    assert '"Điện thoại"' in err.message


# ---------------------------------------------------------------------------------------------
# Dates and times


@pytest.mark.parametrize(
    "raw",
    [
        date(2026, 2, 5),
        datetime(2026, 2, 5, 14, 0),
        "2026-02-05",
        "05/02/2026",
        "5/2/2026",
        " 05-02-2026 ",
        "5.2.2026",
    ],
)
def test_date_value_accepted(raw: object) -> None:
    assert v.date_value(raw, "held_on", "Ngày họp") == date(2026, 2, 5)


@pytest.mark.parametrize("raw", ["31/02/2026", "5/2/26", "2026/02/05", "hôm nay", "13/13/2026"])
def test_date_value_refused(raw: str) -> None:
    err = refused(v.date_value, raw, "held_on", "Ngày họp")
    assert err.field == "held_on"
    assert '"Ngày họp"' in err.message


def test_date_value_empty() -> None:
    assert v.date_value("", "held_on", "Ngày họp") is None
    assert refused(v.date_value, None, "held_on", "Ngày họp", required=True).message == (
        '"Ngày họp" không được để trống.'
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2026, 2, 5, 14, 0), datetime(2026, 2, 5, 14, 0)),
        (date(2026, 2, 5), datetime(2026, 2, 5, 0, 0)),
        ("2026-02-05T14:00", datetime(2026, 2, 5, 14, 0)),
        ("2026-02-05 14:00:30", datetime(2026, 2, 5, 14, 0, 30)),
        ("05/02/2026 14:00", datetime(2026, 2, 5, 14, 0)),
        ("5/2/2026 8:30", datetime(2026, 2, 5, 8, 30)),
        ("05/02/2026 lúc 14h00", datetime(2026, 2, 5, 14, 0)),
        ("14h30 ngày 05/02/2026", datetime(2026, 2, 5, 14, 30)),
        ("14h, 05/02/2026", datetime(2026, 2, 5, 14, 0)),
    ],
)
def test_datetime_value_accepted(raw: object, expected: datetime) -> None:
    assert v.datetime_value(raw, "starts_at", "Thời gian bắt đầu") == expected


def test_datetime_value_aware_becomes_naive_local() -> None:
    aware = datetime(2026, 2, 5, 7, 0, tzinfo=UTC)
    result = v.datetime_value(aware, "starts_at", "Thời gian bắt đầu")
    assert result is not None and result.tzinfo is None
    assert result == aware.astimezone().replace(tzinfo=None)


@pytest.mark.parametrize(
    "raw", ["05/02/2026", "2026-02-05", "05/02/2026 25:00", "05/02/2026 14:", "14:00", "sáng mai"]
)
def test_datetime_value_refused(raw: str) -> None:
    err = refused(v.datetime_value, raw, "starts_at", "Thời gian bắt đầu")
    assert err.field == "starts_at"
    assert '"Thời gian bắt đầu"' in err.message


def test_date_order() -> None:
    v.date_order(date(2026, 2, 5), date(2026, 2, 5), "ends_on", "Ngày kết thúc")
    v.date_order(None, date(2026, 2, 5), "ends_on", "Ngày kết thúc")
    v.date_order(datetime(2026, 2, 5, 14), date(2026, 2, 5), "due_on", "Hạn xử lý")
    err = refused(v.date_order, date(2026, 2, 5), date(2026, 2, 4), "ends_on", "Ngày kết thúc")
    assert err.field == "ends_on"
    assert err.message.startswith('"Ngày kết thúc" (04/02/2026)')
    assert "05/02/2026" in err.message
    err = refused(
        v.date_order,
        datetime(2026, 2, 5, 14, 0),
        datetime(2026, 2, 5, 8, 0),
        "ends_at",
        "Thời gian kết thúc",
        start_label="Thời gian bắt đầu",
    )
    assert err.message == (
        '"Thời gian kết thúc" (05/02/2026 08:00) không được sớm hơn '
        '"Thời gian bắt đầu" (05/02/2026 14:00).'
    )


# ---------------------------------------------------------------------------------------------
# Numbers and choices


@pytest.mark.parametrize(("raw", "expected"), [(3, 3), ("  12 ", 12), (4.0, 4), ("", None)])
def test_positive_int_accepted(raw: object, expected: int | None) -> None:
    assert v.positive_int(raw, "count", "Số lượng") == expected


@pytest.mark.parametrize("raw", ["-1", -5, "1.5", 1.5, "mười", True, "١٢", "１２"])
def test_positive_int_refused(raw: object) -> None:
    err = refused(v.positive_int, raw, "count", "Số lượng")
    assert '"Số lượng"' in err.message


def test_positive_int_bounds() -> None:
    assert v.positive_int(1, "n", "Số kỳ", minimum=1, maximum=12) == 1
    assert "12" in refused(v.positive_int, 13, "n", "Số kỳ", minimum=1, maximum=12).message
    assert "1" in refused(v.positive_int, 0, "n", "Số kỳ", minimum=1).message
    assert refused(v.positive_int, None, "n", "Số kỳ", required=True).field == "n"


def test_choice() -> None:
    assert v.choice(Colour.RED, Colour, "colour", "Màu") is Colour.RED
    assert v.choice("blue", Colour, "colour", "Màu") is Colour.BLUE
    assert v.choice(" BLUE ", Colour, "colour", "Màu") is Colour.BLUE
    assert v.choice(None, Colour, "colour", "Màu", required=False) is None
    assert refused(v.choice, "", Colour, "colour", "Màu").message == '"Màu" không được để trống.'


def test_choice_rejects_unknown_value() -> None:
    err = refused(v.choice, "green", Colour, "colour", "Màu")
    assert err.field == "colour"
    assert '"Màu"' in err.message
    assert "green" in err.message
    assert "red, blue" in err.message
