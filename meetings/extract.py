"""Turn a published working-session report into a draft meeting an editor only has to check.

Pure text in, plain dict out: no Django, no database. The rules below are the contract that the
hand-checked files in tests/articles follow.

Lines
- Text is NFC-normalised; a `đ` glued to the previous word ("tỉnhđạt") is split off, because a
  Vietnamese syllable never has `đ` inside it.
- The title is the first line when it starts with `# ` (what `html_to_text` makes of `<h1>`), or
  when it is the only line followed by a blank line and has no final full stop. Otherwise None.
- The source is the last line when it is short (at most 12 words), has no final full stop and
  reads like a byline (no activity verb such as "phát biểu", "khảo sát").
- Every other line without final punctuation (. … ! ? : ;) and of at most 40 words is a photo
  caption; lines starting with `#` are headings; the rest are body paragraphs.
- The date is printed in a sentence that opens with Ngày/Sáng/Chiều/Tối/Trưa; without a year
  it is None with a warning.

People
- A name is a known surname followed by 1–3 capitalised syllables, or any 2–4 capitalised
  syllables right after "ông", "bà" or "đồng chí" ("bà Siu H'Mia"), outside place and company
  names. The same name (tones folded, `people.text.fold`) is one person however often printed.
- A title is read after the name (", <title>", " - <title>", "(<title>)") or before it
  ("Phó Trưởng Ban Kinh tế Trung ương Nguyễn Đức Hiển"); it must start with a position word and
  ends at punctuation, at a verb ("phát biểu", "cho biết", …) or at a comma followed by a
  lower-case word. "Trưởng đoàn (công tác)" is a role, not a title.
- A person's title is the longest one printed; a shorter one that is not a prefix of a part of
  it (abbreviations expanded, tones folded) gives a warning.
- The organization is the one named in the first office of the title.
- Side: the delegation leader, and central bodies (Trung ương, Bộ, Vụ, Cục, …) are the
  delegation, local bodies (Tỉnh ủy, HĐND, UBND, Sở, tỉnh, …) the host; reversed when the text
  says a province's delegation was received. Company officers are "other"; no title → None.
- Roles come from the verb right after the mention (phát biểu/cho biết/… → spoke, báo cáo →
  reported, chủ trì → chaired, dẫn đầu/làm Trưởng đoàn → led_delegation), from a sentence that
  opens with "Báo cáo"/"Phát biểu"/"Chủ trì" before its first person, and from "Trưởng đoàn".

Documents
- Full codes in every written form (52-NQ/TW, 14-KL/TW, 05-CT/TW, 1234/QĐ-TTg, 13/2023/NĐ-CP,
  352/TB-VPCP, 08/2023/NQ-HĐND, 1234/QĐ-UBND, 155-KH/TU; TƯ is read as TW), found and normalised
  by `people.codes` (`find_codes`, `parse_code`). Date, issuer (from a list of issuing
  bodies) and a quoted title are taken when printed right after the code. Short mentions ("các
  nghị quyết 52 và 23") resolve to the full code with that number and type; one that resolves
  to nothing gives a warning.

Figures
- A figure is a number followed by a known unit (%, %/năm, tỷ đồng, doanh nghiệp, ha, lần, …,
  also per hectare, person, year…: "tấn/ha") or preceded by "điểm số". Its value is read by
  `people.numbers.parse_vietnamese_number` (23.456,7 → "23456.7"). Bare numbers,
  durations ("5 năm qua"), dates, years, document numbers, ranks ("thứ 3/61") and ordinals are
  not figures. "9/9 địa phương" is a figure: value 9, unit "/9 địa phương".
- The period is the nearest period phrase before the number in the same sentence (a sentence
  ends at a full stop; a list joined by semicolons is one sentence), else one right after the
  figure in its clause; "so với năm 2018" is a comparison, not a period. A share (%) that
  takes a span from an earlier clause of its list is the share at the span's last year. A
  sentence without a period takes the year a figure-less sentence before it in the same
  paragraph set as its topic ("Cơ cấu kinh tế của tỉnh năm 2023 …"). No period → warning.
  Periods read: "năm 2023", "đến (hết|cuối) năm 2023" → "2023"; "giai đoạn 2018-2023" →
  "2018-2023"; "tại thời điểm 01/01/2023" → "2023-01-01"; "tháng 6/2024" → "2024-06";
  "6 tháng đầu năm 2024" → "2024-01/2024-06"; "quý II/2024" → "2024-04/2024-06".
- The rank is printed without its verb: "đứng thứ 10 cả nước" → "thứ 10 cả nước", "xếp thứ
  3/61 tỉnh, thành phố" → "thứ 3/61" (a denominator makes the scope), "thứ 3 khu vực Bắc Trung
  Bộ".
- The qualifier is "bình quân" when the clause says so (not in "bình quân đầu người"), then the
  word right before the number (trên, hơn, gần, khoảng, dưới, tới, ít nhất, xấp xỉ).
- The name says what is measured. It starts from the clause before the number without leading
  clauses ("Theo báo cáo của tỉnh", "sau 1 năm thực hiện …"), period, subject ("toàn tỉnh",
  "tỉnh đã"), province ("của tỉnh"), verb and qualifier, then:
  a growth rate in %/năm is "Tốc độ tăng …" ("Tốc độ tăng trưởng …" when the clause says
  "tăng trưởng"); a share, "X chiếm 52% GRDP", is "Tỷ trọng X trong GRDP" ("Cơ cấu X chiếm" →
  "Tỷ trọng X trong cơ cấu kinh tế"; a share of the count before it is "Tỷ lệ …"); a count,
  "có 41 cụm công nghiệp được quy hoạch", is "Số cụm công nghiệp được quy hoạch" ("tổng số X" →
  "Số X"; a count with nothing after it takes the sentence's "Về <topic>:" and its verb: "Số
  hạng mục đô thị thông minh triển khai"); "98% số doanh nghiệp đăng ký …" is "Tỷ lệ doanh
  nghiệp đăng ký …"; a change after a figure names what changed ("Tốc độ tăng <previous> so với
  cùng kỳ", "Mức giảm <previous> so với …", "<previous> so với năm 2018" for "gấp 1,4 lần");
  "trong đó" narrows the previous indicator ("… công nghiệp" → "… công nghiệp chế biến, chế
  tạo"); a bare measure ("tổng diện tích 277 ha") takes the thing counted before it ("Tổng diện
  tích các cụm công nghiệp đi vào hoạt động"); "tỉnh trồng mới 1.250 ha rừng" is "Diện tích rừng
  trồng mới".
"""

import re
import unicodedata
from html.parser import HTMLParser

from people.codes import DOCUMENT_KINDS, DocumentCode, find_codes
from people.numbers import parse_vietnamese_number
from people.periods import PERIOD_RE, find_periods, is_span_of_years, is_year
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
_UPPER = "A-Z" + "".join(
    sorted({char for char in _VIETNAMESE_LETTERS if char.isupper() and ord(char) in _FOLD_TABLE})
)
_LOWER = "a-z" + "".join(
    sorted({char for char in _VIETNAMESE_LETTERS if char.islower() and ord(char) in _FOLD_TABLE})
)


def _fold(text: str) -> str:
    """`people.text.fold` one character for one, keeping case, so that spans stay valid."""
    return text.translate(_FOLD_TABLE)


_key = fold


SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lâm", "Mai", "Trương", "Tô", "Hà", "Cao", "Lương", "Đào",
    "Vương", "Trịnh", "Đàm", "Kiều", "Chu", "Quách", "Tạ", "Triệu", "Lưu", "Nghiêm", "Phùng",
    "Khổng", "Châu", "Lại", "Thân", "Tăng", "Từ", "Lục", "Mạc", "Hứa", "Lò", "Nông", "Hầu", "Doãn",
]  # fmt: skip
# Capitalised words that never start a given name: they start titles or sentences.
_NOT_GIVEN_NAMES = {
    "Phó", "Chủ", "Bí", "Giám", "Trưởng", "Ủy", "Uỷ", "Bộ", "Vụ", "Cục", "Sở", "Ban", "Tỉnh",
    "Đồng", "Ông", "Bà", "Tổng", "Thứ", "Viện", "Công", "Đoàn", "Tại", "Về", "Theo", "Trong",
    "Các", "Hội", "Nhà", "Thủ", "Chánh", "Đảng", "Ngày", "Sáng", "Chiều", "Khu",
}  # fmt: skip

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
_PROVINCE_BY_KEY = {_fold(name): name.replace("–", "-") for name in PROVINCES}
_PROVINCE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(key) for key in sorted(_PROVINCE_BY_KEY, key=len, reverse=True))
    + r")(?!\w)"
)

_MINISTRY_FIELDS = (
    r"Công [Tt]hương|Kế hoạch và Đầu tư|Tài chính|Khoa học và Công nghệ|Thông tin và Truyền thông"
    r"|Nội vụ|Ngoại giao|Tư pháp|Giao thông vận tải|Xây dựng|Tài nguyên và Môi trường"
    r"|Nông nghiệp và Phát triển nông thôn|Nông nghiệp và Môi trường"
    r"|Lao động - Thương binh và Xã hội|Giáo dục và Đào tạo|Y tế|Văn hóa, Thể thao và Du lịch"
    r"|Quốc phòng|Công an|Ngoại vụ|Dân tộc và Tôn giáo"
)
_PROVINCE_NAMES = "|".join(re.escape(name) for name in PROVINCES)
_ISSUER_RE = re.compile(
    r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?(?: khóa [IVXL]+)?"
    r"|Ủy ban Thường vụ Quốc hội|Quốc hội|Thủ tướng Chính phủ|Văn phòng Chính phủ|Chính phủ"
    r"|Văn phòng Trung ương Đảng"
    rf"|Ban [{_UPPER}][{_LOWER}]*(?: [{_LOWER}]+){{0,2}} Trung ương"
    rf"|(?:Ban Thường vụ )?(?:Tỉnh ủy|Thành ủy)(?: (?:{_PROVINCE_NAMES}))?"
    rf"|(?:Hội đồng nhân dân|HĐND|Ủy ban nhân dân|UBND) (?:tỉnh|thành phố)"
    rf"(?: (?:{_PROVINCE_NAMES}))?"
    rf"|Bộ (?:{_MINISTRY_FIELDS})"
)
# Bodies recognised in running text (inside titles the comma-bounded title gives the extent).
_ORG_IN_TEXT_RE = re.compile(
    r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?|Văn phòng Chính phủ"
    r"|Thủ tướng Chính phủ|Chính phủ|Quốc hội"
    rf"|Ban [{_UPPER}][{_LOWER}]*(?: [{_LOWER}]+){{0,2}} Trung ương"
    rf"|Bộ (?:{_MINISTRY_FIELDS})"
    rf"|Sở (?:{_MINISTRY_FIELDS})(?: (?:tỉnh|thành phố) (?:{_PROVINCE_NAMES}))?"
)
_COMPANY_RE = re.compile(
    r"(?<!\w)(?:Công ty|Tổng công ty|Tập đoàn)(?= )"
    r"(?: (?:cổ phần|TNHH(?: một thành viên| MTV)?|trách nhiệm hữu hạn(?: một thành viên)?))?"
)

_POSITION_RE = re.compile(
    r"(?:Phó |Quyền |Nguyên )?(?:Tổng Bí thư|Bí thư|Chủ tịch Hội đồng quản trị|Chủ tịch HĐQT"
    r"|Chủ tịch|Trưởng [Bb]an|Trưởng [Đđ]oàn|Bộ trưởng|Thứ trưởng|Vụ trưởng|Cục trưởng"
    r"|Tổng cục trưởng|Viện trưởng|Tổng Giám đốc|Giám đốc|Ủy viên|Uỷ viên|Chủ nhiệm"
    r"|Chánh [Vv]ăn phòng|Thủ tướng|Tổng Thư ký|Trưởng phòng|Hiệu trưởng|Đại biểu|Trưởng)"
    r"(?: [Tt]hường trực)?(?: (?:BTV|Ban Thường vụ|Ban Chấp hành Trung ương Đảng|Trung ương Đảng))?"
    r"(?=[\s,]|$)"
)
_ORG_HEAD_RE = re.compile(
    r"(?:Ban|Bộ|Vụ|Cục|Sở|Tổng cục|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Huyện ủy|Đảng ủy|Hội đồng|HĐND"
    r"|Ủy ban|UBND|Trung tâm|Viện|Học viện|Công ty|Tập đoàn|Tổng công ty|Chính phủ|Văn phòng"
    r"|Quốc hội|Ngân hàng|Hiệp hội|Đại học|Trường)(?=[\s,]|$)"
)
_DELEGATION_ROLE_RE = re.compile(r"^(Phó )?Trưởng [đĐ]oàn(?: công tác\b.*)?$")
_COMPANY_WORDS_RE = re.compile(r"Công ty|Tập đoàn|Tổng công ty|Ngân hàng|HĐQT|Hội đồng quản trị")
_LOCAL_RE = re.compile(
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Huyện ủy|HĐND|Hội đồng nhân dân|UBND|Ủy ban nhân dân|Sở |"
    r"\btỉnh\b|\bthành phố\b|\bhuyện\b"
)
_CENTRAL_RE = re.compile(
    r"Trung ương|Bộ |Vụ |Cục |Chính phủ|Quốc hội|Trung tâm|Viện |Bộ trưởng|Thứ trưởng"
)

# Words after which a title has ended: what the person does, not who they are.
_STOP_VERBS = (
    "phát biểu|tham gia ý kiến|tham gia|báo cáo|cho biết|nhấn mạnh|khẳng định|đề nghị|chủ trì"
    "|dẫn đầu|làm|ghi nhận|đánh giá|trình bày|chia sẻ|kết luận|giới thiệu|thăm|khảo sát|tặng"
    "|trao|tiếp|chúc mừng|yêu cầu|đề xuất|nêu|cảm ơn|nhận định|mong muốn|đồng tình|lưu ý|cùng"
    "|đã|đang|sẽ|tại|với|về|thay mặt|chỉ đạo|giải trình|điều hành|kiến nghị|trả lời|phân tích"
    "|bày tỏ|biểu dương|nhận xét|nghe|được|thông báo|cũng|gửi|nói|là|có|trong|khi|đến|nhằm|để"
)
_STOP_VERB_RE = re.compile(rf"\s+(?:{_STOP_VERBS})(?=[\s,.;:]|$)")
_HARD_STOP_RE = re.compile(r"[;:!?()“”\"\n]|\.(?=\s|$)")
_COMMA_OR_AND_RE = re.compile(r"\s*,\s*|\s+và\s+")
_ROLE_AFTER_RE = re.compile(
    r"^[\s,]*(?:đã |cũng |tiếp tục )?(?:(?P<chaired>chủ trì)|(?P<led>dẫn đầu|làm [Tt]rưởng đoàn)"
    r"|(?P<reported>báo cáo)|(?P<spoke>phát biểu|tham gia ý kiến|cho biết|nhấn mạnh|khẳng định"
    r"|đề nghị|đánh giá|ghi nhận|chia sẻ|trình bày|kết luận|nêu|cảm ơn|lưu ý|yêu cầu|đề xuất"
    r"|bày tỏ|thông tin|giải trình|kiến nghị|nhận định|chỉ đạo|trả lời|phân tích|mong muốn"
    r"|biểu dương|nhận xét|thông báo))"
)
_ROLE_OPENING_RE = re.compile(
    r"^(?:(?P<reported>Báo cáo)|(?P<spoke>Phát biểu)|(?P<chaired>Chủ trì))\b"
)
_ROLE_ORDER = ["chaired", "led_delegation", "spoke", "reported"]
_TITLE_BEFORE_BOUNDARY_RE = re.compile(
    r"[.,;:(“\n]|(?<!\w)(?:[đĐ]ồng chí|[Ôô]ng|[Bb]à|có|do)(?=\s)"
)
_ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "BTV": "Ban Thường vụ"}
_ABBREVIATION_RE = re.compile(r"\b(?:UBND|HĐND|BTV)\b")

# Document types spelled out ("nghị quyết", "Kế hoạch"), from the one table of types.
_DOC_TYPES = {fold(kind.name): kind.printed for kind in DOCUMENT_KINDS if kind.printed}
_DOC_TYPE_WORDS = "|".join(
    f"[{kind.name[0]}{kind.name[0].lower()}]{re.escape(kind.name[1:])}"
    for kind in DOCUMENT_KINDS
    if kind.printed
)
_DOC_DATE_RE = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2}) năm (?P<y2>\d{4}))"
)
_DOC_ISSUER_RE = re.compile(rf"^\s*,?\s*của\s+(?P<issuer>{_ISSUER_RE.pattern})")
_DOC_TITLE_RE = re.compile(r"^\s*,?\s*(?:về việc|về|V/v)?\s*[“\"](?P<title>[^”\"]+)[”\"]")
_SHORT_DOC_RE = re.compile(
    rf"(?P<type>{_DOC_TYPE_WORDS})\s+(?:số\s+)?(?P<numbers>\d{{1,5}}(?:\s*(?:,|và)\s*\d{{1,5}})*)"
    r"(?![\w/-])"
)

_MEETING_DATE_RE = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Ngày|Sáng|Chiều|Tối|Trưa)(?: nay)?(?: ngày)?\s+"
    r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?|(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2})"
    r"(?: năm (?P<y2>\d{4}))?)",
    re.MULTILINE,
)

_UNITS = sorted(
    """tỷ đồng|nghìn tỷ đồng|triệu đồng|nghìn đồng|tỷ USD|triệu USD|nghìn USD|USD|ha|km2|km|m2
    |tấn|nghìn tấn|triệu tấn|MW|người|nghìn người|triệu người|lao động|doanh nghiệp|dự án
    |khu công nghiệp|cụm công nghiệp|sản phẩm|lần|điểm|hạng mục|hộ|xã|thôn|học sinh
    |hợp tác xã|cơ sở|bệnh viện|lượt khách|nghìn lượt khách|triệu lượt khách|lượt|địa phương
    |chỉ tiêu|đề án|nhiệm vụ|văn bản|thủ tục hành chính|thủ tục|giường bệnh|điểm phần trăm
    |sáng kiến|tổ chức|cán bộ|đảng viên|trạm|dịch vụ công|đơn thư|vụ việc|vụ án|tạ|con
    |căn hộ|căn|trường|lượt người|hồ sơ|tỷ USD|tỷ m3|m3""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
_NUMBER_RE = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\w]|[.,]\d)")
_UNIT_RE = re.compile(
    r"(?:\s?(?P<percent>%(?:/năm)?)|(?P<fraction>/\d+)?\s+(?P<unit>(?:"
    + "|".join(re.escape(unit.strip()) for unit in _UNITS)
    + r")(?:/(?:ha|người|hộ|năm|tháng|ngày|km2|m2|lao động|con)){0,2})(?![\w/]))"
)
_CLAUSE_END_RE = re.compile(r"[,;]|\.\s|\.$|(?<!năm )(?<!đoạn )(?<![\d,.-])\d")
_CONNECTOR_RE = re.compile(r"(?<! so)\s(?:với|và|có|gồm|đạt|là)\s(?=[^,;]*\d)")
_COMPARISON_BEFORE_RE = re.compile(r"so với\s+(?:cùng kỳ\s+)?$")
# A rank as printed, without its verb: "thứ 3/61", "thứ 10 cả nước", "thứ 3 khu vực Bắc Trung Bộ".
_RANK_RE = re.compile(
    r"(?:(?:đứng|xếp)\s+)(?P<rank>(?:thứ|hạng)\s+\d+(?P<of>/\d+)?)|(?P<bare>thứ\s+\d+/\d+)"
)
_RANK_AFTER_RE = re.compile(rf"[\s,]*(?:{_RANK_RE.pattern})")
_RANK_SCOPE_RE = re.compile(
    r"\s+(?:(?:của|trong)\s+)?(?:cả nước|toàn quốc|(?:khu vực|vùng|các tỉnh)\s[^,;.]*?)"
    r"(?=\s+và\s|\s*[,;.]|\s*$)"
)
_ORDINAL_RE = re.compile(r"(?:thứ|khóa|kỳ|lần)\s+\d+|\d+\s+(?:năm|tháng|ngày)\b")
_SCORE_BEFORE_RE = re.compile(r"điểm số\s+(?:là\s+|đạt\s+)?$")
_QUALIFIER_RE = re.compile(r"(?:^|\s)(trên|hơn|gần|khoảng|dưới|tới|ít nhất|xấp xỉ)\s*$")
_COUNT_BEFORE_RE = re.compile(r"(?:^|\s)(?:có|với|và|gồm)\s*$")
_LEADING_FILLER_RE = re.compile(
    r"^(?:[\s,]|trong đó|riêng|tính chung|tính đến nay|đến nay|hiện nay|còn|với|và|toàn tỉnh"
    r"|cả tỉnh|có)+(?=\S|$)",
    re.IGNORECASE,
)
_SPEECH_RE = re.compile(r"\b(?:cho biết|báo cáo|nhấn mạnh|khẳng định|thông tin)\b[,:]?")
_NOT_COUNT_UNITS = {"%", "%/năm", "lần", "điểm", "ha", "km", "km2", "m2", "MW"}
_TRAILING_VERB_RE = re.compile(
    r"(?:[\s,]+(?:đạt|chiếm|là|tăng|giảm|tăng trưởng|có|với|gấp|lên|xuống|ước đạt|đạt được|vượt"
    r"|điểm số|bằng|tăng thêm|đạt mức|giảm còn|còn))+$"
)
_TRAILING_AREA_RE = re.compile(
    rf"\s+(?:của tỉnh|trên địa bàn tỉnh|toàn tỉnh)(?: (?:{_PROVINCE_NAMES}))?$"
)
_AREA_OF_HOST_RE = re.compile(r"toàn tỉnh|cả tỉnh|của tỉnh|địa bàn tỉnh", re.IGNORECASE)
_SENTENCE_SPLIT_RE = re.compile(rf"(?<=[.!?…])\s+(?=[{_UPPER}“\"])")
_CAPTION_END_RE = re.compile(r"(?:[.…!?:;]|\./\.)$")
_ACTIVITY_RE = re.compile(
    r"phát biểu|tham gia|khảo sát|làm việc|thăm|tham quan|báo cáo|Quang cảnh|trao|tặng|chụp ảnh"
    r"|giới thiệu|nghe|chủ trì"
)
_VISIT_RE = re.compile(r"khảo sát|thăm|tham quan|làm việc tại|kiểm tra")
_RECEIVED_LOCAL_DELEGATION_RE = re.compile(
    r"[Tt]iếp(?: và làm việc với)? [Đđ]oàn(?: công tác)?(?: của)? (?:tỉnh|thành phố) "
    rf"(?:{_PROVINCE_NAMES})"
)
_QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"]*\"")
_GLUED_D_RE = re.compile(rf"(?<=[{_LOWER}])(?=đ)")


def html_to_text(html: str) -> str:
    """Keep what a reader reads: headings, paragraphs, captions; drop menus, scripts, markup."""
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    return parser.text()


class _ArticleParser(HTMLParser):
    """Collects block texts; `<h1>` becomes `# …`, other headings `## …`."""

    SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "menu",
               "button", "iframe", "svg", "template", "select"}  # fmt: skip
    SKIPPED_CLASSES = {"menu", "nav", "navbar", "breadcrumb", "share", "social", "sidebar",
                       "related", "comments", "advert", "ads", "footer", "header"}  # fmt: skip
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "li", "div", "blockquote",
              "td", "article", "section", "figure", "br", "tr", "title"}  # fmt: skip
    VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_stack: list[str] = []
        self.heading = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag == "br":
                self.flush()
            return
        if self.skip_stack:
            self.skip_stack.append(tag)
            return
        classes = " ".join(value or "" for name, value in attrs if name in ("class", "id"))
        if tag in self.SKIPPED or set(re.split(r"[\s_-]+", classes.lower())) & self.SKIPPED_CLASSES:
            self.skip_stack.append(tag)
            return
        if tag in self.BLOCKS:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.heading = "# " if tag == "h1" else "## "

    def handle_endtag(self, tag):
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack.pop() != tag:
                    pass
            return
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skip_stack and self.lasttag != "title":
            self.current.append(data)

    def flush(self):
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(self.heading + line)
            if self.heading == "# ":
                self.lines.append("")
        self.current = []
        self.heading = ""

    def text(self) -> str:
        self.flush()
        return "\n".join(self.lines)


def extract_article(text: str) -> dict:
    """Read a report's text into the draft-meeting dict described in the module docstring."""
    return _Article(text).extract()


class _Article:
    """One extraction run; holds the text and what was found so far."""

    def __init__(self, text: str):
        text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\u00a0", " ")
        self.text = _GLUED_D_RE.sub(" ", text)
        self.warnings: list[str] = []
        self.people: dict[str, dict] = {}
        self.organizations: dict[str, dict] = {}
        self.resolutions: dict[str, dict] = {}
        self.codes: dict[str, DocumentCode] = {}

    def extract(self) -> dict:
        raw_lines = [" ".join(line.split()) for line in self.text.strip().split("\n")]
        lines = [line for line in raw_lines if line]
        result = {
            "title": None, "date": None, "places": [], "organizations": [], "people": [],
            "resolutions": [], "indicators": [], "photos": [], "site_visits": [], "source": None,
            "warnings": self.warnings,
        }  # fmt: skip
        if not lines:
            self.warnings.append("The text is empty: nothing to extract.")
            return result
        title, source, captions, body = self.split_lines(raw_lines, lines)
        result["title"], result["source"] = title, source
        content = [line for line in lines if line not in (title, source) and line[0] != "#"]
        joined = "\n".join(content)
        company_spans = self.find_companies(joined, result)
        self.province_counts = self.find_places(joined, company_spans, result)
        self.main_province = result["places"][0] if result["places"] else None
        self.local_delegation = bool(_RECEIVED_LOCAL_DELEGATION_RE.search(joined))
        result["date"] = self.find_date("\n".join(body))
        for line in content:
            self.find_documents(line)
        for line in content:
            self.find_people(line, company_spans=self._spans_in(line, joined, company_spans))
        for caption in captions:
            names = [self.people[key]["name"] for key in self.names_in(caption)]
            result["photos"].append({"caption": caption, "people": names})
        for line in content:
            for match in _ORG_IN_TEXT_RE.finditer(line):
                self.add_organization(match[0])
        result["people"] = [self.finish_person(person) for person in self.people.values()]
        result["resolutions"] = list(self.resolutions.values())
        for line in body:
            topic_period = None
            for sentence in _SENTENCE_SPLIT_RE.split(line):
                figures = self.find_figures(sentence, topic_period=topic_period)
                result["indicators"].extend(figures)
                if not figures:
                    topic_period = _topic_year(sentence) or topic_period
        result["organizations"] = list(self.organizations.values())
        return result

    # Lines -----------------------------------------------------------------------------------

    def split_lines(self, raw_lines, lines):
        """(title, source, captions, body paragraphs)."""
        first = lines[0]
        blank_after_first = len(raw_lines) > 1 and raw_lines[raw_lines.index(first) + 1] == ""
        later_blanks = raw_lines[raw_lines.index(first) + 2 :].count("")
        is_heading = first.startswith("# ") or (
            blank_after_first and not later_blanks and not _CAPTION_END_RE.search(first)
        )
        title = first if is_heading else None
        last = lines[-1]
        source = None
        if (
            len(lines) > 1
            and len(last.split()) <= 12
            and not _CAPTION_END_RE.search(last)
            and not _ACTIVITY_RE.search(last)
        ):
            source = last
        captions, body = [], []
        for line in lines:
            if line in (title, source) or line.startswith("#"):
                continue
            if not _CAPTION_END_RE.search(line) and len(line.split()) <= 40:
                captions.append(line)
            else:
                body.append(line)
        return (title.lstrip("# ") if title else None), source, captions, body

    def find_date(self, body: str) -> str | None:
        match = _MEETING_DATE_RE.search(body)
        if not match:
            return None
        day, month, year = (match["d"] or match["d2"], match["m"] or match["m2"],
                            match["y"] or match["y2"])  # fmt: skip
        if not year:
            self.warnings.append(f"The meeting date '{match[0]}' is printed without a year.")
            return None
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"

    @staticmethod
    def _spans_in(line, joined, spans):
        offset = joined.find(line)
        return [(start - offset, end - offset) for start, end in spans
                if offset <= start < offset + len(line)]  # fmt: skip

    # Places and companies --------------------------------------------------------------------

    def find_companies(self, joined: str, result: dict) -> list[tuple[int, int]]:
        spans = []
        for match in _COMPANY_RE.finditer(joined):
            end = _phrase_end(joined, match.end(), commas_continue=False)
            name = joined[match.start() : end].strip()
            if len(name.split()) < 3:
                continue
            spans.append((match.start(), end))
            self.add_organization(name)
            sentence_start = max(
                joined.rfind(". ", 0, match.start()), joined.rfind("\n", 0, match.start())
            )
            if (
                _VISIT_RE.search(joined[sentence_start + 1 : match.start()])
                and name not in result["site_visits"]
            ):
                result["site_visits"].append(name)
        return spans

    def find_places(self, joined: str, company_spans, result: dict) -> dict[str, int]:
        counts: dict[str, int] = {}
        quotes = [match.span() for match in _QUOTE_RE.finditer(joined)]
        for match in _PROVINCE_RE.finditer(_fold(joined)):
            if any(start <= match.start() < end for start, end in company_spans + quotes):
                continue
            name = _PROVINCE_BY_KEY[match[0]]
            counts[name] = counts.get(name, 0) + 1
        result["places"] = sorted(counts, key=lambda name: -counts[name])
        return counts

    # Documents -------------------------------------------------------------------------------

    def find_documents(self, line: str) -> None:
        for _start, end, parsed in find_codes(line):
            code = str(parsed)
            self.codes[code] = parsed
            rest = line[end:]
            document = self.resolutions.setdefault(
                code, {"code": code, "date": None, "issuer": None, "title": None}
            )
            date = _DOC_DATE_RE.match(rest)
            if date:
                day, month, year = (date["d"] or date["d2"], date["m"] or date["m2"],
                                    date["y"] or date["y2"])  # fmt: skip
                document["date"] = document["date"] or f"{year}-{int(month):02d}-{int(day):02d}"
                rest = rest[date.end() :]
            issuer = _DOC_ISSUER_RE.match(rest)
            if issuer:
                document["issuer"] = document["issuer"] or issuer["issuer"]
                self.add_organization(issuer["issuer"])
                rest = rest[issuer.end() :]
            title = _DOC_TITLE_RE.match(rest)
            if title:
                document["title"] = document["title"] or title["title"].strip()
        for match in _SHORT_DOC_RE.finditer(line):
            doc_type = _DOC_TYPES[_key(match["type"])]
            for number in re.findall(r"\d+", match["numbers"]):
                if not any(
                    int(code.number) == int(number) and code.doc_type == doc_type
                    for code in self.codes.values()
                ):
                    self.warnings.append(
                        f"'{match['type']} {number}' names no document printed in full."
                    )

    # People ----------------------------------------------------------------------------------

    def names_in(self, line: str) -> list[str]:
        """Keys of the people named in `line`, in order, each once."""
        keys = []
        for _start, _end, name in self.name_matches(line):
            key = _key(name)
            if key in self.people and key not in keys:
                keys.append(key)
        return keys

    def name_matches(self, line: str, company_spans=()):
        """(start, end, name) of each personal name in `line`."""
        blocked = list(company_spans) + [m.span() for m in _PROVINCE_RE.finditer(_fold(line))]
        previous_end = 0
        starts = [(m.start(), m.end(), m[0]) for m in _SURNAME_RE.finditer(line)]
        starts += [
            (m.start(1), m.end(1), m[1])
            for m in _HONORIFIC_NAME_RE.finditer(line)
            if m[1] not in _NOT_GIVEN_NAMES and _is_capitalised(m[1])
        ]
        for start, first_end, first in sorted(starts):
            if start < previous_end or any(begin <= start < end for begin, end in blocked):
                continue
            words = [first]
            position = first_end
            while len(words) < 4:
                word = _NEXT_WORD_RE.match(line, position)
                if not word or word[1] in _NOT_GIVEN_NAMES or not _is_capitalised(word[1]):
                    break
                words.append(word[1])
                position = word.end()
            if len(words) >= 2:
                previous_end = position
                yield start, position, " ".join(words)

    def find_people(self, line: str, company_spans) -> None:
        for sentence in _SENTENCE_SPLIT_RE.split(line):
            first_in_sentence = True
            for start, end, name in self.name_matches(sentence, company_spans):
                person = self.person(name)
                after_title, title_end = _title_after(sentence, end)
                before_title = _title_before(sentence, start)
                for title in (before_title, after_title):
                    if title:
                        self.add_title(person, title)
                after = sentence[title_end if after_title else end :]
                roles = _ROLE_AFTER_RE.match(after)
                if roles:
                    person["roles"].add(_role_of(roles))
                opening = _ROLE_OPENING_RE.match(sentence)
                if opening and first_in_sentence:
                    person["roles"].add(_role_of(opening))
                if (
                    re.match(r"[Tt]iếp(?: và làm việc)? với [Đđ]oàn", sentence)
                    and first_in_sentence
                ):
                    person["side_hint"] = person["side_hint"] or "host"
                first_in_sentence = False

    def person(self, name: str) -> dict:
        return self.people.setdefault(
            _key(name), {"name": name, "titles": [], "roles": set(), "side_hint": None}
        )

    def add_title(self, person: dict, title: str) -> None:
        parts = [part.strip() for part in title.split(",")]
        kept = []
        for part in parts:
            if _DELEGATION_ROLE_RE.match(part):
                person["side_hint"] = "delegation"
                if not part.startswith("Phó"):
                    person["roles"].add("led_delegation")
            else:
                kept.append(part)
        title = ", ".join(kept)
        if title and title not in person["titles"]:
            person["titles"].append(title)

    def finish_person(self, person: dict) -> dict:
        titles = sorted(person["titles"], key=len, reverse=True)
        title = titles[0] if titles else ""
        if not title:
            self.warnings.append(f"No title is printed for {person['name']}.")
        for other in titles[1:]:
            if not _titles_agree(title, other):
                self.warnings.append(
                    f"{person['name']} is printed as '{title}' and as '{other}'; kept the longer."
                )
        organizations = self.title_organizations(title)
        return {
            "name": person["name"],
            "title": title,
            "organization": organizations[0] if organizations else None,
            "side": self.side(title, person),
            "roles": [role for role in _ROLE_ORDER if role in person["roles"]],
        }

    def side(self, title: str, person: dict) -> str | None:
        if person["side_hint"]:
            return person["side_hint"]
        if not title:
            return None
        if _COMPANY_WORDS_RE.search(title):
            return "other"
        if _LOCAL_RE.search(title):
            return "delegation" if self.local_delegation else "host"
        if _CENTRAL_RE.search(title):
            return "host" if self.local_delegation else "delegation"
        return "other"

    # Organizations ---------------------------------------------------------------------------

    def title_organizations(self, title: str) -> list[str]:
        """Organizations named in a title, registering them with their parents; first is primary."""
        if not title:
            return []
        segments: list[str] = []
        for part in title.split(", "):
            if segments and not (_POSITION_RE.match(part) or _ORG_HEAD_RE.match(part)):
                segments[-1] += ", " + part
            else:
                segments.append(part)
        province_match = list(_PROVINCE_RE.finditer(_fold(title)))
        province = _PROVINCE_BY_KEY[province_match[-1][0]] if province_match else self.main_province
        names: list[str] = []
        previous = None
        for segment in segments:
            position = _POSITION_RE.match(segment)
            if position:
                org = segment[position.end() :].strip()
                if re.search(r"Trưởng [Bb]an$", position[0]) and org:
                    org = "Ban " + org
                name = self.add_organization(_complete_local_name(org, province)) if org else None
                previous = name
                if name:
                    names.append(name)
            elif _ORG_HEAD_RE.match(segment):
                name = self.add_organization(_complete_local_name(segment, province))
                if previous and previous != name:
                    self.organizations[_key(previous)]["parent"] = name
                previous = None
        return names

    def add_organization(self, name: str) -> str:
        key = _key(name)
        if key not in self.organizations:
            self.organizations[key] = {
                "name": name,
                "kind": _organization_kind(name),
                "parent": None,
            }
        return self.organizations[key]["name"]

    # Figures ---------------------------------------------------------------------------------

    def find_figures(self, sentence: str, *, topic_period: str | None = None) -> list[dict]:
        claimed = _claimed_spans(sentence)
        periods = [
            (start, end, period)
            for start, end, period in find_periods(sentence)
            if not any(begin <= start < stop for begin, stop in claimed["documents"])
            and not _COMPARISON_BEFORE_RE.search(sentence[max(0, start - 24) : start])
        ]
        blocked = claimed["documents"] + claimed["other"] + [(s, e) for s, e, _ in periods]
        area = self.area_of(sentence)
        figures: list[dict] = []
        segment_start = 0
        previous = None
        topic_match = _TOPIC_RE.match(sentence)
        topic = _lower_first(topic_match["topic"].strip()) if topic_match else ""
        for match in _NUMBER_RE.finditer(sentence):
            if any(start <= match.start() < end for start, end in blocked):
                continue
            unit_match = _UNIT_RE.match(sentence, match.end())
            before = sentence[segment_start : match.start()]
            if ";" in before:
                segment_start += before.rfind(";") + 1
                before = sentence[segment_start : match.start()]
            if unit_match:
                unit = unit_match["percent"] or " ".join(
                    filter(None, (unit_match["fraction"], unit_match["unit"]))
                )
                unit_end = unit_match.end()
            elif _SCORE_BEFORE_RE.search(before):
                unit, unit_end = "điểm", match.end()
            else:
                continue
            value = format(parse_vietnamese_number(match[0]), "f")
            qualifier = _qualifier(before)
            clause_end = _clause_end(sentence, unit_end)
            after = sentence[unit_end:clause_end]
            connector = _CONNECTOR_RE.search(sentence, unit_end)
            if connector and connector.start() < clause_end:
                after = sentence[unit_end : connector.start()]
            period = _nearest_period(periods, match.start(), unit_end, clause_end)
            if _is_level(unit) and is_span_of_years(period):
                inherited = all(
                    end <= segment_start for _, end, _p in periods if end <= match.start()
                )
                if inherited and any(end <= match.start() for _, end, _p in periods):
                    period = period[-4:]
            period = period or topic_period
            name = _figure_name(before, unit, after, previous, topic)
            rank = _RANK_AFTER_RE.match(sentence, unit_end)
            figure = {
                "name": name,
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "period": period,
                "area": area,
                "rank": _rank_text(sentence, rank) if rank else None,
                "sentence": sentence.strip(),
            }  # fmt: skip
            if period is None:
                self.warnings.append(
                    f"No period is printed for the figure '{name}': {value} {unit}."
                )
            figures.append(figure)
            is_count = unit not in _NOT_COUNT_UNITS and not _MONEY_UNIT_RE.search(unit)
            subject = None
            if is_count and name.startswith("Số "):
                subject = _base_name(name)[3:]
            elif previous and previous.get("subject"):
                subject = previous["subject"]
            previous = {"name": _base_name(name), "unit": unit, "subject": subject}
            segment_start = unit_end + len(after)
        return figures

    def area_of(self, sentence: str) -> str | None:
        provinces = [_PROVINCE_BY_KEY[m[0]] for m in _PROVINCE_RE.finditer(_fold(sentence))]
        if provinces:
            return provinces[0]
        if _AREA_OF_HOST_RE.search(sentence):
            return self.main_province
        return None


_SURNAME_RE = re.compile(r"(?<![\w])(?:" + "|".join(SURNAMES) + r")(?= )")
_NEXT_WORD_RE = re.compile(r" ([^\W\d_]+(?:['’][^\W\d_]+)?)")
# A name after "ông", "bà" or "đồng chí" needs no known surname: "bà Siu H'Mia".
_HONORIFIC_NAME_RE = re.compile(
    r"(?<!\w)(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí)\s+([^\W\d_]+(?:['’][^\W\d_]+)?)(?= )"
)
_TITLE_OPENER_RE = re.compile(r"\s*,\s*|\s+-\s+|\s*\(\s*")


def _is_capitalised(word: str) -> bool:
    """ "Hiển", "H'Mia": every part starts with a capital and goes on in lower case."""
    return all(
        part[:1].isupper() and (len(part) == 1 or part[1:].islower())
        for part in re.split(r"['’]", word)
    )


# A few lower-case words between commas that go on an office's name, because another office
# follows: ", đảng viên, Ban Tổ chức Trung ương".
_LOWER_NAME_TAIL_RE = re.compile(
    rf"[{_LOWER}]+(?: [{_LOWER}]+){{0,2}},\s+(?=(?:{_ORG_HEAD_RE.pattern}))"
)


def _phrase_end(text: str, start: int, *, commas_continue: bool) -> int:
    """Where a title or a company name that starts at `start` ends."""
    hard = _HARD_STOP_RE.search(text, start)
    end = hard.start() if hard else len(text)
    verb = _STOP_VERB_RE.search(text, start, end)
    if verb:
        end = verb.start()
    for joint in _COMMA_OR_AND_RE.finditer(text, start, end):
        following = text[joint.end() : joint.end() + 30]
        is_comma = "," in joint[0]
        tail = _LOWER_NAME_TAIL_RE.match(text, joint.end()) if is_comma else None
        if commas_continue and tail and tail.end() < end:
            continue  # "Vụ Tổ chức cơ sở đảng, đảng viên, Ban Tổ chức Trung ương"
        if (
            (is_comma and not commas_continue)
            or not following[:1].isupper()
            or _SURNAME_RE.match(following)
            and _is_capitalised((following.split() + ["", ""])[1] or "x")
        ):
            return joint.start()
    return end


def _title_after(sentence: str, name_end: int) -> tuple[str | None, int]:
    """A title printed right after a name: ", <title>", " - <title>" or " (<title>)"."""
    opener = _TITLE_OPENER_RE.match(sentence, name_end)
    if not opener or not _POSITION_RE.match(sentence, opener.end()):
        return None, name_end
    end = _phrase_end(sentence, opener.end(), commas_continue=True)
    title = " ".join(sentence[opener.end() : end].split()[:30]).strip(" ,-")
    return title or None, end


def _title_before(sentence: str, name_start: int) -> str | None:
    """A title printed right before a name: "Phó Trưởng Ban Kinh tế Trung ương Nguyễn Đức Hiển"."""
    head = sentence[:name_start]
    boundaries = list(_TITLE_BEFORE_BOUNDARY_RE.finditer(head))
    segment_start = boundaries[-1].end() if boundaries else 0
    segment = head[segment_start:]
    for position in _POSITION_RE.finditer(segment):
        if position.start() and segment[position.start() - 1] != " ":
            continue
        candidate = segment[position.start() :].strip()
        if candidate and not _STOP_VERB_RE.search(" " + candidate):
            return candidate
    return None


def _rank_text(sentence: str, match: re.Match) -> str:
    """The rank without its verb, with its scope unless a denominator gives it ("thứ 3/61")."""
    if match["bare"]:
        return " ".join(match["bare"].split())
    rank = " ".join(match["rank"].split())
    if not match["of"]:
        scope = _RANK_SCOPE_RE.match(sentence, match.end())
        if scope:
            rank += " " + " ".join(scope[0].split())
    return rank


def _role_of(match: re.Match) -> str:
    group = next(name for name, value in match.groupdict().items() if value)
    return {"led": "led_delegation"}.get(group, group)


def _expand(title: str) -> str:
    return _key(_ABBREVIATION_RE.sub(lambda m: _ABBREVIATIONS[m[0]], title))


def _titles_agree(longer: str, shorter: str) -> bool:
    """Every part of the shorter title is a prefix of a part of the longer one, or the reverse."""
    long_parts = [part.strip() for part in _expand(longer).split(",")]
    for part in (part.strip() for part in _expand(shorter).split(",")):
        if not any(other.startswith(part) or part.startswith(other) for other in long_parts):
            return False
    return True


def _complete_local_name(org: str, province: str | None) -> str:
    """`UBND tỉnh` → `Ủy ban nhân dân tỉnh Thái Nguyên`: a local body is named with its province."""
    org = _ABBREVIATION_RE.sub(lambda m: _ABBREVIATIONS[m[0]], org)
    if province and re.fullmatch(r"(?:Tỉnh ủy|Tỉnh uỷ|Thành ủy)", org):
        return f"{org} {province}"
    if province and re.search(r"\b(?:tỉnh|thành phố)$", org):
        return f"{org} {province}"
    return org


def _organization_kind(name: str) -> str:
    rules = [
        (r"^Bộ Chính trị", "politburo"),
        (r"^Ban .+ Trung ương$", "party_central_commission"),
        (r"^(?:Ban Thường vụ )?(?:Tỉnh ủy|Tỉnh uỷ|Thành ủy|Huyện ủy|Đảng ủy)", "party_committee"),
        (r"^Bộ ", "ministry"),
        (r"^(?:Vụ|Cục|Tổng cục) ", "ministry_department"),
        (r"^Hội đồng nhân dân", "people_council"),
        (r"^Ủy ban nhân dân", "people_committee"),
        (r"^Sở ", "provincial_department"),
        (r"^(?:Công ty|Tập đoàn|Tổng công ty|Nhà máy|Ngân hàng)", "enterprise"),
        (r"^(?:Trung tâm|Viện|Học viện) ", "research_centre"),
        (r"Chính phủ$", "government"),
    ]
    return next((kind for pattern, kind in rules if re.search(pattern, name)), "other")


def _claimed_spans(sentence: str) -> dict[str, list[tuple[int, int]]]:
    """Spans whose numbers are not figures: documents (with their dates), dates, ranks, …"""
    documents = []
    for start, end, _code in find_codes(sentence):
        date = _DOC_DATE_RE.match(sentence[end:])
        documents.append((start, end + (date.end() if date else 0)))
    documents += [match.span() for match in _SHORT_DOC_RE.finditer(sentence)]
    other = [match.span() for match in _QUOTE_RE.finditer(sentence)]
    other += [match.span() for match in _RANK_RE.finditer(sentence)]
    other += [match.span() for match in _ORDINAL_RE.finditer(sentence)]
    other += [match.span() for match in re.finditer(r"\d{1,2}/\d{1,2}/\d{4}", sentence)]
    return {"documents": documents, "other": other}


def _is_level(unit: str) -> bool:
    """A share at a moment (%), not a rate over a span (%/năm) nor a flow counted over it."""
    return unit == "%"


def _topic_year(sentence: str) -> str | None:
    """The year a figure-less sentence sets as the topic ("Cơ cấu kinh tế năm 2023 …")."""
    periods = [
        period
        for start, _end, period in find_periods(sentence)
        if not _COMPARISON_BEFORE_RE.search(sentence[max(0, start - 24) : start])
    ]
    return periods[-1] if periods and is_year(periods[-1]) else None


def _nearest_period(periods, number_start: int, unit_end: int, clause_end: int) -> str | None:
    before = [period for start, end, period in periods if end <= number_start]
    if before:
        return before[-1]
    after = [period for start, _, period in periods if unit_end <= start < clause_end]
    return after[0] if after else None


def _clause_end(sentence: str, start: int) -> int:
    """The end of the words that belong to a figure: the next comma, semicolon or number."""
    stop = _CLAUSE_END_RE.search(sentence, start)
    return stop.start() if stop else len(sentence)


# "bình quân" qualifies a figure, except in a name: "thu nhập bình quân đầu người".
_AVERAGE_RE = re.compile(r"\bbình quân\b(?! đầu người| chung)")


def _qualifier(before: str) -> str | None:
    words = []
    if _AVERAGE_RE.search(before):
        words.append("bình quân")
    comparative = _QUALIFIER_RE.search(before)
    if comparative:
        words.append(comparative[1])
    return " ".join(words) or None


_MONEY_UNIT_RE = re.compile(r"đồng|USD")
_MEASURE_OF_UNIT = {"ha": "Diện tích", "km2": "Diện tích", "m2": "Diện tích", "km": "Chiều dài"}
# Words that open a measure which needs its object: "tổng diện tích" of what?
_BARE_MEASURE_RE = re.compile(
    r"^(?:Tổng (?:diện tích|vốn|số vốn|công suất|doanh thu|giá trị)|Diện tích|Tỷ lệ lấp đầy"
    r"|Công suất|Vốn)\b",
    re.IGNORECASE,
)
_SHARE_VERB_RE = re.compile(r"\bchiếm\s*$")
_CHANGE_VERB_RE = re.compile(r"\b(tăng|giảm|vượt|đạt|bằng)(?: thêm)?\s*$")
_LEADING_SUBJECT_RE = re.compile(
    r"^(?:(?:toàn|cả)\s+)?(?:tỉnh|thành phố|huyện|địa phương)\s+(?=\S)|^(?:đã|được)\s+",
    re.IGNORECASE,
)
_INNER_AREA_RE = re.compile(
    rf"\s+(?:của (?:tỉnh|thành phố)(?: (?:{_PROVINCE_NAMES}))?|của (?:{_PROVINCE_NAMES})"
    rf"|trên địa bàn (?:tỉnh|thành phố)(?: (?:{_PROVINCE_NAMES}))?|toàn tỉnh|cả tỉnh)(?=\s|$)"
)
_LEAD_CHUNK_RE = re.compile(
    r"^(?:theo .*|sau .*|của (?:tỉnh|thành phố).*|tính đến(?: nay)?|đến nay|hiện nay|trong đó|riêng"
    r"|tính chung|nhìn chung|cụ thể|ngoài ra|đồng thời|toàn tỉnh|cả tỉnh|tỉnh|thành phố|còn)?$",
    re.IGNORECASE,
)
_ACTION_VERBS = (
    r"triển khai|thực hiện|đầu tư|xây dựng|hoàn thành|nâng cấp|cải tạo|thu hút|cấp|hỗ trợ"
    r"|đào tạo|tổ chức|giải quyết|tiếp nhận|trồng mới|trồng|giải ngân|xử lý|kiểm tra|thanh tra"
    r"|phát hiện|thu hồi|tuyển sinh|cấp mới|thành lập|kết nạp"
)
_ACTION_VERB_RE = re.compile(rf"(?:{_ACTION_VERBS})$")
_VERB_PHRASE_RE = re.compile(
    rf"(?:đã\s+)?(?:{_ACTION_VERBS})(?:(?:,\s*|\s+và\s+)(?:{_ACTION_VERBS}))*"
)
_TOPIC_RE = re.compile(
    r"^\s*Về\s+(?:(?:phát triển|kết quả|thực hiện|tình hình|lĩnh vực)\s+)*(?P<topic>[^:,;]+):"
)


def _figure_name(before: str, unit: str, after: str, previous: dict | None, topic: str) -> str:
    """What the figure measures, said as an indicator an editor would file it under.

    A growth rate in %/năm is "Tốc độ tăng (trưởng) …"; a share ("chiếm X% GRDP") is
    "Tỷ trọng … trong GRDP"; a count ("có 41 cụm công nghiệp …") is "Số …"; a percentage of a
    group ("98% số doanh nghiệp …") is "Tỷ lệ …"; a change ("tăng 8,9% so với cùng kỳ") names
    what changed; a bare measure ("tổng diện tích 277 ha") takes the thing counted before it.
    """
    clause = _SPEECH_RE.split(before.split(":")[-1])[-1]
    clause = re.sub(r"^\s*Về [^,]*,", "", clause)
    breakdown = bool(re.search(r"\btrong đó\b", clause))
    growth_word = "tăng trưởng" if "tăng trưởng" in clause else "tăng"
    text = PERIOD_RE.sub(" ", clause)
    text = _AVERAGE_RE.sub(" ", text)
    text = _QUALIFIER_RE.sub("", text.rstrip(" ,"))
    text = text.rstrip(" ,")
    share = bool(_SHARE_VERB_RE.search(text))
    change = _CHANGE_VERB_RE.search(text)
    count_verb = bool(_COUNT_BEFORE_RE.search(text))
    text = _TRAILING_VERB_RE.sub("", text)
    base = _clean_phrase(text)
    after_words = _clean_phrase(re.sub(r"\s+(?:với|và)$", "", after.rstrip()), lead=False)
    is_count = unit not in _NOT_COUNT_UNITS and not _MONEY_UNIT_RE.search(unit)
    counted = re.sub(r"^/\d+\s*", "", unit)
    previous_name = previous["name"] if previous else None

    if previous_name and not base and after_words.startswith("so với"):
        verb = change[1] if change else ""
        if unit == "lần" or not verb:
            return f"{previous_name} {after_words}"
        if unit == "điểm phần trăm":
            return f"Mức {verb} {_lower_first(previous_name)} {after_words}"
        if unit.startswith("%"):
            return f"Tốc độ {verb} {_lower_first(previous_name)} {after_words}"
        return f"{previous_name} {verb} {after_words}"
    if previous_name and not base and unit == "lần" and after_words.startswith("năm"):
        return f"{previous_name} {after_words}"
    if share and unit.startswith("%"):
        if not base and previous_name and previous_name.startswith("Số "):
            return "Tỷ lệ " + previous_name[3:]
        return _share_name(base or previous_name or "", after_words)
    if breakdown and previous and previous["unit"] == unit and base:
        narrowed = _narrow(previous_name, re.sub(r"^ngành\s+", "", base))
        if narrowed:
            return narrowed
        if unit == "%/năm":
            return _growth_name(re.sub(r"^ngành\s+", "", base), growth_word)
    if unit == "%/năm":
        return _growth_name(base or previous_name or "", growth_word)
    if unit.startswith("%") and re.match(r"tăng trưởng\b", base, re.IGNORECASE):
        return _capitalise(f"Tốc độ {_lower_first(base)}")
    if (
        unit == "%"
        and base
        and change
        and change[1] in ("tăng", "giảm")
        and not re.match(r"(?:Tốc độ|Tỷ lệ|Tỷ trọng|Chỉ số)\b", base, re.IGNORECASE)
    ):
        return _capitalise(f"Tốc độ {change[1]} {_lower_first(base)} {after_words}")
    if unit.startswith("%") and not base and after_words:
        if previous_name and change and change[1] in ("vượt", "đạt", "bằng"):
            relation = "vượt" if change[1] == "vượt" else "so với"
            return f"Tỷ lệ {_lower_first(previous_name)} {relation} {after_words}"
        return _capitalise("Tỷ lệ " + re.sub(r"^số\s+", "", after_words))
    if is_count and after_words and _is_verb_phrase(base):
        verb = re.sub(r"^đã\s+", "", base)
        return _capitalise(f"Số {counted} {after_words} được {verb}")
    if is_count and after_words and (count_verb or not base):
        return _capitalise(f"Số {counted} {after_words}")
    if is_count and not after_words and (count_verb or not base):
        subject = topic if count_verb and len(base.split()) > 4 else ""
        verb = _ACTION_VERB_RE.search(base)
        return _capitalise(" ".join(filter(None, ("Số", counted, subject, verb and verb[0]))))
    if is_count and not after_words and _is_verb_phrase(base):
        return _capitalise(f"Số {counted} {base}")
    if after_words and _is_verb_phrase(base) and unit in _MEASURE_OF_UNIT:
        return _capitalise(f"{_MEASURE_OF_UNIT[unit]} {after_words} {base}")
    if (
        base
        and previous
        and previous.get("subject")
        and _BARE_MEASURE_RE.match(base)
        and not re.search(r"\b(?:của|các|trong)\b", base)
    ):
        return _capitalise(f"{base} các {previous['subject']}")
    if not base and previous_name:
        return previous_name
    return _capitalise(base or counted)


def _clean_phrase(text: str, *, lead: bool = True) -> str:
    """Words of a name without leading clauses, subjects, the province and "tổng số"."""
    text = " ".join(text.split()).strip(" ,")
    if lead:
        chunks = [chunk.strip() for chunk in text.split(",")]
        while len(chunks) > 1 and _LEAD_CHUNK_RE.match(chunks[0]):
            chunks.pop(0)
        text = ", ".join(chunks)
        text = _LEADING_FILLER_RE.sub("", text)
        text = re.sub(r"^Kết quả(?: xếp hạng)?\s+", "", text)
        for _ in range(2):
            text = _LEADING_SUBJECT_RE.sub("", text)
    text = _INNER_AREA_RE.sub("", text)
    text = re.sub(r"\s+được$", "", text)
    if not lead:
        text = re.sub(r"\bđã\s+", "", text)
    text = re.sub(r"^([Tt])ổng số vốn\b", r"\1ổng vốn", text)
    text = re.sub(r"^[Tt]ổng số\s+", "số ", text)
    return text.strip(" ,")


def _is_verb_phrase(text: str) -> bool:
    """A phrase that says what was done rather than what is measured ("thu hút", "trồng mới")."""
    return bool(_VERB_PHRASE_RE.fullmatch(text))


def _share_name(thing: str, after: str) -> str:
    """ "công nghiệp chiếm 52% GRDP" → "Tỷ trọng công nghiệp trong GRDP"."""
    thing = re.sub(r"^riêng\s+", "", thing)
    if re.match(r"Cơ cấu\s+", thing):
        return _capitalise("Tỷ trọng " + thing.split(None, 2)[2] + " trong cơ cấu kinh tế")
    whole = after.split(" của ")[0] if after else ""
    if not re.match(r"Tỷ trọng\b", thing, re.IGNORECASE):
        thing = "Tỷ trọng " + _lower_first(thing)
    thing = re.sub(r"(?<!trong) GRDP$", " trong GRDP", thing)
    if whole and not thing.endswith(whole):
        thing = f"{thing} trong {whole}"
    return _capitalise(thing)


def _growth_name(thing: str, growth_word: str) -> str:
    """ "Giá trị sản xuất công nghiệp (giá so sánh 2010)" → "Tốc độ tăng trưởng giá trị …"."""
    if re.match(r"(?:Tốc độ|Tỷ lệ|Chỉ số|Năng suất)\b", thing, re.IGNORECASE):
        return _capitalise(thing)
    thing = re.sub(r"\s*\([^)]*\)", "", _base_name(thing))
    thing = re.sub(r"\s+(?:tăng trưởng|tăng)$", "", thing)
    if re.match(r"tăng trưởng\b", thing, re.IGNORECASE):
        return _capitalise(f"Tốc độ {_lower_first(thing)}")
    return _capitalise(f"Tốc độ {growth_word} {_lower_first(thing)}".strip())


def _narrow(previous_name: str | None, part: str) -> str | None:
    """ "… sản xuất công nghiệp" narrowed by "công nghiệp chế biến, chế tạo" (a "trong đó")."""
    if not previous_name:
        return None
    words, part_words = _base_name(previous_name).split(), part.split()
    for size in range(min(len(words), len(part_words)), 0, -1):
        if _key(" ".join(words[-size:])) == _key(" ".join(part_words[:size])):
            return " ".join(words[:-size] + part_words)
    return None


def _lower_first(text: str) -> str:
    """Lower-case the first word unless it is an acronym ("GRDP") or a proper name."""
    first = text.split(" ", 1)[0] if text else ""
    if first and first[0].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


def _base_name(name: str) -> str:
    return re.sub(r"\s+so với .*$", "", name)


def _capitalise(text: str) -> str:
    text = " ".join(text.split()).strip(" ,")
    return text[:1].upper() + text[1:]
