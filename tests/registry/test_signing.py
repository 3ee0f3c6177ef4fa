"""Issue 12 §3: an issued PDF signed with the agency's certificate (PAdES), and verified.

The certificate comes from a throw-away CA made at run time (``signing_support.demo_ca``).
Signatures are checked with pyHanko's own validation API; the stamp is read back with
pdftotext; the register's answers on the command line and over HTTP.
"""

import hashlib
import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from hoinghi import signing
from registry.models import IssuedFile
from registry.selectors import stored_file
from registry.services import RegisterError
from registry.signing import Outcome, sign_document, verify_pdf
from tests import awards_documents_support as support
from tests.awards_documents_support import pdftotext
from tests.browser_support import vi
from tests.registry.signing_support import (
    AGENCY,
    SIGNER,
    append_incremental_update,
    flip_a_byte_in_a_stream,
    issue_report,
    load_signer,
    write,
)

no_weasyprint_warnings = support.no_weasyprint_warnings
STAMP_TIME = re.compile(r"Thời gian ký: (\d\d/\d\d/\d{4} \d\d:\d\d:\d\d) \+07:00")


@pytest.fixture
def report(conference, office_user):
    return issue_report(conference, office_user)


@pytest.fixture
def signed(report, office_user, signing_settings):
    unsigned = bytes(stored_file(report).content)
    stored = sign_document(report, by=office_user)
    return report, unsigned, stored


def signature_page(content: bytes) -> int:
    """The page (1-based) of the signature block: the report's is page 2 of 4, before its two annexes."""
    return signing.locate_signature_space(content, position=SIGNER.position, name=SIGNER.name).page + 1


# ----------------------------------------------------------------------------- signing


def test_the_signed_file_replaces_the_stored_one_and_records_both_hashes(signed, office_user):
    report, unsigned, stored = signed
    stored = IssuedFile.objects.get(document=report)
    content = bytes(stored.content)

    assert content[: len(unsigned)] == unsigned  # an incremental update: the unsigned file is its first bytes
    assert (stored.unsigned_sha256, stored.unsigned_size) == (hashlib.sha256(unsigned).hexdigest(), len(unsigned))
    assert (stored.sha256, stored.size) == (hashlib.sha256(content).hexdigest(), len(content))
    assert stored.signed_by == office_user
    assert stored.signer_subject == f"CN={AGENCY}, O=Sở Khoa học và Công nghệ, C=VN"
    assert bytes(stored_file(report).content) == content  # every later download is the signed file
    event = report.history.order_by("-history_id").first()
    assert event.history_type == "~"
    assert event.history_user == office_user
    assert event.history_change_reason == (
        f"Ký số: {stored.signer_subject}; {signing.stamp_time(stored.signed_at)}; "
        f"SHA-256 {stored.unsigned_sha256} → {stored.sha256}"
    )


def test_pyhanko_finds_the_signature_intact_valid_trusted_and_covering_the_whole_file(signed, demo_ca):
    from pyhanko.keys import load_cert_from_pemder

    report, _, stored = signed
    reader = PdfFileReader(io.BytesIO(bytes(stored.content)))
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(
        embedded, ValidationContext(trust_roots=[load_cert_from_pemder(str(demo_ca.ca_pem))], allow_fetching=False)
    )

    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == AGENCY
    assert status.signer_reported_dt == stored.signed_at
    assert embedded.sig_object["/Reason"] == f"Số: {report.number_label}"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES


def test_the_stamp_is_readable_in_the_signature_block_above_the_signers_name(signed):
    _, unsigned, stored = signed
    content = bytes(stored.content)
    page = signature_page(unsigned)
    assert (page, signing.page_count(content)) == (2, 4)
    text = pdftotext(content, page)
    moment = signing.stamp_time(stored.signed_at)

    assert f"{AGENCY} Ký bởi: {AGENCY} Thời gian ký: {moment}" in text
    assert STAMP_TIME.search(text).group(1) == stored.signed_at.strftime("%d/%m/%Y %H:%M:%S")
    assert "Thời gian ký" not in pdftotext(unsigned, page)

    _, lines = signing.page_lines(content, page - 1)
    by_text = {line.text: line for line in lines}
    position, name = by_text[SIGNER.position], by_text[SIGNER.name]
    stamp = [by_text[AGENCY], by_text[f"Ký bởi: {AGENCY}"], by_text[f"Thời gian ký: {moment}"]]
    # Between the signer's position and name, and reaching left of the name's centre (NĐ 30: over
    # the left third of the signer's signature).
    assert all(position.y_max < line.y_min and line.y_max < name.y_min for line in stamp)
    place = signing.locate_signature_space(unsigned, position=SIGNER.position, name=SIGNER.name)
    centre = (name.x_min + name.x_max) / 2
    x1, _, x2, _ = place.box
    assert round(centre - x1) == round(signing.STAMP_WIDTH * 2 / 3)
    assert round(x2 - x1) == round(signing.STAMP_WIDTH)
    assert x1 < stamp[0].x_min


def test_the_signed_page_looks_right(signed, tmp_path):
    """A picture of the signed page for a person to look at (test-artifacts/signed-report-signature-page.png)."""
    from tests.browser_support import ARTIFACTS

    _, _, stored = signed
    content = bytes(stored.content)
    page = str(signature_page(content))
    ARTIFACTS.mkdir(exist_ok=True)
    source = write(tmp_path, "signed.pdf", content)
    subprocess.run(  # noqa: S603
        [
            "/usr/bin/pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            page,
            "-l",
            page,
            "-singlefile",
            source,
            ARTIFACTS / "signed-report-signature-page",
        ],  # noqa: S607
        check=True,
    )
    assert (ARTIFACTS / "signed-report-signature-page.png").stat().st_size > 10_000


def test_a_document_is_signed_once_and_only_by_the_office(signed, staff_a, office_user):
    report, _, stored = signed

    with pytest.raises(RegisterError) as twice:
        sign_document(report, by=office_user)
    with pytest.raises(RegisterError) as unit:
        sign_document(report, by=staff_a)

    assert (twice.value.code, unit.value.code) == ("signed", "forbidden")
    assert IssuedFile.objects.get(document=report).sha256 == stored.sha256


def test_without_a_configured_certificate_the_office_is_told_why(report, office_user, settings):
    settings.DOCUMENT_SIGNING_PKCS12 = ""
    settings.DOCUMENT_SIGNING_PKCS11_MODULE = ""

    with pytest.raises(RegisterError) as refused:
        sign_document(report, by=office_user)

    assert refused.value.code == "not_configured"
    assert refused.value.message == vi(
        "No signing certificate is configured (DOCUMENT_SIGNING_PKCS12 or DOCUMENT_SIGNING_PKCS11_MODULE)."
    )
    assert IssuedFile.objects.get(document=report).signed_at is None


def test_a_token_without_python_pkcs11_is_a_clear_vietnamese_error(report, office_user, settings, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pkcs11(name, *args, **kwargs):
        if name in {"pkcs11", "pyhanko.sign.pkcs11"} or (name == "pyhanko.sign" and "pkcs11" in (args[2] or ())):
            raise ImportError("No module named 'pkcs11'")
        return real_import(name, *args, **kwargs)

    settings.DOCUMENT_SIGNING_PKCS11_MODULE = "/usr/lib/x86_64-linux-gnu/libsofthsm2.so"
    monkeypatch.setattr(builtins, "__import__", no_pkcs11)

    with pytest.raises(RegisterError) as refused:
        sign_document(report, by=office_user)

    assert refused.value.code == "no_pkcs11"
    assert refused.value.message == vi(
        "Signing with a token needs the python-pkcs11 package: pip install python-pkcs11."
    )


# ----------------------------------------------------------------------------- verifying


def test_the_signed_file_is_recognised_with_its_register_entry_and_signer(signed):
    report, _, stored = signed

    verdict = verify_pdf(bytes(stored.content))

    assert (verdict.outcome, verdict.document, verdict.genuine) == (Outcome.ISSUED, report, True)
    assert verdict.message == vi("This PDF is a document the Department issued, unchanged.")
    (check,) = verdict.signatures
    assert (check.intact, check.valid, check.trusted, check.covers_whole_file) == (True, True, True, True)
    assert (check.subject, check.signing_time) == (stored.signer_subject, stored.signed_at)


def test_the_unsigned_original_is_still_recognised(signed):
    report, unsigned, _ = signed

    verdict = verify_pdf(unsigned)

    assert (verdict.outcome, verdict.document, verdict.signatures) == (Outcome.UNSIGNED_ORIGINAL, report, [])


def test_a_changed_byte_is_modified_after_signing(signed):
    _, _, stored = signed

    verdict = verify_pdf(flip_a_byte_in_a_stream(bytes(stored.content)))

    assert (verdict.outcome, verdict.genuine) == (Outcome.MODIFIED, False)
    assert verdict.message == vi(
        "Modified after signing: the Department's signature no longer matches the content of this PDF."
    )
    assert verdict.signature.intact is False


def test_an_appended_revision_is_modified_after_signing_and_names_the_signed_document(signed):
    report, _, stored = signed

    verdict = verify_pdf(append_incremental_update(bytes(stored.content)))

    assert (verdict.outcome, verdict.document) == (Outcome.MODIFIED, report)
    assert verdict.message == vi(
        "Modified after signing: content was added to this PDF after the Department signed it."
    )
    assert (verdict.signature.intact, verdict.signature.covers_whole_file) == (True, False)


def test_a_foreign_certificate_with_the_departments_name_is_not_ours(signed, foreign_ca):
    _, unsigned, _ = signed
    place = signing.locate_signature_space(unsigned, position=SIGNER.position, name=SIGNER.name)
    forged = signing.sign_pdf(unsigned, place=place, agency=AGENCY, signer=load_signer(foreign_ca))

    verdict = verify_pdf(forged.content)

    assert (verdict.outcome, verdict.document) == (Outcome.FOREIGN, None)
    assert verdict.message == vi(
        "Not one of ours: this PDF is not in the Department's register and carries no signature of the Department."
    )
    assert (verdict.signature.valid, verdict.signature.trusted) == (True, False)


def test_an_unknown_pdf_and_a_non_pdf(signed):
    _, unsigned, _ = signed

    assert verify_pdf(unsigned + b"\n% one more line\n").outcome == Outcome.FOREIGN
    assert verify_pdf(b"PK\x03\x04 not a pdf").outcome == Outcome.UNREADABLE


# ----------------------------------------------------------------------------- the command


def test_verify_document_prints_the_entry_and_the_signer_and_exits_0(signed, tmp_path, capsys):
    report, _, stored = signed
    path = write(tmp_path, "bao-cao.pdf", bytes(stored.content))

    call_command("verify_document", str(path))

    assert capsys.readouterr().out.splitlines() == [
        vi("This PDF is a document the Department issued, unchanged."),
        f"SHA-256: {stored.sha256}",
        vi("Register entry: %(number)s of %(date)s, %(summary)s")
        % {"number": report.number_label, "date": "22/12/2025", "summary": report.summary},
        vi("Signed by: %(subject)s, at %(time)s")
        % {"subject": stored.signer_subject, "time": signing.stamp_time(stored.signed_at)},
    ]
    assert report.number_label == "01/BC-SKHCN"


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        (
            flip_a_byte_in_a_stream,
            2,
            "Modified after signing: the Department's signature no longer matches the content of this PDF.",
        ),
        (
            append_incremental_update,
            2,
            "Modified after signing: content was added to this PDF after the Department signed it.",
        ),
        (lambda content: b"%PDF-1.7\n%%EOF\n", 3, "This PDF could not be read."),
    ],
)
def test_verify_document_exit_codes(signed, tmp_path, capsys, change, code, message):
    _, _, stored = signed
    path = write(tmp_path, "x.pdf", change(bytes(stored.content)))

    with pytest.raises(SystemExit) as exited:
        call_command("verify_document", str(path))

    assert exited.value.code == code
    assert capsys.readouterr().out.splitlines()[0] == vi(message)


# ----------------------------------------------------------------------------- the page


def upload(client, content: bytes, name: str = "van-ban.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("document_verify"), {"file": SimpleUploadedFile(name, content)})


def test_the_verify_page_answers_anyone_and_stores_nothing(signed, anon_client, testid_texts, media_root):
    report, _, stored = signed
    before = IssuedFile.objects.count()

    response = upload(anon_client, bytes(stored.content))

    assert response.status_code == 200
    assert testid_texts(response, "verify-message") == [vi("This PDF is a document the Department issued, unchanged.")]
    assert testid_texts(response, "verify-document") == [f"01/BC-SKHCN, 22/12/2025: {report.summary}"]
    assert testid_texts(response, "verify-signer") == [
        f"{stored.signer_subject} — {signing.stamp_time(stored.signed_at)}"
    ]
    assert IssuedFile.objects.count() == before
    assert list(media_root.rglob("*")) == []


def test_the_verify_page_says_modified_and_refuses_what_is_not_a_pdf(signed, anon_client, testid_texts):
    _, _, stored = signed

    modified = upload(anon_client, append_incremental_update(bytes(stored.content)))
    not_pdf = upload(anon_client, b"PK\x03\x04 renamed.docx", "hop-le.pdf")

    assert testid_texts(modified, "verify-message") == [
        vi("Modified after signing: content was added to this PDF after the Department signed it.")
    ]
    assert testid_texts(not_pdf, "verify-error") == [vi("This file is not a PDF.")]
    assert testid_texts(not_pdf, "verify-message") == []


def test_the_verify_page_limits_size_and_rate(signed, anon_client, testid_texts, settings):
    from django.core.cache import cache
    from django.template.defaultfilters import filesizeformat

    _, _, stored = signed
    cache.clear()
    settings.DOCUMENT_VERIFY_MAX_BYTES = 1000
    settings.DOCUMENT_VERIFY_PER_HOUR = 2

    large = upload(anon_client, bytes(stored.content))
    second = upload(anon_client, bytes(stored.content))
    third = upload(anon_client, bytes(stored.content))

    too_large = vi("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(1000)}
    assert testid_texts(large, "verify-error") == [" ".join(too_large.split())]
    assert second.status_code == 200
    assert third.status_code == 429
    assert testid_texts(third, "verify-refused") == [vi("Too many checks from your address; try again in an hour.")]
    cache.clear()


def test_the_office_signs_from_a_post_and_others_cannot(report, office_client, client_a, signing_settings):
    url = reverse("outgoing_document_sign", args=[report.pk])

    refused = client_a.post(url)
    signed = office_client.post(url, {"next": "https://evil.example/"})

    assert refused.status_code == 403
    assert (signed.status_code, signed["Location"]) == (302, reverse("document_verify"))
    assert IssuedFile.objects.get(document=report).signed_at is not None


# ----------------------------------------------------------------------------- the demo CA


def test_make_demo_ca_writes_a_ca_and_the_departments_pkcs12_once(org, tmp_path, capsys):
    from pyhanko.sign import signers

    folder = tmp_path / "signing"
    call_command("make_demo_ca", "--dir", str(folder))
    first = (folder / "agency.p12").read_bytes()
    call_command("make_demo_ca", "--dir", str(folder))

    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Demo CA created: {folder} (certificate: {org.name})"
    assert out[4] == f"Demo CA kept: {folder}"
    assert out[1:4] == [
        f"DOCUMENT_SIGNING_PKCS12={folder / 'agency.p12'}",
        f"DOCUMENT_SIGNING_PASSPHRASE_FILE={folder / 'passphrase'}",
        f"DOCUMENT_SIGNING_TRUST_ROOTS={folder / 'ca.pem'}",
    ]
    assert (folder / "agency.p12").read_bytes() == first
    assert {path.name: oct(path.stat().st_mode & 0o777) for path in folder.iterdir()} == {
        "ca.pem": "0o644",
        "agency.p12": "0o600",
        "passphrase": "0o600",
    }
    passphrase = (folder / "passphrase").read_bytes()
    signer = signers.SimpleSigner.load_pkcs12(str(folder / "agency.p12"), passphrase=passphrase)
    assert signing.subject_of(signer.signing_cert) == f"CN={org.name}, O={org.short_name}, C=VN"


def test_the_request_size_limit_follows_the_verify_pages_limit(settings):
    from hoinghi.middleware import REQUEST_BODY_MARGIN, upload_body_limit

    settings.DOCUMENT_VERIFY_MAX_BYTES = 30 * 1024 * 1024

    assert upload_body_limit() == 30 * 1024 * 1024 + REQUEST_BODY_MARGIN
