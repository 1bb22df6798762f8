import io

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from meetings.sample import MEETING_SLUG


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests run without `collectstatic`, so they skip the hashed-name manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def sample_archive(db):
    """The reference report, loaded as `make run` loads it."""
    call_command("load_sample", stdout=io.StringIO())
    return Meeting.objects.get(slug=MEETING_SLUG)
