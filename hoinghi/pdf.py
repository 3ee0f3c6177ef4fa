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
import shutil
import subprocess  # noqa: S404 (fc-match with a fixed argument list)  # nosec B404
import threading
import unicodedata
from collections.abc import Callable, Sequence
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
def _weasy() -> tuple[Any, Any, Any, type]:  # WeasyPrint ships no types
    """Import WeasyPrint lazily (it loads Pango) and build the shared font set-up once."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher_class = _url_fetcher_class()
    font_config = FontConfiguration()
    font_css = CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher_class())
    # Drop the configuration while the interpreter is intact (its __del__ needs its modules).
    atexit.register(_weasy.cache_clear)
    return HTML, font_config, font_css, fetcher_class


def default_base_url() -> str:
    """Relative URLs in PDF templates resolve inside the project's static folder, on disk."""
    return (Path(settings.BASE_DIR) / "static").as_uri() + "/"


def render_html(template_name: str, context: dict) -> str:
    """The template under the PDF's language and time zone, NFC-normalised."""
    with translation.override(PDF_LANGUAGE), timezone.override(ZoneInfo(PDF_TIME_ZONE)):
        html = render_to_string(template_name, context)
    return unicodedata.normalize("NFC", html)


def render_html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    from weasyprint.urls import FatalURLFetchingError

    HTML, font_config, font_css, fetcher_class = _weasy()
    try:
        document = HTML(string=html, base_url=base_url or default_base_url(), url_fetcher=fetcher_class())
        with _RENDER_LOCK:
            return document.write_pdf(stylesheets=[font_css], font_config=font_config)
    except FatalURLFetchingError as error:  # a BaseException: turn it into an ordinary error
        raise PdfResourceRefused(str(error)) from error


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes. THE rendering function."""
    return render_html_to_pdf(render_html(template_name, context), base_url=base_url)


def render_pdf_in_chunks(
    template_name: str,
    items: Sequence[Any],
    context_for: Callable[[Sequence[Any]], dict],
    out: BinaryIO,
    *,
    chunk_size: int,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """One long PDF for a background job: ``items`` rendered ``chunk_size`` at a time, pages joined into ``out``.

    Each chunk is its own WeasyPrint document (``context_for(chunk)``), so the renderer's memory stays
    that of one chunk whatever the batch size, and the time per page does not grow with it; pypdf
    joins the pages. ``progress(done, total)`` is called after each chunk.

    The chunks wait as plain bytes (about 2 KB a page) and pypdf parses them only at the end: a
    growing writer's object tree would be scanned by every garbage collection during the later
    chunks, which made each chunk of a 2,000-certificate batch ~10 % slower than the first.
    """
    chunks: list[bytes] = []
    for start in range(0, len(items), chunk_size):
        chunk = items[start : start + chunk_size]
        chunks.append(render_pdf(template_name, context_for(chunk)))
        if progress is not None:
            progress(start + len(chunk), len(items))
    writer = PdfWriter()
    for content in chunks:
        writer.append(io.BytesIO(content))
    writer.write(out)
