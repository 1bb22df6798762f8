"""The sample archive: the reference report on the Ban Kinh tế Trung ương's visit to Thái Nguyên,
recorded fact by fact. `load_sample` writes it; tests assert it."""

from pathlib import Path

ARTICLE_PATH = Path(__file__).with_name("thai-nguyen-working-session.txt")

MEETING_SLUG = "ban-kinh-te-trung-uong-lam-viec-voi-tinh-thai-nguyen-ve-nghi-quyet-52-va-23"
MEETING_TITLE = (
    "Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên về sơ kết "
    "Nghị quyết 52-NQ/TW và Nghị quyết 23-NQ/TW"
)
MEETING_SUMMARY = (
    "Đoàn công tác của Ban Kinh tế Trung ương do đồng chí Nguyễn Đức Hiển, Phó Trưởng Ban Kinh tế "
    "Trung ương, làm trưởng đoàn làm việc với lãnh đạo tỉnh Thái Nguyên về kết quả thực hiện "
    "Nghị quyết 52-NQ/TW và Nghị quyết 23-NQ/TW của Bộ Chính trị, phục vụ xây dựng Đề án sơ kết; "
    "chiều cùng ngày, đoàn khảo sát Công ty cổ phần Đầu tư và Thương mại TNG và Công ty TNHH "
    "Mani Hà Nội - Nhà máy Phổ Yên 2."
)
DELEGATION_DESCRIPTION = (
    "Các đồng chí trong đoàn công tác là thành viên tổ biên tập các đề án đến từ một số ban, bộ, "
    "ngành liên quan."
)

# (key, name, kind, parent key)
AREAS = [
    ("vn", "Việt Nam", "country", None),
    ("thai-nguyen", "Thái Nguyên", "province", "vn"),
    ("pho-yen", "Phổ Yên", "city", "thai-nguyen"),
    ("song-cong", "Sông Công", "city", "thai-nguyen"),
]

# (key, name, abbreviation, kind, parent key, area key)
ORGANIZATIONS = [
    ("bct", "Bộ Chính trị", "BCT", "politburo", None, None),
    ("bkttw", "Ban Kinh tế Trung ương", "BKTTW", "party_central_commission", None, None),
    ("vu-cn", "Vụ Công nghiệp", "", "ministry_department", "bkttw", None),
    (
        "ttdb",
        "Trung tâm Thông tin, Phân tích và Dự báo kinh tế",
        "",
        "research_centre",
        "bkttw",
        None,
    ),
    ("bkhdt", "Bộ Kế hoạch và Đầu tư", "KH&ĐT", "ministry", None, None),
    ("vu-ktcn", "Vụ Kinh tế công nghiệp", "", "ministry_department", "bkhdt", None),
    ("bkhcn", "Bộ Khoa học và Công nghệ", "KH&CN", "ministry", None, None),
    ("vu-cnc", "Vụ Công nghệ cao", "", "ministry_department", "bkhcn", None),
    ("btttt", "Bộ Thông tin và Truyền thông", "TT&TT", "ministry", None, None),
    (
        "cuc-cnttt",
        "Cục Công nghiệp công nghệ thông tin và Truyền thông",
        "",
        "ministry_department",
        "btttt",
        None,
    ),
    ("tu-tn", "Tỉnh ủy Thái Nguyên", "", "party_committee", None, "thai-nguyen"),
    (
        "btv-tn",
        "Ban Thường vụ Tỉnh ủy Thái Nguyên",
        "BTV",
        "party_committee",
        "tu-tn",
        "thai-nguyen",
    ),
    (
        "hdnd-tn",
        "Hội đồng nhân dân tỉnh Thái Nguyên",
        "HĐND",
        "people_council",
        None,
        "thai-nguyen",
    ),
    (
        "ubnd-tn",
        "Ủy ban nhân dân tỉnh Thái Nguyên",
        "UBND",
        "people_committee",
        None,
        "thai-nguyen",
    ),
    (
        "so-ct-tn",
        "Sở Công Thương tỉnh Thái Nguyên",
        "",
        "provincial_department",
        "ubnd-tn",
        "thai-nguyen",
    ),
    (
        "so-khcn-tn",
        "Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
        "",
        "provincial_department",
        "ubnd-tn",
        "thai-nguyen",
    ),
    (
        "tng",
        "Công ty cổ phần Đầu tư và Thương mại TNG",
        "TNG",
        "enterprise",
        None,
        "thai-nguyen",
    ),
    ("mani", "Công ty TNHH Mani Hà Nội", "", "enterprise", None, None),
    (
        "mani-py2",
        "Công ty TNHH Mani Hà Nội - Nhà máy Phổ Yên 2",
        "",
        "enterprise",
        "mani",
        "pho-yen",
    ),
]

# People in order of first appearance:
# (name, title as reported, organization key, side, roles, [(position title, organization key)]).
# The organization is the one of the first office the title names, as the importer reads it.
PEOPLE = [
    (
        "Phạm Hoàng Sơn",
        "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh Thái Nguyên",
        "tu-tn",
        "host",
        {"spoke"},
        [("Phó Bí thư Thường trực Tỉnh ủy", "tu-tn"), ("Chủ tịch HĐND tỉnh", "hdnd-tn")],
    ),
    (
        "Nguyễn Thanh Bình",
        "Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh",
        "tu-tn",
        "host",
        {"reported", "spoke"},
        [("Ủy viên Ban Thường vụ Tỉnh ủy", "btv-tn"), ("Phó Chủ tịch UBND tỉnh", "ubnd-tn")],
    ),
    (
        "Nguyễn Đức Hiển",
        "Phó Trưởng Ban Kinh tế Trung ương",
        "bkttw",
        "delegation",
        {"led_delegation", "spoke"},
        [("Phó Trưởng Ban", "bkttw")],
    ),
    (
        "Lê Thủy Trung",
        "Phó Vụ trưởng Vụ Kinh tế công nghiệp, Bộ Kế hoạch và Đầu tư",
        "vu-ktcn",
        "delegation",
        {"spoke"},
        [("Phó Vụ trưởng", "vu-ktcn")],
    ),
    (
        "Nguyễn Văn Bình",
        "Phó Vụ trưởng Vụ Công nghiệp, Ban Kinh tế Trung ương",
        "vu-cn",
        "delegation",
        {"spoke"},
        [("Phó Vụ trưởng", "vu-cn")],
    ),
    (
        "Trần Anh Tú",
        "Phó Vụ trưởng Vụ Công nghệ cao, Bộ Khoa học và Công nghệ",
        "vu-cnc",
        "delegation",
        {"spoke"},
        [("Phó Vụ trưởng", "vu-cnc")],
    ),
    (
        "Nguyễn Tú Anh",
        "Giám đốc Trung tâm Thông tin, Phân tích và Dự báo kinh tế",
        "ttdb",
        "delegation",
        {"spoke"},
        [("Giám đốc", "ttdb")],
    ),
    (
        "Nguyễn Thanh Tuyên",
        "Phó Vụ trưởng Cục Công nghiệp công nghệ thông tin và Truyền thông, "
        "Bộ Thông tin và Truyền thông",
        "cuc-cnttt",
        "delegation",
        {"spoke"},
        [("Phó Vụ trưởng", "cuc-cnttt")],
    ),
]

# Departments that spoke through unnamed representatives: (organization key, title as reported).
REPRESENTATIVES = [
    ("so-ct-tn", "Đại diện Sở Công thương tỉnh Thái Nguyên"),
    ("so-khcn-tn", "Đại diện Sở Khoa học và Công nghệ tỉnh Thái Nguyên"),
]

# (code, date issued, issuer key, title)
RESOLUTIONS = [
    (
        "52-NQ/TW",
        "2019-09-27",
        "bct",
        "Một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
    ),
    (
        "23-NQ/TW",
        "2018-03-22",
        "bct",
        "Định hướng xây dựng chính sách phát triển công nghiệp quốc gia đến năm 2030, "
        "tầm nhìn đến năm 2045",
    ),
]

# (caption exactly as published, names of the people shown)
PHOTOS = [
    (
        "Đồng chí Nguyễn Đức Hiển, Phó Trưởng Ban Kinh tế Trung ương phát biểu tại buổi làm việc",
        ["Nguyễn Đức Hiển"],
    ),
    (
        "Đồng chí Phạm Hoàng Sơn, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh "
        "Thái Nguyên phát biểu tại buổi làm việc",
        ["Phạm Hoàng Sơn"],
    ),
    (
        "Đồng chí Nguyễn Thanh Bình, Phó Chủ tịch UBND tỉnh Thái Nguyên báo cáo đoàn công tác",
        ["Nguyễn Thanh Bình"],
    ),
    (
        "Đồng chí Lê Thủy Trung, Phó Vụ trưởng Vụ Kinh tế công nghiệp, Bộ Kế hoạch và Đầu tư "
        "tham gia ý kiến",
        ["Lê Thủy Trung"],
    ),
    (
        "Đồng chí Nguyễn Văn Bình, Phó Vụ trưởng Vụ Công nghiệp, Ban Kinh tế Trung ương "
        "tham gia ý kiến",
        ["Nguyễn Văn Bình"],
    ),
    (
        "Đồng chí Trần Anh Tú, Phó Vụ trưởng Vụ Công nghệ cao, Bộ Khoa học và Công nghệ "
        "tham gia ý kiến",
        ["Trần Anh Tú"],
    ),
    (
        "Đồng chí Nguyễn Tú Anh, Giám đốc Trung tâm Thông tin, Phân tích và Dự báo kinh tế "
        "tham gia ý kiến",
        ["Nguyễn Tú Anh"],
    ),
    (
        "Đồng chí Nguyễn Thanh Tuyên, Phó Vụ trưởng Cục Công nghiệp công nghệ thông tin và "
        "Truyền thông, Bộ Thông tin và Truyền thông tham gia ý kiến",
        ["Nguyễn Thanh Tuyên"],
    ),
    ("Đại diện Sở Công thương tỉnh Thái Nguyên tham gia ý kiến", []),
    ("Đại diện Sở Khoa học và Công nghệ tỉnh Thái Nguyên tham gia ý kiến", []),
    ("Quang cảnh buổi làm việc", []),
    ("Đoàn công tác khảo sát tại Công ty cổ phần Đầu tư và Thương mại TNG", []),
    ("Đoàn công tác tham quan dây chuyền sản xuất của TNG", []),
    ("Khảo sát quy trình sản xuất của TNG", []),
    ("Đoàn công tác nghe báo cáo của lãnh đạo công ty TNG", []),
    ("Đoàn công tác làm việc tại Công ty TNHH Mani Hà Nội - Nhà máy Phổ Yên 2", []),
    ("Đoàn công tác khảo sát tại Công ty TNHH Mani Hà Nội - Nhà máy Phổ Yên 2", []),
    ("Lãnh đạo doanh nghiệp giới thiệu đoàn công tác về quy trình sản xuất", []),
]

_NQ23 = (
    "Về thực hiện Nghị quyết 23, đến nay cơ bản các chỉ tiêu cụ thể đạt kế hoạch đề ra như: "
    "Tỷ trọng công nghiệp GRDP đến năm 2023 chiếm 58,4%; Tỷ trọng công nghiệp chế biến, chế tạo "
    "trong GRDP đến năm 2023 chiếm 55,2%; Tốc độ tăng trưởng giá trị sản xuất công nghiệp giai "
    "đoạn 2018-2023 đạt bình quân 8,32%/năm; trong đó ngành công nghiệp chế biến, chế tạo đạt "
    "8,35%/năm; Tốc độ tăng năng suất lao động công nghiệp đạt bình quân trên 4,5%/năm; Tỷ lệ "
    "lao động trong lĩnh vực công nghiệp và dịch vụ đạt trên 83%."
)
_STRUCTURE = (
    "Cơ cấu khu vực công nghiệp - xây dựng chiếm 58,3%; trong đó, riêng công nghiệp chiếm trên "
    "52% GRDP của tỉnh."
)
_ZONES = (
    "Về khu, cụm công nghiệp: tính đến nay, toàn tỉnh có 4 khu công nghiệp đã đi vào hoạt động; "
    "có 41 cụm công nghiệp được quy hoạch với 11 cụm công nghiệp đi vào hoạt động, tổng diện "
    "tích 277 ha, tỷ lệ lấp đầy bình quân các cụm công nghiệp đi vào hoạt động đạt 59%; có 60 dự "
    "án đầu tư trong các cụm công nghiệp, với tổng số vốn đăng ký là 8.503 tỷ đồng, tổng số lao "
    "động làm việc trong các cụm công nghiệp là 10.700 người."
)
_OUTPUT = (
    "Về phát triển công nghiệp trong giai đoạn 2018-2023, năm 2023 giá trị sản xuất công nghiệp "
    "của tỉnhđạt 954.964 tỷ đồng, gấp 1,4 lần so với năm 2018; tính chung giai đoạn 2018-2023, "
    "Giá trị sản xuất công nghiệp (giá so sánh 2010) tăng trưởng bình quân giai đoạn 2018 - 2023 "
    "tăng 8,3%/năm."
)
_FIRMS = (
    "Về phát triển doanh nghiệp công nghiệp, tổng số doanh nghiệp công nghiệp trên địa bàn tỉnh "
    "tính tại thời điểm 01/01/2023 là 1.200 doanh nghiệp, gấp 1,6 lần so với năm 2018, bình quân "
    "giai đoạn 2018-2023, tăng 10,3%/năm."
)
_INNOVATION = (
    "Về kết quả thực hiện Nghị quyết 52: Kết quả xếp hạng Chỉ số đổi mới sáng tạo cấp địa "
    "phương năm 2023 với điểm số 47,75 đứng thứ 10 cả nước và đứng đầu các tỉnh vùng trung du "
    "và miền núi phía Bắc."
)
_DIGITAL_INFRA = (
    "Về hạ tầng số: tính đến nay, các sở, ban, ngành, đơn vị và 9/9 địa phương trực thuộc tỉnh "
    "đã thành Ban Chỉ đạo thực hiện Chương trình chuyển đổi số; Tỷ lệ thôn, bản được phủ sóng di "
    "động băng rộng 3G/4G đạt 99,5%; tỷ lệ thôn, bản được phủ băng rộng cố định cáp quang đạt "
    "100%; mạng số liệu chuyên dùng kết nối 4 cấp hành chính tiếp tục được phát triển."
)
_TAX = (
    "Về Kinh tế số: 100% doanh nghiệp của tỉnh đã thực hiện khai thuế điện tử; 98% số doanh "
    "nghiệp đăng ký tài khoản nộp thuế điện tử; tỷ lệ hoàn thuế giá trị gia tăng qua hình thức "
    "điện tử đạt 100%."
)
_ECOMMERCE = "Toàn tỉnh có hơn 2.700 sản phẩm cập nhật trên sàn giao dịch thương mại điện tử."
_DIGITAL_SHARE = (
    "Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP của tỉnh Thái Nguyên năm 2023 là "
    "31,4%, đứng thứ 3/61 tỉnh, thành phố cả nước."
)
_DIGITAL_FIRMS = "Toàn tỉnh có 324 doanh nghiệp công nghệ số."
_SMART_CITY = (
    "Về phát triển đô thị thông minh: tiếp tục triển khai thí điểm Trung tâm Điều hành thông "
    "minh (IOC) thành phố Phổ Yên và thành phố Sông Công được tổ chức triển khai với 11 hạng mục."
)

# Every figure the report gives:
# (indicator, value as printed, unit, qualifier, period, area key, rank, resolution, sentence).
# Periods: "2023", "2018-2023", "2023-01-01", or None where the report says only "tính đến nay".
FIGURES = [
    (
        "Tỷ trọng công nghiệp trong GRDP",
        "58,4",
        "%",
        "",
        "2023",
        "thai-nguyen",
        "",
        "23-NQ/TW",
        _NQ23,
    ),
    (
        "Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP",
        "55,2",
        "%",
        "",
        "2023",
        "thai-nguyen",
        "",
        "23-NQ/TW",
        _NQ23,
    ),
    (
        "Tốc độ tăng trưởng giá trị sản xuất công nghiệp",
        "8,32",
        "%/năm",
        "bình quân",
        "2018-2023",
        "thai-nguyen",
        "",
        "23-NQ/TW",
        _NQ23,
    ),
    (
        "Tốc độ tăng trưởng giá trị sản xuất công nghiệp chế biến, chế tạo",
        "8,35",
        "%/năm",
        "",
        "2018-2023",
        "thai-nguyen",
        "",
        "23-NQ/TW",
        _NQ23,
    ),
    (
        "Tốc độ tăng năng suất lao động công nghiệp",
        "4,5",
        "%/năm",
        "bình quân trên",
        "2018-2023",
        "thai-nguyen",
        "",
        "23-NQ/TW",
        _NQ23,
    ),
    (
        "Tỷ lệ lao động trong lĩnh vực công nghiệp và dịch vụ",
        "83",
        "%",
        "trên",
        "2023",
        "thai-nguyen",
        "",
        "23-NQ/TW",
        _NQ23,
    ),
    (
        "Tỷ trọng khu vực công nghiệp - xây dựng trong cơ cấu kinh tế",
        "58,3",
        "%",
        "",
        "2023",
        "thai-nguyen",
        "",
        None,
        _STRUCTURE,
    ),
    (
        "Tỷ trọng công nghiệp trong GRDP",
        "52",
        "%",
        "trên",
        "2023",
        "thai-nguyen",
        "",
        None,
        _STRUCTURE,
    ),
    (
        "Số khu công nghiệp đi vào hoạt động",
        "4",
        "khu công nghiệp",
        "",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Số cụm công nghiệp được quy hoạch",
        "41",
        "cụm công nghiệp",
        "",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Số cụm công nghiệp đi vào hoạt động",
        "11",
        "cụm công nghiệp",
        "",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Tổng diện tích các cụm công nghiệp đi vào hoạt động",
        "277",
        "ha",
        "",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Tỷ lệ lấp đầy các cụm công nghiệp đi vào hoạt động",
        "59",
        "%",
        "bình quân",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Số dự án đầu tư trong các cụm công nghiệp",
        "60",
        "dự án",
        "",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Tổng vốn đăng ký các dự án đầu tư trong các cụm công nghiệp",
        "8.503",
        "tỷ đồng",
        "",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Số lao động làm việc trong các cụm công nghiệp",
        "10.700",
        "người",
        "",
        None,
        "thai-nguyen",
        "",
        None,
        _ZONES,
    ),
    (
        "Giá trị sản xuất công nghiệp",
        "954.964",
        "tỷ đồng",
        "",
        "2023",
        "thai-nguyen",
        "",
        None,
        _OUTPUT,
    ),
    (
        "Giá trị sản xuất công nghiệp so với năm 2018",
        "1,4",
        "lần",
        "",
        "2023",
        "thai-nguyen",
        "",
        None,
        _OUTPUT,
    ),
    (
        "Tốc độ tăng trưởng giá trị sản xuất công nghiệp",
        "8,3",
        "%/năm",
        "bình quân",
        "2018-2023",
        "thai-nguyen",
        "",
        None,
        _OUTPUT,
    ),
    (
        "Số doanh nghiệp công nghiệp",
        "1.200",
        "doanh nghiệp",
        "",
        "2023-01-01",
        "thai-nguyen",
        "",
        None,
        _FIRMS,
    ),
    (
        "Số doanh nghiệp công nghiệp so với năm 2018",
        "1,6",
        "lần",
        "",
        "2023-01-01",
        "thai-nguyen",
        "",
        None,
        _FIRMS,
    ),
    (
        "Tốc độ tăng số doanh nghiệp công nghiệp",
        "10,3",
        "%/năm",
        "bình quân",
        "2018-2023",
        "thai-nguyen",
        "",
        None,
        _FIRMS,
    ),
    (
        "Chỉ số đổi mới sáng tạo cấp địa phương",
        "47,75",
        "điểm",
        "",
        "2023",
        "thai-nguyen",
        "thứ 10 cả nước",
        "52-NQ/TW",
        _INNOVATION,
    ),
    (
        "Số địa phương trực thuộc tỉnh thành Ban Chỉ đạo thực hiện Chương trình chuyển đổi số",
        "9",
        "/9 địa phương",
        "",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _DIGITAL_INFRA,
    ),
    (
        "Tỷ lệ thôn, bản được phủ sóng di động băng rộng 3G/4G",
        "99,5",
        "%",
        "",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _DIGITAL_INFRA,
    ),
    (
        "Tỷ lệ thôn, bản được phủ băng rộng cố định cáp quang",
        "100",
        "%",
        "",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _DIGITAL_INFRA,
    ),
    (
        "Tỷ lệ doanh nghiệp thực hiện khai thuế điện tử",
        "100",
        "%",
        "",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _TAX,
    ),
    (
        "Tỷ lệ doanh nghiệp đăng ký tài khoản nộp thuế điện tử",
        "98",
        "%",
        "",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _TAX,
    ),
    (
        "Tỷ lệ hoàn thuế giá trị gia tăng qua hình thức điện tử",
        "100",
        "%",
        "",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _TAX,
    ),
    (
        "Số sản phẩm cập nhật trên sàn giao dịch thương mại điện tử",
        "2.700",
        "sản phẩm",
        "hơn",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _ECOMMERCE,
    ),
    (
        "Tỷ trọng giá trị tăng thêm của kinh tế số trong GRDP",
        "31,4",
        "%",
        "",
        "2023",
        "thai-nguyen",
        "thứ 3/61",
        "52-NQ/TW",
        _DIGITAL_SHARE,
    ),
    (
        "Số doanh nghiệp công nghệ số",
        "324",
        "doanh nghiệp",
        "",
        None,
        "thai-nguyen",
        "",
        "52-NQ/TW",
        _DIGITAL_FIRMS,
    ),
    (
        "Số hạng mục đô thị thông minh triển khai",
        "11",
        "hạng mục",
        "",
        None,
        "song-cong",
        "",
        "52-NQ/TW",
        _SMART_CITY,
    ),
]

SOURCE_PUBLISHER = "ttdb"
HOSTS = ["tu-tn", "hdnd-tn", "ubnd-tn"]
VISITED = ["tng", "mani-py2"]
