"""What the signing tests share: a throw-away CA made in a temporary folder, an issued report."""

import datetime
import io
from pathlib import Path

import pytest

from conference.documents.report import render_report
from hoinghi.letterhead import Signature
from hoinghi.signing_demo import write_demo_ca
from registry import services
from registry.enums import DocumentKind
from tests import factories as f

AGENCY = "Sở Khoa học và Công nghệ tỉnh Hưng Yên"
SIGNER = Signature("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An")
ISSUED_ON = datetime.date(2025, 12, 22)


@pytest.fixture(scope="session")
def demo_ca(tmp_path_factory):
    return write_demo_ca(tmp_path_factory.mktemp("signing"), AGENCY, "Sở Khoa học và Công nghệ")


@pytest.fixture(scope="session")
def foreign_ca(tmp_path_factory):
    """Another CA's certificate that bears the same name: a forgery of the Department's signature."""
    return write_demo_ca(tmp_path_factory.mktemp("foreign"), AGENCY, "Sở Khoa học và Công nghệ")


@pytest.fixture
def signing_settings(settings, demo_ca):
    settings.DOCUMENT_SIGNING_PKCS12 = str(demo_ca.pkcs12)
    settings.DOCUMENT_SIGNING_PASSPHRASE = demo_ca.passphrase
    settings.DOCUMENT_SIGNING_PKCS11_MODULE = ""
    settings.DOCUMENT_SIGNING_TRUST_ROOTS = [str(demo_ca.ca_pem)]
    return settings


def load_signer(ca):
    from pyhanko.sign import signers

    return signers.SimpleSigner.load_pkcs12(str(ca.pkcs12), passphrase=ca.passphrase.encode())


def issue_report(conference, office_user):
    """The report to Sở Nội vụ, issued through the register with its number printed."""
    f.SignerFactory(
        organisation=conference.organisation,
        full_name=SIGNER.name,
        position=SIGNER.position,
        authority_prefix=SIGNER.authority,
    )
    draft = services.open_draft(
        kind=DocumentKind.REPORT,
        issuer_code="SKHCN",
        source=f"conference.report:{conference.pk}",
        summary=f"Kết quả tổng kết các phong trào thi đua năm {conference.year}",
        by=office_user,
        conference=conference,
    )
    return services.issue(
        draft,
        on=ISSUED_ON,
        signer=SIGNER,
        recipients=["- Như trên;", "- Lưu: VT, VP."],
        render=lambda document: render_report(conference, document),
        filename="BC-tong-ket.pdf",
        by=office_user,
    )


def append_incremental_update(content: bytes) -> bytes:
    """The file with one more revision after the signature (what an editor's "save" does)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def flip_a_byte_in_a_stream(content: bytes) -> bytes:
    """One byte changed inside the first page content stream, the file otherwise intact."""
    start = content.index(b"stream\n", content.index(b"/Length")) + len(b"stream\n")
    position = start + 20
    return content[:position] + bytes([content[position] ^ 0x01]) + content[position + 1 :]


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path
