import datetime

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError

from people.models import Area, Person, Position
from people.search.query import analyse
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def test_person_derives_slug_folded_name_and_given_name_sort_key():
    person = Person.objects.create(full_name="Phạm Hoàng Sơn")
    assert person.slug == "pham-hoang-son"
    assert person.name_folded == "pham hoang son"
    assert person.sort_key == "s1o3n100" + "p1h1a1m105" + "h1o1a1n1g101"
    assert person.index_letter == "S"
    assert person.get_absolute_url().endswith("/pham-hoang-son/")


def test_officials_sort_as_a_vietnamese_dictionary_by_given_name():
    for name in ["Nguyễn Đức", "Trần Dũng", "Lê Duy", "Phạm Ân", "Hồ An", "Vũ Ăn", "Bùi Án"]:
        PersonFactory(full_name=name)
    assert [p.full_name for p in Person.objects.order_by("sort_key")] == [
        "Hồ An",
        "Bùi Án",
        "Vũ Ăn",
        "Phạm Ân",
        "Trần Dũng",
        "Lê Duy",
        "Nguyễn Đức",
    ]
    assert Person.objects.get(full_name="Nguyễn Đức").index_letter == "Đ"
    assert Person.objects.get(full_name="Phạm Ân").index_letter == "Â"


def test_slugs_stay_unique_for_namesakes():
    first = Person.objects.create(full_name="Nguyễn Thanh Bình")
    second = Person.objects.create(full_name="Nguyễn Thanh Bình")
    assert first.slug == "nguyen-thanh-binh"
    assert second.slug == "nguyen-thanh-binh-2"


def test_search_folds_diacritics_and_case():
    son = PersonFactory(full_name="Phạm Hoàng Sơn")
    PersonFactory(full_name="Nguyễn Đức Hiển")
    assert list(Person.objects.search(analyse("pham hoang son"))) == [son]
    assert list(Person.objects.search(analyse("PHAM HOÀNG"))) == [son]
    assert list(Person.objects.search(analyse("   "))) == []


def test_person_at_a_meeting_cannot_be_deleted():
    participation = ParticipationFactory()
    with pytest.raises(ProtectedError):
        participation.person.delete()
    assert Person.objects.filter(pk=participation.person_id).exists()


def test_organization_with_positions_cannot_be_deleted():
    position = PositionFactory()
    with pytest.raises(ProtectedError):
        position.organization.delete()


def test_area_used_by_a_meeting_cannot_be_deleted():
    meeting = MeetingFactory()
    with pytest.raises(ProtectedError):
        meeting.area.delete()


def test_area_validity_must_be_ordered():
    with pytest.raises(IntegrityError):
        Area.objects.create(
            name="Bắc Kạn",
            kind="province",
            valid_from=datetime.date(2025, 7, 1),
            valid_until=datetime.date(1997, 1, 1),
        )


def test_unknown_area_kind_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        Area.objects.create(name="Nowhere", kind="planet")


def test_position_period_must_be_ordered_and_precision_must_match():
    person = PersonFactory()
    org = OrganizationFactory()
    with pytest.raises(IntegrityError):
        Position.objects.create(
            person=person,
            organization=org,
            title="Chủ tịch",
            start_date=datetime.date(2024, 1, 1),
            start_precision="year",
            end_date=datetime.date(2020, 1, 1),
            end_precision="year",
        )


def test_position_with_a_year_alone_displays_the_year():
    position = PositionFactory(start_date=datetime.date(2020, 1, 1), start_precision="year")
    assert position.start_display == "năm 2020"
    assert position.end_display == ""


def test_position_date_without_precision_is_refused():
    with pytest.raises(IntegrityError):
        PositionFactory(start_date=datetime.date(2020, 1, 1), start_precision="unknown")


def test_one_person_holds_several_positions_at_once():
    person = PersonFactory(full_name="Phạm Hoàng Sơn")
    PositionFactory(person=person, title="Phó Bí thư Thường trực Tỉnh ủy")
    PositionFactory(person=person, title="Chủ tịch HĐND tỉnh")
    assert person.positions.count() == 2


def test_area_successor_records_a_merger():
    new = AreaFactory(name="Thái Nguyên (từ 2025)")
    old = AreaFactory(name="Bắc Kạn", valid_until=datetime.date(2025, 6, 30), successor=new)
    assert list(new.predecessors.all()) == [old]
