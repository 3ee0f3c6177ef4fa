"""Benchmark: one print-ready PDF with every certificate of a decision (20 and 500 awardees).

Run by hand against a throw-away database (everything is created in a transaction that is
rolled back at the end):

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench .venv/bin/python bench/bench_certificates.py
    HOINGHI_VAR_DIR=/tmp/hnbench .venv/bin/python bench/bench_certificates.py      # SQLite

Times ``awards.services.printing.certificates_pdf`` (context, one HTML document, WeasyPrint,
print log rows) and, separately, the rendering alone, in both modes. Results go in
docs/benchmarks.md.
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


def _decision(count: int):
    """An issued Quyết định with ``count`` individuals on its list (rows only, no services)."""
    from django.contrib.auth.models import User

    from awards.enums import DecisionStatus, DocumentType
    from awards.models import Decision, DecisionEntry
    from nominations.models import Nomination, Nominee
    from reference.enums import AwardLevel, NomineeKind
    from reference.models import AwardForm, Conference, Organisation, Unit

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
        organisation=organisation, name="Hội nghị (bench)", slug=f"bench-{count}", year=2025
    )
    unit = Unit.objects.create(
        organisation=organisation, code=f"bench-unit-{count}", name="Phòng Quản lý khoa học", kind="division"
    )
    award_form, _ = AwardForm.objects.get_or_create(
        code="bench-giay-khen",
        defaults={"name": "Giấy khen của Giám đốc Sở", "level": AwardLevel.DEPARTMENT,
                  "issuer": "Giám đốc Sở Khoa học và Công nghệ"},
    )  # fmt: skip
    names = [
        f"{FAMILY[i % len(FAMILY)]} {MIDDLE[i // 10 % len(MIDDLE)]} {GIVEN[i // 3 % len(GIVEN)]}" for i in range(count)
    ]
    nominees = Nominee.objects.bulk_create(
        Nominee(kind=NomineeKind.INDIVIDUAL, full_name=name, position="Chuyên viên", unit=unit) for name in names
    )
    nominations = Nomination.objects.bulk_create(
        Nomination(conference=conference, nominee=n, proposing_unit=unit, award_form=award_form,
                   achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2025.", created_by=user)
        for n in nominees
    )  # fmt: skip
    decision = Decision.objects.create(
        conference=conference,
        document_type=DocumentType.DECISION,
        award_form=award_form,
        status=DecisionStatus.ISSUED,
        number=5,
        symbol="QĐ-SKHCN",
        date=datetime.date(2026, 1, 5),
        title="Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong các phong trào thi đua",
        signer_name="Trần Văn Phó",
        signer_position="Phó Giám đốc",
        signer_authority="KT. Giám đốc",
        created_by=user,
    )
    DecisionEntry.objects.bulk_create(
        DecisionEntry(decision=decision, nomination=nomination, register_number=i, kind=NomineeKind.INDIVIDUAL,
                      recipient=f"Ông {nomination.nominee.full_name}", amount=710_000,
                      description="Chuyên viên, Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Hưng Yên")
        for i, nomination in enumerate(nominations, start=1)
    )  # fmt: skip
    return decision, user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 500])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from pypdf import PdfReader

    from awards import documents
    from awards.enums import PrintMode
    from awards.services import printing
    from hoinghi.pdf import render_pdf

    call_command("migrate", verbosity=0)
    print(f"{connection.vendor}, median of {args.runs} runs")
    print(f"{'awardees':>8} {'mode':>9} {'service s':>10} {'render s':>9} {'pages/s':>8} {'KB':>6}")
    with transaction.atomic():
        for size in args.sizes:
            decision, user = _decision(size)
            entries = list(decision.entries.order_by("register_number"))
            warm = documents.certificate_sheet(decision, entries[:1], PrintMode.FULL)
            render_pdf("awards/pdf/certificates.html", {"sheet": warm})  # WeasyPrint and the fonts loaded once
            for mode in (PrintMode.FULL, PrintMode.TEXT_ONLY):
                service, render = [], []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    printed = printing.certificates_pdf(decision, mode=mode, by=user)
                    service.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    render_pdf(
                        "awards/pdf/certificates.html", {"sheet": documents.certificate_sheet(decision, entries, mode)}
                    )
                    render.append(time.perf_counter() - start)
                pages = len(PdfReader(io.BytesIO(printed.content)).pages)
                assert pages == size, (pages, size)  # noqa: S101 (a benchmark that checks what it timed)
                seconds = statistics.median(service)
                print(
                    f"{size:>8} {mode:>9} {seconds:>10.2f} {statistics.median(render):>9.2f} "
                    f"{pages / seconds:>8.1f} {len(printed.content) // 1024:>6}"
                )
        transaction.set_rollback(True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak resident memory: {peak} MB")


if __name__ == "__main__":
    main()
