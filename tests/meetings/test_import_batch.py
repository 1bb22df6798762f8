"""`import_article` on a folder or a .zip: one line per article, each in its own transaction."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting

pytestmark = pytest.mark.django_db

FIRST = (
    "Ban Kinh tế Trung ương làm việc với tỉnh Thái Nguyên\n\n"
    "Sáng 5/6/2024, đồng chí Nguyễn Văn An, Phó Trưởng Ban Kinh tế Trung ương làm việc với tỉnh "
    "Thái Nguyên về thực hiện Nghị quyết số 52-NQ/TW.\n"
)
SECOND = (
    "<html><body><h1>Deputy Prime Minister works with Binh Dinh</h1><p>A government working "
    "team led by Deputy Prime Minister Nguyen Thien Nhan on Monday held a working session with "
    "the province’s People’s Committee, which reported 24 out of 31 major criteria met.</p>"
    "</body></html>"
)
BAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def run(path):
    out = io.StringIO()
    call_command("import_article", str(path), stdout=out)
    return out.getvalue().splitlines()


def a_folder(tmp_path):
    folder = tmp_path / "reports"
    (folder / "english").mkdir(parents=True)
    (folder / "a-thai-nguyen.txt").write_text(FIRST, encoding="utf-8")
    (folder / "b-broken.txt").write_bytes(BAD)
    (folder / "english" / "c-binh-dinh.html").write_text(SECOND, encoding="utf-8")
    (folder / "photo.jpg").write_bytes(BAD)  # not an article: not read
    return folder


def a_zip(tmp_path):
    path = tmp_path / "reports.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a-thai-nguyen.txt", FIRST)
        archive.writestr("b-broken.txt", BAD)
        archive.writestr("english/c-binh-dinh.html", SECOND)
        archive.writestr("__MACOSX/._a-thai-nguyen.txt", BAD)
        archive.writestr("photo.jpg", BAD)
    return path


@pytest.mark.parametrize("make", [a_folder, a_zip], ids=["folder", "zip"])
def test_a_batch_imports_each_article_and_refuses_a_bad_one_without_stopping(tmp_path, make):
    lines = run(make(tmp_path))
    assert lines[0].startswith("[1/3] a-thai-nguyen.txt: created “Ban Kinh tế Trung ương")
    assert lines[1].startswith("[2/3] b-broken.txt: refused: ")
    assert lines[2].startswith("[3/3] english/c-binh-dinh.html: created “Deputy Prime Minister")
    assert lines[3] == "3 articles: 2 created, 1 refused."
    assert Meeting.objects.count() == 2
    assert Meeting.objects.get(title__startswith="Deputy").language == Meeting.Language.ENGLISH


@pytest.mark.parametrize("make", [a_folder, a_zip], ids=["folder", "zip"])
def test_a_second_run_creates_nothing(tmp_path, make):
    path = make(tmp_path)
    run(path)
    lines = run(path)
    assert "already imported as" in lines[0] and "already imported as" in lines[2]
    assert lines[-1] == "3 articles: 2 already imported, 1 refused."
    assert Meeting.objects.count() == 2


def test_one_articles_failure_keeps_the_others(tmp_path, monkeypatch):
    from meetings import services

    calls = []
    original = services._ImportWriter.participants

    def fail_on_the_first(self, meeting):
        calls.append(meeting.title)
        if len(calls) == 1:
            raise services.ArticleImportError("made to fail")
        return original(self, meeting)

    monkeypatch.setattr(services._ImportWriter, "participants", fail_on_the_first)
    lines = run(a_folder(tmp_path))
    assert lines[0].endswith("refused: made to fail")
    assert Meeting.objects.count() == 1  # the first article's transaction was rolled back


def test_a_bad_zip_and_options_for_one_article_are_refused(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK not really")
    with pytest.raises(CommandError, match="zip"):
        run(broken)
    with pytest.raises(CommandError, match="one article"):
        call_command("import_article", str(a_folder(tmp_path)), "--json")
