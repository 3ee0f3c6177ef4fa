"""Reading the register: the one scoping function and the stored file."""

from django.contrib.auth.models import User
from django.db.models import QuerySet

from hoinghi.downloads import PrintedPdf, ascii_name
from hoinghi.roles import is_office
from registry.enums import DocumentStatus
from registry.models import IssuedFile, OutgoingDocument


def documents_for(user: User) -> QuerySet[OutgoingDocument]:
    """The Office (văn thư) sees the whole register; nobody else reads it here."""
    if not user.is_authenticated or not is_office(user):
        return OutgoingDocument.objects.none()
    return OutgoingDocument.objects.all()


def register_for(user: User) -> QuerySet[OutgoingDocument]:
    """The register page's rows: issued documents, newest first, with what their columns read."""
    return (
        documents_for(user)
        .filter(status=DocumentStatus.ISSUED)
        .select_related("corrects")
        .order_by("-year", "-date", "-number", "-id")
    )


def files_for(user: User) -> QuerySet[IssuedFile]:
    return IssuedFile.objects.filter(document__in=documents_for(user))


def file_info(document: OutgoingDocument) -> IssuedFile | None:
    """The stored file's name, size and SHA-256 (its bytes are not read)."""
    return IssuedFile.objects.filter(document=document).defer("content").first()


def corrections_of(document: OutgoingDocument) -> QuerySet[OutgoingDocument]:
    return OutgoingDocument.objects.filter(corrects=document).order_by("id")


def issued_for(source: str) -> OutgoingDocument | None:
    """The issued document made from ``source`` that is in force (the latest correction, if any)."""
    return (
        OutgoingDocument.objects.filter(source=source, status=DocumentStatus.ISSUED)
        .order_by("-issued_at", "-id")
        .first()
    )


def stored_file(document: OutgoingDocument) -> IssuedFile:
    return IssuedFile.objects.get(document=document)


def stored_pdf(document: OutgoingDocument, stored: IssuedFile | None = None) -> PrintedPdf:
    """The issued file, byte for byte, under its stored (Vietnamese) name and that name in ASCII."""
    stored = stored or stored_file(document)
    stem, dot, extension = stored.filename.rpartition(".")
    ascii_stem = ascii_name(stem if dot else stored.filename)
    return PrintedPdf(bytes(stored.content), f"{ascii_stem}.{extension}" if dot else ascii_stem, stored.filename)
