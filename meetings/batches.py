"""Articles that arrive several at once: a folder or a .zip given to `import_article`, a .zip or
several files uploaded on the admin's batch import page.

Which files are articles (.txt, .html, .htm, never macOS's `__MACOSX/` shadows) and how a zip's
member is read without trusting the size it declares are the same for both. An upload is refused
whole, before anything is queued, when it cannot be a batch: a file that is neither a zip nor an
article, a zip that cannot be read, holds no article, names a member outside its own folder
(`../`, `/etc/…`, `C:\\…`) or two members alike, more articles or more text than one batch
takes, or no article that can be imported. An article that cannot be imported (not UTF-8,
binary, empty, too long, the same text as another of the upload) is refused alone, and the
batch job's result says why.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .services import (
    MAX_ARTICLE_BYTES,
    ArticleImportError,
    article_decoded,
    article_too_long,
    fingerprint,
)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
# Articles one upload may hold: the batch job's page lists them all.
MAX_BATCH_ARTICLES = 500
# What reading a damaged or unsupported member (encrypted, an unknown method) may raise.
UNREADABLE = (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error)


class BatchRefused(ValueError):
    """The upload cannot be imported as a batch; the message says why, for the editor."""


def is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("__MACOSX/")


def zip_articles(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members of `archive` that are articles, by name."""
    members = (info for info in archive.infolist() if not info.is_dir())
    return sorted(
        (info for info in members if is_article_name(info.filename)),
        key=lambda info: info.filename,
    )


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, at most one more than an article may have whatever its header says
    (a zip bomb declares a small size); `ArticleImportError` if it cannot be read."""
    if info.file_size > MAX_ARTICLE_BYTES:
        raise article_too_long(info.file_size)
    try:
        with archive.open(info) as member:
            return member.read(MAX_ARTICLE_BYTES + 1)
    except UNREADABLE as error:
        raise ArticleImportError(
            _("The file cannot be read from the zip (%(reason)s).")
            % {"reason": type(error).__name__}
        ) from error


def leaves_its_folder(name: str) -> bool:
    """Whether a member's name points outside the folder it would be unpacked into."""
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:", name)) or ".." in parts


@dataclass
class BatchArticle:
    """One article of an upload: its text as written (HTML still a page), or why it is refused."""

    name: str
    text: str = ""
    refused: str = ""

    def as_argument(self) -> dict:
        """As the batch job's arguments hold it."""
        if self.refused:
            return {"name": self.name, "refused": self.refused}
        return {"name": self.name, "text": self.text}


def batch_from_uploads(uploads) -> list[BatchArticle]:
    """The articles of the uploaded files (zips and article files), in order; `BatchRefused`
    when the upload as a whole cannot be a batch."""
    budget = settings.ARTICLE_BATCH_MAX_MB * 1024 * 1024
    if sum(upload.size for upload in uploads) > budget:  # before a zip's directory is read
        raise _too_much()
    entries = []
    for upload in uploads:
        if upload.name.lower().endswith(".zip"):
            entries += _zip_entries(upload)
        elif is_article_name(upload.name):
            entries.append((upload.name, lambda upload=upload: upload.read(MAX_ARTICLE_BYTES + 1)))
        else:
            raise BatchRefused(
                _("“%(name)s” is neither a .zip nor a .txt or .html file.") % {"name": upload.name}
            )
    _check_entries([name for name, _read in entries])
    articles, seen = [], {}
    for name, read in entries:
        # The reasons in the archive's language, as the job writes those it finds.
        with translation.override(settings.LANGUAGE_CODE):
            article, size = _read_article(name, read, seen)
        budget -= size  # what was read and decompressed, refused or not
        if budget < 0:
            raise _too_much()
        articles.append(article)
    if all(article.refused for article in articles):
        raise BatchRefused(
            _("No article of the upload can be imported: %(reasons)s")
            % {"reasons": " • ".join(f"{a.name}: {a.refused}" for a in articles)}
        )
    return articles


def _too_much() -> BatchRefused:
    return BatchRefused(
        _("The articles come to more than %(limit)s MB, the most one batch takes: split them "
          "into several uploads.") % {"limit": settings.ARTICLE_BATCH_MAX_MB}
    )  # fmt: skip


def _zip_entries(upload) -> list:
    """[(name, read)] for the articles of an uploaded zip."""
    try:
        archive = zipfile.ZipFile(upload)
        names = [info.filename for info in archive.infolist()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise BatchRefused(
            _("“%(name)s” is not a zip file that can be read.") % {"name": upload.name}
        ) from error
    for name in names:
        if leaves_its_folder(name):
            raise BatchRefused(
                _("The zip names a file outside its own folder (“%(member)s”): it is refused "
                  "whole. Make the zip again from the articles' folder.") % {"member": name}
            )  # fmt: skip
    return [
        (info.filename, lambda info=info: read_member(archive, info))
        for info in zip_articles(archive)
    ]


def _check_entries(names: list[str]):
    if not names:
        raise BatchRefused(_("The upload holds no article: no .txt or .html file."))
    if len(names) > MAX_BATCH_ARTICLES:
        raise BatchRefused(
            _("The upload holds %(count)s articles; one batch takes at most %(limit)s.")
            % {"count": len(names), "limit": MAX_BATCH_ARTICLES}
        )
    taken = set()
    for name in names:
        if name in taken:
            raise BatchRefused(
                _("Two files of the upload are named “%(name)s”: rename one.") % {"name": name}
            )
        taken.add(name)


def _read_article(name: str, read, seen: dict) -> tuple[BatchArticle, int]:
    """The article `name`, decoded, or refused with the reason, and how many bytes were read;
    `seen` maps the texts read before to their names, so the same article twice is imported
    once."""
    try:
        raw = read()
    except ArticleImportError as error:
        return BatchArticle(name, refused=str(error)), 0
    try:
        text = article_decoded(raw)
    except ArticleImportError as error:
        return BatchArticle(name, refused=str(error)), len(raw)
    key = fingerprint(text)
    if key in seen:
        refusal = _("The same text as “%(name)s”, earlier in the upload.") % {"name": seen[key]}
        return BatchArticle(name, refused=refusal), len(raw)
    seen[key] = name
    return BatchArticle(name, text=text), len(raw)
