"""Issuing test documents straight through the register (a renderer that writes the number)."""

from datetime import date

from hoinghi.letterhead import Signature
from registry import services
from registry.enums import DocumentKind

DIRECTOR = Signature("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình")


def fake_pdf(document) -> bytes:
    return f"%PDF-1.7 {document.number_label} {document.date:%d/%m/%Y}".encode()


def issued(
    *,
    by,
    on: date,
    kind: DocumentKind = DocumentKind.DECISION,
    issuer: str = "SKHCN",
    summary: str = "Về việc tặng Giấy khen",
    source: str | None = None,
    signer: Signature = DIRECTOR,
    recipients=("- Như Điều 3;", "- Lưu: VT, VP."),
    conference=None,
    copies: int | None = None,
):
    draft = services.open_draft(
        kind=kind,
        issuer_code=issuer,
        source=source or f"test:{kind}:{summary}:{on}",
        summary=summary,
        by=by,
        conference=conference,
    )
    return services.issue(
        draft,
        on=on,
        signer=signer,
        recipients=recipients,
        render=fake_pdf,
        filename=lambda d: f"{d.kind}-{d.number:02d}-{d.year}-{d.issuer_code}.pdf",
        by=by,
        copies=copies,
    )
