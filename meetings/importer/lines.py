"""From a web page or a pasted text to the lines a report is made of.

A report is a title, paragraphs, photo captions and a source line; see docs/import.md.
"""

import re
import unicodedata
from html.parser import HTMLParser

from .chrome import is_chrome, is_salutation, is_truncated
from .vocabulary import LOWER

_GLUED_D_RE = re.compile(rf"(?<=[{LOWER}])(?=đ)")
# The page's own date, as `importer.html` prints it (and the corpus keeps it): not a caption.
_CAPTION_END_RE = re.compile(r"(?:[.…!?:;]|\./\.)$")
_TITLE_END_RE = re.compile(r"[.:;]$")
_SENTENCE_INSIDE_RE = re.compile(r"[.!?]\s+[A-ZĐ]")
# A photo credit at the end of a line, kept as printed: "(Ảnh: Minh Hiếu)", "Ảnh: Báo Lào Cai".
_CREDIT_RE = re.compile(
    r"(?:\s*(?P<paren>\((?:Ảnh|ẢNH|Photo|PHOTO|Source|Nguồn|Ảnh minh họa)\s*:\s*[^()]{1,80}\))"
    r"\.?(?:\s+\w)?"
    r"|(?:(?<=[.!?])|(?<=\s[-–—]))\s*(?P<bare>(?:Ảnh|ẢNH|Photo|PHOTO|Nguồn|Source)\s*:\s*"
    r"[^\s.]+(?:[ .][^\s.]+){0,7}?)"
    # "… to the State budget. — VNA/VNS Photo": the agency before the word "Photo".
    r"|(?<=\s[-–—])\s*(?P<agency>[A-Z][\w/]*(?: [A-Z][\w/]*){0,2} Photo(?: [A-ZĐ]\S*){0,3}))"
    r"\.?\s*$"
)
# A parenthesised credit with the next paragraph glued after it on the same line.
_RUN_ON_CREDIT_RE = re.compile(
    r"^(?P<caption>[^()]{10,}?[.!?]?)\s*"
    r"(?P<credit>\((?:Ảnh|ẢNH|Photo|PHOTO|Source|Nguồn)\s*:\s*[^()]{1,80}\))"
    r"\s*(?P<rest>[A-ZĐ\"“][^\n]{20,})$"
)
_CAPTION_MAX_WORDS = 60
_GLUED_IMAGE_MARKER_RE = re.compile(
    r"^[^\n]{0,300}?\s?[-–]?\s?(?:ảnh|Ảnh|photo|Photo)\s?\d+(?=[A-ZĐ])"
)
_VIETNAMESE_LETTER_RE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
# A one-sentence line ending in a full stop that shows a scene: "Quang cảnh hội nghị.",
# "Các đồng chí đại biểu dự hội nghị.", "… phát biểu tại buổi làm việc.".
_PHOTO_SCENE_RE = re.compile(
    r"^(?:Quang cảnh|Toàn cảnh|Các đại biểu|Đại biểu dự|The scene|Overview|Delegates at)\b"
    r"|\b(?:tặng quà|trao quà|tặng hoa|chụp ảnh lưu niệm|gave gifts?|presented gifts?"
    r"|presents? gifts?|offered souvenirs?|pose for a (?:group )?photo)\b"
    r"|(?:\bdự|\btại)\s+(?:hội nghị|buổi làm việc|buổi tiếp|phiên họp|cuộc họp|buổi lễ|lễ)"
    r"(?:\s+\S+){0,3}\.$"
    # "Phó Thủ tướng … phát biểu.", "… speaks at the working session.": a speaker's photo.
    r"|^(?:\S+\s+){1,12}(?:phát biểu(?: chỉ đạo| kết luận)?|speaks|delivers a speech)"
    r"(?: (?:at|during) the (?:working session|meeting|conference|event|seminar|ceremony))?\.$"
)
# "8h30: Đồng chí … trình bày …": an entry of a live report, a paragraph.
_TIMESTAMP_RE = re.compile(r"^\d{1,2}(?:h|giờ|:)\s?\d{0,2}\s*:\s")
_ACTIVITY_RE = re.compile(
    r"phát biểu|tham gia|khảo sát|làm việc|thăm|tham quan|báo cáo|Quang cảnh|Toàn cảnh|trao|tặng"
    r"|chụp ảnh|giới thiệu|nghe|chủ trì"
)


def is_section_heading(line: str) -> bool:
    """A heading inside the report ("Sử dụng có hiệu quả diện tích đất lâm nghiệp được bàn
    giao"): a phrase with no final punctuation that names no one and nothing (no capitalised
    word after the first, no number) and shows no one doing anything. A caption names the
    people or the place it shows, or the scene."""
    words = line.rstrip(" |").split()
    return (
        len(words) >= 3
        and _VIETNAMESE_LETTER_RE.search(line) is not None
        and not any(word[0].isupper() or word[0].isdigit() for word in words[1:])
        and not _ACTIVITY_RE.search(line)
        and not _PHOTO_SCENE_RE.search(line + ".")
    )


def split_run_on_captions(lines: list[str]) -> list[str]:
    """A caption and its credit run into the next paragraph on one line, as some pages' text
    prints them ("… speaks at the event. (Photo: VNA)Vinh Long (VNA) – …"): two lines. An
    image's marker glued before its caption ("<headline> - ảnh 1Prime Minister …") goes."""
    split = []
    for line in lines:
        line = _GLUED_IMAGE_MARKER_RE.sub("", line, count=1)
        match = _RUN_ON_CREDIT_RE.match(line)
        if match and len(match["caption"].split()) <= _CAPTION_MAX_WORDS:
            split += [match["caption"] + " " + match["credit"], match["rest"]]
        else:
            split.append(line)
    return split


def normalise(text: str) -> str:
    """NFC, plain newlines and spaces; a `đ` glued to the previous word ("tỉnhđạt") split off."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\u00a0", " ")
    return _GLUED_D_RE.sub(" ", text)


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


def split_lines(raw_lines: list[str], lines: list[str]):
    """(title, source, captions as (caption, credit) pairs, body paragraphs, dropped lines).

    The first line an editor pastes is the headline; the page's own lines (chrome.py) are
    dropped; a caption printed twice in a row counts once; a last paragraph cut off mid-sentence
    is a paragraph, not a caption."""
    first = lines[0]
    is_heading = (
        first.startswith("# ")
        or (
            len(lines) > 1
            and len(first.split()) <= 40
            # A first line printed again below is the headline, even ending in a full stop.
            and (not _TITLE_END_RE.search(first) or first in lines[1:])
        )
    )
    title = first.lstrip("# ") if is_heading else None
    kept = [line for line in lines[1 if is_heading else 0 :] if not line.startswith("#")]
    dropped = {line for line in kept if is_chrome(line, title)}
    kept = [line for line in kept if line not in dropped]
    source = None
    last = kept[-1] if kept else None
    if (
        last is not None
        and (len(lines) > 1)
        and len(last.split()) <= 12
        and not _CAPTION_END_RE.search(last)
        and not _ACTIVITY_RE.search(last)
        and not is_truncated(last)
        and split_credit(last) is None
    ):
        source = last
    captions, body = [], []
    previous, lead_seen = None, False
    for index, line in enumerate(kept):
        if line == source:
            continue
        caption = _caption(line, last=index == len(kept) - 1)
        if line == previous and caption and captions and captions[-1] == caption:
            continue  # a caption printed twice in a row
        previous = line
        if caption is None:
            body.append(line)
            lead_seen = lead_seen or _CAPTION_END_RE.search(line) is not None
        elif not lead_seen and caption[1] is None and _is_page_label(line):
            dropped.add(line)  # the page's lines between the headline and the report
        else:
            captions.append(caption)
    return title, source, captions, body, dropped


def _is_page_label(line: str) -> bool:
    """A line before the report's first sentence with no credit: a site's or section's name
    ("Bacninh overview", "Việt Bắc |"), unless it ends as a sentence or a longer table cell."""
    if line.endswith("|"):
        return len(line.split()) <= 5 and not _ACTIVITY_RE.search(line)
    return not line.endswith(".")


def split_credit(line: str) -> tuple[str, str] | None:
    """(caption, credit) when the line ends with a photo credit: "… (Ảnh: Minh Hiếu).",
    "… việc. Ảnh: VGP/Thành Chung", "… (Photo: SGGP)", "… ẢNH: Q.M.G"."""
    match = _CREDIT_RE.search(line)
    if not match or not match.start():
        return None
    caption = line[: match.start()].rstrip(" .-–—,")
    if not caption:
        return None
    return caption, (match["paren"] or match["bare"] or match["agency"]).strip()


def caption_key(line: str) -> str:
    """The caption a line prints, without its credit, final full stop or table bar: what the
    import compares with the draft's captions to leave them out of the meeting's body."""
    found = split_credit(line)
    return found[0] if found else line.rstrip(" |").removesuffix(".").rstrip()


def _caption_text(line: str) -> str:
    found = split_credit(line)
    return found[0] if found else line.rstrip(" |")


def _caption(line: str, *, last: bool) -> tuple[str, str | None] | None:
    """(caption, credit) when the line describes a photo, else None (a paragraph)."""
    found = split_credit(line)
    if found and len(found[0].split()) <= _CAPTION_MAX_WORDS:
        return found
    if is_salutation(line) or _TIMESTAMP_RE.match(line) or len(line.split()) > 40:
        return None
    if not _CAPTION_END_RE.search(line):
        if last and is_truncated(line) and not _PHOTO_SCENE_RE.search(line + "."):
            return None
        if _SENTENCE_INSIDE_RE.search(line) or is_section_heading(line):
            return None
        return line.rstrip(" |"), None
    if (
        line.endswith(".")
        and not line.endswith("./.")
        and len(line.split()) <= 30
        and not _SENTENCE_INSIDE_RE.search(line[:-1])
        and _PHOTO_SCENE_RE.search(line)
    ):
        return line[:-1].rstrip(), None
    if (
        line.endswith(("…", "..."))
        and not _SENTENCE_INSIDE_RE.search(line)
        and _ACTIVITY_RE.search(line)
    ):
        return line, None  # a caption the page cut short: "Bộ trưởng … thăm Khu … Bình Phú…"
    return None
