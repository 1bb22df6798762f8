"""Stored XSS is impossible: hostile HTML in any text field the public sees is defused on save."""

import pytest
from django.apps import apps
from django.db import models

from meetings.models import Meeting
from people.text import clean_plain_text, clean_rich_text
from tests.factories import MeetingFactory
from tests.test_public_urls import public_urls

pytestmark = pytest.mark.django_db

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


def public_text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and field.editable
            and not field.choices
            and not isinstance(field, models.SlugField)
            and field.name != "code"  # a document code is parsed, or refused
        ):
            yield field


OUR_MODELS = [
    m
    for m in apps.get_models()
    if m._meta.app_label in {"people", "meetings", "indicators"}
    and not m.__name__.startswith("Historical")
]


def test_every_public_text_field_is_defused_on_save(client, sample_archive):
    checked = []
    for model in OUR_MODELS:
        obj = model.objects.first()
        fields = list(public_text_fields(model))
        for field in fields:
            setattr(obj, field.attname, f"{getattr(obj, field.attname)[:40]} {HOSTILE}")
        obj.save()
        obj.refresh_from_db()
        for field in fields:
            value = getattr(obj, field.attname)
            assert is_harmless(value), (model.__name__, field.name, value)
            checked.append(f"{model.__name__}.{field.name}")
    assert {"Meeting.body", "Meeting.summary", "Meeting.title", "Photo.caption"} <= set(checked)
    assert len(checked) >= 25
    for url in public_urls():
        content = client.get(url).content.decode().lower()
        assert "<script>alert" not in content, url
        assert "onerror=alert" not in content, url


def test_rich_text_keeps_its_allowed_markup():
    body = '<p>Đoạn <strong>đậm</strong> <a href="https://chinhphu.vn/">nguồn</a></p>'
    cleaned = clean_rich_text(body)
    assert "<strong>đậm</strong>" in cleaned
    assert 'href="https://chinhphu.vn/"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_plain_text_keeps_ordinary_characters():
    assert clean_plain_text("Bộ KH&ĐT: tỷ lệ < 5% và > 3%") == "Bộ KH&ĐT: tỷ lệ < 5% và > 3%"
    assert clean_plain_text("&lt;script&gt;alert(1)&lt;/script&gt;") == ""


def test_queryset_update_is_sanitised_too():
    meeting = MeetingFactory()
    Meeting.objects.filter(pk=meeting.pk).update(body=HOSTILE, title=HOSTILE)
    meeting.refresh_from_db()
    assert is_harmless(meeting.body)
    assert is_harmless(meeting.title)


def test_source_url_keeps_only_http():
    meeting = MeetingFactory(source_url="javascript:alert(1)")
    assert meeting.source_url == ""
    meeting = MeetingFactory(source_url="https://kinhtetrunguong.vn/bai-viet")
    assert meeting.source_url == "https://kinhtetrunguong.vn/bai-viet"


def test_queryset_update_keeps_urls_to_http():
    meeting = MeetingFactory()
    Meeting.objects.filter(pk=meeting.pk).update(source_url="javascript:alert(1)")
    meeting.refresh_from_db()
    assert meeting.source_url == ""
