"""From a web page or a pasted text to the lines a report is made of.

A report is a title, paragraphs, photo captions and a source line; see docs/import.md.
"""

import datetime
import re
import unicodedata
from html.parser import HTMLParser

from .vocabulary import LOWER

_GLUED_D_RE = re.compile(rf"(?<=[{LOWER}])(?=đ)")
# The page's own date, as `importer.html` prints it (and the corpus keeps it): not a caption.
_PAGE_DATE_RE = re.compile(r"date \d{4}-\d{2}-\d{2}$")
_CAPTION_END_RE = re.compile(r"(?:[.…!?:;]|\./\.)$")
_ACTIVITY_RE = re.compile(
    r"phát biểu|tham gia|khảo sát|làm việc|thăm|tham quan|báo cáo|Quang cảnh|trao|tặng|chụp ảnh"
    r"|giới thiệu|nghe|chủ trì"
)
_MEETING_DATE_RE = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Ngày|Sáng|Chiều|Tối|Trưa)(?: nay)?(?: ngày)?\s+"
    r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?|(?P<d2>\d{1,2}) tháng (?P<m2>\d{1,2})"
    r"(?: năm (?P<y2>\d{4}))?)",
    re.MULTILINE,
)


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
        if line in (title, source) or line.startswith("#") or _PAGE_DATE_RE.match(line):
            continue
        if not _CAPTION_END_RE.search(line) and len(line.split()) <= 40:
            captions.append(line)
        else:
            body.append(line)
    return (title.lstrip("# ") if title else None), source, captions, body


def find_date(body: str, warnings: list[str]) -> str | None:
    """The meeting's date, from the sentence that opens with Ngày/Sáng/Chiều/Tối/Trưa."""
    match = _MEETING_DATE_RE.search(body)
    if not match:
        return None
    day, month, year = (match["d"] or match["d2"], match["m"] or match["m2"],
                        match["y"] or match["y2"])  # fmt: skip
    if not year:
        warnings.append(f"The meeting date '{match[0]}' is printed without a year.")
        return None
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        warnings.append(f"The meeting date '{match[0]}' is not a date of the calendar.")
        return None
