"""The text a person reads on an HTML page, and the English words a Vietnamese page must not show.

``visible_text`` keeps the text nodes (not scripts, styles or templates) and the attributes a
person meets: ``title``, ``placeholder``, ``aria-label``, ``alt`` and the value of a button-like
input. ``english_words`` finds the listed English words in it, whole words, any case.
"""

import re
from html.parser import HTMLParser

# Words that betray an untranslated string. Proper names and codes (PDF, Excel, QR, OTP, TOTP,
# Bootstrap, English — the footer's language switch names it in its own language) are not here.
ENGLISH_WORDS = (
    "Show counts",
    "Hide counts",
    "Entry",
    "Printed by",
    "Conference",
    "Award form",
    "draft",
    "Save",
    "Delete",
    "Add",
    "Change",
    "History",
    "Search",
    "Filter",
    "Welcome",
    "Log out",
    "Log in",
    "Password",
    "Home",
    "Select",
    "Action",
    "Actions",
    "Go",
    "Yes",
    "No",
    "All",
    "Today",
    "Task",
    "Tasks",
    "Attempt",
    "Attempts",
    "Device",
    "Devices",
    "Axes",
    "Toggle navigation",
    "Django",
    "administration",
    "View",
    "Users",
    "Groups",
    "None",
    "Unknown",
    "Status",
    "Name",
    "Date",
    "Created",
    "Updated",
    "User",
    "Unit",
    "Nomination",
    "Nominee",
    "Ballot",
    "Decision",
    "Delegate",
    "Result",
    "Results",
    "Error",
    "Queue",
    "Priority",
    "Backend",
    "Key",
    "Confirmed",
    "Token",
    "Throttling",
    "Failure",
    "Failures",
    "Username",
    "Address",
    "Path",
    "Access",
    "Log",
    "Logs",
    "Record",
    "Records",
    "Reason",
    "Number",
    "Time",
    "Opened by",
    "Recorded by",
    "Requested by",
    "Uploaded by",
    "Created by",
    "Decided by",
    "Mode",
    "Kind",
    "Title",
    "Order",
    "Member",
    "Meeting",
    "Print",
    "Download",
    "Upload",
    "Export",
    "Import",
    "Submit",
    "Cancel",
    "Edit",
    "Close",
    "Open",
    "Clear",
    "Previous",
    "Next",
    "Page",
    "Remove",
    "Choose",
    "Available",
    "Chosen",
    "Recent",
    "Documentation",
    "characters",
    "password",
    "too short",
    "the",
    "and",
    "of",
    "is",
    "this",
    "for",
    "with",
    "by",
)
# A word inside a dotted code path (``nominations.tasks.export_nominations_xlsx``) is code, not English.
_PATTERN = re.compile(
    r"(?<!\w)(?<!\w\.)("
    + "|".join(re.escape(w) for w in sorted(ENGLISH_WORDS, key=len, reverse=True))
    + r")(?!\w)(?!\.\w)",
    re.IGNORECASE,
)
# A message template's placeholder ("{{ unit }}", docs/outbox.md) is code the Office types, not English.
_PLACEHOLDER = re.compile(r"\{\{\s*[a-z_][a-z0-9_]*\s*\}\}")
# Stored data, not interface: django-axes records "<unknown>" for a request without a User-Agent.
KNOWN_DATA = {"<unknown>"}
# <code> holds identifiers a program reads (the read API's field names, types and values, HTTP
# headers), not words of the interface.
_SKIPPED = {"script", "style", "template", "noscript", "code"}
_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
_BUTTON_INPUTS = {"submit", "button", "reset"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skipping += 1
        values = dict(attrs)
        self.parts.extend(values[name] for name in _ATTRIBUTES if values.get(name))
        if tag == "input" and (values.get("type") or "").lower() in _BUTTON_INPUTS and values.get("value"):
            self.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in _SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> list[str]:
    """The page's readable pieces (text nodes and the attributes above), whitespace collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return [" ".join(part.split()) for part in parser.parts]


def english_words(html: str) -> list[str]:
    """``word in «piece»`` for each listed English word found on the page."""
    found = []
    for piece in visible_text(html):
        if piece in KNOWN_DATA:
            continue
        for match in _PATTERN.finditer(_PLACEHOLDER.sub(" ", piece)):
            found.append(f"{match.group(0)!r} in «{piece[:120]}»")
    return found
