"""The outbox's background task: send one message (``outbox.services.deliver``)."""

from django_tasks import task

from outbox import services


@task()
def send_message(message_id: int) -> None:
    services.deliver(message_id)
