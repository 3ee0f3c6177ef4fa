"""Benchmark: importing an Excel list of nominations (parse + validate, then save).

Run by hand against a throw-away database (seed_demo is loaded into it):

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench \
        .venv/bin/python bench/bench_import.py --rows 5000

Each run imports into a transaction that is rolled back, so runs are comparable.
Results are written down in docs/benchmarks.md.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings_test")


def _workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from nominations import imports as cols
    from reference.models import AwardForm, Conference, Unit

    conference = Conference.objects.current()
    units = [u.name for u in Unit.objects.all()]
    forms = [f.name for f in AwardForm.objects.all()]
    movement = conference.movements.first().name
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(cols.SHEET_TITLE)
    ws.append(list(cols.HEADERS))
    givens = ["An", "Bình", "Cường", "Dũng", "Hường", "Lan", "Yến", "Ánh"]
    for i in range(rows):
        unit = units[i % len(units)]
        values = {
            cols.STT: i + 1,
            cols.KIND: "Cá nhân",
            cols.NAME: f"Nguyễn Văn {givens[i % len(givens)]} {chr(65 + i % 26)}{chr(97 + i // 26 % 26)}",
            cols.GENDER: "Nam" if i % 2 else "Nữ",
            cols.BIRTH_DATE: f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i % 40}",
            cols.POSITION: "Chuyên viên",
            cols.WORK_UNIT: unit,
            cols.PROPOSING_UNIT: unit,
            cols.AWARD_FORM: forms[i % len(forms)],
            cols.MOVEMENTS: movement,
            cols.SUMMARY: "Hoàn thành xuất sắc nhiệm vụ năm 2024; có 02 sáng kiến được công nhận.",
        }
        ws.append([values.get(h) for h in cols.HEADERS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection, transaction

    from nominations.imports import parse_nominations, save_nominations
    from reference.models import Conference

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-samples", verbosity=0)
    conference = Conference.objects.current()
    user = User.objects.get(username="vanphong")
    content = _workbook(args.rows)
    parse_times, save_times = [], []
    for _ in range(args.runs):
        upload = SimpleUploadedFile("list.xlsx", content)
        start = time.perf_counter()
        parsed = parse_nominations(upload, conference=conference, by=user)
        parse_times.append(time.perf_counter() - start)
        with transaction.atomic():
            start = time.perf_counter()
            result = save_nominations(parsed, conference=conference, by=user)
            save_times.append(time.perf_counter() - start)
            transaction.set_rollback(True)
    print(f"{args.rows} rows ({len(content) // 1024} KB), {connection.vendor}, median of {args.runs} runs")
    print(f"  read + validate  {statistics.median(parse_times):6.2f} s")
    print(f"  save             {statistics.median(save_times):6.2f} s  ({result.created} nominations)")


if __name__ == "__main__":
    main()
