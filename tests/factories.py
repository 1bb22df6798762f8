"""Factories shared by the test suite."""

import datetime

import factory
from django.utils import timezone

from indicators.models import Indicator, ReportedValue
from meetings.models import Meeting, Participation, Photo, PhotoPerson, Report, Resolution
from people.models import Area, Organization, Person, Position


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Tỉnh số {n}")
    kind = Area.Kind.PROVINCE


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Sở Công Thương số {n}")
    kind = Organization.Kind.PROVINCIAL_DEPARTMENT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Đức {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Giám đốc"


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    code = factory.Sequence(lambda n: f"{n + 100}-NQ/TW")
    issued_on = datetime.date(2020, 1, 1)
    title = factory.Sequence(lambda n: f"Về chính sách số {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Buổi làm việc số {n} về chuyển đổi số")
    date = datetime.date(2024, 5, 10)
    date_precision = "day"
    status = Meeting.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    area = factory.SubFactory(AreaFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    title_as_reported = "Phó Chủ tịch UBND tỉnh"
    side = Participation.Side.HOST


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Chỉ tiêu số {n}")
    default_unit = "%"


class ReportedValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedValue

    indicator = factory.SubFactory(IndicatorFactory)
    meeting = factory.SubFactory(MeetingFactory)
    area = factory.SelfAttribute("meeting.area")
    period_start = datetime.date(2023, 1, 1)
    period_end = datetime.date(2023, 12, 31)
    value = "58.4"
    unit = "%"
    source_sentence = "Tỷ trọng công nghiệp trong GRDP năm 2023 chiếm 58,4%."


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    meeting = factory.SubFactory(MeetingFactory)
    position = 1
    publisher = factory.SubFactory(OrganizationFactory)
    url = factory.Sequence(lambda n: f"https://baothainguyen.vn/bai-viet-{n}.html")
    headline = factory.Sequence(lambda n: f"Đoàn công tác làm việc với tỉnh, bài {n}")
    published_as_printed = "Thứ Năm, 8/6/2023 14:46'(GMT+7)"
    source_text = "Sáng 8/6, đoàn công tác làm việc với tỉnh."


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    meeting = factory.SubFactory(MeetingFactory)
    image = factory.django.ImageField(width=64, height=48, format="JPEG", filename="anh.jpg")
    caption = factory.Sequence(lambda n: f"Đồng chí số {n} phát biểu tại buổi làm việc")
    alt_text = factory.SelfAttribute("caption")


class PhotoPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhotoPerson

    photo = factory.SubFactory(PhotoFactory)
    person = factory.SubFactory(PersonFactory)


def draft_meeting(**kwargs):
    """A meeting an editor has not published: the public must never see it."""
    return MeetingFactory(status=Meeting.Status.DRAFT, published_at=None, **kwargs)
