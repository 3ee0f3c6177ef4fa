"""The demo's e-mail backend: mail is kept in the application (``StoredMail``) instead of being sent.

``make run`` uses it, so a new user reads what the application sent on the *Hộp thư thử nghiệm*
page (``/outbox/mailbox/``): each person the mail addressed to them, the Office everything.
"""

from django.core.mail.backends.base import BaseEmailBackend

from outbox.models import StoredMail

STORED_BACKEND = "outbox.backends.StoredEmailBackend"


class StoredEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            names = [a[0] if isinstance(a, tuple) else a.get_filename() for a in message.attachments]
            for address in message.recipients():  # one row per address: each reads only their own
                StoredMail.objects.create(
                    to=address.lower(),
                    from_email=message.from_email or "",
                    subject=message.subject[:300],
                    body=message.body,
                    attachment_names=names,
                )
            count += 1
        return count
