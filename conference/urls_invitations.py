"""Agenda and invitations under /conference/; the delegate's private reply page at /conference/rsvp/<token>/."""

from django.urls import path

from conference.views import agenda, invitations

urlpatterns = [
    path("agenda/", agenda.agenda_list, name="agenda_list"),
    path("agenda/default/", agenda.agenda_default, name="agenda_default"),
    path("agenda/pdf/", agenda.agenda_pdf, name="agenda_pdf"),
    path("agenda/docx/", agenda.agenda_docx, name="agenda_docx"),
    path("agenda/<int:pk>/", agenda.agenda_edit, name="agenda_edit"),
    path("agenda/<int:pk>/move/", agenda.agenda_move, name="agenda_move"),
    path("invitations/", invitations.invitation_list, name="invitation_list"),
    path("invitations/pdf/", invitations.invitations_pdf, name="invitations_pdf"),
    path("invitations/docx/", invitations.invitations_docx, name="invitations_docx"),
    path("invitations/email/", invitations.invitations_email, name="invitations_email"),
    path("invitations/<int:pk>/pdf/", invitations.invitation_pdf, name="invitation_pdf"),
    path("invitations/<int:pk>/rsvp/", invitations.delegate_rsvp, name="delegate_rsvp"),
    path("rsvp/<str:token>/", invitations.rsvp, name="rsvp"),
]
