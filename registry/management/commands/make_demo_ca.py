"""``manage.py make_demo_ca [--dir var/signing] [--force]``: a throw-away CA and the agency's certificate.

For the demo and for trying the signature out (docs/digital-signature.md), never for real
documents. Writes ``ca.pem``, ``agency.p12`` and ``passphrase`` (mode 600) in the folder and
prints the environment variables that point the settings at them. An existing set is kept
unless ``--force``.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from hoinghi.signing_demo import CA_FILE, PASSPHRASE_FILE, PKCS12_FILE, write_demo_ca
from reference.models import Organisation

DEFAULT_AGENCY = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"


class Command(BaseCommand):
    help = "Create a throw-away certification authority and the agency's signing certificate (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.VAR_DIR) / "signing"), help="output folder")
        parser.add_argument("--force", action="store_true", help="replace an existing demo CA")

    def handle(self, *args, **options):
        folder = Path(options["dir"])
        files = [folder / name for name in (CA_FILE, PKCS12_FILE, PASSPHRASE_FILE)]
        if all(path.is_file() for path in files) and not options["force"]:
            self.stdout.write(f"Demo CA kept: {folder}")
        else:
            try:
                organisation = Organisation.objects.order_by("pk").first()
            except DatabaseError:  # not migrated yet: the demo's Department
                organisation = None
            agency = organisation.name if organisation else DEFAULT_AGENCY
            short = organisation.short_name if organisation else agency
            write_demo_ca(folder, agency, short)
            self.stdout.write(self.style.SUCCESS(f"Demo CA created: {folder} (certificate: {agency})"))
        self.stdout.write(f"DOCUMENT_SIGNING_PKCS12={files[1]}")
        self.stdout.write(f"DOCUMENT_SIGNING_PASSPHRASE_FILE={files[2]}")
        self.stdout.write(f"DOCUMENT_SIGNING_TRUST_ROOTS={files[0]}")
