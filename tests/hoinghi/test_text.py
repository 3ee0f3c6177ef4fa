"""hoinghi.text: normalisation, folding for search, and Vietnamese dictionary order."""

import re
import unicodedata
from pathlib import Path

import pytest

from hoinghi.text import collation_key, fold, normalize_multiline, normalize_text, person_name_key

# "Nguyễn Thị Hường" as a Mac or an old Windows keyboard may send it: base letters + combining marks.
PROJECT_APPS = {"accounts", "reference", "nominations", "movements", "registry", "awards", "conference", "jobs"}
REPORT_TEXTS = ("results", "good_practices", "lessons", "shortcomings", "proposals")
NFD_NAME = "Nguye\u0302\u0303n Thi\u0323 Hu\u031bo\u031b\u0300ng"
NFC_NAME = "Nguyễn Thị Hường"


def test_normalize_text_nfd_input_becomes_nfc():
    result = normalize_text(NFD_NAME)

    assert result == NFC_NAME
    assert unicodedata.is_normalized("NFC", result)
    assert len(result) == 16


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn   Thị\tHường \n", "Nguyễn Thị Hường"),
        ("\u00a0Phòng\u00a0Chuyển đổi số\u2003", "Phòng Chuyển đổi số"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_normalize_text_whitespace_trimmed_and_collapsed(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_multiline_keeps_line_breaks():
    raw = "  Hoàn thành   xuất sắc nhiệm vụ.\r\n  Sa\u0301ng kiến cấp cơ sở.  \n\n"

    assert normalize_multiline(raw) == "Hoàn thành xuất sắc nhiệm vụ.\nSáng kiến cấp cơ sở."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Đặng", "dang"),
        ("Nguyễn Thị Hường", "nguyen thi huong"),
        (NFD_NAME, "nguyen thi huong"),
        ("ĐOÀN THỊ ỨNG", "doan thi ung"),
        ("  Lê   Thị Ăn ", "le thi an"),
        ("Trần Văn Ân", "tran van an"),
        ("Bí thư Chi bộ Đảng", "bi thu chi bo dang"),
        (None, ""),
    ],
)
def test_fold_removes_marks_and_lowercases(value, expected):
    assert fold(value) == expected


def _sorted(words, key=collation_key):
    return sorted(words, key=key)


@pytest.mark.parametrize(
    "expected",
    [
        pytest.param(["a", "ă", "â", "b"], id="a<ă<â<b"),
        pytest.param(["d", "đ", "e"], id="d<đ<e"),
        pytest.param(["e", "ê", "g"], id="e<ê<g"),
        pytest.param(["o", "ô", "ơ", "p"], id="o<ô<ơ<p"),
        pytest.param(["u", "ư", "v"], id="u<ư<v"),
        pytest.param(["ma", "mà", "mả", "mã", "má", "mạ"], id="tones ngang<huyền<hỏi<ngã<sắc<nặng"),
        pytest.param(["an", "anh", "ăn", "ân", "bà"], id="syllable letters before tone"),
        pytest.param(["Dũng", "Duy", "Đào", "Đức", "Em"], id="d-words before đ-words"),
        pytest.param(["Hương", "Hường", "Hưởng", "Hướng"], id="names differing only by tone"),
        pytest.param(["Lan", "Lan Anh", "Lân", "Lân Anh"], id="first syllable decides"),
        pytest.param(["Ba", "Bà Ba", "Bá"], id="tone of first syllable before the next syllable"),
        pytest.param(["Tổ 10", "Tổ 2", "Tổ A"], id="digits before letters, compared digit by digit"),
    ],
)
def test_collation_key_vietnamese_dictionary_order(expected):
    shuffled = list(reversed(expected))

    assert _sorted(shuffled) == expected


def test_collation_key_ignores_case_and_normal_form():
    assert collation_key("ĐẶNG") == collation_key("đặng") == collation_key(unicodedata.normalize("NFD", "Đặng"))


def test_collation_key_is_ascii_digits_only():
    key = collation_key("Phòng Chuyển đổi số, Sở KH&CN!")

    assert key.isascii()
    assert key.isdigit()


def test_person_name_key_given_name_then_middle_then_family():
    names = [
        "Nguyễn Thị Hường",
        "Đặng Văn An",
        "Lê Thị Ăn",
        "Trần Văn Ân",
        "Phạm Anh",
        "Vũ Thị Hương",
        "Bùi Văn Dũng",
        "Hoàng Văn Đức",
    ]

    result = _sorted(names, key=person_name_key)

    assert result == [
        "Đặng Văn An",
        "Phạm Anh",
        "Lê Thị Ăn",
        "Trần Văn Ân",
        "Bùi Văn Dũng",
        "Hoàng Văn Đức",
        "Vũ Thị Hương",
        "Nguyễn Thị Hường",
    ]


def test_person_name_key_same_given_name_orders_by_middle_then_family():
    names = ["Trần Văn An", "Nguyễn Văn An", "Lê Thị An", "Đỗ An"]

    result = _sorted(names, key=person_name_key)

    # An + (no middle) + Đỗ; An + Thị + Lê; An + Văn + Nguyễn; An + Văn + Trần
    assert result == ["Đỗ An", "Lê Thị An", "Nguyễn Văn An", "Trần Văn An"]


def test_person_name_key_single_word_is_its_collation_key():
    assert person_name_key("Hường") == collation_key("Hường")


# "Thủy" (old style: tone on u) and "Thuỷ" (new style: tone on y) are one syllable written
# by two spelling conventions (likewise "Hòa"/"Hoà"). A syllable has exactly one tone, so both
# get the same sort key, and they fold to the same search text (and so to the same identity
# for duplicate detection). Before this was fixed the tone was keyed by letter position, which
# put "Hoả" (hỏi) before "Hòa" (huyền).
@pytest.mark.parametrize(("old_style", "new_style"), [("Thủy", "Thuỷ"), ("Hòa", "Hoà"), ("Khỏe", "Khoẻ")])
def test_collation_key_tone_mark_placement_does_not_matter(old_style, new_style):
    assert collation_key(old_style) == collation_key(new_style)
    assert fold(old_style) == fold(new_style)
    assert person_name_key(f"Lê Thị {old_style}") == person_name_key(f"Lê Thị {new_style}")


def test_collation_key_mixed_tone_placement_still_orders_by_tone():
    # huyền (Hòa, old style) < hỏi (Hoả, new style) < sắc (Hoá, new style) < nặng (Họa, old style)
    expected = ["Hoa", "Hòa", "Hoả", "Hoá", "Họa"]

    assert _sorted(reversed(expected)) == expected


def test_person_name_key_thuy_spellings_sort_by_family_name_only():
    names = ["Trần Thị Thủy", "Lê Thị Thuỷ"]

    assert _sorted(names, key=person_name_key) == ["Lê Thị Thuỷ", "Trần Thị Thủy"]


# --- invisible characters (issue 9 item 15): removed everywhere a name or a printed text is kept ---


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn\u200b Thị Hường", "Nguyễn Thị Hường"),  # zero-width space
        ("\u202eNguyễn Thị Hường\u202c", "Nguyễn Thị Hường"),  # right-to-left override ... pop
        ("Nguy\u00adễn\u2060 Thị\ufeff Hường", "Nguyễn Thị Hường"),  # soft hyphen, word joiner, BOM
        ("Hư\u200d\u200cờng\u200e\u200f\u2066\u2069\u061c", "Hường"),  # joiners, marks, isolates
        ("Mi\u180enh\u206a\u206f", "Minh"),  # Mongolian vowel separator, deprecated formats
        ("Mi\x00n\x07h\x1b\x7f\x85", "Minh"),  # control characters
        ("Minh\u3164 \u2800An", "Minh An"),  # Hangul filler, braille blank: shown as nothing
        ("Mi\ue000nh", "Minh"),  # private use
    ],
)
def test_normalize_text_removes_invisible_characters(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_multiline_removes_invisible_characters_but_keeps_lines_and_tabs_become_spaces():
    assert normalize_multiline("Dòng\u200b một\x00\n\u202eDòng hai\u202c\r\nba\tbốn") == "Dòng một\nDòng hai\nba bốn"


def test_fold_of_a_name_with_a_zero_width_space_equals_the_plain_name():
    assert fold("Nguyễn Thị\u200b Hường") == fold("Nguyễn Thị Hường") == "nguyen thi huong"


OUR_APPS = {"accounts", "reference", "nominations", "awards", "conference", "jobs", "outbox", "api", "registry"}


def test_every_model_with_free_text_normalises_it_on_save():
    """Every name and printed text is kept through NormalisedTextMixin; the exceptions are listed."""
    from django.apps import apps
    from django.db import models

    from hoinghi.models import NormalisedTextMixin

    # Written by the application itself, or cleaned by hoinghi.uploads.display_name.
    exempt = {
        "jobs.GeneratedFile",
        "nominations.Attachment",
        "awards.PrintedDocument",
        "outbox.StoredMail",
        "outbox.NoticeSeen",
        "api.ApiRequestLog",
        "nominations.NomineeMatch",
        "movements.ReportAttachment",
        "registry.IssuedFile",
    }
    free_text = (models.CharField, models.TextField)
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS | {"movements"}
        and not model.__name__.startswith("Historical")
        and model._meta.label not in exempt
        and not issubclass(model, NormalisedTextMixin)
        and any(
            isinstance(field, free_text) and field.editable and not field.choices
            for field in model._meta.concrete_fields
        )
    ]
    assert missing == []


def test_every_free_text_field_has_a_limit_shown_with_it():
    """Every multi-line text the users write has a max_length (forms, admin, imports enforce it)."""
    from django.apps import apps
    from django.db import models
    from django.utils import translation

    written_by_the_application = {"jobs.GeneratedFile.error", "outbox.Message.last_error", "outbox.StoredMail.body"}
    fields = [
        (f"{model._meta.label}.{field.name}", field)
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS | {"movements"} and not model.__name__.startswith("Historical")
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField)
    ]
    unlimited = [name for name, field in fields if field.max_length is None and name not in written_by_the_application]
    assert unlimited == []
    with translation.override("vi"):
        shown = {name: str(field.help_text) for name, field in fields if name not in written_by_the_application}
    assert shown == {
        "nominations.Nomination.achievement_summary": "Tối đa 2.000 ký tự.",
        "nominations.Nomination.status_note": "Lý do trả lại hoặc không chấp nhận. Tối đa 1.000 ký tự.",
        "awards.TieDecision.reason": "Tối đa 1.000 ký tự.",
        "awards.LegalBasis.text": "Tối đa 1.000 ký tự.",
        "awards.Decision.correction_reason": "Tối đa 1.000 ký tự.",
        "awards.DecisionEntry.achievement": "Tối đa 2.000 ký tự.",
        "outbox.MessageTemplate.body": "Tối đa 5.000 ký tự.",
        "outbox.Message.body": "Tối đa 5.000 ký tự.",
        "movements.MovementReport.status_note": "Tối đa 1.000 ký tự.",
        **{f"movements.MovementReport.{name}": "Tối đa 4.000 ký tự." for name in REPORT_TEXTS},
        "conference.SummarySection.body": "Tối đa 20.000 ký tự.",
        "conference.ExemplarTalk.status_note": "Tối đa 1.000 ký tự.",
        "movements.LaunchPlan.goals": "Tối đa 4.000 ký tự.",
        "movements.LaunchPlan.other_titles": "Tối đa 2.000 ký tự.",
        "movements.Pledge.text": "Tối đa 2.000 ký tự.",
        "registry.OutgoingDocument.recipients": "Tối đa 1.000 ký tự.",
        "registry.OutgoingDocument.correction_reason": "Tối đa 1.000 ký tự.",
    }


# --- one folding function (issue 10) ---------------------------------------------------------------

PROJECT = Path(__file__).resolve().parents[2]
FOLDING = re.compile(r"""normalize\(\s*["']NFK?D["']|\.combining\(""")


def _project_sources():
    for path in sorted(PROJECT.rglob("*.py")):
        relative = path.relative_to(PROJECT)
        if relative.parts[0] in {".venv", "node_modules", "tests", "var", "bench"}:
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_hoinghi_text_fold_is_the_only_diacritic_folding_in_the_project():
    """Decomposing text to drop its marks happens in ``hoinghi.text`` only; everything else calls ``fold``."""
    found = [str(relative) for relative, text in _project_sources() if FOLDING.search(text)]
    assert found == ["hoinghi/text.py"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("QĐ-05-2026-SKHCN", "QD-05-2026-SKHCN"),
        ("Tờ trình số 3 – Đợt 1", "To-trinh-so-3-Dot-1"),
        ("Giấy khen (bản in sẵn).pdf", "Giay-khen-ban-in-san-.pdf"),
    ],
)
def test_file_names_are_folded_by_fold_keeping_capitals(value, expected):
    from hoinghi.downloads import ascii_name

    assert ascii_name(value) == expected


def test_fold_keeping_capitals():
    assert fold("  Quyết định SỐ 05/QĐ-SKHCN ", keep_case=True) == "Quyet dinh SO 05/QD-SKHCN"
    assert fold("  Quyết định SỐ 05/QĐ-SKHCN ") == "quyet dinh so 05/qd-skhcn"
