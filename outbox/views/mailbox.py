"""The demo's mailbox: the mail the stored backend kept (``outbox.backends``), when it is the backend in use.

Each person reads the mail sent to their own address; the Office reads all of it. With any other
backend (SMTP in production) the pages answer 404.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from hoinghi.roles import is_office
from outbox.backends import STORED_BACKEND
from outbox.models import StoredMail


def _mail_of(user):
    if settings.EMAIL_BACKEND != STORED_BACKEND:
        raise Http404
    if is_office(user):
        return StoredMail.objects.all()
    if not user.email:
        return StoredMail.objects.none()
    return StoredMail.objects.filter(to=user.email.lower())


@require_GET
@login_required
def mailbox(request):
    page = Paginator(_mail_of(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "outbox/mailbox.html", {"page": page})


@require_GET
@login_required
def mailbox_mail(request, pk: int):
    mail = get_object_or_404(_mail_of(request.user), pk=pk)
    return render(request, "outbox/mailbox_mail.html", {"mail": mail})
