"""Every status renders a visible badge (issue 9, item 3).

Found on the unit's list page: "Hội đồng đồng ý", "Hội đồng không đồng ý" and "Đã khen thưởng"
had no badge style, so Bootstrap's white badge text sat on the white page and the status column
looked empty.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from nominations.enums import NominationStatus as S
from tests.browser_support import ARTIFACTS, chromium
from tests.nominations.test_browser import TIMEOUT_MS, log_in
from tests.nominations.test_views import nominate

CSS = Path(settings.BASE_DIR) / "static" / "css" / "hoinghi.css"
# WCAG AA for normal text; badge text is small and bold.
MINIMUM_CONTRAST = 4.5


def css_rules() -> list[tuple[list[str], str]]:
    """(selectors, declarations) of each rule of hoinghi.css, comments left out."""
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    return [
        ([s.strip() for s in selectors.split(",")], body)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)
    ]


def declarations_for(selector: str) -> str:
    return " ".join(body for selectors, body in css_rules() if selector in selectors)


def rendered_badge(status: S) -> tuple[list[str], str]:
    with translation.override("vi"):
        html = render_to_string("nominations/_status.html", {"status": status.value, "label": status.label})
    classes = re.search(r'class="([^"]*)"', html)[1].split()
    label = re.sub(r"<[^>]+>", "", html).strip()
    return classes, label


@pytest.mark.parametrize("status", list(S), ids=[s.value for s in S])
def test_every_status_renders_a_labelled_badge_the_css_styles(status):
    classes, label = rendered_badge(status)

    with translation.override("vi"):
        assert label == str(status.label) != ""
    assert classes == ["badge", "status-badge", f"status-{status.value}"]
    declarations = declarations_for(f".status-{status.value}")
    assert re.search(r"background-color:\s*#[0-9a-f]{6}", declarations), f".status-{status.value} has no background"


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    first, second = (_luminance(tuple(float(v) for v in re.findall(r"[\d.]+", c))) for c in (foreground, background))
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_of_known_colours():
    assert round(contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)"), 2) == 21.0
    assert round(contrast("rgb(255, 255, 255)", "rgb(255, 255, 255)"), 2) == 1.0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unit_list_shows_every_status_badge_visibly(
    restore_migrated_rows, live_server, monkeypatch, conference, unit_a, giay_khen, staff_a
):
    for number, status in enumerate(S):
        nominate(conference, unit_a, f"Nguyễn Văn Số {number}", by=staff_a, award_form=giay_khen, status=status)
    with translation.override("vi"):
        labels = {str(status.label) for status in S}

    with chromium(monkeypatch, timeout_ms=TIMEOUT_MS) as (new_page, problems):
        page = new_page()
        log_in(page, live_server.url, staff_a.username)
        page.goto(live_server.url + reverse("nomination_list"))
        page.screenshot(path=ARTIFACTS / "browser-status-badges.png", full_page=True)
        badges = page.get_by_test_id("nomination-table").locator(".status-badge")
        seen = badges.evaluate_all(
            """els => els.map(e => {
                const box = e.getBoundingClientRect(), style = getComputedStyle(e);
                return {text: e.innerText.trim(), width: box.width, height: box.height,
                        color: style.color, background: style.backgroundColor};
            })"""
        )

    assert problems == []
    assert sorted(b["text"] for b in seen) == sorted(labels)
    for badge in seen:
        assert badge["width"] > 0 and badge["height"] > 0, badge
        assert not badge["background"].startswith("rgba(0, 0, 0, 0"), badge
        assert contrast(badge["color"], badge["background"]) >= MINIMUM_CONTRAST, badge
