from django.urls import path

from outbox.views import mailbox, messages, templates

urlpatterns = [
    path("", messages.outbox_list, name="outbox_list"),
    path("act/", messages.outbox_act, name="outbox_act"),
    path("<int:pk>/", messages.outbox_message, name="outbox_message"),
    path("<int:pk>/attachments/<int:index>/", messages.outbox_attachment, name="outbox_attachment"),
    path("templates/", templates.template_list, name="outbox_templates"),
    path("templates/<slug:code>/", templates.template_edit, name="outbox_template_edit"),
    path("mailbox/", mailbox.mailbox, name="mailbox"),
    path("mailbox/<int:pk>/", mailbox.mailbox_mail, name="mailbox_mail"),
]
