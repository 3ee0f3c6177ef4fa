"""Benchmark: the Giấy mời of 60 delegates in one PDF (one page each, with its QR code).

Run by hand against a throw-away database (everything is created in a transaction that is
rolled back at the end):

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench .venv/bin/python bench/bench_invitations.py
    HOINGHI_VAR_DIR=/tmp/hnbench .venv/bin/python bench/bench_invitations.py      # SQLite

Times ``conference.services.invitations.invitations_pdf`` (context with 60 QR codes, one HTML document,
WeasyPrint, a printed-document row) and, separately, the QR codes alone. Results go in docs/benchmarks.md.
"""

import argparse
import datetime
import io
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings_test")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Thanh", "Minh", "Quốc", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hường", "Lan", "Yến", "Ánh", "Tuyết", "Thắng", "Khánh", "Huy"]


def _conference(count: int):
    """A conference with its agenda and ``count`` delegates (rows only)."""
    from django.contrib.auth.models import User

    from conference.models import Delegate, DelegateGroup
    from conference.services.agenda import default_agenda
    from reference.models import Conference, Organisation

    user, _ = User.objects.get_or_create(username="bench-printer")
    organisation = Organisation.objects.create(
        name="Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        short_name="Sở KH&CN",
        abbreviation="SKHCN",
        parent_name="UBND TỈNH HƯNG YÊN",
        province="Hưng Yên",
        place_name="Hưng Yên",
    )
    conference = Conference.objects.create(
        organisation=organisation,
        name="Hội nghị Tổng kết các phong trào thi đua và Tuyên dương điển hình tiên tiến",
        slug=f"bench-inv-{count}",
        year=2025,
        date=datetime.date(2025, 12, 20),
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 30),
        venue="Hội trường tầng 2, Sở Khoa học và Công nghệ tỉnh Hưng Yên",
        contact="Bà Trần Thị Minh Thư, Chánh Văn phòng Sở, điện thoại 0221 3862 555",
    )
    group = DelegateGroup.objects.create(conference=conference, code="bench", name="Đại biểu", target=count)
    for i in range(count):
        Delegate.objects.create(
            conference=conference,
            group=group,
            invitation_number=i + 1,
            gender="female" if i % 3 == 0 else "male",
            full_name=f"{FAMILY[i % len(FAMILY)]} {MIDDLE[i // 10 % len(MIDDLE)]} {GIVEN[i // 3 % len(GIVEN)]}",
            position="Phó Chủ tịch Ủy ban nhân dân",
            organisation="Ủy ban nhân dân thị xã Mỹ Hào, tỉnh Hưng Yên",
        )
    default_agenda(conference)
    return conference, user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from pypdf import PdfReader

    from conference.documents.invitations import invitation_sheet
    from conference.services import invitations
    from conference.services.invitations import delegates_of

    call_command("migrate", verbosity=0)
    print(f"{connection.vendor}, {args.delegates} delegates, median of {args.runs} runs")
    with transaction.atomic():
        conference, user = _conference(args.delegates)
        delegates = list(delegates_of(conference).order_by("invitation_number"))
        invitations.render_invitations(conference, delegates[:1])  # WeasyPrint and the fonts loaded once
        service, context = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            printed = invitations.invitations_pdf(conference, by=user)
            service.append(time.perf_counter() - start)
            start = time.perf_counter()
            invitation_sheet(conference, delegates)
            context.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(printed.content)).pages)
        assert pages == args.delegates, (pages, args.delegates)  # noqa: S101 (the benchmark checks what it timed)
        seconds = statistics.median(service)
        print(f"whole PDF: {seconds:.2f} s, {pages / seconds:.1f} pages/s, {len(printed.content) // 1024} KB")
        print(f"context with the QR codes alone: {statistics.median(context):.3f} s")
        transaction.set_rollback(True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak resident memory: {peak} MB")


if __name__ == "__main__":
    main()
