"""What the register fixes on a conference document, as its builders print it.

A document printed from a register entry (``registry.OutgoingDocument``) takes that entry's
number, date, signer and recipients; without one (a draft) the number and the date are left
blank ("Số:        /BC-SKHCN", "Hưng Yên, ngày      tháng      năm"), the signature block and the
Nơi nhận are the defaults the Office may change when issuing, and the page carries "DỰ THẢO".
Nothing here reads today's date: a reprint of an issued document prints the same date.
"""

from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from hoinghi.letterhead import Header, Signature, agency_name, vn_date


@dataclass(frozen=True)
class IssueFields:
    number_line: str  # "Số: 05/BC-SKHCN" or "Số:        /BC-SKHCN"
    number_label: str  # "05/BC-SKHCN" or "      /BC-SKHCN"
    date: Date | None
    signature: Signature
    recipients: tuple[str, ...]
    draft: bool


def issue_fields(record: Any, *, symbol: str, signature: Signature, recipients: tuple[str, ...]) -> IssueFields:
    """``record``: the issued OutgoingDocument, or None for a draft (``symbol``: "BC-SKHCN")."""
    if record is None or not record.number:
        return IssueFields(f"Số:        /{symbol}", f"      /{symbol}", None, signature, recipients, True)
    printed = Signature(record.signer_authority, record.signer_position, record.signer_name)
    return IssueFields(
        record.number_line, record.number_label, record.date, printed,
        tuple(record.recipient_lines()), False,
    )  # fmt: skip


def header_of(organisation: Any, fields: IssueFields) -> Header:
    return Header(
        organisation.parent_name,
        agency_name(organisation),
        fields.number_line,
        f"{organisation.place_name}, {vn_date(fields.date)}",
    )
