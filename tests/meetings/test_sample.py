"""The sample archive holds the reference report fact by fact."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.models import Indicator, ReportedValue
from meetings.models import Meeting, Participation, Photo, Resolution
from meetings.sample import ARTICLE_PATH
from people.models import Organization, Person, Position

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Meeting,
            Participation,
            Photo,
            Resolution,
            Person,
            Position,
            Organization,
            Indicator,
            ReportedValue,
        )
    }


def test_sample_records_every_official_with_the_title_as_printed(sample_archive):
    titles = {
        p.person.full_name: p.title_as_reported
        for p in sample_archive.participations.filter(person__isnull=False).select_related("person")
    }
    assert len(titles) == 8
    assert titles["Nguyễn Đức Hiển"] == "Phó Trưởng Ban Kinh tế Trung ương"
    assert titles["Phạm Hoàng Sơn"] == (
        "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh Thái Nguyên"
    )
    assert titles["Nguyễn Thanh Tuyên"] == (
        "Phó Vụ trưởng Cục Công nghiệp công nghệ thông tin và Truyền thông, "
        "Bộ Thông tin và Truyền thông"
    )


def test_sample_records_sides_roles_and_the_delegation(sample_archive):
    delegation = sample_archive.delegation
    assert delegation.head.full_name == "Nguyễn Đức Hiển"
    assert delegation.lead_organization.name == "Ban Kinh tế Trung ương"
    hien = sample_archive.participations.get(person__full_name="Nguyễn Đức Hiển")
    assert (hien.side, hien.led_delegation, hien.spoke) == ("delegation", True, True)
    binh = sample_archive.participations.get(person__full_name="Nguyễn Thanh Bình")
    assert (binh.side, binh.reported) == ("host", True)
    unnamed = sample_archive.participations.filter(person__isnull=True)
    assert sorted(p.organization.name for p in unnamed) == [
        "Sở Công Thương tỉnh Thái Nguyên",
        "Sở Khoa học và Công nghệ tỉnh Thái Nguyên",
    ]


def test_sample_records_positions_and_organization_tree():
    call_command("load_sample", stdout=io.StringIO())
    son = Person.objects.get(full_name="Phạm Hoàng Sơn")
    assert sorted(p.title for p in son.positions.all()) == [
        "Chủ tịch HĐND tỉnh",
        "Phó Bí thư Thường trực Tỉnh ủy",
    ]
    vu = Organization.objects.get(name="Vụ Công nghiệp")
    assert vu.parent.name == "Ban Kinh tế Trung ương"
    so = Organization.objects.get(name="Sở Công Thương tỉnh Thái Nguyên")
    assert so.parent.name == "Ủy ban nhân dân tỉnh Thái Nguyên"


def test_sample_records_both_resolutions(sample_archive):
    nq52 = Resolution.objects.get(code="52-NQ/TW")
    assert nq52.issued_on == datetime.date(2019, 9, 27)
    assert nq52.issuer.name == "Bộ Chính trị"
    assert nq52.title.startswith("Một số chủ trương, chính sách chủ động tham gia")
    nq23 = Resolution.objects.get(code="23-NQ/TW")
    assert nq23.issued_on == datetime.date(2018, 3, 22)
    assert set(sample_archive.resolutions.all()) == {nq52, nq23}


def test_sample_records_every_figure_in_vietnamese_notation(sample_archive):
    values = sample_archive.reported_values.select_related("indicator", "resolution")
    assert values.count() == 33
    output = values.get(value=Decimal("954964"))
    assert (output.unit, output.period_display) == ("tỷ đồng", "2023")
    share = values.get(indicator__name="Tỷ trọng công nghiệp trong GRDP", value=Decimal("58.4"))
    assert (share.unit, share.resolution.code) == ("%", "23-NQ/TW")
    growth = values.get(value=Decimal("8.32"))
    assert (growth.unit, growth.qualifier, growth.period_display) == (
        "%/năm",
        "bình quân",
        "2018–2023",
    )
    firms = values.get(value=Decimal("1200"))
    assert (firms.unit, firms.period_display) == ("doanh nghiệp", "01/01/2023")
    innovation = values.get(value=Decimal("47.75"))
    assert (innovation.unit, innovation.rank) == ("điểm", "thứ 10 cả nước")
    assert values.get(value=Decimal("31.4")).rank == "thứ 3/61"
    assert values.get(value=Decimal("2700")).qualifier == "hơn"
    assert all(v.source_sentence in ARTICLE_PATH.read_text() for v in values)


def test_sample_records_all_captions_with_placeholder_images(sample_archive):
    photos = list(sample_archive.photos.prefetch_related("people"))
    assert len(photos) == 18
    assert photos[0].caption == (
        "Đồng chí Nguyễn Đức Hiển, Phó Trưởng Ban Kinh tế Trung ương phát biểu tại buổi làm việc"
    )
    assert [p.full_name for p in photos[0].people.all()] == ["Nguyễn Đức Hiển"]
    assert photos[-1].caption == (
        "Lãnh đạo doanh nghiệp giới thiệu đoàn công tác về quy trình sản xuất"
    )
    assert (photos[0].width, photos[0].height) == (960, 640)
    text = ARTICLE_PATH.read_text()
    assert all(photo.caption in text for photo in photos)


def test_sample_records_companies_visited_hosts_and_source(sample_archive):
    assert sorted(o.name for o in sample_archive.visited_organizations.all()) == [
        "Công ty TNHH Mani Hà Nội - Nhà máy Phổ Yên 2",
        "Công ty cổ phần Đầu tư và Thương mại TNG",
    ]
    assert sample_archive.host_organizations.count() == 3
    report = sample_archive.reports.get()
    assert report.publisher.name == "Trung tâm Thông tin, Phân tích và Dự báo kinh tế"
    assert report.source_text == ARTICLE_PATH.read_text(encoding="utf-8")
    assert sample_archive.date is None and sample_archive.date_precision == "unknown"
    assert Meeting.objects.published().filter(pk=sample_archive.pk).exists()


def test_loading_twice_changes_nothing():
    out = io.StringIO()
    call_command("load_sample", stdout=out)
    first = counts()
    call_command("load_sample", stdout=out)
    assert counts() == first
    assert "Already loaded" in out.getvalue()
