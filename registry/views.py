"""The register of outgoing documents for the Office (văn thư), under /registry/.

Who: the Office only (``office_required``; ``registry.selectors.documents_for`` scopes every
query); others get 403, unknown ids 404. The list shows issued documents; a file download serves
the stored bytes exactly, under the stored Vietnamese name (docs/document-register.md).
"""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hoinghi.downloads import as_attachment, xlsx_response
from hoinghi.gates import office_required
from hoinghi.history import history_rows
from registry import selectors
from registry.exports import register_xlsx
from registry.filters import RegisterFilter
from registry.models import OutgoingDocument

PAGE_SIZE = 50


def _filtered(request) -> RegisterFilter:
    return RegisterFilter(request.GET or None, queryset=selectors.register_for(request.user))


@require_GET
@office_required
def register_list(request):
    register = _filtered(request)
    page = Paginator(register.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": register, "page": page, "documents": page.object_list, "query": query.urlencode()}
    return render(request, "registry/list.html", context)


@require_GET
@office_required
def register_export(request):
    content = register_xlsx(_filtered(request).qs)
    return xlsx_response(content, f"so-van-ban-di-{timezone.localdate():%Y%m%d}.xlsx")


@require_GET
@office_required
def document_detail(request, pk: int):
    document = get_object_or_404(selectors.documents_for(request.user).select_related("corrects"), pk=pk)
    context = {
        "document": document,
        "file": selectors.file_info(document),
        "corrections": selectors.corrections_of(document),
        "history": history_rows([("", OutgoingDocument.history.filter(id=document.pk))]),
    }
    return render(request, "registry/detail.html", context)


@require_GET
@office_required
def document_file(request, pk: int):
    """The issued file, byte for byte (404 for a draft: it has no file)."""
    document = get_object_or_404(selectors.documents_for(request.user), pk=pk)
    stored = get_object_or_404(selectors.files_for(request.user), document=document)
    printed = selectors.stored_pdf(document, stored)
    response = HttpResponse(printed.content, content_type=stored.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return as_attachment(response, printed.filename, printed.display_name)
