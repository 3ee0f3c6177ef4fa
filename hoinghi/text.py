"""Vietnamese text helpers shared by every app: normalisation, folding, collation keys.

Why a stored sort key: PostgreSQL clusters often default to C.UTF-8 (Ă, Đ, Ô after Z) and
SQLite has no ICU at all. A key made only of ASCII digits compares the same way under
every collation, so "ORDER BY sort_key" gives Vietnamese dictionary order on both.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^\w]+|_")

# Primary order of the Vietnamese alphabet (with the foreign letters f, j, w, z in place).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_DIGITS = "0123456789"
# Tones in dictionary order: ngang < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_UNKNOWN_CODE = "99"
_PRIMARY_CODES = {ch: f"{i + 2:02d}" for i, ch in enumerate(_DIGITS + _ALPHABET)}
SORT_KEY_LENGTH = 250


# Invisible code points (docs/data-safety.md "Invisible characters"): format characters (Cf:
# zero-width space and joiners, soft hyphen, bidi marks, overrides and isolates, word joiner,
# BOM, U+180E), control characters other than whitespace, private use, surrogates, and the
# letters and symbols that draw nothing (Hangul fillers, braille blank, grapheme joiner).
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cs"}
_BLANK_GLYPHS = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0]")


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) in _INVISIBLE_CATEGORIES and not ch.isspace()


def remove_invisible(value: str) -> str:
    """Drop every code point that shows nothing yet changes how a text prints or compares.

    A right-to-left override prints a name reversed on a certificate; a zero-width space makes
    two spellings of one name different. Whitespace is left for the callers to collapse.
    """
    if not value.isprintable():  # fast path: ordinary text has no Cc/Cf/Co/Cs at all
        value = "".join(ch for ch in value if not _is_invisible(ch))
    return _BLANK_GLYPHS.sub("", value)


def normalize_text(value: str | None) -> str:
    """NFC-normalise, drop invisible characters, trim and collapse runs of whitespace inside one line."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", remove_invisible(str(value)))
    return _SPACES.sub(" ", value).strip()


def normalize_multiline(value: str | None) -> str:
    """NFC-normalise, drop invisible characters and trim a multi-line text, keeping its line breaks."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", remove_invisible(str(value))).replace("\r\n", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(lines).strip()


def fold(value: str | None, *, keep_case: bool = False) -> str:
    """Lower-case ASCII form for searching: no tone or vowel marks, đ → d.

    The project's one diacritic-folding function (search, duplicate keys, import look-ups, file
    names). ``keep_case=True`` keeps capitals ("QĐ" → "QD"), for file names.
    """
    text = normalize_text(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped if keep_case else stripped.lower()


def _split_letter(ch: str) -> tuple[str, int]:
    """Return (base letter with its vowel marks, tone number) for one lower-case character."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _word_key(word: str) -> str:
    primary: list[str] = []
    tone = 0
    for ch in word:
        base, mark = _split_letter(ch)
        code = _PRIMARY_CODES.get(base) or _PRIMARY_CODES.get(fold(base), _UNKNOWN_CODE)
        primary.append(code)
        # One tone per syllable, wherever it is written: "Hòa" and "Hoà", "Thủy" and "Thuỷ" are equal.
        tone = tone or mark
    return "".join(primary) + "00" + str(tone)


def collation_key(value: str | None) -> str:
    """Digits-only key that sorts Vietnamese text in dictionary order.

    Syllable by syllable, as Vietnamese dictionaries do: letters first (a < ă < â,
    d < đ, …), then the tone of that syllable (ngang < huyền < hỏi < ngã < sắc < nặng),
    then the next syllable. Punctuation separates syllables and is otherwise ignored.
    """
    words = _NON_ALNUM.split(normalize_text(value).lower())
    return "".join(_word_key(word) for word in words if word)[:SORT_KEY_LENGTH]


def person_name_key(full_name: str | None) -> str:
    """Sort key for a personal name: given name, then middle names, then family name."""
    words = normalize_text(full_name).split(" ")
    if len(words) > 1:
        words = words[-1:] + words[1:-1] + words[:1]
    return collation_key(" ".join(words))
