"""Production settings pass `check --deploy`; headers, login throttling and storage settings."""

import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.urls import reverse

import config.settings
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECURE": "1",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "archive.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
    "BEHIND_PROXY": "1",
    "TRUSTED_PROXY_COUNT": "1",
}


# Set by the browser tests for their own process; a deployment never has it.
TEST_ONLY_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, **env):
    clean_env = {
        k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in TEST_ONLY_ENV
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean_env | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_env_vars():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_without_them():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no SSL redirect


def test_s3_media_storage_is_configured_from_env_vars():
    code = (
        "from django.conf import settings; s = settings.STORAGES['default'];"
        "print(s['BACKEND']); print(s['OPTIONS']['bucket_name'], s['OPTIONS']['endpoint_url'])"
    )
    result = manage(
        "shell",
        "-c",
        code,
        MEDIA_S3_BUCKET="archive-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert "people.storage.PrivateS3Storage" in result.stdout, result.stderr
    assert "archive-media https://s3.example.org" in result.stdout


def test_pages_carry_csp_frame_and_sniffing_headers(client, sample_archive):
    response = client.get(sample_archive.get_absolute_url())
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("bientap", password="mat-khau-dung", is_staff=True)


def login(client, password, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": "bientap", "password": password, "next": "/admin/"},
        **headers,
    )


def test_admin_login_locks_out_after_repeated_failures(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "sai").status_code == 200
    assert login(client, "sai").status_code == 429
    response = login(client, "mat-khau-dung")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_ends_after_the_cool_off(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sai")
    assert login(client, "mat-khau-dung").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME * 2
    )
    assert login(client, "mat-khau-dung").status_code == 302


def test_behind_a_proxy_one_client_does_not_lock_out_another(client, staff, monkeypatch):
    monkeypatch.setattr(config.settings, "TRUSTED_PROXY_COUNT", 1)
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    # The attacker forges an address; the balancer appends the one it really saw.
    attacker = {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.9", **balancer}
    colleague = {"HTTP_X_FORWARDED_FOR": "198.51.100.7", **balancer}
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        login(client, "sai", **attacker)
    assert login(client, "mat-khau-dung", **attacker).status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    assert login(client, "mat-khau-dung", **colleague).status_code == 302


def test_without_a_proxy_x_forwarded_for_is_ignored(client, staff):
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        login(client, "sai", HTTP_X_FORWARDED_FOR="198.51.100.1", REMOTE_ADDR="203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def test_public_pages_are_served_over_plain_http_in_tests(client):
    meeting = MeetingFactory()
    assert client.get(meeting.get_absolute_url()).status_code == 200
