"""manage.py backup: the database and the uploaded files in one archive (docs/backups.md)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hoinghi.backups import BackupError, create_backup, prune


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or SQLite's backup API) and MEDIA_ROOT into one .tar archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="archive path (default: var/backups/hoinghi-YYYYmmdd-HHMMSS.tar)")
        parser.add_argument("--keep", type=int, help="then delete all but the N newest archives in that folder")

    def handle(self, *args: Any, output: str | None = None, keep: int | None = None, **options: Any) -> None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"hoinghi-{stamp}.tar"
        try:
            manifest = create_backup(settings.DATABASES["default"], Path(settings.MEDIA_ROOT), path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"{path}: {len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files")
        if keep is not None:
            for removed in prune(path.parent, keep):
                self.stdout.write(f"deleted {removed}")
