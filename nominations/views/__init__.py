"""Browser views for nominations, one module per concern."""

from nominations.views.attachments import attachment_delete, attachment_download, attachment_upload
from nominations.views.dashboard import dashboard
from nominations.views.excel import import_template, nomination_export, nomination_import
from nominations.views.mail import call_for_nominations
from nominations.views.nominations import (
    nomination_create,
    nomination_detail,
    nomination_edit,
    nomination_history,
    nomination_list,
    nomination_transition,
    review_queue,
)

__all__ = [
    "attachment_delete",
    "attachment_download",
    "attachment_upload",
    "call_for_nominations",
    "dashboard",
    "import_template",
    "nomination_create",
    "nomination_detail",
    "nomination_edit",
    "nomination_export",
    "nomination_history",
    "nomination_import",
    "nomination_list",
    "nomination_transition",
    "review_queue",
]
