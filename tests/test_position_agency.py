"""A position and its agency printed as a Vietnamese office writes them, for the positions
officers type (the documents audit's 32 pairs and its findings): a one-word kind ("Giám đốc Sở"
of "Sở Nội vụ") or level ("Chủ tịch HĐND xã" of "UBND xã Yên Thành") completes the position
with the agency's name instead of repeating it after a comma, and a short name after words that
already start the agency's name ("Chủ tịch UBND TP Vinh") adds only the rest of the name.
"Chủ tịch xã" of a commune's committee is its chair, titled as the demo's roster and official
documents title him: "Chủ tịch UBND xã Diễn Châu"."""

from __future__ import annotations

import pytest

from bdcq_desktop.documents.text import position_and_unit

PROVINCE = "Ủy ban nhân dân tỉnh Nghệ An"
ICT = "Sở Thông tin và Truyền thông"
VINH = "Ủy ban nhân dân thành phố Vinh"

CASES = [
    # The audit's 32 pairs (/tmp/s21/adocs/pau.py), position, unit, short name → printed.
    ("Chủ tịch UBND tỉnh", PROVINCE, "UBND tỉnh", "Chủ tịch UBND tỉnh Nghệ An"),
    ("Chủ tịch Ủy ban nhân dân tỉnh", PROVINCE, "UBND tỉnh",
     "Chủ tịch Ủy ban nhân dân tỉnh Nghệ An"),
    ("Chủ tịch UBND tỉnh Nghệ An", PROVINCE, "UBND tỉnh", "Chủ tịch UBND tỉnh Nghệ An"),
    ("Chủ tịch Ủy ban nhân dân tỉnh", "UBND tỉnh Nghệ An", "UBND tỉnh",
     "Chủ tịch Ủy ban nhân dân tỉnh Nghệ An"),
    ("Phó Chủ tịch Thường trực UBND tỉnh", PROVINCE, "UBND tỉnh",
     "Phó Chủ tịch Thường trực UBND tỉnh Nghệ An"),
    ("Phó Chủ tịch UBND tỉnh", PROVINCE, "UBND tỉnh", "Phó Chủ tịch UBND tỉnh Nghệ An"),
    ("Giám đốc Sở", ICT, "Sở TT&TT", f"Giám đốc {ICT}"),
    ("Giám đốc Sở TT&TT", ICT, "Sở TT&TT", f"Giám đốc {ICT}"),
    # Not the short name: the position as typed, then the agency.
    ("Giám đốc Sở TTTT", ICT, "Sở TT&TT", f"Giám đốc Sở TTTT, {ICT}"),
    (f"Giám đốc {ICT}", ICT, "Sở TT&TT", f"Giám đốc {ICT}"),
    ("Phó Giám đốc phụ trách", ICT, "Sở TT&TT", f"Phó Giám đốc phụ trách, {ICT}"),
    ("Phó Giám đốc Sở TT&TT phụ trách", ICT, "Sở TT&TT", f"Phó Giám đốc {ICT} phụ trách"),
    ("Chủ tịch UBND xã Diễn Châu", "Ủy ban nhân dân xã Diễn Châu", "UBND xã Diễn Châu",
     "Chủ tịch UBND xã Diễn Châu"),
    ("Chủ tịch UBND xã", "Ủy ban nhân dân xã Diễn Châu", "UBND xã Diễn Châu",
     "Chủ tịch UBND xã Diễn Châu"),
    ("Chủ tịch xã", "Ủy ban nhân dân xã Diễn Châu", "UBND xã Diễn Châu",
     "Chủ tịch UBND xã Diễn Châu"),
    # The council's chair in the commune's committee: the council's title and the commune,
    # never the committee's name after a comma as if he were of it.
    ("Bí thư Đảng ủy, Chủ tịch HĐND xã", "Ủy ban nhân dân xã Yên Thành", "UBND xã Yên Thành",
     "Bí thư Đảng ủy, Chủ tịch HĐND xã Yên Thành"),
    ("Bí thư Đảng ủy, Chủ tịch HĐND xã", "Hội đồng nhân dân xã Yên Thành", "HĐND xã Yên Thành",
     "Bí thư Đảng ủy, Chủ tịch HĐND xã Yên Thành"),
    ("Chủ tịch HĐND tỉnh", "Hội đồng nhân dân tỉnh Nghệ An", "HĐND tỉnh",
     "Chủ tịch HĐND tỉnh Nghệ An"),
    ("Chánh Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh",
     "Chánh Văn phòng UBND tỉnh"),
    ("Chánh Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh",
     "Chánh Văn phòng Ủy ban nhân dân tỉnh"),
    ("Phó Chánh Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh Nghệ An", "VP UBND tỉnh",
     "Phó Chánh Văn phòng UBND tỉnh Nghệ An"),
    ("Giám đốc Công an tỉnh", "Công an tỉnh Nghệ An", "Công an tỉnh",
     "Giám đốc Công an tỉnh Nghệ An"),
    ("Giám đốc", "Sở Y tế", "Sở Y tế", "Giám đốc, Sở Y tế"),
    ("Trưởng phòng CĐS Sở TT&TT", ICT, "Sở TT&TT", f"Trưởng phòng CĐS {ICT}"),
    ("Chủ tịch UBND tỉnh", "UBND tỉnh Nghệ An", "UBND tỉnh", "Chủ tịch UBND tỉnh Nghệ An"),
    ("Giám đốc Sở KH&CN", "Sở Khoa học và Công nghệ", "Sở KH&CN",
     "Giám đốc Sở Khoa học và Công nghệ"),
    ("Giám đốc Sở KHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN",
     "Giám đốc Sở KHCN, Sở Khoa học và Công nghệ"),
    ("Giám đốc sở", "Sở Nội vụ", "Sở Nội vụ", "Giám đốc Sở Nội vụ"),
    ("Phó Giám đốc Sở", "Sở Nội vụ", "Sở Nội vụ", "Phó Giám đốc Sở Nội vụ"),
    ("Chủ tịch UBND phường", "UBND phường Trường Vinh", "P. Trường Vinh",
     "Chủ tịch UBND phường Trường Vinh"),
    ("Chủ tịch UBND TP Vinh", "UBND thành phố Vinh", "TP Vinh", "Chủ tịch UBND thành phố Vinh"),
    ("Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh", "UBND tỉnh", "Chủ tịch UBND tỉnh"),
    # The audit's findings and their neighbours.
    ("Chủ tịch UBND TP Vinh", VINH, "TP Vinh", "Chủ tịch UBND thành phố Vinh"),
    ("Chủ tịch Ủy ban nhân dân TP Vinh", VINH, "TP Vinh",
     "Chủ tịch Ủy ban nhân dân thành phố Vinh"),
    ("Chủ tịch UBND TX Cửa Lò", "Ủy ban nhân dân thị xã Cửa Lò", "TX Cửa Lò",
     "Chủ tịch UBND thị xã Cửa Lò"),
    # Spelled as the unit's official name where only the marks differ.
    ("Chủ tịch uỷ ban nhân dân TP Vinh", VINH, "TP Vinh",
     "Chủ tịch Ủy ban nhân dân thành phố Vinh"),
    ("Giám đốc Sở TT&TT", ICT, "TT&TT", f"Giám đốc {ICT}"),
    ("Trưởng phòng Công nghệ thông tin, Sở TT&TT", ICT, "Sở TT&TT",
     f"Trưởng phòng Công nghệ thông tin, {ICT}"),
    ("Phó Giám đốc Sở", ICT, "Sở TT&TT", f"Phó Giám đốc {ICT}"),
    ("Phó Chủ tịch xã", "UBND xã Yên Thành", "", "Phó Chủ tịch UBND xã Yên Thành"),
    ("Chủ tịch xã", "Hội đồng nhân dân xã Yên Thành", "", "Chủ tịch HĐND xã Yên Thành"),
    ("Chủ tịch thị xã", "Ủy ban nhân dân thị xã Cửa Lò", "", "Chủ tịch UBND thị xã Cửa Lò"),
    # Another body of the commune keeps its own name: no "UBND" slipped in.
    ("Trưởng Công an xã", "Ủy ban nhân dân xã Yên Thành", "", "Trưởng Công an xã Yên Thành"),
    ("Bí thư Đảng ủy xã", "UBND xã Yên Thành", "", "Bí thư Đảng ủy xã Yên Thành"),
    ("Chủ tịch UBND", "UBND tỉnh Nghệ An", "", "Chủ tịch UBND tỉnh Nghệ An"),
    ("Phó Trưởng ban", "Ban Quản lý Khu kinh tế Đông Nam", "",
     "Phó Trưởng Ban Quản lý Khu kinh tế Đông Nam"),
    # Kinds compared with their marks: "trưởng" (head) is not "Trường" (school).
    ("Hiệu trưởng", "Trường THPT Huỳnh Thúc Kháng", "",
     "Hiệu trưởng, Trường THPT Huỳnh Thúc Kháng"),
    ("Giám đốc", "Sở", "", "Giám đốc, Sở"),
]


@pytest.mark.parametrize(("position", "unit", "short", "printed"), CASES)
def test_position_and_unit(position: str, unit: str, short: str, printed: str) -> None:
    assert position_and_unit(position, unit, short) == printed
