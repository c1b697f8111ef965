"""Static lists behind the demo: places, agendas and the Vietnamese wording of the meetings
other than the conclusions (see :mod:`data_conclusions`), and the ad hoc tasks.
"""

from __future__ import annotations

from .data_units import STANDING_ADDRESS

PLACE_MAIN = "Phòng họp tầng 3, UBND tỉnh Nghệ An"
PLACE_HALL = "Hội trường tầng 2, UBND tỉnh Nghệ An"
PLACE_STANDING = f"Phòng họp tầng 2, Sở Thông tin và Truyền thông ({STANDING_ADDRESS})"

ABSENCE_REASONS = [
    "Đi công tác",
    "Họp HĐND tỉnh",
    "Dự hội nghị tại Hà Nội",
    "Tiếp đoàn công tác của Trung ương",
    "Bận công tác đột xuất",
    "Nghỉ phép",
    "Đi công tác nước ngoài",
    "Ốm",
]

# Presenters: "chair", "standing", "unit:<key>", "expert:<n>" or None (discussion).
REGULAR_AGENDA: list[tuple[str, str | None, int]] = [
    ("Khai mạc; tuyên bố lý do, giới thiệu thành phần dự họp", "standing", 10),
    (
        "Báo cáo kết quả xây dựng Chính quyền điện tử {period}; nhiệm vụ trọng tâm {next}",
        "unit:stttt",
        25,
    ),
    (
        "Báo cáo tình hình cung cấp dịch vụ công trực tuyến, số hóa hồ sơ, kết quả giải quyết thủ "
        "tục hành chính",
        "unit:vp",
        15,
    ),
    (
        "Báo cáo tiến độ triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và "
        "xác thực điện tử",
        "unit:ca",
        15,
    ),
    ("Thảo luận, ý kiến của các thành viên Ban Chỉ đạo", None, 60),
    ("Kết luận của Trưởng ban", "chair", 20),
]

# Meetings other than the regular ones: key, kind, title, days before today (negative: future),
# hour, duration (minutes), place, chair ("head", "deputy", "sdeputy"), agenda, own conclusions,
# units whose members are invited (briefings), agency heads invited (expanded).
OTHER_MEETINGS: list[dict] = [
    dict(
        key="B1",
        kind="briefing",
        days=660,
        hour=14,
        minutes=150,
        place=PLACE_STANDING,
        chair="deputy",
        title="Phó Trưởng ban làm việc với Tổ công tác nghe báo cáo tiến độ xây dựng Kho dữ "
        "liệu dùng chung của tỉnh",
        agenda=[
            ("Báo cáo tiến độ xây dựng Kho dữ liệu dùng chung", "standing", 30),
            ("Ý kiến của các thành viên Tổ công tác", None, 60),
            ("Kết luận của Phó Trưởng ban", "chair", 15),
        ],
        conclusions=[
            (
                "Hoàn thành Kho dữ liệu dùng chung của tỉnh, kết nối với Nền tảng tích "
                "hợp, chia sẻ dữ liệu.",
                [("Hoàn thành, đưa vào vận hành Kho dữ liệu dùng chung của tỉnh", "stttt", None)],
            )
        ],
        units=["stttt", "vp", "stnmt"],
    ),
    dict(
        key="E1",
        kind="extraordinary",
        days=590,
        hour=14,
        minutes=180,
        place=PLACE_MAIN,
        chair="deputy",
        proposed=True,
        title="Họp bất thường Ban Chỉ đạo về tháo gỡ vướng mắc trong kết nối, chia sẻ dữ liệu "
        "với Cơ sở dữ liệu quốc gia về dân cư",
        agenda=[
            ("Báo cáo tình hình, nguyên nhân chậm kết nối, chia sẻ dữ liệu", "standing", 20),
            ("Ý kiến của Công an tỉnh về xác thực, đồng bộ dữ liệu công dân", "unit:ca", 15),
            ("Thảo luận, thống nhất giải pháp", None, 60),
            ("Kết luận của chủ trì", "chair", 15),
        ],
        conclusions=[
            (
                "Công an tỉnh chủ trì, phối hợp Sở Thông tin và Truyền thông hoàn thành "
                "kết nối Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh với Cơ "
                "sở dữ liệu quốc gia về dân cư.",
                [
                    (
                        "Hoàn thành kết nối, xác thực thông tin công dân trên Hệ thống thông "
                        "tin giải quyết thủ tục hành chính của tỉnh",
                        "ca",
                        "stttt",
                    )
                ],
            )
        ],
    ),
    dict(
        key="X1",
        kind="expanded",
        days=450,
        hour=8,
        minutes=210,
        place=PLACE_HALL,
        chair="head",
        title="Họp Ban Chỉ đạo mở rộng góp ý dự thảo Đề án chuyển đổi số tỉnh Nghệ An giai "
        "đoạn {plan}–2030",
        agenda=[
            ("Trình bày dự thảo Đề án chuyển đổi số", "unit:stttt", 30),
            ("Ý kiến của chuyên gia Trường Đại học Vinh", "expert:0", 20),
            ("Ý kiến của các doanh nghiệp viễn thông về phát triển hạ tầng số", "unit:viettel", 20),
            ("Thảo luận", None, 60),
            ("Kết luận của Trưởng ban", "chair", 20),
        ],
        conclusions=[
            (
                "Sở Thông tin và Truyền thông tiếp thu ý kiến chuyên gia, hoàn thiện dự "
                "thảo Đề án chuyển đổi số, trình UBND tỉnh.",
                [
                    (
                        "Hoàn thiện dự thảo Đề án chuyển đổi số, trình UBND tỉnh phê duyệt",
                        "stttt",
                        None,
                    )
                ],
            )
        ],
        agencies=["viettel", "vnpt", "bd", "dhv", "sxd", "svhtt", "sdl"],
    ),
    dict(
        key="B2",
        kind="briefing",
        days=300,
        hour=8,
        minutes=150,
        place="Phòng họp Sở Y tế",
        chair="deputy",
        title="Phó Trưởng ban làm việc với Sở Y tế về triển khai bệnh án điện tử và thanh toán "
        "không dùng tiền mặt trong khám, chữa bệnh",
        agenda=[
            ("Sở Y tế báo cáo kết quả chuyển đổi số y tế", "unit:syt", 30),
            ("Ý kiến của Bảo hiểm xã hội tỉnh", "unit:bhxh", 15),
            ("Thảo luận", None, 45),
            ("Kết luận của Phó Trưởng ban", "chair", 15),
        ],
        conclusions=[],
        units=["syt", "bhxh", "stttt"],
    ),
    dict(
        key="E2",
        kind="extraordinary",
        days=230,
        hour=14,
        minutes=180,
        place=PLACE_MAIN,
        chair="sdeputy",
        title="Họp bất thường Ban Chỉ đạo về sự cố mất an toàn thông tin trên hệ thống thư điện "
        "tử công vụ của tỉnh",
        agenda=[
            ("Báo cáo diễn biến sự cố và kết quả ứng cứu", "unit:stttt", 20),
            ("Công an tỉnh báo cáo kết quả xác minh", "unit:ca", 15),
            ("Đề xuất giải pháp bảo đảm an toàn thông tin lâu dài", "standing", 20),
            ("Thảo luận", None, 45),
            ("Kết luận của chủ trì", "chair", 15),
        ],
        conclusions=[
            (
                "Khẩn trương khắc phục sự cố, rà soát toàn bộ tài khoản thư điện tử công "
                "vụ, bắt buộc xác thực hai lớp.",
                [
                    (
                        "Rà soát, đặt lại mật khẩu, kích hoạt xác thực hai lớp cho toàn bộ "
                        "tài khoản thư điện tử công vụ",
                        "stttt",
                        None,
                    ),
                    ("Xác minh nguồn gốc tấn công, xử lý theo quy định", "ca", None),
                ],
            )
        ],
    ),
    dict(
        key="B3",
        kind="briefing",
        days=170,
        hour=14,
        minutes=150,
        place="Phòng họp UBND thành phố Vinh",
        chair="head",
        cancelled=True,
        title="Trưởng ban làm việc với UBND thành phố Vinh về xây dựng đô thị thông minh",
        agenda=[
            ("UBND thành phố Vinh báo cáo kết quả xây dựng đô thị thông minh", "unit:l:Vinh", 30),
            ("Thảo luận", None, 45),
            ("Kết luận của Trưởng ban", "chair", 15),
        ],
        conclusions=[],
        units=["l:Vinh", "stttt", "sxd"],
    ),
    dict(
        key="X2",
        kind="expanded",
        days=120,
        hour=8,
        minutes=210,
        place=PLACE_HALL,
        chair="head",
        title="Họp Ban Chỉ đạo mở rộng về phát triển hạ tầng số và bảo đảm an toàn thông tin mạng",
        agenda=[
            ("Báo cáo hiện trạng hạ tầng số của tỉnh", "unit:stttt", 20),
            ("Phương án phủ sóng di động vùng lõm", "unit:vnpt", 15),
            ("Giải pháp Trung tâm giám sát an toàn thông tin (SOC)", "unit:viettel", 15),
            ("Ý kiến chuyên gia về an toàn thông tin", "expert:2", 15),
            ("Thảo luận", None, 60),
            ("Kết luận của Trưởng ban", "chair", 20),
        ],
        conclusions=[
            (
                "Giao Tổ công tác hoàn thiện dự án Trung tâm giám sát, điều hành an toàn, "
                "an ninh mạng (SOC) của tỉnh.",
                [("Hoàn thiện hồ sơ dự án SOC, trình thẩm định", "stttt", "skhdt")],
            )
        ],
        agencies=["viettel", "vnpt", "bd", "dhv", "bchqs"],
        guest=True,
    ),
    dict(
        key="B4",
        kind="briefing",
        days=12,
        hour=14,
        minutes=150,
        place=PLACE_STANDING,
        chair="sdeputy",
        title="Phó Trưởng ban Thường trực làm việc với Tổ công tác về Chỉ số chuyển đổi số (DTI)",
        agenda=[
            ("Tổ công tác báo cáo kết quả tự đánh giá Chỉ số DTI", "standing", 30),
            ("Thảo luận", None, 60),
            ("Kết luận của Phó Trưởng ban Thường trực", "chair", 15),
        ],
        conclusions=[],
        units=["stttt", "vp", "snv"],
    ),
    dict(
        key="C1",
        kind="briefing",
        days=-6,
        hour=8,
        minutes=150,
        place="Phòng họp Sở Giáo dục và Đào tạo",
        chair="deputy",
        convened=True,
        title="Phó Trưởng ban làm việc với Sở Giáo dục và Đào tạo về chuyển đổi số trong giáo dục",
        agenda=[
            ("Sở Giáo dục và Đào tạo báo cáo kết quả chuyển đổi số", "unit:sgddt", 30),
            ("Thảo luận", None, 45),
            ("Kết luận của Phó Trưởng ban", "chair", 15),
        ],
        conclusions=[],
        units=["sgddt", "stttt", "stc"],
    ),
]

DISCUSSION_POINTS = [
    "tăng cường kiểm tra tỷ lệ hồ sơ trực tuyến toàn trình",
    "bố trí đủ kinh phí cho các nền tảng dùng chung",
    "sớm hoàn thiện hướng dẫn kết nối, chia sẻ dữ liệu",
    "quan tâm đào tạo kỹ năng số cho cán bộ cấp xã",
    "bảo đảm an toàn thông tin khi mở rộng dịch vụ công trực tuyến",
    "đẩy mạnh tuyên truyền để người dân sử dụng dịch vụ công trực tuyến",
]
FACTS = [
    "Tỷ lệ hồ sơ trực tuyến toàn trình đạt {p1}%; tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục "
    "hành chính đạt {p2}%.",
    "Tỷ lệ văn bản điện tử được ký số đạt {p3}%; 100% cơ quan sử dụng phần mềm quản lý văn bản "
    "và điều hành.",
    "Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh đã kết nối {n1} cơ sở dữ liệu, hệ thống thông "
    "tin.",
    "Trong kỳ đã phát hiện, ngăn chặn {n2} lượt tấn công, dò quét vào các hệ thống thông tin của "
    "tỉnh.",
]

# Ad hoc tasks (not from a conclusion): days before today, assigner, content, assignee, focal.
AD_HOC_TASKS: list[tuple[int, str, str, str, str | None]] = [
    (
        500,
        "deputy",
        "Chuẩn bị nội dung làm việc với Đoàn kiểm tra của Bộ Thông tin và Truyền thông "
        "về chuyển đổi số",
        "stttt",
        None,
    ),
    (
        260,
        "head",
        "Báo cáo nguyên nhân gián đoạn Cổng Dịch vụ công của tỉnh và giải pháp khắc phục",
        "vp",
        "stttt",
    ),
    (
        90,
        "sdeputy",
        "Rà soát, tổng hợp nhu cầu chứng thư số chuyên dùng của cấp xã",
        "snv",
        "stttt",
    ),
    (
        20,
        "deputy",
        "Tham mưu văn bản chỉ đạo tăng cường bảo đảm an toàn thông tin dịp cuối năm",
        "ca",
        "stttt",
    ),
]
