"""The test databases themselves: copied from a migrated template when CI gives one
(DATABASE_TEST_TEMPLATE), and fully migrated however they were made."""

import sqlite3
from contextlib import closing

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import copy_sqlite_database


def test_an_sqlite_template_is_copied_into_a_file_and_into_memory(tmp_path):
    template = tmp_path / "template.sqlite3"
    with closing(sqlite3.connect(template)) as database:
        database.execute("CREATE TABLE area (name TEXT)")
        database.execute("INSERT INTO area VALUES ('Thái Nguyên')")
        database.commit()
    in_memory = "file:memorydb_template_check?mode=memory&cache=shared"
    for name in (str(tmp_path / "copy.sqlite3"), in_memory):
        copy = copy_sqlite_database(template, name)
        with closing(copy), closing(sqlite3.connect(name, uri=name.startswith("file:"))) as reader:
            assert reader.execute("SELECT name FROM area").fetchall() == [("Thái Nguyên",)]


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
