"""What an editor types is stored as typed; no markup of it ever reaches a page.

Plain text fields keep every character (in Unicode NFC) and are escaped by the templates; rich
text fields keep the allow-listed HTML and every word outside tags; URLs keep only http(s).
"""

import csv
import io
import unicodedata
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from meetings.models import Meeting, Report, ReviewNote
from meetings.services import meeting_import_from_text
from people.models import Person
from people.text import clean_plain_text, clean_rich_text, rich_text_as_plain
from tests.admin_forms import form_errors, import_through_preview, rendered_form_data
from tests.factories import (
    MeetingFactory,
    ParticipationFactory,
    PhotoFactory,
    ReportedValueFactory,
    ReportFactory,
)
from tests.test_public_urls import public_urls

pytestmark = pytest.mark.django_db

SOURCE = "Bản gốc: tỷ lệ <trên 50% so với kế hoạch, chỉ tiêu x>3 lần."
SENTENCE = "Tỷ lệ hộ nghèo <giảm còn 2%, mục tiêu đề ra >1,5%."
MARKUP_ONLY = "<strong><em></em></strong>"
SCRIPT = "<script>alert(1)</script>"
HOSTILE = (
    '<script>alert("s")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(2)" onclick="alert(3)">liên kết</a><svg onload=alert(4)>'
    "<iframe src=//evil.example></iframe><style>body{display:none}</style>"
    '<p style="background:url(javascript:alert(5))">đoạn</p>'
    "&lt;script&gt;alert(6)&lt;/script&gt;"
)
DANGEROUS = ["<script", "onerror", "onload", "onclick", "javascript:", "<svg", "<iframe", "<img"]
DANGEROUS += ["<style", "style="]


def is_harmless(value: str) -> bool:
    return not any(word in value.lower() for word in DANGEROUS)


class _Markup(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.sources, self.scripts = set(), set(), set(), []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _value in attrs}
        self.sources |= {value for name, value in attrs if name in {"src", "href"}}
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def assert_no_markup_of_ours(content: str, where: str):
    page = _Markup()
    page.feed(content)
    assert not {"iframe", "style"} & page.tags, where
    assert not {"x", "//evil.example"} & page.sources, where
    assert not any(source.startswith("javascript:") for source in page.sources), where
    assert not any(name.startswith("on") for name in page.attributes), where
    assert not any("alert" in script for script in page.scripts), where
    assert "<strong><em></em></strong>" not in content, where


def test_innocent_and_hostile_text_is_kept_as_typed_by_save():
    meeting = MeetingFactory(title=SCRIPT, place=MARKUP_ONLY)
    note = ReviewNote.objects.create(meeting=meeting, message=SENTENCE)
    report = ReportFactory(meeting=meeting, source_text=SOURCE, headline=SCRIPT)
    value = ReportedValueFactory(meeting=meeting, source_sentence=SENTENCE, unit=SCRIPT[:20])
    person = Person.objects.create(full_name=MARKUP_ONLY)
    meeting.refresh_from_db(), value.refresh_from_db(), person.refresh_from_db()
    report.refresh_from_db(), note.refresh_from_db()
    assert (meeting.title, meeting.place) == (SCRIPT, MARKUP_ONLY)
    assert (report.source_text, report.headline, note.text) == (
        SOURCE,
        SCRIPT,
        SENTENCE,
    )
    assert (value.source_sentence, value.unit) == (SENTENCE, SCRIPT[:20])
    assert person.full_name == MARKUP_ONLY


def test_admin_change_form_stores_what_was_typed(admin_client):
    meeting = MeetingFactory()
    value = ReportedValueFactory(meeting=meeting)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = rendered_form_data(admin_client.get(url).content.decode(), "meeting_form")
    data.update(title=[SCRIPT], place=[MARKUP_ONLY])
    data.update(summary=[SOURCE])
    data["reported_values-0-source_sentence"] = [SENTENCE]
    response = admin_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    meeting.refresh_from_db(), value.refresh_from_db()
    assert (meeting.title, meeting.place) == (SCRIPT, MARKUP_ONLY)
    assert value.source_sentence == SENTENCE
    assert rich_text_as_plain(meeting.summary) == SOURCE  # a rich field keeps every word


def test_admin_refuses_nul_with_a_message_and_writes_nothing(admin_client):
    meeting = MeetingFactory(title="Tên cũ")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = rendered_form_data(admin_client.get(url).content.decode(), "meeting_form")
    data.update(title=["Tên mới"], summary=["a\x00b"])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title, meeting.summary) == ("Tên cũ", "")


def test_nul_is_refused_by_bulk_writes_too():
    meeting = MeetingFactory(title="Tên cũ")
    with pytest.raises(ValueError, match="NUL"):
        Meeting.objects.filter(pk=meeting.pk).update(title="a\x00b")
    meeting.refresh_from_db()
    assert meeting.title == "Tên cũ"


def test_importer_keeps_the_article_byte_for_byte(sample_archive):
    text = sample_archive.reports.get().source_text.replace("Thái Nguyên", "Thái Nguyên", 1)
    text = f"  {text}\r\n{SOURCE}\n{SENTENCE}\n{SCRIPT}\n\n"
    meeting = meeting_import_from_text(
        text=text,
        source_url="https://example.org/b",
        new=True,  # it reports the sample again
    ).meeting
    meeting.refresh_from_db()
    assert meeting.reports.get().source_text == text
    assert SENTENCE in rich_text_as_plain(meeting.body)


def test_admin_import_keeps_pasted_text_verbatim(admin_client):
    text = f"  <trên 50% là bản gốc\n{SOURCE}\n{SENTENCE}\n"
    response = import_through_preview(admin_client, {"text": text})
    assert response.status_code == 302
    assert Meeting.objects.get().reports.get().source_text == text


def test_update_and_bulk_create_store_what_was_typed():
    meeting = MeetingFactory()
    nfd = unicodedata.normalize("NFD", SENTENCE)
    report = ReportFactory(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(title=SCRIPT, place=nfd)
    Report.objects.filter(pk=report.pk).update(headline=nfd, source_text=nfd)
    meeting.refresh_from_db(), report.refresh_from_db()
    assert (meeting.title, meeting.place, report.headline) == (SCRIPT, SENTENCE, SENTENCE)
    assert report.source_text == nfd  # verbatim: not even normalised
    values = [
        ReportedValueFactory.build(meeting=meeting, source_sentence=text)
        for text in (SOURCE, MARKUP_ONLY)
    ]
    for value in values:
        value.indicator.save()
    stored = type(values[0]).objects.bulk_create(values)
    assert [
        v.source_sentence
        for v in type(values[0]).objects.filter(pk__in=[v.pk for v in stored]).order_by("pk")
    ] == [SOURCE, MARKUP_ONLY]


def test_rich_text_keeps_its_allowed_markup_and_every_word():
    body = '<p>Đoạn <strong>đậm</strong> <a href="https://chinhphu.vn/">nguồn</a></p>'
    cleaned = clean_rich_text(body)
    assert "<strong>đậm</strong>" in cleaned
    assert 'href="https://chinhphu.vn/"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned
    for text in (SOURCE, SENTENCE, "x<y và y>z", "<Hội nghị> lần 2", "a <b và c"):
        assert rich_text_as_plain(clean_rich_text(text)) == text
    assert is_harmless(clean_rich_text(HOSTILE))


def test_plain_text_is_only_normalised():
    assert clean_plain_text("Bộ KH&ĐT: tỷ lệ < 5% và > 3%") == "Bộ KH&ĐT: tỷ lệ < 5% và > 3%"
    assert clean_plain_text(HOSTILE) == HOSTILE
    assert clean_plain_text(unicodedata.normalize("NFD", "Hòa")) == "Hòa"


def test_rich_fields_are_defused_on_save_and_update():
    meeting = MeetingFactory(summary=HOSTILE)
    Meeting.objects.filter(pk=meeting.pk).update(body=HOSTILE)
    meeting.refresh_from_db()
    assert is_harmless(meeting.summary) and is_harmless(meeting.body)


def test_no_public_page_lets_typed_markup_through(client, sample_archive):
    meeting = MeetingFactory(
        title=f"{HOSTILE} {SOURCE}", place=MARKUP_ONLY, summary=HOSTILE, body=SENTENCE
    )
    person = ParticipationFactory(meeting=meeting, title_as_reported=HOSTILE).person
    Person.objects.filter(pk=person.pk).update(full_name=f"{MARKUP_ONLY} Trần {SCRIPT}")
    PhotoFactory(meeting=meeting, caption=HOSTILE, alt_text=HOSTILE)
    value = ReportedValueFactory(meeting=meeting, source_sentence=HOSTILE, unit=SCRIPT[:20])
    value.indicator.name, value.indicator.description = HOSTILE, HOSTILE
    value.indicator.save()
    urls = [
        *(url for url in public_urls() if url != reverse("choose_language")),  # no page
        reverse("meetings:search") + "?q=Trần",
        value.indicator.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url  # some sample rows are not public
        content = response.getvalue().decode()
        if response["Content-Type"].startswith(
            ("application/rss", "application/atom", "application/xml")
        ):
            ElementTree.fromstring(content)
            assert "<script" not in content and "<img" not in content, url
        else:
            assert_no_markup_of_ours(content, url)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Bản gốc: tỷ lệ &lt;trên 50% so với kế hoạch, chỉ tiêu x&gt;3 lần." in page
    assert "Tỷ lệ hộ nghèo &lt;giảm còn 2%, mục tiêu đề ra &gt;1,5%." in page
    response = client.get(reverse("indicators:csv", args=[value.indicator.slug]))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert any(HOSTILE in cell for row in rows for cell in row)  # text in a CSV, not a page


def test_source_url_keeps_only_http():
    report = ReportFactory(url="javascript:alert(1)")
    assert report.url == ""
    report = ReportFactory(url="https://kinhtetrunguong.vn/bai-viet")
    assert report.url == "https://kinhtetrunguong.vn/bai-viet"


def test_queryset_update_keeps_urls_to_http():
    report = ReportFactory()
    Report.objects.filter(pk=report.pk).update(url="javascript:alert(1)")
    report.refresh_from_db()
    assert report.url == ""
