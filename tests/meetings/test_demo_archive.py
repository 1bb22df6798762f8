"""The demo archive of the quick start: a living archive beside the reference report, marked
as illustrative wherever it shows, and removed whole by one command that loses nothing real."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, ReportedValue
from meetings.models import Delegation, Meeting, Participation, Resolution
from meetings.sample import MEETING_SLUG
from people.models import Area, Organization, Person, Position
from tests.factories import MeetingFactory, ReportedValueFactory

pytestmark = pytest.mark.django_db

MARK = "Dữ liệu minh họa"
COUNTED = (
    Meeting,
    Participation,
    Delegation,
    ReportedValue,
    Resolution,
    Person,
    Position,
    Organization,
    Area,
    Indicator,
)


def demo(*args):
    out = io.StringIO()
    call_command("demo_archive", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def small_demo(sample_archive):
    demo("--meetings", "40")
    return Meeting.objects.published().filter(illustrative=True).first()


def test_the_quick_start_archive_spans_years_and_provinces(sample_archive):
    demo()
    shown = Meeting.objects.published().filter(illustrative=True)
    assert shown.count() >= 250  # 300 generated, one in twenty a draft
    assert shown.dates("date", "year").count() >= 8
    assert shown.values("area").distinct().count() == 8
    assert ReportedValue.objects.filter(meeting__illustrative=True).count() == 1500
    reference = Meeting.objects.get(slug=MEETING_SLUG)
    assert reference.date is None and not reference.illustrative  # undated, as printed
    # Every row the demo made is marked; the reference report's rows are not.
    assert Meeting.objects.filter(illustrative=False).get() == reference
    for person in Person.objects.filter(participations__meeting=reference):
        assert not person.illustrative
    assert Person.objects.filter(illustrative=True).count() == 60


def test_it_joins_recorded_provinces_and_bodies_rather_than_doubling_them(small_demo):
    assert Area.objects.filter(name="Thái Nguyên").count() == 1
    assert Organization.objects.filter(name="Ban Kinh tế Trung ương").count() == 1
    thai_nguyen = Area.objects.get(name="Thái Nguyên")
    assert not thai_nguyen.illustrative
    real_names = Person.objects.filter(illustrative=False).values("full_name")
    assert not Person.objects.filter(illustrative=True, full_name__in=real_names).exists()


def test_loading_twice_changes_nothing(small_demo):
    before = counts()
    assert "already loaded" in demo("--meetings", "40")
    assert counts() == before


def test_remove_deletes_every_illustrative_row_and_nothing_else(sample_archive):
    before = counts()
    demo("--meetings", "40")
    assert counts() != before
    assert "Removed the demo archive" in demo("--remove")
    assert counts() == before
    assert not Meeting.objects.filter(illustrative=True).exists()
    assert "nothing was loaded" in demo("--remove")


def test_remove_refuses_when_a_real_meeting_links_a_demo_document(small_demo):
    real = MeetingFactory(title="Một cuộc họp có thật")
    real.resolutions.add(Resolution.objects.filter(illustrative=True).first())
    before = counts()
    with pytest.raises(CommandError, match="Một cuộc họp có thật"):
        demo("--remove")
    assert counts() == before
    assert real.resolutions.count() == 1


def test_remove_refuses_when_a_real_figure_is_of_a_demo_indicator(small_demo):
    indicator = Indicator.objects.filter(illustrative=True).first()
    ReportedValueFactory(indicator=indicator, meeting=MeetingFactory())
    before = counts()
    with pytest.raises(CommandError, match="Nothing was removed"):
        demo("--remove")
    assert counts() == before


@pytest.mark.parametrize("meetings", ["0", "-3", "100000"])
def test_a_size_out_of_range_is_refused(sample_archive, meetings):
    with pytest.raises(CommandError, match="between 1 and 5,000"):
        demo("--meetings", meetings)
    assert not Meeting.objects.filter(illustrative=True).exists()


def test_the_reference_meeting_is_never_marked(client, small_demo):
    page = client.get(Meeting.objects.get(slug=MEETING_SLUG).get_absolute_url())
    assert MARK not in page.content.decode()


def test_a_demo_records_own_page_says_so_first(client, small_demo):
    person = small_demo.participations.first().person
    resolution = small_demo.resolutions.first()
    # A central body the reference report names too is the stored, real one: not marked.
    lead = Organization.objects.filter(illustrative=True, led_delegations__isnull=False).first()
    for record in (small_demo, person, resolution, lead):
        html = client.get(record.get_absolute_url()).content.decode()
        assert 'class="illustrative-notice"' in html, record
        assert html.index('class="illustrative-notice"') < html.index("</h1>") + 200, record


@pytest.mark.parametrize(
    "url",
    ["/", "/meetings/", "/officials/", "/resolutions/", "/organizations/", "/indicators/"],
)
def test_lists_mark_each_demo_record(client, small_demo, url):
    html = client.get(url).content.decode()
    assert 'class="illustrative-mark"' in html


def test_search_results_and_feeds_carry_the_mark(client, small_demo):
    person = small_demo.participations.first().person
    html = client.get("/search/", {"q": person.full_name}).content.decode()
    assert 'class="illustrative-mark"' in html
    feed = client.get("/meetings/feed/").content.decode()
    assert f"[{MARK}]" in feed


def test_charts_and_downloads_say_which_figures_are_illustrative(client, small_demo):
    figure = ReportedValue.objects.filter(meeting=small_demo).first()
    url = figure.indicator.get_absolute_url()
    html = client.get(url, {"area": figure.area.slug}).content.decode()
    assert "demo archive" in html or "minh họa" in html
    rows = list(csv.DictReader(io.StringIO(client.get(url + "data.csv").getvalue().decode())))
    assert {row["illustrative"] for row in rows} <= {"1", ""}
    assert any(row["illustrative"] == "1" for row in rows)
    figures = client.get(url + "chart.json").json()["figures"]
    assert any(entry["illustrative"] for entry in figures)


def test_the_marks_cost_no_query_per_row(client, sample_archive):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    pages = ["/meetings/", "/officials/", "/resolutions/", "/organizations/", "/indicators/"]
    demo("--meetings", "10")
    few = {url: queries(url) for url in pages}
    demo("--remove")
    demo("--meetings", "60")
    assert {url: queries(url) for url in pages} == few
