"""Admin for the conference day, one module per sub-domain."""

from conference.admin import ceremony, checkin, delegates, invitations  # noqa: F401
