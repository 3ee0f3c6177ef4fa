"""manage.py backup / restore: a backup restored into a NEW empty database finds every row and file again."""

import io
import tarfile
import uuid
from pathlib import Path

import dj_database_url
import psycopg2
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from hoinghi.backups import (
    MANIFEST,
    PG_DUMP,
    SQLITE_DUMP,
    database_is_empty,
    media_checksums,
    read_manifest,
    table_counts,
    verify,
)
from nominations.enums import AttachmentKind, NominationStatus
from nominations.models import Attachment, Nomination
from nominations.services import add_attachment
from tests.nominations.test_browser import minimal_pdf

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
IS_PG = connection.vendor == "postgresql"


@pytest.fixture
def scratch_database(tmp_path):
    """A new, empty database (PostgreSQL: created with psycopg2 and dropped after; SQLite: a new file)."""
    db = settings.DATABASES["default"]
    if not IS_PG:
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"test_restore_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or None)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def restore(archive, url, media) -> None:
    call_command("restore", str(archive), database_url=url, media_root=str(media), stdout=io.StringIO())


@pytest.fixture
def filled(restore_migrated_rows, media_root):
    """The demo seed plus one uploaded attachment (a real file under MEDIA_ROOT)."""
    call_command("seed_demo", stdout=io.StringIO())
    nomination = Nomination.objects.filter(status=NominationStatus.DRAFT).order_by("id").first()
    admin = User.objects.get(username="admin")
    upload = SimpleUploadedFile("bao-cao.pdf", minimal_pdf("Backup test"), content_type="application/pdf")
    return add_attachment(nomination, upload, kind=AttachmentKind.ACHIEVEMENT_REPORT, by=admin)


def test_backup_then_restore_into_a_new_database_finds_every_row_and_file(
    filled, media_root, tmp_path, scratch_database
):

    archive = tmp_path / "backups" / "hoinghi-test.tar"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    manifest = read_manifest(archive)
    source_counts = table_counts(settings.DATABASES["default"])
    source_files = media_checksums(media_root)
    assert manifest["engine"] == ("postgresql" if IS_PG else "sqlite")
    assert manifest["tables"] == source_counts
    assert manifest["files"] == source_files
    assert manifest["files"][filled.file.name] == media_checksums(media_root)[filled.file.name]
    assert manifest["tables"]["nominations_attachment"] == Attachment.objects.count()
    assert manifest["tables"]["nominations_nomination"] == 28  # the seed's 8 + 18, then its second round's 2
    assert manifest["tables"]["auth_user"] == User.objects.count()
    assert out.getvalue().strip() == (
        f"{archive}: {len(source_counts)} tables, {sum(source_counts.values())} rows, {len(source_files)} files"
    )
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {MANIFEST, PG_DUMP if IS_PG else SQLITE_DUMP, f"media/{filled.file.name}"} <= names

    target_media = tmp_path / "restored-media"
    out = io.StringIO()
    call_command("restore", str(archive), database_url=scratch_database, media_root=str(target_media), stdout=out)
    assert out.getvalue().strip() == (f"Restored {archive}: every table's row count and every file's checksum match.")
    target = dj_database_url.parse(scratch_database)
    assert table_counts(target) == source_counts
    assert media_checksums(target_media) == source_files
    assert (target_media / filled.file.name).read_bytes() == minimal_pdf("Backup test")


def test_restore_refuses_a_database_that_is_not_empty_without_force(filled, media_root, tmp_path, scratch_database):
    archive = tmp_path / "b.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    target_media = tmp_path / "restored-media"
    call_command(
        "restore", str(archive), database_url=scratch_database, media_root=str(target_media), stdout=io.StringIO()
    )
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), database_url=scratch_database, media_root=str(target_media))
    assert str(refused.value) == "The database is not empty: restoring would replace it. Add --force to do so."
    out = io.StringIO()
    call_command(
        "restore", str(archive), database_url=scratch_database, media_root=str(target_media), force=True, stdout=out
    )
    assert out.getvalue().strip() == f"Restored {archive}: every table's row count and every file's checksum match."


def test_restore_reports_a_tampered_file(filled, media_root, tmp_path, scratch_database):
    archive = tmp_path / "b.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    target_media = tmp_path / "restored-media"
    (target_media / Path(filled.file.name).parent).mkdir(parents=True)
    call_command(
        "restore", str(archive), database_url=scratch_database, media_root=str(target_media), stdout=io.StringIO()
    )
    (target_media / filled.file.name).write_bytes(b"changed")

    problems = verify(read_manifest(archive), dj_database_url.parse(scratch_database), target_media)
    assert problems == [f"file {filled.file.name}: different content"]


# --- a tampered archive (issue 9 item 19): a clear message, nothing changed ---


def _tampered_copy(archive: Path, target: Path, extra: tarfile.TarInfo, data: bytes = b"") -> Path:
    """The same backup with one hostile member added at the end."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as tar:
        for member in source.getmembers():
            tar.addfile(member, source.extractfile(member) if member.isfile() else None)
        extra.size = len(data)
        tar.addfile(extra, io.BytesIO(data) if data else None)
    return target


def _escaping_file() -> tarfile.TarInfo:
    return tarfile.TarInfo("media/../../escaped.txt")


def _absolute_file() -> tarfile.TarInfo:
    return tarfile.TarInfo("media//tmp/hoinghi-absolute.txt")


def _link_out() -> tarfile.TarInfo:
    link = tarfile.TarInfo("media/attachments/passwd.pdf")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    return link


def _unlisted_file() -> tarfile.TarInfo:
    return tarfile.TarInfo("media/attachments/not-in-the-manifest.pdf")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _escaping_file,
            "The backup is damaged or was changed: media/../../escaped.txt would be written outside "
            "the media folder. Nothing was restored.",
        ),
        (
            _absolute_file,
            "The backup is damaged or was changed: media//tmp/hoinghi-absolute.txt would be written "
            "outside the media folder. Nothing was restored.",
        ),
        (
            _link_out,
            "The backup is damaged or was changed: media/attachments/passwd.pdf is not a plain file. "
            "Nothing was restored.",
        ),
        (
            _unlisted_file,
            "The backup is damaged or was changed: media/attachments/not-in-the-manifest.pdf is not "
            "in its manifest. Nothing was restored.",
        ),
    ],
    ids=["dot-dot", "absolute", "symlink", "unlisted"],
)
def test_restoring_a_tampered_archive_is_refused_and_changes_nothing(
    filled, media_root, tmp_path, scratch_database, make, message
):
    archive = tmp_path / "b.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    tampered = _tampered_copy(archive, tmp_path / "tampered.tar", make(), b"written by an attacker")
    target_media = tmp_path / "work" / "restored-media"

    with pytest.raises(CommandError) as refused:
        restore(tampered, scratch_database, target_media)

    assert str(refused.value) == message
    assert database_is_empty(dj_database_url.parse(scratch_database))
    assert not target_media.exists()
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "work" / "escaped.txt").exists()


def test_restoring_a_file_that_is_not_an_archive_is_refused(tmp_path, scratch_database):
    bogus = tmp_path / "hoinghi-bogus.tar"
    bogus.write_bytes(b"not a tar archive at all")

    with pytest.raises(CommandError) as refused:
        restore(bogus, scratch_database, tmp_path / "media")

    assert str(refused.value) == f"{bogus} is not a readable backup archive. Nothing was restored."
    assert not (tmp_path / "media").exists()
