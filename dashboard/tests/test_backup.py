"""Backup → restore round-trips the demo data, table by table, on the database the suite runs on."""

import json
import sqlite3

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from dashboard.backup import (
    BackupError,
    Target,
    _sqlite_checksums,
    backup_create,
    backup_restore,
    read_manifest,
    table_checksums,
)


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "ოქმი.pdf").write_bytes(b"%PDF-1.4 signed minutes")
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def empty_target(tmp_path):
    """A new, empty database of the same engine as the suite's."""
    if connection.vendor == "sqlite":
        yield Target("sqlite", str(tmp_path / "restored.sqlite3"))
        return
    source = Target.from_settings()
    name = f"{source.name}_restore"
    admin = psycopg2.connect(Target(**{**source.__dict__, "name": "postgres"}).libpq_url())
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield Target(**{**source.__dict__, "name": name})
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def _table_rows(target: Target) -> dict[str, int]:
    return {table: info["rows"] for table, info in table_checksums(target).items()}


@pytest.mark.django_db(transaction=True)  # pg_dump reads committed rows only
def test_backup_then_restore_reproduces_every_table_and_file_of_the_demo_data(tmp_path, media, empty_target):
    call_command("seed_demo", allow_production=True)
    source = _live_checksums()
    assert source["accounts_user"]["rows"] > 5 and source["reintegration_case"]["rows"] > 0

    folder = backup_create(destination=tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == source  # the manifest describes the database as it was
    assert manifest["media_files"] == 1

    restored_media = tmp_path / "restored-media"
    restored = backup_restore(folder=folder, target=empty_target, media_root=restored_media)

    assert restored == source  # every table: the same rows and the same content
    assert _table_rows(empty_target) == {table: info["rows"] for table, info in source.items()}
    assert (restored_media / "documents" / "ოქმი.pdf").read_bytes() == b"%PDF-1.4 signed minutes"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, media):
    folder = backup_create(destination=tmp_path / "backups")
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(folder=folder, target=Target.from_settings(), media_root=tmp_path / "m")


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup_before_touching_the_database(tmp_path, media, empty_target):
    folder = backup_create(destination=tmp_path / "backups")
    dump = next(p for p in folder.iterdir() if p.name.startswith("db."))
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(BackupError, match="checksum"):
        read_manifest(folder)
    with pytest.raises(BackupError, match="damaged"):
        backup_restore(folder=folder, target=empty_target, media_root=tmp_path / "m")
    assert _table_rows(empty_target) == {}


def test_the_checksum_changes_when_one_value_changes(tmp_path):
    path = tmp_path / "one.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (id integer primary key, name text)")
        db.executemany("INSERT INTO t VALUES (?, ?)", [(1, "ნინო"), (2, "გიორგი")])
    before = table_checksums(Target("sqlite", str(path)))["t"]
    with sqlite3.connect(path) as db:
        db.execute("UPDATE t SET name = 'ნინა' WHERE id = 1")
    after = table_checksums(Target("sqlite", str(path)))["t"]
    assert before["rows"] == after["rows"] == 2
    assert before["checksum"] != after["checksum"]


def _live_checksums() -> dict:
    if connection.vendor == "sqlite":
        # An in-memory test database: copy it with SQLite's backup API and read the copy.
        copy = sqlite3.connect(":memory:")
        connection.ensure_connection()
        connection.connection.backup(copy)
        return _sqlite_checksums(copy)
    return table_checksums(Target.from_settings())
