"""PAdES signatures on the Department's PDFs (pyHanko): where the stamp goes, signing, checking.

This is the pure PDF part; the register's use of it (which document, who may sign, what is
stored) is ``registry.signing``. Three pieces:

- ``locate_signature_space`` reads the text positions (poppler's ``pdftotext -bbox-layout``)
  and returns the box between the signer's position line and the signer's name in the signature
  block (on the last page, or before the annexes): the space where the signature goes.
  Nghị định 30/2020 (Phụ lục I) puts the agency's digital signature there, over the left third
  of the signer's signature, so the box is shifted to the left of the column's centre.
- ``sign_pdf`` adds one PAdES signature (an incremental update, so the unsigned file is the
  signed file's first bytes) with a visible stamp: a red border, the agency's name,
  "Ký bởi: …" and "Thời gian ký: dd/mm/yyyy hh:mm:ss +07:00", in Liberation Serif (found with
  fontconfig at run time, as ``hoinghi.pdf`` does).
- ``check_signatures`` validates every embedded signature against the configured trust roots
  (no network: a throw-away CA or the Government CA's certificates on disk).

The key comes from a PKCS#12 file or a PKCS#11 token named in the settings
(``signing_credentials``); nothing secret lives in the repository. See docs/digital-signature.md.
"""

import hashlib
import io
import os
import shutil
import subprocess  # noqa: S404 (pdftotext with a fixed argument list)  # nosec B404
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree  # poppler's output for our own PDFs, never user XML  # nosec B405
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

SIGNING_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
FIELD_NAME = "ChuKySoCoQuan"
MM = 72 / 25.4
STAMP_WIDTH = 64 * MM
STAMP_MIN_HEIGHT = 20 * MM
STAMP_RED = (0.8, 0.0, 0.0)
_XHTML = "{http://www.w3.org/1999/xhtml}"


class SigningError(Exception):
    """A refusal with a message for the user (Vietnamese through gettext)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


# ----------------------------------------------------------------------------- where


@dataclass(frozen=True)
class TextLine:
    text: str
    x_min: float
    y_min: float  # from the top of the page, as poppler gives it
    x_max: float
    y_max: float


@dataclass(frozen=True)
class SignaturePlace:
    """Where the stamp goes: a page (0-based) and a box in PDF points (origin bottom-left)."""

    page: int
    box: tuple[float, float, float, float]

    @property
    def int_box(self) -> tuple[int, int, int, int]:
        """The box in whole points, as pyHanko's field spec types it."""
        x1, y1, x2, y2 = self.box
        return round(x1), round(y1), round(x2), round(y2)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def page_count(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def pages_lines(content: bytes, page: int | None = None) -> list[tuple[tuple[float, float], list[TextLine]]]:
    """Each page's size and text lines with their boxes (``pdftotext -bbox-layout``); one page if given (0-based)."""
    executable = shutil.which("pdftotext")
    if executable is None:
        raise SigningError(_("pdftotext (poppler-utils) is not installed."), code="no_pdftotext")
    pages = [] if page is None else ["-f", str(page + 1), "-l", str(page + 1)]
    result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)  # nosec B603
        [executable, "-bbox-layout", *pages, "-", "-"], input=content, capture_output=True, check=False, timeout=60
    )
    if result.returncode != 0:
        raise SigningError(_("The PDF could not be read."), code="unreadable")
    root = ElementTree.fromstring(result.stdout)  # noqa: S314 (poppler's output)  # nosec B314
    found = []
    for page_node in root.iter(f"{_XHTML}page"):
        lines = []
        for line in page_node.iter(f"{_XHTML}line"):
            words = [word.text or "" for word in line.iter(f"{_XHTML}word")]
            box = [float(line.get(key, 0)) for key in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(TextLine(" ".join(words), *box))
        found.append(((float(page_node.get("width", 0)), float(page_node.get("height", 0))), lines))
    return found


def page_lines(content: bytes, page: int) -> tuple[tuple[float, float], list[TextLine]]:
    """One page's size and lines (0-based)."""
    return pages_lines(content, page)[0]


def locate_signature_space(content: bytes, *, position: str, name: str) -> SignaturePlace:
    """The box between the signer's position line and the signer's name in the signature block.

    The block is the last place in the document where a line reads exactly ``name`` (the last
    page, or the page before the annexes a report carries); the position is the nearest line
    above it that reads ``position`` (any case). The box spans the space between them,
    ``STAMP_WIDTH`` wide, its right third over the column's centre (NĐ 30: the agency's signature
    covers the left third of the signer's).
    """
    pages = pages_lines(content)
    for number in range(len(pages) - 1, -1, -1):
        (width, height), lines = pages[number]
        names = [line for line in lines if name and _fold(line.text) == _fold(name)]
        if names:
            break
    else:
        raise SigningError(
            _("The signer's name “%(name)s” was not found in the document.") % {"name": name}, code="no_signer_name"
        )
    name_line = names[-1]
    above = [
        line for line in lines if position and _fold(line.text) == _fold(position) and line.y_max <= name_line.y_min
    ]
    top = max(above, key=lambda line: line.y_max).y_max if above else name_line.y_min - STAMP_MIN_HEIGHT - 4
    centre = (name_line.x_min + name_line.x_max) / 2
    x1 = max(centre - STAMP_WIDTH * 2 / 3, 0)
    x2 = min(x1 + STAMP_WIDTH, width)
    upper = height - top - 2  # PDF y grows upwards
    lower = height - name_line.y_min + 2
    return SignaturePlace(page=number, box=(round(x1, 2), round(lower, 2), round(x2, 2), round(upper, 2)))


# ----------------------------------------------------------------------------- who


def stamp_time(moment: datetime) -> str:
    """ "05/12/2026 14:03:07 +07:00": the stamp's time, in Vietnam's time zone (ISO 8601 offset)."""
    local = moment.astimezone(SIGNING_TIME_ZONE)
    offset = local.strftime("%z")
    return f"{local:%d/%m/%Y %H:%M:%S} {offset[:3]}:{offset[3:]}"


def _pkcs11_module() -> Any:
    try:
        from pyhanko.sign import pkcs11
    except ImportError as error:  # python-pkcs11 is optional
        raise SigningError(
            _("Signing with a token needs the python-pkcs11 package: pip install python-pkcs11."),
            code="no_pkcs11",
        ) from error
    return pkcs11


@contextmanager
def signing_credentials() -> Iterator[Any]:
    """The agency's pyHanko signer: a PKCS#11 token if its module is set, else the PKCS#12 file."""
    module = getattr(settings, "DOCUMENT_SIGNING_PKCS11_MODULE", "")
    if module:
        pkcs11 = _pkcs11_module()
        try:
            session = pkcs11.open_pkcs11_session(
                module,
                token_label=settings.DOCUMENT_SIGNING_PKCS11_TOKEN_LABEL or None,
                user_pin=settings.DOCUMENT_SIGNING_PKCS11_PIN or None,
            )
        except Exception as error:  # the token's library raises its own kinds
            raise SigningError(
                _("The signing token could not be opened: %(error)s") % {"error": error}, code="token"
            ) from error
        try:
            yield pkcs11.PKCS11Signer(
                session,
                key_label=settings.DOCUMENT_SIGNING_PKCS11_KEY_LABEL or None,
                cert_label=settings.DOCUMENT_SIGNING_PKCS11_CERT_LABEL or settings.DOCUMENT_SIGNING_PKCS11_KEY_LABEL,
            )
        finally:
            session.close()
        return
    path = getattr(settings, "DOCUMENT_SIGNING_PKCS12", "")
    if not path:
        raise SigningError(
            _("No signing certificate is configured (DOCUMENT_SIGNING_PKCS12 or DOCUMENT_SIGNING_PKCS11_MODULE)."),
            code="not_configured",
        )
    if not Path(path).is_file():
        raise SigningError(_("The signing certificate file %(path)s does not exist.") % {"path": path}, code="missing")
    from pyhanko.sign import signers

    passphrase = (settings.DOCUMENT_SIGNING_PASSPHRASE or "").encode("utf-8") or None
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase)
    if signer is None:
        raise SigningError(_("The signing certificate could not be opened (wrong passphrase?)."), code="bad_pkcs12")
    yield signer


_NAME_KEYS = {
    "common_name": "CN",
    "organizational_unit_name": "OU",
    "organization_name": "O",
    "locality_name": "L",
    "state_or_province_name": "ST",
    "country_name": "C",
    "email_address": "E",
}


def subject_of(certificate: Any) -> str:
    """ "CN=Sở Khoa học và Công nghệ tỉnh Hưng Yên, O=…, C=VN": the certificate's subject, readable."""
    parts: list[str] = []
    for key, value in certificate.subject.native.items():
        values = value if isinstance(value, list) else [value]
        parts.extend(f"{_NAME_KEYS.get(key, key)}={item}" for item in values)
    return ", ".join(parts)


def common_name_of(certificate: Any) -> str:
    return certificate.subject.native.get("common_name", "") or subject_of(certificate)


def fingerprint_of(certificate: Any) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()


# ----------------------------------------------------------------------------- sign


@cache
def stamp_font_file() -> Path:
    """Liberation Serif Regular rescaled to 1000 units per em, made once in VAR_DIR/cache.

    pyHanko 0.38 writes a TrueType font's glyph widths (``/W``) in the font's own units, which
    PDF reads as thousandths of an em: Liberation Serif's 2048 units per em would spread every
    letter twice as wide. The same outlines at 1000 units per em need no conversion.
    """
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    from fontTools.ttLib.scaleUpem import scale_upem  # type: ignore[import-untyped]

    from hoinghi.pdf import font_files

    source = font_files()[("normal", "normal")]
    target = Path(settings.VAR_DIR) / "cache" / f"{source.stem}-1000upem.ttf"
    if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(str(source))
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        if "FFTM" in font:  # FontForge's timestamp, which fontTools' subsetter only warns about
            del font["FFTM"]
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        partial.replace(target)
    return target


@dataclass(frozen=True)
class SignedPdf:
    content: bytes
    signed_at: datetime
    subject: str
    certificate_sha256: str


def _font_factory() -> Any:
    """pyHanko's glyph accumulator over the stamp font, read into memory (pyHanko leaves its file open)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class InMemoryGlyphAccumulatorFactory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=io.BytesIO(Path(self.font_file).read_bytes()),
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    return InMemoryGlyphAccumulatorFactory(str(stamp_font_file()))


def _timed_signer_class() -> type:
    from pyhanko.sign import signers

    class TimedPdfSigner(signers.PdfSigner):
        """pyHanko's signer with the signing time given, so the stamp shows the time the CMS carries."""

        def __init__(self, *args: Any, signing_time: datetime, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.signing_time = signing_time

        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
            session.system_time = self.signing_time
            return session

    return TimedPdfSigner


def stamp_lines(agency: str, signer_name: str, when: datetime) -> list[str]:
    return [agency, f"Ký bởi: {signer_name}", f"Thời gian ký: {stamp_time(when)}"]


def sign_pdf(
    content: bytes,
    *,
    place: SignaturePlace,
    agency: str,
    reason: str = "",
    location: str = "",
    signer: Any = None,
    when: datetime | None = None,
) -> SignedPdf:
    """``content`` with one PAdES signature of the agency and its visible stamp at ``place``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    when = (when or datetime.now(tz=SIGNING_TIME_ZONE)).astimezone(SIGNING_TIME_ZONE).replace(microsecond=0)

    def run(agency_signer: Any) -> SignedPdf:
        certificate = agency_signer.signing_cert
        signed_by = common_name_of(certificate)
        style = TextStampStyle(
            stamp_text="\n".join(stamp_lines(agency, signed_by, when)),
            text_box_style=TextBoxStyle(
                font=_font_factory(),
                font_size=8,
                leading=10,
                text_color=STAMP_RED,
            ),
            border_width=1,
            border_color=STAMP_RED,
            background=None,
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason or None,
            location=location or None,
            name=signed_by,
        )
        pdf_signer = _timed_signer_class()(
            meta,
            signer=agency_signer,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=place.page, box=place.int_box),
            signing_time=when,
        )
        output = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=output)
        return SignedPdf(output.getvalue(), when, subject_of(certificate), fingerprint_of(certificate))

    if signer is not None:
        return run(signer)
    with signing_credentials() as configured:
        return run(configured)


# ----------------------------------------------------------------------------- check


@dataclass(frozen=True)
class SignatureCheck:
    """One embedded signature as pyHanko sees it against our trust roots."""

    intact: bool  # the signed bytes hash to what the signature says
    valid: bool  # intact and the cryptographic signature verifies
    trusted: bool  # the certificate chains to a configured trust root
    covers_whole_file: bool  # nothing was appended after signing
    subject: str
    common_name: str
    certificate_sha256: str
    signing_time: datetime | None
    reason: str
    signed_revision_sha256: str  # the bytes the signature covers, up to its end


def trust_roots() -> list[Any]:
    """The CA certificates a signature must chain to: DOCUMENT_SIGNING_TRUST_ROOTS (PEM/DER files)."""
    from pyhanko.keys import load_certs_from_pemder

    paths = [path for path in getattr(settings, "DOCUMENT_SIGNING_TRUST_ROOTS", []) if Path(path).is_file()]
    return list(load_certs_from_pemder(paths)) if paths else []


def check_signatures(content: bytes, roots: list[Any] | None = None) -> list[SignatureCheck]:
    """Every embedded signature, validated offline; a PDF pyHanko cannot read raises SigningError."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = trust_roots() if roots is None else roots
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise SigningError(_("The PDF could not be read."), code="unreadable") from error
    checks = []
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except Exception:  # a malformed signature is simply not a valid one  # noqa: BLE001
            checks.append(_broken(signature))
            continue
        certificate = status.signing_cert
        start, length = signature.byte_range[2], signature.byte_range[3]
        checks.append(
            SignatureCheck(
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                subject=subject_of(certificate),
                common_name=common_name_of(certificate),
                certificate_sha256=fingerprint_of(certificate),
                signing_time=status.signer_reported_dt,
                reason=str(signature.sig_object.get("/Reason", "") or ""),
                signed_revision_sha256=hashlib.sha256(content[: start + length]).hexdigest(),
            )
        )
    return checks


def _broken(signature: Any) -> SignatureCheck:
    try:
        certificate = signature.signer_cert
        subject, name, fingerprint = subject_of(certificate), common_name_of(certificate), fingerprint_of(certificate)
    except Exception:  # noqa: BLE001  (nothing readable in it)
        subject = name = fingerprint = ""
    return SignatureCheck(False, False, False, False, subject, name, fingerprint, None, "", "")
