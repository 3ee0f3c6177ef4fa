"""Backup and restore of the database and the uploaded files, as one tar archive.

The archive holds ``manifest.json`` (engine, time, row count per table, SHA-256 per media
file), the database (``db.dump`` from ``pg_dump -Fc`` for PostgreSQL, ``db.sqlite3`` made with
SQLite's online backup API) and ``media/`` (MEDIA_ROOT). The row counts are read from the very
state that was dumped (a PostgreSQL snapshot shared with ``pg_dump``; the SQLite copy itself),
so a restore can be checked exactly: every table's count and every file's checksum.

Both directions work on a settings-style database dict rather than Django's connections, so a
backup can be restored into a scratch database to prove it (``restore --database-url``).
Commands: ``manage.py backup`` and ``manage.py restore`` (docs/backups.md).
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess  # pg_dump and pg_restore with argument lists, never a shell  # nosec B404
import tarfile
import tempfile
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import Any, BinaryIO

from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP = "db.dump"
SQLITE_DUMP = "db.sqlite3"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


DbSettings = Mapping[str, Any]  # one entry of settings.DATABASES


class BackupError(Exception):
    """A backup or restore that cannot go on (message for the operator)."""


def engine_of(db: DbSettings) -> str:
    engine = db["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Unsupported database engine: {engine}")


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_args(db: DbSettings) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _pg_env(db: DbSettings) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_connect(db: DbSettings) -> Any:  # a psycopg2 connection (psycopg2 ships no types)
    import psycopg2

    return psycopg2.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    )
    return [row[0] for row in cursor.fetchall()]


def _pg_counts(cursor: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in _pg_tables(cursor):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)  # nosec B608
        counts[table] = cursor.fetchone()[0]
    return counts


def _run(command: list[str], db: DbSettings) -> None:
    result = subprocess.run(  # noqa: S603 (a fixed program, an argument list, no shell)  # nosec B603
        command, env=_pg_env(db), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _pg_dump(db: DbSettings, target: Path) -> dict[str, int]:
    """Dump with pg_dump -Fc from a snapshot, and count the rows in that same snapshot."""
    with closing(_pg_connect(db)) as connection:
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _pg_counts(cursor)
            _run(
                [
                    "pg_dump",
                    "-Fc",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "-f",
                    str(target),
                    *_pg_args(db),
                    db["NAME"],
                ],
                db,
            )
        connection.rollback()
    return counts


def _pg_restore(db: DbSettings, source: Path) -> None:
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            db["NAME"],
            *_pg_args(db),
            str(source),
        ],
        db,
    )


def _pg_is_empty(db: DbSettings) -> bool:
    with closing(_pg_connect(db)) as connection, connection.cursor() as cursor:
        return not _pg_tables(cursor)


def _pg_table_counts(db: DbSettings) -> dict[str, int]:
    with closing(_pg_connect(db)) as connection, connection.cursor() as cursor:
        return _pg_counts(cursor)


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            name: connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # noqa: S608  # nosec B608
            for name in names
        }


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup API: a consistent copy even while the application writes."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


# --- media ----------------------------------------------------------------------------------


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(media_root: Path) -> dict[str, str]:
    if not media_root.is_dir():
        return {}
    return {
        path.relative_to(media_root).as_posix(): _file_sha256(path)
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }


class _HashingReader:
    """Hash the bytes as tarfile reads them, so a file is read once and the checksum is of what was stored."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.digest.update(chunk)
        return chunk


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> str:
    """Stream one file into the archive (no whole file in memory); return its SHA-256."""
    with path.open("rb") as stream:
        info = tar.gettarinfo(fileobj=stream, arcname=name)
        info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
        reader = _HashingReader(stream)
        tar.addfile(info, reader)
    return reader.digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


# --- the two operations ---------------------------------------------------------------------


def create_backup(db: DbSettings, media_root: Path, output: Path) -> dict[str, Any]:
    """Write the archive to ``output`` (atomically: a temporary name, then renamed); return the manifest."""
    engine = engine_of(db)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hoinghi-backup-") as work:
        work_dir = Path(work)
        if engine == "postgresql":
            dump_name = PG_DUMP
            counts = _pg_dump(db, work_dir / dump_name)
        else:
            dump_name = SQLITE_DUMP
            _sqlite_copy(Path(db["NAME"]), work_dir / dump_name)
            counts = _sqlite_counts(work_dir / dump_name)
        files: dict[str, str] = {}
        manifest = {
            "format": 1,
            "created": timezone.now().isoformat(),
            "engine": engine,
            "tables": counts,
            "files": files,
        }
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w") as tar:
            tar.add(work_dir / dump_name, arcname=dump_name)
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        relative = path.relative_to(media_root).as_posix()
                        files[relative] = _add_file(tar, path, MEDIA_PREFIX + relative)
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        partial.chmod(0o600)
        partial.replace(output)
    return manifest


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive) as tar:
            try:
                member = tar.extractfile(MANIFEST)
            except KeyError:
                member = None
            if member is None:
                raise BackupError(f"{archive} has no {MANIFEST}: not a hoinghi backup.")
            manifest = json.loads(member.read())
    except (tarfile.TarError, OSError, ValueError) as exc:
        raise BackupError(f"{archive} is not a readable backup archive. Nothing was restored.") from exc
    if not isinstance(manifest, dict) or not {"engine", "tables", "files"} <= manifest.keys():
        raise BackupError(f"{archive} has a damaged {MANIFEST}. Nothing was restored.")
    return manifest


def database_is_empty(db: DbSettings) -> bool:
    if engine_of(db) == "postgresql":
        return _pg_is_empty(db)
    path = Path(db["NAME"])
    return not path.exists() or not _sqlite_counts(path)


def table_counts(db: DbSettings) -> dict[str, int]:
    return _pg_table_counts(db) if engine_of(db) == "postgresql" else _sqlite_counts(Path(db["NAME"]))


def restore_backup(archive: Path, db: DbSettings, media_root: Path, *, force: bool = False) -> list[str]:
    """Restore the database and the media files, then check them; returns the differences (empty: exact)."""
    manifest = read_manifest(archive)
    engine = engine_of(db)
    if manifest["engine"] != engine:
        raise BackupError(f"The backup is of a {manifest['engine']} database; this one is {engine}.")
    if not force and not database_is_empty(db):
        raise BackupError("The database is not empty: restoring would replace it. Add --force to do so.")
    dump_name = PG_DUMP if engine == "postgresql" else SQLITE_DUMP
    try:
        with tarfile.open(archive) as tar:
            media_members = _checked_members(tar, manifest, dump_name)
            return _restore_members(tar, media_members, manifest, dump_name, db, media_root)
    except tarfile.TarError as exc:  # a damaged archive found while reading it
        raise BackupError(f"The backup is damaged: {exc}.") from exc


def _tampered(detail: str) -> BackupError:
    return BackupError(f"The backup is damaged or was changed: {detail}. Nothing was restored.")


def _checked_members(tar: tarfile.TarFile, manifest: dict, dump_name: str) -> list[tarfile.TarInfo]:
    """Every member checked before anything is written: the media files to extract, or BackupError.

    tarfile's "data" filter would stop an escaping member too, but only after the database
    had been replaced; checked here first, a tampered archive changes nothing.
    """
    media = []
    names = set()
    for member in tar.getmembers():
        names.add(member.name)
        if member.isdir() and member.name.startswith(MEDIA_PREFIX):
            continue
        if member.name in (MANIFEST, dump_name) or member.name.startswith(MEDIA_PREFIX):
            if not member.isfile():
                raise _tampered(f"{member.name} is not a plain file")
        else:
            raise _tampered(f"{member.name} is not part of a hoinghi backup")
        if not member.name.startswith(MEDIA_PREFIX):
            continue
        relative = member.name[len(MEDIA_PREFIX) :]
        if relative.startswith("/") or "\\" in relative or ".." in relative.split("/"):
            raise _tampered(f"{member.name} would be written outside the media folder")
        if relative not in manifest["files"]:
            raise _tampered(f"{member.name} is not in its manifest")
        media.append(member)
    if dump_name not in names:
        raise _tampered(f"{dump_name} is missing")
    return media


def _restore_members(
    tar: tarfile.TarFile,
    media_members: list[tarfile.TarInfo],
    manifest: dict[str, Any],
    dump_name: str,
    db: DbSettings,
    media_root: Path,
) -> list[str]:
    engine = engine_of(db)
    with tempfile.TemporaryDirectory(prefix="hoinghi-restore-") as work:
        work_dir = Path(work)
        tar.extract(dump_name, work_dir, filter="data")
        if engine == "postgresql":
            _pg_restore(db, work_dir / dump_name)
        else:
            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(work_dir / dump_name, Path(db["NAME"]))
        media_root.mkdir(parents=True, exist_ok=True)
        for member in media_members:
            member.name = member.name[len(MEDIA_PREFIX) :]
            tar.extract(member, media_root, filter="data")
    return verify(manifest, db, media_root)


def verify(manifest: dict, db: DbSettings, media_root: Path) -> list[str]:
    """Compare the restored database and files with the manifest: one line per difference."""
    problems = []
    counts = table_counts(db)
    for table, expected in sorted(manifest["tables"].items()):
        found = counts.get(table)
        if found != expected:
            problems.append(f"table {table}: {found} rows, expected {expected}")
    files = media_checksums(media_root)
    for name, checksum in sorted(manifest["files"].items()):
        if files.get(name) != checksum:
            problems.append(f"file {name}: {'missing' if name not in files else 'different content'}")
    return problems


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest hoinghi-*.tar archives in ``directory``; return the deleted."""
    archives = sorted(directory.glob("hoinghi-*.tar"), key=lambda p: p.name, reverse=True)
    removed = archives[keep:]
    for path in removed:
        path.unlink()
    return removed
