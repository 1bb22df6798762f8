"""Issue 15: pg_dump and pg_restore keep reports and their citations exactly (PostgreSQL)."""

import shutil
import subprocess

import psycopg
import pytest
from django.db import connection

from meetings.models import ParticipationCitation
from tests.factories import ReportFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not shutil.which("pg_dump"),
        reason="pg_dump and pg_restore are PostgreSQL's tools",
    ),
]

TABLES = [
    "meetings_report",
    "meetings_participationcitation",
    "meetings_figurecitation",
    "meetings_photocitation",
    "meetings_documentcitation",
]


def rows(conninfo: str) -> dict[str, list[tuple]]:
    with psycopg.connect(conninfo) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in TABLES
        }


def conninfo(settings: dict, name: str) -> str:
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or "5432"
    return f"host={host} port={port} user={settings['USER']} dbname={name}"


def test_a_dump_restored_into_a_new_database_keeps_reports_and_citations(sample_archive, tmp_path):
    second = ReportFactory(meeting=sample_archive, position=2, source_text="  Sáng 8/6,\r\n\t")
    ParticipationCitation.objects.create(
        participation=sample_archive.participations.first(),
        report=second,
        title_as_printed="Phó Trưởng Ban Kinh tế Trung ương",
    )
    settings = connection.settings_dict
    source, copy = settings["NAME"], f"{settings['NAME']}_restored"
    target = conninfo(settings, "postgres")
    dump = tmp_path / "archive.dump"
    subprocess.run(
        ["pg_dump", "-Fc", "-f", str(dump), "-d", conninfo(settings, source)], check=True
    )
    with psycopg.connect(target, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        db.execute(f'CREATE DATABASE "{copy}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", conninfo(settings, copy), str(dump)], check=True
        )
        before, after = rows(conninfo(settings, source)), rows(conninfo(settings, copy))
        assert len(before["meetings_report"]) == 2
        assert len(before["meetings_participationcitation"]) == 11
        assert after == before
    finally:
        with psycopg.connect(target, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{copy}"')
