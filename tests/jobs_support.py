"""A small background task for the jobs tests: writes ``params["text"]`` in three progress steps."""

from django.core.exceptions import ValidationError
from django_tasks import task

from jobs.services import Job, Output, run

STEPS = 3


def _produce(job: Job) -> Output:
    if job.params.get("fail") == "validation":
        raise ValidationError("Quyết định chưa ban hành.")
    if job.params.get("fail") == "crash":
        raise RuntimeError("internal detail the user must not see")
    for step in range(1, STEPS + 1):
        job.progress(step, STEPS, f"Bước {step}")
    return Output("ket-qua.txt", "Kết quả.txt", "text/plain; charset=utf-8", content=job.params["text"].encode())


@task()
def write_text(file_id: int) -> None:
    run(file_id, _produce)
