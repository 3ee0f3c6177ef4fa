"""The production path: the database backend queues the job and a real ``db_worker`` runs it.

Transactional (the worker commits, claims rows with SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL
and closes stale connections), so it runs outside the per-test transaction; ``restore_migrated_rows``
puts back the role groups the final flush removes, for the tests that follow.
"""

import io
import os

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from jobs import services
from jobs.models import GeneratedFile, JobStatus
from tests import jobs_support

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_db_worker_runs_a_queued_job_to_a_file_on_disk(restore_migrated_rows, settings, office_user):
    settings.TASKS = DATABASE_BACKEND
    job = services.start(
        task=jobs_support.write_text, kind="test", title="Tệp thử", params={"text": "Từ worker"}, by=office_user
    )
    queued = GeneratedFile.objects.get(pk=job.pk)

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0, stdout=io.StringIO())

    done = GeneratedFile.objects.get(pk=job.pk)
    assert (queued.status, queued.progress_done) == (JobStatus.QUEUED, 0)
    assert (done.status, done.progress_done, done.progress_total) == (JobStatus.DONE, 3, 3)
    assert os.path.isfile(done.file.path)
    with open(done.file.path, "rb") as file:
        assert file.read() == "Từ worker".encode()
    result = DBTaskResult.objects.get()
    assert (str(result.id), result.status, result.task_path) == (
        done.task_id,
        "SUCCESSFUL",
        "tests.jobs_support.write_text",
    )
