"""The figure tallies the database keeps (migration indicators 0013): after any write, they
give what counting the public figures gives."""

import datetime
from collections import Counter

import pytest
from django.db.models import Count
from django.utils import timezone

from indicators.models import FigureTally, ReportedValue
from meetings.models import Meeting
from tests.factories import AreaFactory, IndicatorFactory, MeetingFactory, ReportedValueFactory

pytestmark = pytest.mark.django_db


def counted():
    """The public figures of each (indicator, area), counted from the figures themselves."""
    rows = (
        ReportedValue.objects.public()
        .order_by()
        .values_list("indicator_id", "area_id")
        .annotate(n=Count("pk"))
    )
    return Counter({(indicator, area): n for indicator, area, n in rows})


def tallied():
    return FigureTally.objects.public_counts()


def test_a_published_meetings_figures_are_tallied_and_a_drafts_are_not():
    share, area = IndicatorFactory(), AreaFactory()
    ReportedValueFactory.create_batch(2, indicator=share, area=area)
    ReportedValueFactory(indicator=share, area=None)
    ReportedValueFactory(indicator=share, meeting=MeetingFactory(status=Meeting.Status.DRAFT))
    assert tallied() == counted() == Counter({(share.pk, area.pk): 2, (share.pk, None): 1})


def test_publishing_unpublishing_and_deleting_a_meeting_move_its_figures():
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    figure = ReportedValueFactory(meeting=meeting)
    key = (figure.indicator_id, figure.area_id)
    assert tallied()[key] == 0
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    assert tallied()[key] == counted()[key] == 1
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.READY)
    assert tallied()[key] == counted()[key] == 0
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED)
    meeting.delete()
    assert tallied() == counted() == Counter()


def test_a_figure_moved_to_another_indicator_area_or_meeting_is_tallied_there():
    figure = ReportedValueFactory()
    other_area, other_indicator = AreaFactory(), IndicatorFactory()
    figure.area = other_area
    figure.save()
    assert tallied() == counted() == Counter({(figure.indicator_id, other_area.pk): 1})
    ReportedValue.objects.filter(pk=figure.pk).update(indicator=other_indicator)
    assert tallied() == counted() == Counter({(other_indicator.pk, other_area.pk): 1})
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    ReportedValue.objects.filter(pk=figure.pk).update(meeting=draft)
    assert tallied() == counted() == Counter()


def test_figures_created_and_deleted_in_bulk_are_tallied():
    meeting, indicator = MeetingFactory(), IndicatorFactory()
    ReportedValue.objects.bulk_create(
        ReportedValueFactory.build(meeting=meeting, indicator=indicator, area=area)
        for area in [meeting.area, meeting.area, None]
    )
    assert (
        tallied()
        == counted()
        == Counter({(indicator.pk, meeting.area_id): 2, (indicator.pk, None): 1})
    )
    ReportedValue.objects.filter(area__isnull=False).delete()
    assert tallied() == counted() == Counter({(indicator.pk, None): 1})


def test_a_meeting_published_for_later_is_counted_only_when_its_time_comes():
    later = MeetingFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    figure = ReportedValueFactory(meeting=later)
    assert tallied() == counted() == Counter()
    assert FigureTally.objects.get().figures == 1  # kept, and taken away when read
    Meeting.objects.filter(pk=later.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert tallied() == counted() == Counter({(figure.indicator_id, figure.area_id): 1})


def test_counts_among_indicators_or_areas_are_those_of_the_rows_asked():
    first, second = ReportedValueFactory(), ReportedValueFactory()
    assert FigureTally.objects.public_counts(indicator__in=[first.indicator_id]) == Counter(
        {(first.indicator_id, first.area_id): 1}
    )
    assert FigureTally.objects.public_counts(area__in=[second.area_id]) == Counter(
        {(second.indicator_id, second.area_id): 1}
    )


def test_an_indicator_pages_count_leaves_out_drafts_and_meetings_published_for_later(client):
    indicator, area = IndicatorFactory(), AreaFactory()
    ReportedValueFactory.create_batch(3, indicator=indicator, area=area)
    ReportedValueFactory(indicator=indicator, meeting=MeetingFactory(status=Meeting.Status.DRAFT))
    later = MeetingFactory(published_at=timezone.now() + datetime.timedelta(hours=2))
    ReportedValueFactory(indicator=indicator, area=area, meeting=later)
    for params in ({}, {"area": area.slug}):
        response = client.get(indicator.get_absolute_url(), params)
        assert response.context["paginator"].count == 3, params
