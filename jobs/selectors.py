"""Who sees which generated file: everyone, the Office included, sees only the files they asked for.

A generated file is a copy of data the requester could see when the job ran (certificates,
invitations, filtered lists). Showing it to someone else would bypass the scoping of the list it
came from, so there is no wider view: a colleague who needs the file starts the job again.
"""

from django.db.models import QuerySet

from jobs.models import GeneratedFile


def files_visible_to(user) -> QuerySet[GeneratedFile]:
    if not user.is_authenticated:
        return GeneratedFile.objects.none()
    return GeneratedFile.objects.filter(requested_by=user)
