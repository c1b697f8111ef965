"""The columns and headers of the command line's record lists (members, units, rounds,
sessions, the document register): what CSV and JSON write, in order, and the Vietnamese
headers of the table. Kept apart from commands/common.py, which parses and prints."""

from __future__ import annotations

MEMBER_COLUMNS = [
    "id",
    "person_id",  # what --person, --chair, assignee_person_id… take, not the membership's id
    "full_name",
    "role",
    "role_label",
    "position",
    "unit",
    "field",
    "area",
    "phone",
    "email",
    "decision_number",
    "start_date",
    "end_date",
    "active",
    "version",  # the appointment's: --expected-version of members edit/end/remove
    "person_version",  # the person's: --person-version
    # Last, where no script's column moves: "Mã người" is the person's uid, as the roster
    # export and the change log show it (once "Mã người" headed person_id, a number).
    "person_uid",
]
# The table's: a 36-character key the officer does not type would crowd the roster.
MEMBER_TABLE_COLUMNS = [c for c in MEMBER_COLUMNS if c != "person_uid"]
MEMBER_HEADERS = {
    "id": "Mã bổ nhiệm",
    "person_id": "ID người",
    "person_uid": "Mã người",
    "full_name": "Họ và tên",
    "role": "Vai trò (mã)",
    "role_label": "Vai trò",
    "position": "Chức vụ",
    "unit": "Cơ quan",
    "field": "Lĩnh vực phụ trách",
    "area": "Địa bàn phụ trách",
    "phone": "Điện thoại",
    "email": "Email",
    "decision_number": "Quyết định",
    "start_date": "Từ ngày",
    "end_date": "Đến ngày",
    "active": "Đương nhiệm",
}
ROUND_COLUMNS = [
    "id",
    "title",
    "regime",
    "period_label",
    "due_date",
    "units",
    "on_time",
    "late",
    "missing",
    "not_due",
    "waived",
]
ROUND_HEADERS = {
    "id": "Mã",
    "title": "Đợt báo cáo",
    "regime": "Chế độ báo cáo",
    "period_label": "Kỳ",
    "due_date": "Hạn",
    "units": "Số đơn vị",
    "on_time": "Đúng hạn",
    "late": "Muộn",
    "missing": "Quá hạn",  # as the GUI's rounds list heads it
    "not_due": "Chưa đến hạn",
    "waived": "Miễn nộp",
}
UNIT_COLUMNS = [
    "id",
    "name",
    "short_name",
    "kind",
    "kind_label",
    "head",
    "people",
    "active",
    "version",
]
UNIT_HEADERS = {
    "id": "Mã",
    "name": "Tên cơ quan, đơn vị",
    "short_name": "Viết tắt",
    "kind": "Loại (mã)",
    "kind_label": "Loại",
    "head": "Người đứng đầu",
    "people": "Số người",
    "active": "Hoạt động",
}
SESSION_COLUMNS = [
    "id",
    "title",
    "purpose",
    "purpose_label",
    "starts_on",
    "ends_on",
    "place",
    "convened_by",
    "participants",
    "outputs",
]
ISSUED_COLUMNS = [
    "year",
    "number",
    "symbol",
    "kind",
    "issued_on",
    "summary",
    "record_type",
    "record_id",
    "signer",
    "sha256",
    "file_path",
    "superseded_on",  # last: the columns before it keep their places in a CSV
]
ISSUED_HEADERS = {
    "year": "Năm",
    "number": "Số",
    "symbol": "Số, ký hiệu",
    "kind": "Loại",
    "issued_on": "Ngày ban hành",
    "summary": "Trích yếu",
    "record_type": "Bản ghi",
    "record_id": "Mã bản ghi",
    "signer": "Người ký",
    "sha256": "SHA-256",
    "file_path": "Tệp lưu",
    "superseded_on": "Hết hiệu lực ngày",
}
