import functools
import io
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from meetings.models import Meeting
from meetings.sample import MEETING_SLUG


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files, and the page cache's, go to a temporary folder, never the
    project's media/ and var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_FILES_DIR = tmp_path / "pages"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True, scope="session")
def jobs_run_inline():
    """Background jobs run inline in the tests, as without a broker, whatever
    CELERY_BROKER_URL says; `tests/test_jobs_worker.py` hands them to real workers."""
    from celery import current_app

    current_app.conf.task_always_eager = True


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Passwords are hashed with MD5 in the tests, as Django's documentation advises: PBKDF2's
    million iterations cost a third of a second of CPU for every account made and every login
    tried, and some 200 tests make one. The archive itself keeps Django's default hashers."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def sample_photos_made_once():
    """`load_sample` draws the same 18 placeholder photos, and cleans each into the same bytes,
    every time it runs: some 200 times a session, a third of its CPU. Both are pure functions of
    their arguments, so each distinct photo is drawn and cleaned once a session."""
    from meetings.management.commands import load_sample
    from people import images

    originals = load_sample.placeholder_jpeg, images.clean_image_bytes
    load_sample.placeholder_jpeg = functools.cache(originals[0])
    images.clean_image_bytes = functools.cache(originals[1])
    yield
    load_sample.placeholder_jpeg, images.clean_image_bytes = originals


@pytest.fixture(autouse=True)
def live_pages(settings):
    """Pages are rendered afresh unless a test asks for the page cache (`page_cache`): most
    tests assert what a render queries."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    """The public page cache on, as production runs it, and empty."""
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_SECONDS = 86400
    yield
    cache.clear()


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


def _user_in_group(django_user_model, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        f"{group_name}-user", f"{group_name}@example.org", "pw-" + group_name, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_for(user) -> Client:
    """A test client of its own, logged in as `user`: two editors at once need two."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_user(django_user_model):
    """A member of the `editors` group, made by the data migration."""
    return _user_in_group(django_user_model, "editors")


@pytest.fixture
def publisher_user(django_user_model):
    """A member of the `publishers` group."""
    return _user_in_group(django_user_model, "publishers")


def pytest_terminal_summary(terminalreporter):
    from tests.fuzz_counter import FUZZ

    if FUZZ["cases"]:
        terminalreporter.write_line(
            f"fuzz: {FUZZ['cases']} requests tried on {FUZZ['patterns']} public URL patterns, "
            f"{FUZZ['server_errors']} server errors"
        )


def pytest_collection_modifyitems(config, items):
    """Browser and worker tests run last: their live server or worker commits data, and the
    flush after them would erase for any later test the rows data migrations made (the
    editorial groups)."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid or "worker" in item.keywords)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, request, tmp_path_factory
):
    """A worker process must open the test database: on SQLite, a file rather than memory
    when the session runs worker tests (`tests/test_jobs_worker.py`)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    wanted = any(item.get_closest_marker("worker") for item in request.session.items)
    if wanted and "sqlite" in database["ENGINE"] and not database.get("TEST", {}).get("NAME"):
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
    if "sqlite" in database["ENGINE"] and database.get("TEST", {}).get("TEMPLATE"):
        copy_sqlite_test_databases_from(database["TEST"]["TEMPLATE"])


def copy_sqlite_test_databases_from(template: str):
    """Each SQLite test database starts as a copy of `template`, a migrated database file, as a
    PostgreSQL one is made from its TEMPLATE: CI migrates one file for its four SQLite steps
    and each of their workers, which otherwise migrate afresh (7 s of CPU each). Django's
    `migrate` still runs on the copy and applies whatever the template lacks."""
    from django.db.backends.sqlite3.creation import DatabaseCreation

    if not Path(template).is_file():
        raise pytest.UsageError(
            f"DATABASE_TEST_TEMPLATE={template}: no such SQLite file (make it with "
            "`DATABASE_URL=sqlite:///<file> manage.py migrate`)"
        )
    create = DatabaseCreation._create_test_db
    kept_open = []  # an in-memory database lives while a connection to it is open

    def create_from_template(self, verbosity, autoclobber, keepdb=False):
        name = create(self, verbosity, autoclobber, keepdb=keepdb)
        if keepdb and not self.is_in_memory_db(name) and Path(name).exists():
            return name
        kept_open.append(copy_sqlite_database(template, name))
        return name

    DatabaseCreation._create_test_db = create_from_template


def copy_sqlite_database(template, name: str) -> sqlite3.Connection:
    """The SQLite file `template` copied into the database `name` (a file, or an in-memory
    URI as Django names a test database); the copy's connection, open."""
    with closing(
        sqlite3.connect(Path(template).resolve().as_uri() + "?mode=ro", uri=True)
    ) as source:
        target = sqlite3.connect(name, uri=name.startswith("file:"))
        source.backup(target)
    return target


@pytest.fixture(autouse=True)
def vietnamese_interface():
    """Each test starts in the site's default language; a request that switched it (the
    language cookie) must not leak its translation into the next test's thread."""
    translation.activate("vi")
    yield
    translation.deactivate()
