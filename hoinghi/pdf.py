"""The one PDF renderer: a Django template rendered under Vietnamese settings, then WeasyPrint.

Every document (decisions, proposals, minutes, certificates) goes through ``render_pdf``:

- the template renders with the "vi" language and the Asia/Ho_Chi_Minh time zone active;
- Liberation Serif (Times New Roman metrics, full Vietnamese coverage; Debian's
  ``fonts-liberation2``) is declared with ``@font-face`` from its files, under the family name
  ``FONT_FAMILY``, and embedded as subsets; templates use ``font-family: var(--pdf-font)`` or
  the family name directly;
- one ``FontConfiguration`` and one font stylesheet are built once and reused;
- only ``file:`` URLs are fetched (no HTTP, no data from the network); a refused or missing
  resource stops the rendering instead of silently producing a different PDF.

Templates must not rely on a font fallback: a character Liberation Serif lacks would be taken
from another system font (tests parse ``pdffonts`` to catch that).
"""

import atexit
import io
import multiprocessing
import shutil
import subprocess  # noqa: S404 (fc-match with a fixed argument list)  # nosec B404
import threading
import unicodedata
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from pypdf import PdfWriter

FONT_FAMILY = "Liberation Serif"
DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/liberation2"
PDF_TIME_ZONE = "Asia/Ho_Chi_Minh"
PDF_LANGUAGE = "vi"

# (CSS font-weight, CSS font-style) -> (fontconfig style, file name in fonts-liberation2)
FONT_FACES = {
    ("normal", "normal"): ("Regular", "LiberationSerif-Regular.ttf"),
    ("bold", "normal"): ("Bold", "LiberationSerif-Bold.ttf"),
    ("normal", "italic"): ("Italic", "LiberationSerif-Italic.ttf"),
    ("bold", "italic"): ("Bold Italic", "LiberationSerif-BoldItalic.ttf"),
}

# WeasyPrint's font configuration is shared; rendering one document at a time keeps it safe.
_RENDER_LOCK = threading.Lock()


class PdfFontMissing(RuntimeError):
    """Liberation Serif is not installed (apt-get install fonts-liberation2)."""


class PdfResourceRefused(RuntimeError):
    """The document asked for a resource that is not a readable local file (http:, a missing file…)."""


def _fc_match(style: str) -> Path | None:
    executable = shutil.which("fc-match")
    if not executable:
        return None
    result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)  # nosec B603
        [executable, "-f", "%{file}", f"Liberation Serif:style={style}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    )
    path = Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None
    return path if path and path.name.startswith("LiberationSerif") else None


@cache
def font_files() -> dict[tuple[str, str], Path]:
    """The four Liberation Serif files: settings.PDF_FONT_DIR, else where fontconfig finds them."""
    directory = Path(getattr(settings, "PDF_FONT_DIR", "") or DEFAULT_FONT_DIR)
    files = {}
    for key, (style, name) in FONT_FACES.items():
        beside = directory / name
        path = beside if beside.is_file() else _fc_match(style)
        if path is None or not path.is_file():
            raise PdfFontMissing(f"Liberation Serif {style} not found in {directory} nor by fc-match.")
        files[key] = path
    return files


def font_face_css() -> str:
    rules = []
    for (weight, style), path in font_files().items():
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
            f'src: url("{path.as_uri()}"); }}'
        )
    rules.append(f':root {{ --pdf-font: "{FONT_FAMILY}"; }}')
    rules.append(f'html {{ font-family: "{FONT_FAMILY}"; font-variant-ligatures: none; }}')
    return "\n".join(rules)


def _url_fetcher_class() -> type:
    from weasyprint.urls import URLFetcher

    class LocalFilesOnly(URLFetcher):
        """Fetch ``file:`` URLs only; anything else is an error that stops the rendering."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)

    return LocalFilesOnly


@cache
def _weasy_with(font_css_text: str) -> tuple[Any, Any, Any, type]:  # WeasyPrint ships no types
    """Import WeasyPrint lazily (it loads Pango) and build the shared font set-up once per process."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher_class = _url_fetcher_class()
    font_config = FontConfiguration()
    font_css = CSS(string=font_css_text, font_config=font_config, url_fetcher=fetcher_class())
    # Drop the configuration while the interpreter is intact (its __del__ needs its modules).
    atexit.register(_weasy_with.cache_clear)
    return HTML, font_config, font_css, fetcher_class


def default_base_url() -> str:
    """Relative URLs in PDF templates resolve inside the project's static folder, on disk."""
    return (Path(settings.BASE_DIR) / "static").as_uri() + "/"


def render_html(template_name: str, context: dict) -> str:
    """The template under the PDF's language and time zone, NFC-normalised."""
    with translation.override(PDF_LANGUAGE), timezone.override(ZoneInfo(PDF_TIME_ZONE)):
        html = render_to_string(template_name, context)
    return unicodedata.normalize("NFC", html)


def _write_pdf(html: str, base_url: str, font_css_text: str) -> bytes:
    from weasyprint.urls import FatalURLFetchingError

    HTML, font_config, font_css, fetcher_class = _weasy_with(font_css_text)
    try:
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher_class())
        with _RENDER_LOCK:
            return document.write_pdf(stylesheets=[font_css], font_config=font_config)
    except FatalURLFetchingError as error:  # a BaseException: turn it into an ordinary error
        raise PdfResourceRefused(str(error)) from error


def render_html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    return _write_pdf(html, base_url or default_base_url(), font_face_css())


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes. THE rendering function."""
    return render_html_to_pdf(render_html(template_name, context), base_url=base_url)


def pdf_processes() -> int:
    """How many processes render a batch's chunks at once: settings.PDF_PROCESSES, at least 1."""
    return max(1, int(getattr(settings, "PDF_PROCESSES", 1) or 1))


def _render_chunk_in_child(html: str, base_url: str, font_css_text: str) -> bytes:
    """The body of a child process: WeasyPrint only (no Django set-up, no database, no template)."""
    return _write_pdf(html, base_url, font_css_text)


def _chunk_pool(processes: int) -> ProcessPoolExecutor:
    """Children forked from multiprocessing's fork server, which is a fresh interpreter (started once
    per worker process, not forked from it) that has imported this module and WeasyPrint and nothing
    else: no database connection, no Django set-up, no thread, no Pango state is inherited from the
    worker, and WeasyPrint's import (which looks for its libraries with gcc and ldconfig: seconds) is
    paid once per worker, not once per child. The worker's ``__main__`` is not re-imported."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", "hoinghi.pdf"])
    return ProcessPoolExecutor(max_workers=processes, mp_context=context)


def render_pdf_in_chunks(
    template_name: str,
    items: Sequence[Any],
    context_for: Callable[[Sequence[Any]], dict],
    out: BinaryIO,
    *,
    chunk_size: int,
    progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
) -> None:
    """One long PDF for a background job: ``items`` rendered ``chunk_size`` at a time, pages joined into ``out``.

    Each chunk is its own WeasyPrint document (``context_for(chunk)``), so the renderer's memory stays
    that of one chunk whatever the batch size, and the time per page does not grow with it; pypdf
    joins the pages. ``progress(done, total)`` is called after each chunk, in order.

    With ``processes`` (default ``settings.PDF_PROCESSES``) above 1 and more than one chunk, the
    chunks' WeasyPrint rendering runs in that many child processes at once. This process still
    builds every chunk's context and HTML (the database and the templates stay here: the children
    get an HTML string and return PDF bytes), at most ``2 × processes`` chunks ahead of the oldest
    unfinished one, so memory stays bounded by the chunk whatever the batch size.

    The chunks wait as plain bytes (about 2 KB a page) and pypdf parses them only at the end: a
    growing writer's object tree would be scanned by every garbage collection during the later
    chunks, which made each chunk of a 2,000-certificate batch ~10 % slower than the first.
    """
    processes = pdf_processes() if processes is None else max(1, processes)
    starts = range(0, len(items), chunk_size)
    total = len(items)
    chunks: list[bytes] = []
    if processes == 1 or len(starts) < 2:
        for start in starts:
            chunk = items[start : start + chunk_size]
            chunks.append(render_pdf(template_name, context_for(chunk)))
            if progress is not None:
                progress(start + len(chunk), total)
    else:
        base_url, font_css_text = default_base_url(), font_face_css()
        pending: deque[tuple[int, Future[bytes]]] = deque()

        def collect_oldest() -> None:
            done, future = pending.popleft()
            try:
                chunks.append(future.result())
            except BrokenProcessPool as error:  # a child died (killed, out of memory): a plain error
                raise RuntimeError("A PDF rendering process stopped.") from error
            if progress is not None:
                progress(done, total)

        with _chunk_pool(min(processes, len(starts))) as pool:
            try:
                for start in starts:
                    chunk = items[start : start + chunk_size]
                    html = render_html(template_name, context_for(chunk))
                    pending.append(
                        (start + len(chunk), pool.submit(_render_chunk_in_child, html, base_url, font_css_text))
                    )
                    while len(pending) > 2 * processes:
                        collect_oldest()
                while pending:
                    collect_oldest()
            except BaseException:
                for _, future in pending:
                    future.cancel()
                raise
    if len(chunks) == 1:  # one chunk: WeasyPrint's own bytes, as render_pdf gives them
        out.write(chunks[0])
        return
    writer = PdfWriter()
    for content in chunks:
        writer.append(io.BytesIO(content))
    writer.write(out)
