"""Background jobs: the GeneratedFile lifecycle (jobs.services) and its pages (jobs.views)."""

import datetime
import io
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobs import services
from jobs.models import GeneratedFile, JobStatus
from tests import jobs_support


def _read(job) -> bytes:
    with job.file.open("rb") as file:
        return file.read()


def _start(user, **params):
    params.setdefault("text", "Giấy mời đại biểu – 60 trang")
    return services.start(task=jobs_support.write_text, kind="test", title="Tệp thử", params=params, by=user)


# ------------------------------------------------------------------------------ lifecycle


def test_a_job_runs_queued_to_done_with_its_progress_and_file(office_user, settings):
    settings.GENERATED_FILE_TTL_HOURS = 5
    before = timezone.now()

    job = _start(office_user)

    assert job.status == JobStatus.DONE
    assert (job.progress_done, job.progress_total, job.progress_label) == (3, 3, "Bước 3")
    assert _read(job) == "Giấy mời đại biểu – 60 trang".encode()
    assert job.size == len("Giấy mời đại biểu – 60 trang".encode())
    assert (job.filename, job.display_name, job.content_type) == (
        "ket-qua.txt",
        "Kết quả.txt",
        "text/plain; charset=utf-8",
    )
    assert job.file.name.startswith(f"generated/{job.created_at:%Y/%m}/{job.pk}-ket-qua")
    assert before <= job.started_at <= job.finished_at
    assert job.expires_at == job.finished_at + datetime.timedelta(hours=5)
    assert job.task_path == "tests.jobs_support.write_text"
    assert job.task_id != ""
    assert job.error == ""


def test_a_refused_job_fails_with_its_message_and_a_retry_succeeds(office_user):
    job = _start(office_user, fail="validation")

    assert (job.status, job.error, job.file.name) == (JobStatus.FAILED, "Quyết định chưa ban hành.", "")
    first_task = job.task_id

    GeneratedFile.objects.filter(pk=job.pk).update(params={"text": "Lần hai"})
    retried = services.retry(job, by=office_user)

    assert (retried.status, retried.error, retried.progress_done) == (JobStatus.DONE, "", 3)
    assert _read(retried) == "Lần hai".encode()
    assert retried.task_id != first_task
    assert GeneratedFile.objects.count() == 1


def test_an_unexpected_error_shows_a_vietnamese_message_not_the_internals(office_user, caplog):
    job = _start(office_user, fail="crash")

    assert job.status == JobStatus.FAILED
    assert job.error == (
        "Công việc dừng lại do một lỗi không lường trước. Hãy chạy lại; nếu vẫn lỗi, hãy báo quản trị viên."
    )
    assert "internal detail" not in job.error
    assert "internal detail the user must not see" in caplog.text


def test_only_a_failed_job_can_be_retried(office_user):
    job = _start(office_user)

    with pytest.raises(services.NotRetryable) as refused:
        services.retry(job, by=office_user)

    assert refused.value.messages == ["Chỉ có thể chạy lại công việc bị lỗi."]


def test_expiry_deletes_the_file_and_keeps_the_row_marked_expired(office_user):
    old, fresh = _start(office_user), _start(office_user)
    path = old.file.path
    GeneratedFile.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    out = io.StringIO()

    call_command("expire_generated_files", stdout=out)

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.file.name, old.size) == (JobStatus.EXPIRED, "", 0)
    assert not os.path.exists(path)
    assert fresh.status == JobStatus.DONE
    assert _read(fresh) == "Giấy mời đại biểu – 60 trang".encode()
    assert out.getvalue() == "1 expired generated file(s) deleted.\n"


def test_a_job_left_running_by_a_dead_worker_is_marked_failed_and_can_be_retried(office_user):
    job = _start(office_user)
    now = timezone.now()
    GeneratedFile.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=now - datetime.timedelta(hours=7)
    )
    recent = _start(office_user)
    GeneratedFile.objects.filter(pk=recent.pk).update(status=JobStatus.RUNNING, started_at=now)
    out = io.StringIO()

    call_command("expire_generated_files", stdout=out)

    job.refresh_from_db()
    assert (job.status, job.error) == (
        JobStatus.FAILED,
        "Tiến trình xử lý đã dừng khi đang chạy công việc này. Hãy chạy lại.",
    )
    assert GeneratedFile.objects.get(pk=recent.pk).status == JobStatus.RUNNING
    assert out.getvalue() == (
        "1 job(s) left running by a stopped worker marked failed.\n0 expired generated file(s) deleted.\n"
    )
    assert services.retry(job, by=office_user).status == JobStatus.DONE


# ---------------------------------------------------------------------------------- views


def test_the_progress_fragment_shows_the_exact_numbers_and_polls_until_finished(office_client, office_user):
    job = _start(office_user)
    GeneratedFile.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress_done=50, progress_total=200, progress_label="Đã dựng giấy khen"
    )

    running = office_client.get(reverse("job_progress", args=[job.pk])).content.decode()
    GeneratedFile.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    done = office_client.get(reverse("job_progress", args=[job.pk])).content.decode()

    assert "50 / 200 (25%) · Đã dựng giấy khen" in " ".join(running.split())
    assert '<progress class="w-100" max="200" value="50"' in running
    assert f'hx-get="{reverse("job_progress", args=[job.pk])}" hx-trigger="every 1s"' in running
    assert "hx-trigger" not in done
    assert "Hoàn thành: 200 / 200." in done
    assert reverse("job_download", args=[job.pk]) in done


def test_the_job_page_shows_the_error_the_retry_button_and_retrying_works(office_client, office_user):
    job = _start(office_user, fail="validation")

    page = office_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    GeneratedFile.objects.filter(pk=job.pk).update(params={"text": "Đã sửa"})
    retried = office_client.post(reverse("job_retry", args=[job.pk]))

    assert "Quyết định chưa ban hành." in page
    assert f'action="{reverse("job_retry", args=[job.pk])}"' in page
    assert retried["Location"] == reverse("job_detail", args=[job.pk])
    assert _read(GeneratedFile.objects.get(pk=job.pk)) == "Đã sửa".encode()


def test_download_of_ones_own_file_returns_the_exact_bytes(office_client, office_user):
    job = _start(office_user)

    response = office_client.get(reverse("job_download", args=[job.pk]))

    content = b"".join(response.streaming_content)

    assert content == "Giấy mời đại biểu – 60 trang".encode()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"ket-qua.txt\"; filename*=UTF-8''K%E1%BA%BFt%20qu%E1%BA%A3.txt"
    )


@pytest.mark.parametrize("view", ["job_detail", "job_progress", "job_download", "job_retry"])
def test_another_users_job_answers_404(client_a, office_user, view):
    job = _start(office_user, fail="validation" if view == "job_retry" else "")

    response = (
        client_a.post(reverse(view, args=[job.pk]))
        if view == "job_retry"
        else client_a.get(reverse(view, args=[job.pk]))
    )

    assert response.status_code == 404
    assert GeneratedFile.objects.get(pk=job.pk).status == (JobStatus.FAILED if view == "job_retry" else JobStatus.DONE)


@pytest.mark.parametrize("view", ["job_detail", "job_progress", "job_download"])
def test_anonymous_users_go_to_the_login_page(anon_client, office_user, view):
    url = reverse(view, args=[_start(office_user).pk])

    response = anon_client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


def test_the_list_shows_only_the_users_own_files_newest_first(office_client, office_user, staff_a):
    first = _start(office_user)
    second = services.start(
        task=jobs_support.write_text, kind="test", title="Tệp thứ hai", params={"text": "x"}, by=office_user
    )
    services.start(task=jobs_support.write_text, kind="test", title="Tệp của đơn vị", params={"text": "y"}, by=staff_a)

    html = office_client.get(reverse("job_list")).content.decode()

    assert html.index("Tệp thứ hai") < html.index("Tệp thử<")
    assert "Tệp của đơn vị" not in html
    assert reverse("job_detail", args=[first.pk]) in html and reverse("job_detail", args=[second.pk]) in html


def test_an_expired_job_offers_no_download(office_client, office_user):
    job = _start(office_user)
    services.expire(timezone.now() + datetime.timedelta(days=30))

    page = office_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    download = office_client.get(reverse("job_download", args=[job.pk]))

    assert reverse("job_download", args=[job.pk]) not in page
    assert download.status_code == 404
