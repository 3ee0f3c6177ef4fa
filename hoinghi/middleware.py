from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switcher (cookie).

    The browser's Accept-Language is ignored on purpose: many office PCs run an English
    Windows or Chrome, and the staff still expect the application in Vietnamese.
    """

    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


# Room for the form's other fields and the multipart boundaries around the largest file.
REQUEST_BODY_MARGIN = 1024 * 1024


def upload_body_limit() -> int:
    """The largest multipart body worth reading: the largest upload limit plus a margin."""
    return largest_upload() + REQUEST_BODY_MARGIN


def largest_upload() -> int:
    """The largest file any form takes: an attachment, an import, a PDF on the verify page."""
    from django.conf import settings

    return max(
        settings.ATTACHMENT_MAX_BYTES, settings.IMPORT_MAX_BYTES, getattr(settings, "DOCUMENT_VERIFY_MAX_BYTES", 0)
    )


class RequestSizeLimitMiddleware:
    """Answer 413 to a multipart body larger than any upload may be, before Django reads it.

    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count files and ``FILE_UPLOAD_MAX_MEMORY_SIZE``
    only decides when to spool to disk, so without this a 50 MB post would be written to a
    temporary file before the form could refuse it. The Content-Length header is enough:
    Django never reads past it. In production nginx's ``client_max_body_size`` refuses even
    earlier (see docs/security.md).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in {"POST", "PUT", "PATCH"} and request.content_type == "multipart/form-data":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > upload_body_limit():
                return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse:
        from django.shortcuts import render
        from django.template.defaultfilters import filesizeformat

        return render(request, "413.html", {"limit": filesizeformat(largest_upload())}, status=413)
