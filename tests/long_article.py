"""Write a long, realistic report of about N KB, the same for the same N.

The Thái Nguyên report (tests/articles) gives the headline paragraph, the 18 captions and the
byline; between its last caption and its byline come paragraphs in turn: a real body paragraph
of one of the test articles, then a sentence naming five officials who appear nowhere else
(varied names, titles and districts), then a sentence with three figures. At 370 KB that is
about 1,400 names and 1,500 figures, the size of the article in issue 13.

    python tests/long_article.py 300 > /tmp/long-300.txt
"""

import sys
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Lương", "Đinh", "Mai", "Trịnh", "Tạ"]  # fmt: skip
MIDDLES = ["Văn", "Thị", "Đức", "Thanh", "Quang", "Minh", "Hữu", "Ngọc", "Xuân", "Công",
           "Thu", "Kim", "Bảo", "Đình"]  # fmt: skip
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng",
         "Hương", "Khải", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc",
         "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Thành", "Trung", "Tuấn", "Vân", "Việt",
         "Yến"]  # fmt: skip
TITLES = ["Phó Giám đốc Sở Tài chính tỉnh Thái Nguyên", "Giám đốc Sở Công Thương tỉnh Thái Nguyên",
          "Trưởng phòng Kinh tế huyện {district}", "Chủ tịch UBND huyện {district}",
          "Phó Chủ tịch UBND huyện {district}", "Bí thư Huyện ủy {district}",
          "Phó Giám đốc Sở Kế hoạch và Đầu tư tỉnh Thái Nguyên",
          "Trưởng Ban Quản lý các khu công nghiệp tỉnh Thái Nguyên"]  # fmt: skip
DISTRICTS = ["Phú Bình", "Đại Từ", "Định Hóa", "Võ Nhai", "Đồng Hỷ", "Phú Lương", "Phổ Yên",
             "Sông Công"]  # fmt: skip
MEASURES = ["thu ngân sách nhà nước trên địa bàn huyện {district}",
            "tổng vốn đầu tư toàn xã hội của huyện {district}",
            "giá trị sản xuất công nghiệp của huyện {district}",
            "kim ngạch xuất khẩu của huyện {district}"]  # fmt: skip


def name(index: int) -> str:
    """The index-th official: every name differs from the others in at least one word."""
    given, rest = GIVEN[index % len(GIVEN)], index // len(GIVEN)
    middle, rest = MIDDLES[rest % len(MIDDLES)], rest // len(MIDDLES)
    return f"{SURNAMES[rest % len(SURNAMES)]} {middle} {given}"


def people_sentence(first: int, count: int) -> str:
    officials = []
    for index in range(first, first + count):
        district = DISTRICTS[index % len(DISTRICTS)]
        title = TITLES[index % len(TITLES)].format(district=district)
        officials.append(f"đồng chí {name(index)}, {title}")
    return "Dự buổi làm việc có " + "; ".join(officials) + "."


def figures_sentence(index: int) -> str:
    district = DISTRICTS[index % len(DISTRICTS)]
    measure = MEASURES[index % len(MEASURES)].format(district=district)
    year = 2015 + index % 9
    return (
        f"Năm {year}, {measure} đạt {thousands(1000 + index * 7 % 9000)} tỷ đồng, tăng "
        f"{index % 30 + 1},{index % 10}% so với cùng kỳ; tổng vốn đầu tư toàn xã hội đạt "
        f"{thousands(2000 + index * 13 % 7000)} tỷ đồng."
    )


def thousands(number: int) -> str:
    """Written as Vietnamese reports write it: 1.234."""
    return f"{number:,}".replace(",", ".")


def real_paragraphs() -> list[str]:
    """The test articles' long body paragraphs (their captions and bylines are short)."""
    return [
        line
        for path in sorted(ARTICLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line) > 300
    ]


def long_article(kilobytes: int) -> str:
    lines = (ARTICLES / "thai-nguyen-working-session.txt").read_text(encoding="utf-8").splitlines()
    head, byline = lines[:-1], lines[-1]
    target = kilobytes * 1024 - len("\n".join(lines).encode("utf-8"))
    added, size = [], 0
    for index, paragraph in enumerate(cycle(real_paragraphs())):
        if size >= target:
            break
        block = f"{paragraph}\n{people_sentence(index * 5, 5)} {figures_sentence(index)}"
        added.append(block)
        size += len(block.encode("utf-8")) + 1
    return "\n".join([*head, *added, byline]) + "\n"


if __name__ == "__main__":
    sys.stdout.write(long_article(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
