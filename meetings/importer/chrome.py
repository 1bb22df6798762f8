"""The page's own lines around a report: its date line, bylines, section labels, share buttons,
image markers, related links, repeated headlines and a paragraph cut off at the end.

None of them is a caption or a paragraph of the report; see docs/import.md, "Page chrome".
"""

import re

from people.text import fold

from .dates import page_date
from .phrases import SURNAME_SET

# "14 giờ trước", "2 hours ago", "5 phút trước", "Hôm qua".
_RELATIVE_TIME_RE = re.compile(
    r"^(?:\d+\s+(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s+trước|hôm qua|hôm nay|vừa xong"
    r"|\d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago|yesterday|today)$",
    re.IGNORECASE,
)
# Section labels and the page's buttons and boxes, folded.
_LABELS = {
    "thoi su", "chinh tri", "xay dung dang", "kinh te", "xa hoi", "tin tuc", "trong nuoc",
    "the gioi", "phap luat", "quoc phong", "an ninh", "van hoa", "giao duc", "suc khoe",
    "doi song", "dia phuong", "tin tuc su kien", "hoat dong lanh dao", "tin hoat dong",
    "bai goc", "chia se", "binh luan", "in bai", "luu", "luu tin", "theo doi", "tin lien quan",
    "xem them", "doc them", "tin khac", "cac tin khac", "tin cung chuyen muc", "thong tin ban doc",
    "dong luu thong tin", "gui binh luan", "tro ve", "quay lai", "trang chu", "video", "anh",
    "politics", "news", "national", "society", "economy", "business", "world", "home",
    "share", "print", "comments", "related news", "read more", "see more", "tags", "tag",
}  # fmt: skip
# "Deputy Prime Minister works with Binh Dinh - ảnh 1": the page's marker for an image.
_IMAGE_MARKER_RE = re.compile(r"(?:^|\s?[-–]\s?)(?:ảnh|photo)\s*\d+\.?$", re.IGNORECASE)
# "![]() |": table or image markup left from the page.
_MARKUP_RE = re.compile(r"^[!\[\]()|\s#*>-]*$")
# Bylines: "Thực hiện: Đắc Nhân - Ngọc Thành", "Bài và ảnh: …", "PV", "Nhóm PV".
_BYLINE_RE = re.compile(
    r"^(?:Thực hiện|Bài(?:,| và)? ảnh|Bài|Tin(?:,| và)? ảnh|Nhóm (?:PV|phóng viên)|Phóng viên"
    r"|Nguồn|Theo|Source|By|Reported by|Written by)\s*:\s*\S",
    re.IGNORECASE,
)
# An English byline without a colon: "By Lam Nguyen – Translated by Bao Nghi" (not "By July …,").
_ENGLISH_BYLINE_RE = re.compile(
    r"^(?:By|Reported by|Written by|Story by)(?: [A-Z][\w’'.-]*){1,4}(?:\s*[–—-]\s.*|\s*,.*)?$"
)
# The page's image file name: "ptt-tran-luu-quang-9893.jpg".
_FILE_NAME_RE = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp|svg)$", re.IGNORECASE)
# A line of authors' names alone: "Lê Liên - Trần Tuấn", "Đắc Nhân, Ngọc Thành và Minh Anh".
_NAMES_SEPARATOR_RE = re.compile(r"\s+[-–—/]\s+|\s*,\s*|\s+và\s+")
# Related-article links: ">> …", "Xem thêm: …", "Tin liên quan: …", "Read more: …".
_RELATED_RE = re.compile(
    r"^(?:>>|»|Xem thêm|Đọc thêm|Tin liên quan|Bài liên quan|Xem tiếp|Read more|Related|See also)"
    r"\s*:?\s*",
    re.IGNORECASE,
)
# A byline naming the outlet or office: "Báo Sơn La", "Trung tâm Thông tin, Phân tích …".
_SOURCE_OPENER_RE = re.compile(
    r"^(?:Báo|Trung tâm|Cổng|Đài|Tạp chí|Văn phòng|Ban|Sở|Phòng|Thông tấn|TTXVN|VNA|Theo|Nguồn)\b"
)
_BYLINE_MAX_WORDS = 12
_SALUTATION_RE = re.compile(r"^(?:Thưa|Kính thưa)\s")


def is_chrome(line: str, title: str | None = None) -> bool:
    """Whether `line` is the page's own, not the report's."""
    text = line.strip()
    bare = fold(text.strip(" |·•-–:")).strip()
    return bool(
        not bare
        or page_date(text) is not None
        or _RELATIVE_TIME_RE.match(text.strip(" ."))
        or bare in _LABELS
        or _IMAGE_MARKER_RE.search(text)
        or _MARKUP_RE.match(text)
        or _BYLINE_RE.match(text)
        or (_ENGLISH_BYLINE_RE.match(text) and not text.endswith("."))
        or _FILE_NAME_RE.match(text)
        or is_names_only(text)
        or _RELATED_RE.match(text)
        or (title is not None and bare == fold(title))
    )


def is_names_only(line: str) -> bool:
    """Whether `line` is only people's names, as an author's byline prints them ("Lê Liên -
    Trần Tuấn"): one to three names of two to four capitalised words, the first a surname."""
    names = _NAMES_SEPARATOR_RE.split(line.strip(" |"))
    return 1 <= len(names) <= 3 and all(
        2 <= len(name.split()) <= 4
        and name.split()[0] in SURNAME_SET
        and all(word[0].isupper() for word in name.split())
        for name in names
    )


def is_salutation(line: str) -> bool:
    """ "Thưa các đồng chí…": a speech's address to its audience, never a caption."""
    return bool(_SALUTATION_RE.match(line))


def is_truncated(line: str) -> bool:
    """A last paragraph the page's copy cut off: the text ends mid-sentence ("Tại các buổi làm
    vi", "Chiều cùng ngày, B"): no final punctuation and written as running text (mostly
    lower-case words, or a clause before a comma), unlike a byline ("Trấn Giang (tổng hợp)")."""
    text = line.strip()
    if not text or text[-1] in ".…!?:;)\"”’'":
        return False
    if _SOURCE_OPENER_RE.match(text) and len(text.split()) <= _BYLINE_MAX_WORDS:
        return False  # "Theo TTXVN", but not "Theo tờ trình của Chính phủ, đến nay, …"
    return _mostly_lower(text) or _mostly_lower(text.split(",")[0]) and "," in text


def _mostly_lower(text: str) -> bool:
    words = [word for word in re.findall(r"\w+", text) if not word.isdigit()]
    return sum(1 for word in words if word[0].islower()) * 2 > len(words) > 0
