"""The honour book (kỷ yếu): the honoured exemplars with their photos, and the button that prints it.

Office only. The PDF is rendered by a background job (``conference.tasks.print_book``) whose page
shows the progress (jobs app).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from conference import tasks
from conference.services import book as services
from hoinghi.gates import office_required
from jobs import services as jobs
from nominations.models import Nomination
from reference.selectors import current_conference


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=gettext_lazy("Photo (JPEG or PNG)"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control form-control-sm", "accept": "image/jpeg,image/png"}
        ),
    )


@require_GET
@office_required
def book_page(request):
    conference = current_conference()
    entries = list(services.book_entries(conference))
    missing = sum(1 for entry in entries if not hasattr(entry.nomination, "honour_photo"))
    context = {"conference": conference, "entries": entries, "missing": missing, "form": PhotoForm()}
    return render(request, "conference/book/book.html", context)


@require_POST
@office_required
def book_photo(request, pk: int):
    try:
        nomination = services.honoured_nomination(current_conference(), pk)
    except Nomination.DoesNotExist as error:
        raise Http404 from error
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("honour_book")
    try:
        services.set_photo(nomination, form.cleaned_data["photo"], by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, f"{nomination.nominee.full_name}: {message}")
    else:
        messages.success(request, _("The photo of %(name)s was saved.") % {"name": nomination.nominee.full_name})
    return redirect("honour_book")


@require_POST
@office_required
def book_job(request):
    conference = current_conference()
    try:
        services.ensure_printable(conference)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("honour_book")
    job = jobs.start(
        task=tasks.print_book,
        kind="honour_book",
        title=_("Honour book – %(conference)s") % {"conference": conference.name},
        params={"conference": conference.pk},
        by=request.user,
    )
    return redirect("job_detail", pk=job.pk)
