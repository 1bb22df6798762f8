"""What a personal name looks like, and where a title or a company name printed after it ends."""

import re

from .vocabulary import LOWER, ORG_HEAD_RE

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lâm", "Mai", "Trương", "Tô", "Hà", "Cao", "Lương", "Đào",
    "Vương", "Trịnh", "Đàm", "Kiều", "Chu", "Quách", "Tạ", "Triệu", "Lưu", "Nghiêm", "Phùng",
    "Khổng", "Châu", "Lại", "Thân", "Tăng", "Từ", "Lục", "Mạc", "Hứa", "Lò", "Nông", "Hầu", "Doãn",
    # less common Kinh surnames, and those of the Tày, Nùng, Thái, Mường, Dao and H'Mông
    "Uông", "Bế", "Ma", "Chẩu", "Lã", "Lữ", "Khúc", "Khương", "Tôn", "Diệp", "Giáp", "Phí", "Tiêu",
    "Vi", "Lường", "Quàng", "Cầm", "Điêu", "Đèo", "Tòng", "Sùng", "Giàng", "Thào", "Vàng", "Mùa",
    "Lầu", "Hờ", "Bàn", "Cù", "Hán",
]  # fmt: skip
SURNAME_SET = frozenset(SURNAMES)
SURNAME_RE = re.compile(r"(?<![\w])(?:" + "|".join(SURNAMES) + r")(?= )")

# Words after which a title has ended: what the person does, not who they are.
_STOP_VERBS = (
    "phát biểu|tham gia ý kiến|tham gia|báo cáo|cho biết|nhấn mạnh|khẳng định|đề nghị|chủ trì"
    "|dẫn đầu|làm|ghi nhận|đánh giá|trình bày|chia sẻ|kết luận|giới thiệu|thăm|khảo sát|tặng"
    "|đồng chủ trì"
    "|trao|tiếp|chúc mừng|yêu cầu|đề xuất|nêu|cảm ơn|nhận định|mong muốn|đồng tình|lưu ý|cùng"
    "|đã|đang|sẽ|tại|với|về|thay mặt|chỉ đạo|giải trình|điều hành|kiến nghị|trả lời|phân tích"
    "|bày tỏ|biểu dương|nhận xét|nghe|được|thông báo|cũng|gửi|nói|là|có|trong|khi|đến|nhằm|để"
)
STOP_VERB_RE = re.compile(rf"\s+(?:{_STOP_VERBS})(?=[\s,.;:]|$)")
_HARD_STOP_RE = re.compile(r"[;:!?()“”\"\n]|\.(?=\s|$)")
_COMMA_OR_AND_RE = re.compile(r"\s*,\s*|\s+và\s+")
# A few lower-case words between commas that go on an office's name, because another office
# follows: ", đảng viên, Ban Tổ chức Trung ương".
_LOWER_NAME_TAIL_RE = re.compile(
    rf"[{LOWER}]+(?: [{LOWER}]+){{0,2}},\s+(?=(?:{ORG_HEAD_RE.pattern}))"
)


def is_capitalised(word: str) -> bool:
    """ "Hiển", "H'Mia": every part starts with a capital and goes on in lower case."""
    return all(
        part[:1].isupper() and (len(part) == 1 or part[1:].islower())
        for part in re.split(r"['’]", word)
    )


def phrase_end(text: str, start: int, *, commas_continue: bool) -> int:
    """Where a title or a company name that starts at `start` ends."""
    hard = _HARD_STOP_RE.search(text, start)
    end = hard.start() if hard else len(text)
    verb = STOP_VERB_RE.search(text, start, end)
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
            or SURNAME_RE.match(following)
            and is_capitalised((following.split() + ["", ""])[1] or "x")
        ):
            return joint.start()
    return end
