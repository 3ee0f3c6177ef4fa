"""Benchmark: peak memory and time of the Excel import, for a 5,000-row workbook and hostile ones.

Run by hand against a throw-away database (seed_demo is loaded into it):

    createdb -h 127.0.0.1 -U postgres hoinghi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoinghi_bench .venv/bin/python bench/bench_import_memory.py

Each measurement runs in a fresh process (so ``ru_maxrss`` is that step's own peak): the process
loads Django and reads the file, notes its resident size, runs one step and reports the time, the
growth of the peak resident size (VmHWM, MB) and, in a second process, tracemalloc's peak (Python
allocations only). Steps:

- ``check``: what the web request does with a large file (``check_nominations_workbook``);
- ``parse``: what the background job does (``parse_nominations``: every check, then openpyxl);
- ``openpyxl``: what the import did before the streaming checks (``load_workbook`` read-only and
  every row of the data sheet), to show what the checks save.

Figures are written down in docs/performance.md ("Excel import: hostile workbooks").
"""

import argparse
import io
import json
import os
import subprocess  # nosec B404 (runs this script again)
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings_test")

SHEET = "xl/worksheets/sheet1.xml"
STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_RELATION = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _rewritten(content: bytes, rewrites: dict, added: dict | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item.filename, rewrites[item.filename](data) if item.filename in rewrites else data)
        for name, data in (added or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def huge_shared_strings(valid: bytes) -> bytes:
    """The valid workbook plus a 47 MB shared-strings part (1.4 MB on the wire), as in the attack."""
    item = "<si><t>Hoàn thành xuất sắc nhiệm vụ năm 2024, chủ trì đề tài cấp tỉnh số %d</t></si>".encode()
    strings = b"".join(item % number for number in range(445_000))
    rewrites = {
        "[Content_Types].xml": lambda xml: xml.replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + STRINGS_TYPE + b'"/></Types>'
        ),
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdS" Type="' + STRINGS_RELATION + b'" Target="sharedStrings.xml"/></Relationships>',
        ),
    }
    shared = b'<sst xmlns="' + MAIN + b'">' + strings + b"</sst>"
    return _rewritten(valid, rewrites, {"xl/sharedStrings.xml": shared})


def million_rows(valid: bytes) -> bytes:
    """The valid workbook's data sheet declaring A1:Z1000000 and ending in a million empty rows."""
    extra = b"".join(b'<row r="%d"/>' % number for number in range(5003, 1_000_001))

    def rewrite(xml: bytes) -> bytes:  # openpyxl's write-only sheets carry no <dimension>: add one
        xml = xml.replace(b"<sheetViews>", b'<dimension ref="A1:Z1000000"/><sheetViews>', 1)
        return xml.replace(b"</sheetData>", extra + b"</sheetData>")

    return _rewritten(valid, {SHEET: rewrite})


# --------------------------------------------------------------------------- one step, in a child process


def _step(step: str, path: str):
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from hoinghi.excel import ExcelError
    from nominations.imports import check_nominations_workbook, parse_nominations
    from reference.models import Conference

    content = Path(path).read_bytes()
    upload = SimpleUploadedFile("list.xlsx", content)
    conference = Conference.objects.current()
    user = User.objects.get(username="vanphong")

    def run() -> str:
        try:
            if step == "check":
                check_nominations_workbook(upload)
                return "passed"
            if step == "parse":
                return f"{len(parse_nominations(upload, conference=conference, by=user).rows)} rows"
            workbook = load_workbook(io.BytesIO(content), read_only=True)
            ws = workbook.worksheets[0]
            ws.reset_dimensions()
            return f"{sum(1 for _ in ws.iter_rows())} rows"
        except ExcelError as exc:
            return "refused: " + exc.messages[0][:60]

    return run


def child(step: str, path: str, traced: bool) -> None:
    import django

    django.setup()
    run = _step(step, path)
    if traced:
        tracemalloc.start()
        outcome = run()
        peak = tracemalloc.get_traced_memory()[1]
        print(json.dumps({"outcome": outcome, "traced_mb": peak / 2**20}))
        return
    before = _peak_rss_kb()
    start = time.perf_counter()
    outcome = run()
    seconds = time.perf_counter() - start
    grown = _peak_rss_kb() - before
    print(json.dumps({"outcome": outcome, "seconds": seconds, "rss_mb": grown / 1024}))


def _peak_rss_kb() -> int:
    """This process's peak resident size (VmHWM; ru_maxrss would start at the parent's, kept across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


# --------------------------------------------------------------------------- the parent


def _measure(step: str, path: Path, traced: bool) -> dict:
    command = [sys.executable, __file__, "--child", step, str(path)] + (["--traced"] if traced else [])
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603  # nosec B603
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FILE"))
    parser.add_argument("--traced", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(*args.child, traced=args.traced)
        return

    import django

    django.setup()
    from django.core.management import call_command

    from bench.bench_import import _workbook

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-samples", verbosity=0)
    valid = _workbook(5000)
    files = {
        "5,000 valid rows": valid,
        "shared strings 47 MB": huge_shared_strings(valid),
        "1,000,000 empty rows": million_rows(valid),
    }
    with tempfile.TemporaryDirectory() as folder:
        print("| workbook | size | step | outcome | time | peak RSS growth | tracemalloc peak |")
        print("| --- | ---: | --- | --- | ---: | ---: | ---: |")
        for name, content in files.items():
            path = Path(folder) / "workbook.xlsx"
            path.write_bytes(content)
            for step in ("check", "parse", "openpyxl"):
                timed = _measure(step, path, traced=False)
                traced = _measure(step, path, traced=True)
                print(
                    f"| {name} | {len(content) / 2**20:.1f} MB | {step} | {timed['outcome']} | "
                    f"{timed['seconds']:.2f} s | {timed['rss_mb']:.0f} MB | {traced['traced_mb']:.0f} MB |"
                )


if __name__ == "__main__":
    main()
