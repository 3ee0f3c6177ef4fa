from django.http import Http404
from django.utils.translation import gettext as _

from reference.models import Conference


def current_conference() -> Conference:
    """The conference the application works on now (Conference.is_current)."""
    conference = Conference.objects.current()
    if conference is None:
        raise Http404(_("No conference is marked as current. Ask the Office to set one up."))
    return conference
