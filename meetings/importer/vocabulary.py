"""Letters, places and offices that every rule of the importer reads."""

import re

from people.text import fold

# Vietnamese letters by case, for regexes: Python's \w does not tell capitals apart.
_VIETNAMESE_LETTERS = [chr(code) for code in range(0x00C0, 0x1EFA)] + ["Đ", "đ"]


def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded.upper() if char.isupper() else folded


_FOLD_TABLE = {
    ord(char): _fold_char(char)
    for char in _VIETNAMESE_LETTERS
    if len(fold(char)) == 1 and _fold_char(char) != char
}
UPPER = "A-Z" + "".join(
    sorted({char for char in _VIETNAMESE_LETTERS if char.isupper() and ord(char) in _FOLD_TABLE})
)
LOWER = "a-z" + "".join(
    sorted({char for char in _VIETNAMESE_LETTERS if char.islower() and ord(char) in _FOLD_TABLE})
)


def fold_keeping_case(text: str) -> str:
    """`people.text.fold` one character for one, keeping case, so that spans stay valid."""
    return text.translate(_FOLD_TABLE)


PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn",
    "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng",
    "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
    "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
]  # fmt: skip
PROVINCE_BY_KEY = {fold_keeping_case(name): name.replace("–", "-") for name in PROVINCES}
PROVINCE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(key) for key in sorted(PROVINCE_BY_KEY, key=len, reverse=True))
    + r")(?!\w)"
)
PROVINCE_NAMES = "|".join(re.escape(name) for name in PROVINCES)
MINISTRY_FIELDS = (
    r"Công [Tt]hương|Kế hoạch và Đầu tư|Tài chính|Khoa học và Công nghệ|Thông tin và Truyền thông"
    r"|Nội vụ|Ngoại giao|Tư pháp|Giao thông vận tải|Xây dựng|Tài nguyên và Môi trường"
    r"|Nông nghiệp và Phát triển nông thôn|Nông nghiệp và Môi trường"
    r"|Lao động - Thương binh và Xã hội|Giáo dục và Đào tạo|Y tế|Văn hóa, Thể thao và Du lịch"
    r"|Quốc phòng|Công an|Ngoại vụ|Dân tộc và Tôn giáo"
)

_POSITIONS = (
    r"Tổng Bí thư|Bí thư|Chủ tịch Hội đồng quản trị|Chủ tịch HĐQT"
    r"|Chủ tịch|Trưởng [Bb]an|Trưởng [Đđ]oàn|Bộ trưởng|Thứ trưởng|Vụ trưởng|Cục trưởng"
    r"|Tổng cục trưởng|Viện trưởng|Tổng Giám đốc|Giám đốc|Ủy viên|Uỷ viên|Chủ nhiệm"
    r"|Chánh [Vv]ăn phòng|Thủ tướng|Tổng Thư ký|Trưởng phòng|Hiệu trưởng|Đại biểu"
    r"|Thống đốc|Chánh án|Tổng Kiểm toán|Tổng Thanh tra|Chánh [Tt]hanh tra|Tư lệnh|Chính ủy|Trưởng"
    # Party committee membership, whole or abbreviated: "TUV, Giám đốc Sở …" (Tỉnh ủy viên).
    r"|Tỉnh ủy viên|Tỉnh uỷ viên|Thành ủy viên|Huyện ủy viên|Đảng ủy viên"
    r"|TUV|ThUV|HUV|UVBTV|UVTW|UVTƯ"
)
# After "Phó", "Quyền" or "Nguyên" the office may be printed in lower case ("Phó trưởng ban",
# "Phó chủ tịch"); "Thường trực Ban Bí thư" is an office of its own.
POSITION_RE = re.compile(
    rf"(?:(?:Phó|Quyền|Nguyên) (?i:{_POSITIONS})|{_POSITIONS}|Thường trực(?= Ban| Tỉnh| Thành))"
    r"(?: [Tt]hường trực)?"
    r"(?: (?:BTV|BCH Trung ương Đảng|Ban Thường vụ|Ban Chấp hành Trung ương Đảng|Trung ương Đảng))?"
    r"(?=[\s,]|$)"
)
ORG_HEAD_RE = re.compile(
    r"(?:Ban|Bộ|Vụ|Cục|Sở|Tổng cục|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Huyện ủy|Đảng ủy|Hội đồng|HĐND"
    r"|Ủy ban|UBND|Trung tâm|Viện|Học viện|Công ty|Tập đoàn|Tổng công ty|Chính phủ|Văn phòng"
    r"|Quốc hội|Ngân hàng|Hiệp hội|Đại học|Trường)(?=[\s,_]|$)"  # "_": a masked name goes on
)
ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "BTV": "Ban Thường vụ"}
ABBREVIATION_RE = re.compile(r"\b(?:UBND|HĐND|BTV)\b")
QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Not after an abbreviation that goes on: "UBND TP. Hồ Chí Minh", "PGS.TS. Nguyễn Văn A".
SENTENCE_SPLIT_RE = re.compile(
    rf"(?<=[.!?…])(?<!\bTP\.)(?<!\bTS\.)(?<!\bGS\.)(?<!\bThS\.)\s+(?=[{UPPER}“\"])"
)


def expand_abbreviations(text: str) -> str:
    """ "UBND tỉnh" → "Ủy ban nhân dân tỉnh"."""
    return ABBREVIATION_RE.sub(lambda match: ABBREVIATIONS[match[0]], text)


def provinces_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every province named in `text`, however its tones are printed."""
    return [
        (match.start(), match.end(), PROVINCE_BY_KEY[match[0]])
        for match in PROVINCE_RE.finditer(fold_keeping_case(text))
    ]


def count_provinces(text: str, blocked: list[tuple[int, int]]) -> dict[str, int]:
    """How often each province is named outside `blocked` spans (companies) and quotations."""
    counts: dict[str, int] = {}
    quotes = [match.span() for match in QUOTE_RE.finditer(text)]
    for start, _end, name in provinces_in(text):
        if not any(begin <= start < end for begin, end in blocked + quotes):
            counts[name] = counts.get(name, 0) + 1
    return counts
