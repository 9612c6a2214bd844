"""Backups: the database and the uploaded files, with a manifest that proves a restore is whole.

A backup is a folder holding
- ``db.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``db.sqlite3`` (SQLite's online backup),
- ``media.tar.gz`` (every uploaded file under MEDIA_ROOT),
- ``manifest.json``: when, which engine, the SHA-256 of each file above, and per table its row count
  and a content checksum.

A restore goes only into an empty database, checks the files against the manifest first, and checks
every table's count and checksum after: a restore that does not reproduce the backup fails loudly.
The table checksum is order-independent (the sum of each row's MD5 modulo 2^128), so it streams
through tables of any size without sorting them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404: pg_dump/pg_restore are called with argument lists, never a shell
import tarfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
FORMAT_VERSION = 1
_MOD = 2**128


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Target:
    """A database to read or write: the engine and how to reach it."""

    engine: str  # "postgresql" or "sqlite"
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default") -> Target:
        db = settings.DATABASES[alias]
        engine = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite" if "sqlite" in db["ENGINE"] else ""
        if not engine:
            raise BackupError(f"Backups support PostgreSQL and SQLite, not {db['ENGINE']}.")
        name = str(connections[alias].settings_dict["NAME"])
        return cls(
            engine,
            name,
            str(db.get("HOST") or ""),
            str(db.get("PORT") or ""),
            str(db.get("USER") or ""),
            str(db.get("PASSWORD") or ""),
        )

    def libpq_url(self) -> str:
        auth = quote(self.user) + (":" + quote(self.password) if self.password else "")
        host = self.host or "localhost"
        port = f":{self.port}" if self.port else ""
        return f"postgresql://{auth + '@' if auth else ''}{host}{port}/{quote(self.name)}"


# --------------------------------------------------------------------------------------------
# Table checksums
# --------------------------------------------------------------------------------------------
def _row_digest(row) -> int:
    return int(hashlib.md5(repr(tuple(row)).encode(), usedforsecurity=False).hexdigest(), 16)


def _postgres_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"  # nosec B608: constant
    )
    return [row[0] for row in cursor.fetchall()]


def _postgres_checksums(connection) -> dict[str, dict]:
    result = {}
    with connection.cursor() as cursor:
        for table in _postgres_tables(cursor):
            # t::text is the row's canonical text form: the same before and after pg_restore.
            cursor.execute(f'SELECT md5(t::text) FROM "{table}" t')  # nosec B608: names from pg_tables
            total, count = 0, 0
            while rows := cursor.fetchmany(5000):
                for (digest,) in rows:
                    total = (total + int(digest, 16)) % _MOD
                count += len(rows)
            result[table] = {"rows": count, "checksum": f"{total:032x}"}
    return result


def _sqlite_checksums(connection) -> dict[str, dict]:
    result = {}
    cursor = connection.cursor()
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    for (table,) in cursor.fetchall():
        cursor.execute(f'SELECT * FROM "{table}"')  # nosec B608: names from sqlite_master
        total, count = 0, 0
        while rows := cursor.fetchmany(5000):
            for row in rows:
                total = (total + _row_digest(row)) % _MOD
            count += len(rows)
        result[table] = {"rows": count, "checksum": f"{total:032x}"}
    return result


def table_checksums(target: Target) -> dict[str, dict]:
    """Per table: its row count and an order-independent checksum of its content."""
    if target.engine == "postgresql":
        import psycopg2

        connection = psycopg2.connect(target.libpq_url())
        try:
            return _postgres_checksums(connection)
        finally:
            connection.close()
    connection = sqlite3.connect(target.name)
    try:
        return _sqlite_checksums(connection)
    finally:
        connection.close()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(args: list[str]) -> None:
    completed = subprocess.run(args, capture_output=True, text=True, check=False)  # nosec B603: argument list
    if completed.returncode != 0:
        raise BackupError(f"{args[0]} failed: {completed.stderr.strip()[:500]}")


# --------------------------------------------------------------------------------------------
# Backup
# --------------------------------------------------------------------------------------------
def _postgres_dump(target: Target, folder: Path) -> tuple[Path, dict]:
    """pg_dump and the checksums read from one snapshot, so a write in between cannot split them."""
    import psycopg2

    path = folder / "db.dump"
    connection = psycopg2.connect(target.libpq_url())
    try:
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        checksums = _postgres_checksums(connection)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              "--file", str(path), target.libpq_url()])  # fmt: skip
        connection.rollback()
    finally:
        connection.close()
    return path, checksums


def _sqlite_dump(target: Target, folder: Path, alias: str | None) -> tuple[Path, dict]:
    """SQLite's online backup, then the checksums of the copy itself."""
    path = folder / "db.sqlite3"
    destination = sqlite3.connect(path)
    try:
        if alias is not None:  # the project's own connection (also an in-memory test database)
            connections[alias].ensure_connection()
            connections[alias].connection.backup(destination)
        else:
            source = sqlite3.connect(target.name)
            try:
                source.backup(destination)
            finally:
                source.close()
    finally:
        destination.close()
    return path, table_checksums(Target("sqlite", str(path)))


def _archive_media(media_root: Path, folder: Path) -> tuple[Path, int]:
    path = folder / MEDIA_ARCHIVE
    files = 0
    with tarfile.open(path, "w:gz") as archive:
        if media_root.is_dir():
            for file in sorted(p for p in media_root.rglob("*") if p.is_file()):
                archive.add(file, arcname=str(file.relative_to(media_root)))
                files += 1
    return path, files


def backup_create(*, destination: Path, target: Target | None = None, media_root: Path | None = None) -> Path:
    """Write a new backup folder under ``destination`` and return its path.

    Without a target, the project's own database (settings) is backed up.
    """
    alias = "default" if target is None else None
    target = target or Target.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    folder = Path(destination) / f"backup-{timezone.now().strftime('%Y%m%dT%H%M%S%fZ')}"
    folder.mkdir(parents=True, exist_ok=False)
    os.chmod(folder, 0o700)  # personal data: readable by the service account only
    if target.engine == "postgresql":
        database_file, checksums = _postgres_dump(target, folder)
    else:
        database_file, checksums = _sqlite_dump(target, folder, alias)
    media_file, media_count = _archive_media(media_root, folder)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "engine": target.engine,
        "files": {p.name: _file_sha256(p) for p in (database_file, media_file)},
        "media_files": media_count,
        "tables": checksums,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


# --------------------------------------------------------------------------------------------
# Restore
# --------------------------------------------------------------------------------------------
def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} holds no {MANIFEST}: not a backup folder.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        file = Path(folder) / name
        if not file.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if _file_sha256(file) != expected:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def _has_tables(target: Target) -> bool:
    if target.engine == "postgresql":
        import psycopg2

        connection = psycopg2.connect(target.libpq_url())
        try:
            with connection.cursor() as cursor:
                return bool(_postgres_tables(cursor))
        finally:
            connection.close()
    connection = sqlite3.connect(target.name)
    try:
        return bool(connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone())
    finally:
        connection.close()


def _restore_media(folder: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # the data filter refuses absolute paths and links out


def backup_restore(*, folder: Path, target: Target | None = None, media_root: Path | None = None) -> dict:
    """Restore a backup into an empty database and check every table against the manifest."""
    folder = Path(folder)
    target = target or Target.from_settings()
    manifest = read_manifest(folder)
    if manifest["engine"] != target.engine:
        raise BackupError(f"This backup is of a {manifest['engine']} database, not {target.engine}.")
    if _has_tables(target):
        raise BackupError("The target database is not empty; restore only into a new, empty database.")
    if target.engine == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", target.libpq_url(),
              str(folder / "db.dump")])  # fmt: skip
    else:
        shutil.copyfile(folder / "db.sqlite3", target.name)
        os.chmod(target.name, 0o600)
    _restore_media(folder, Path(media_root or settings.MEDIA_ROOT))
    restored = table_checksums(target)
    differences = sorted(
        table
        for table in set(manifest["tables"]) | set(restored)
        if manifest["tables"].get(table) != restored.get(table)
    )
    if differences:
        raise BackupError(f"Restored tables differ from the backup: {', '.join(differences)}")
    return restored
