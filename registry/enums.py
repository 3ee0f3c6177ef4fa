"""The kinds of outgoing documents (their NĐ 30 abbreviations) and a document's two states."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The Emulation-Commendation Council issues its own documents (minutes, vote-count records) in a
# series of its own, whatever the agency's setting (docs/document-register.md).
COUNCIL_ISSUER = "HĐTĐKT"


class DocumentKind(models.TextChoices):
    """The value is the abbreviation printed in the number: "05/QĐ-SKHCN"."""

    DECISION = "QĐ", _("Decision")
    PROPOSAL = "TTr", _("Proposal")
    INVITATION = "GM", _("Invitation")
    REPORT = "BC", _("Report")
    MINUTES = "BB", _("Minutes")
    PLAN = "KH", _("Plan")
    LETTER = "CV", _("Official letter")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class SeriesMode(models.TextChoices):
    """settings.DOCUMENT_REGISTER_SERIES: one series for the agency, or one per document kind."""

    COMMON = "common", _("One series for all documents")
    PER_KIND = "per_kind", _("One series per document kind")
