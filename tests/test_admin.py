"""Every admin page opens for an editor, and admin search folds diacritics."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from meetings.archive import DERIVED_MODELS
from meetings.models import Job, JobKind, Meeting
from tests.factories import MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db

CITATIONS = ["ParticipationCitation", "FigureCitation", "PhotoCitation", "DocumentCitation"]
OUR_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"people", "meetings", "indicators"}
]


def test_every_model_of_ours_is_registered():
    ours = {
        m
        for m in apps.get_models()
        if m._meta.app_label in {"people", "meetings", "indicators"}
        and not m.__name__.startswith("Historical")
    }
    # Edited on their photo's and report's pages; notes are settled on the review screen.
    inlines_only = {"PhotoPerson", "ReviewNote", *CITATIONS}
    # Kept by the database from the rows above, by nobody's hand.
    derived = {apps.get_model(label) for label in DERIVED_MODELS}
    unregistered = {apps.get_model("meetings", name) for name in inlines_only} | derived
    assert ours - set(OUR_MODELS) <= unregistered
    assert not derived & set(OUR_MODELS)


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_open(editor_client, sample_archive, model):
    info = model._meta.app_label, model._meta.model_name
    assert editor_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    # Jobs are made by the work they do, never by hand.
    added = 403 if model is Job else 200
    assert editor_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == added
    if model is Job:
        Job.objects.create(kind=JobKind.RENDITIONS, key="photos/a.jpg")
    obj = model.objects.first()
    response = editor_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert response.status_code == 200


def test_meeting_change_page_has_inlines_and_thumbnails(editor_client, sample_archive):
    url = reverse("admin:meetings_meeting_change", args=[sample_archive.pk])
    html = editor_client.get(url).content.decode()
    assert "Nguyễn Đức Hiển" in html
    assert "Lãnh đạo doanh nghiệp giới thiệu đoàn công tác" in html
    assert html.count('width="160"') == 18
    assert 'value="954.964"' in html  # the figure, as a Vietnamese reader writes it


@pytest.mark.parametrize(
    "query", ["pham hoang son", "PHAM HOANG SON", "Phạm Hoàng Sơn", "hoang son"]
)
def test_person_search_folds_diacritics(editor_client, query):
    PersonFactory(full_name="Phạm Hoàng Sơn")
    PersonFactory(full_name="Nguyễn Đức Hiển")
    response = editor_client.get(reverse("admin:people_person_changelist"), {"q": query})
    assert response.context["cl"].result_count == 1
    assert "Phạm Hoàng Sơn" in response.content.decode()


def test_meeting_search_finds_meetings_of_a_person_and_of_a_resolution(
    editor_client, sample_archive
):
    MeetingFactory(title="Hội nghị khác")
    changelist = reverse("admin:meetings_meeting_changelist")
    for query in ["nguyen duc hien", "52/NQ-TW", "thai nguyen"]:
        response = editor_client.get(changelist, {"q": query})
        assert list(response.context["cl"].result_list) == [sample_archive], query


def test_resolution_search_accepts_any_written_form(editor_client, sample_archive):
    changelist = reverse("admin:meetings_resolution_changelist")
    for query in ["52/nq-tw", "52-NQ/TW", "52"]:
        response = editor_client.get(changelist, {"q": query})
        assert [r.code for r in response.context["cl"].result_list] == ["52-NQ/TW"], query


def test_autocomplete_folds_diacritics(editor_client, sample_archive):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "nguyen duc",
            "app_label": "meetings",
            "model_name": "participation",
            "field_name": "person",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Nguyễn Đức Hiển"]


def test_publish_and_unpublish_actions(editor_client):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, published_at=None)
    changelist = reverse("admin:meetings_meeting_changelist")
    editor_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at is not None
    assert list(Meeting.objects.published()) == [draft]
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not Meeting.objects.published().exists()


def test_admin_is_in_vietnamese_by_default(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert 'lang="vi"' in html
