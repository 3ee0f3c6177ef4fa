"""The register's digital signature: sign an issued document's PDF, and verify a PDF someone holds.

``sign_document`` (the Office only) signs the stored PDF with the agency's certificate
(``hoinghi.signing``): the stamp goes in the signature block of the last page, between the
signer's position and name; the signed bytes replace the stored content, so every later download
is the signed file; the SHA-256 of the file before and after signing, the certificate and the time
are recorded, and the document's history gets an entry.

``verify_pdf`` answers the verify page and ``manage.py verify_document``: is this PDF one the
Department issued, unchanged, and who signed it. See docs/digital-signature.md.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from hoinghi import signing
from hoinghi.audit import record_event
from hoinghi.roles import is_office
from reference.models import Organisation
from registry.enums import DocumentStatus
from registry.models import IssuedFile, OutgoingDocument
from registry.services import RegisterError

PDF_MAGIC = b"%PDF-"


def agency_of(document: OutgoingDocument) -> str:
    """The Department's full name for the stamp ("Sở Khoa học và Công nghệ tỉnh Hưng Yên")."""
    organisation = document.conference.organisation if document.conference_id else None
    organisation = organisation or Organisation.objects.order_by("pk").first()
    return organisation.name if organisation else ""


def sign_document(document: OutgoingDocument, *, by: User, signer=None) -> IssuedFile:
    """Sign the issued PDF with the agency's certificate; the signed file becomes the stored file.

    ``signer`` (a pyHanko signer) replaces the configured certificate, for tests; the view and
    the command always use the settings.
    """
    if not is_office(by):
        raise RegisterError(_("Only the Office signs documents."), code="forbidden")
    with transaction.atomic():
        document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if document.status != DocumentStatus.ISSUED:
            raise RegisterError(_("Only an issued document can be signed."), code="not_issued")
        stored = IssuedFile.objects.select_for_update().filter(document=document).first()
        if stored is None or stored.content_type != "application/pdf":
            raise RegisterError(_("This document has no issued PDF to sign."), code="no_pdf")
        if stored.signed_at is not None:
            raise RegisterError(_("This document has already been signed."), code="signed")
        unsigned = bytes(stored.content)
        try:
            place = signing.locate_signature_space(
                unsigned, position=document.signer_position, name=document.signer_name
            )
            signed = signing.sign_pdf(
                unsigned,
                place=place,
                agency=agency_of(document),
                reason=f"Số: {document.number_label}",
                signer=signer,
            )
        except signing.SigningError as error:
            raise RegisterError(error.message, code=error.code) from error
        stored.unsigned_sha256, stored.unsigned_size = stored.sha256, stored.size
        stored.content = signed.content
        stored.sha256 = hashlib.sha256(signed.content).hexdigest()
        stored.size = len(signed.content)
        stored.signed_at, stored.signed_by = signed.signed_at, by
        stored.signer_subject, stored.signer_certificate_sha256 = signed.subject, signed.certificate_sha256
        stored.save()
        record_event(
            document,
            f"Ký số: {signed.subject}; {signing.stamp_time(signed.signed_at)}; "
            f"SHA-256 {stored.unsigned_sha256} → {stored.sha256}",
            by=by,
        )
    return stored


# ----------------------------------------------------------------------------- verify


class Outcome:
    """What the verify page can say about a PDF."""

    ISSUED = "issued"  # byte for byte a file the register keeps
    UNSIGNED_ORIGINAL = "unsigned_original"  # the issued file as it was before it was signed
    SIGNED_NOT_REGISTERED = "signed_not_registered"  # our valid signature, but no register entry has it
    MODIFIED = "modified"  # signed by us, changed afterwards
    FOREIGN = "foreign"  # not one of ours
    UNREADABLE = "unreadable"  # not a PDF we can read

    GENUINE = frozenset({ISSUED, UNSIGNED_ORIGINAL, SIGNED_NOT_REGISTERED})


@dataclass(frozen=True)
class Verdict:
    outcome: str
    message: str
    document: OutgoingDocument | None = None
    stored: IssuedFile | None = None
    signatures: list[signing.SignatureCheck] = field(default_factory=list)
    sha256: str = ""

    @property
    def genuine(self) -> bool:
        return self.outcome in Outcome.GENUINE

    @property
    def signature(self) -> signing.SignatureCheck | None:
        return self.signatures[-1] if self.signatures else None


def _ours(check: signing.SignatureCheck) -> bool:
    """A certificate the register has signed with."""
    return bool(check.certificate_sha256) and (
        IssuedFile.objects.filter(signer_certificate_sha256=check.certificate_sha256).exists()
    )


def _by_hash(column: str, sha256: str) -> IssuedFile | None:
    return (
        IssuedFile.objects.select_related("document", "signed_by")
        .filter(**{column: sha256}, document__status=DocumentStatus.ISSUED)
        .first()
    )


def verify_pdf(content: bytes) -> Verdict:
    """Whether ``content`` is a PDF the Department issued, unchanged, and who signed it."""
    sha256 = hashlib.sha256(content).hexdigest()
    if not content.startswith(PDF_MAGIC):
        return Verdict(Outcome.UNREADABLE, _("This file is not a PDF."), sha256=sha256)
    try:
        checks = signing.check_signatures(content)
    except signing.SigningError:
        checks = []
        readable = False
    else:
        readable = True
    stored = _by_hash("sha256", sha256)
    if stored is not None:
        return Verdict(
            Outcome.ISSUED,
            _("This PDF is a document the Department issued, unchanged."),
            stored.document,
            stored,
            checks,
            sha256,
        )
    stored = _by_hash("unsigned_sha256", sha256)
    if stored is not None:
        return Verdict(
            Outcome.UNSIGNED_ORIGINAL,
            _(
                "This PDF is a document the Department issued, unchanged, as it was before it was signed; "
                "the register keeps the digitally signed copy."
            ),
            stored.document,
            stored,
            checks,
            sha256,
        )
    if not readable:
        return Verdict(Outcome.UNREADABLE, _("This PDF could not be read."), sha256=sha256)
    ours = [check for check in checks if _ours(check)]
    if not ours:
        return Verdict(
            Outcome.FOREIGN,
            _(
                "Not one of ours: this PDF is not in the Department's register "
                "and carries no signature of the Department."
            ),
            signatures=checks,
            sha256=sha256,
        )
    last = ours[-1]
    signed_revision = _by_hash("sha256", last.signed_revision_sha256) if last.signed_revision_sha256 else None
    if not (last.intact and last.valid):
        return Verdict(
            Outcome.MODIFIED,
            _("Modified after signing: the Department's signature no longer matches the content of this PDF."),
            signatures=checks,
            sha256=sha256,
        )
    if not last.covers_whole_file:
        return Verdict(
            Outcome.MODIFIED,
            _("Modified after signing: content was added to this PDF after the Department signed it."),
            signed_revision.document if signed_revision else None,
            signed_revision,
            checks,
            sha256,
        )
    if not last.trusted:
        return Verdict(
            Outcome.FOREIGN,
            _(
                "Not one of ours: the signature's certificate does not chain "
                "to the Department's certification authority."
            ),
            signatures=checks,
            sha256=sha256,
        )
    return Verdict(
        Outcome.SIGNED_NOT_REGISTERED,
        _("This PDF carries the Department's valid signature, but no entry of the register holds this file."),
        signatures=checks,
        sha256=sha256,
    )
