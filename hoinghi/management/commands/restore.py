"""manage.py restore: put a backup archive back, then check every table and file (docs/backups.md)."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hoinghi.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into the configured database and MEDIA_ROOT, then verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty")
        parser.add_argument("--database-url", help="restore into this database instead (e.g. a scratch one)")
        parser.add_argument("--media-root", help="restore the files into this folder instead of MEDIA_ROOT")

    def handle(
        self,
        *args: Any,
        archive: str,
        force: bool = False,
        database_url: str | None = None,
        media_root: str | None = None,
        **options: Any,
    ) -> None:
        db = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
        media = Path(media_root) if media_root else Path(settings.MEDIA_ROOT)
        try:
            problems = restore_backup(Path(archive), db, media, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if problems:
            raise CommandError("The restored data differ from the backup:\n" + "\n".join(problems))
        self.stdout.write(f"Restored {archive}: every table's row count and every file's checksum match.")
