"""Turn a published working-session report into a draft meeting an editor only has to check.

Pure text in, plain dict out: no Django models, no database. The rules, which the hand-checked
files in tests/articles follow, are written in docs/import.md; each module below holds one
concern:

- `html`: a saved web page to its article (trafilatura, htmldate);
- `lines`: a web page or pasted text to lines: title, source, captions, body paragraphs, date;
- `vocabulary`: letters by case, provinces, ministries, the words that open titles and offices;
- `phrases`: what a personal name looks like, where a title or company name ends;
- `organizations`: organizations in titles (with parents), in running text, and companies;
- `organization_names`: organizations' names read whole (reference list, provinces, archive);
- `people`: names, titles, roles and sides;
- `documents`: document codes with their date, issuer and title; short mentions;
- `figures`: numbers with units, periods, areas, qualifiers and ranks;
- `indicator_names`: what a figure measures;
- `article`: the run that puts them together.
"""

from .article import extract_article
from .html import page_to_text, read_page
from .lines import html_to_text

__all__ = ["extract_article", "html_to_text", "page_to_text", "read_page"]
