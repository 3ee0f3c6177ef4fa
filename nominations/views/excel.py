"""Excel template, import and export of nominations (filled in by the Excel work)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def import_template(request):
    return HttpResponse(status=501)


@login_required
def nomination_import(request):
    return HttpResponse(status=501)


@login_required
def nomination_export(request):
    return HttpResponse(status=501)
