"""What a commendation-history row is, read from the wording of its title.

A commendation-history row (``CommendationRecord``) is a nominations record: the nominations
services and the import classify each row as they save it, and the eligibility rules read the
stored category. So the classification lives with the record, in nominations.
"""

import re

from hoinghi.text import fold
from nominations.enums import RecordCategory

C = RecordCategory
_NOT_WORD = re.compile(r"[^a-z0-9]+")

# (folded keywords that must all appear, category), first match wins. The award forms come first
# ("Giấy khen … đã hoàn thành xuất sắc nhiệm vụ" is a Giấy khen, not the yearly rating), then the
# collective titles before the individual ones they contain ("tập thể lao động tiên tiến" holds
# "lao động tiên tiến").
KEYWORDS: list[tuple[tuple[str, ...], str]] = [
    (("bang khen", "thu tuong"), C.OTHER),  # the Prime Minister's Bằng khen is not the province's
    (("bang khen",), C.PROVINCIAL_MERIT),
    (("giay khen",), C.CERTIFICATE_OF_MERIT),
    (("tap the lao dong xuat sac",), C.EXCELLENT_LABOUR_COLLECTIVE),
    (("tap the lao dong tien tien",), C.ADVANCED_LABOUR_COLLECTIVE),
    (("chien si thi dua co so",), C.GRASSROOTS_EMULATION_FIGHTER),
    (("lao dong tien tien",), C.ADVANCED_LABOURER),
    (("hoan thanh xuat sac",), C.EXCELLENT_COMPLETION),
    (("htxsnv",), C.EXCELLENT_COMPLETION),
    (("sang kien",), C.INITIATIVE),
    (("de tai",), C.RESEARCH),
    (("nghiem thu",), C.RESEARCH),
]


def infer_category(title: str) -> str:
    """The RecordCategory a title's wording names, or OTHER when it names none.

    >>> infer_category("Chiến sĩ thi đua cơ sở năm 2023")
    'grassroots_fighter'
    """
    # Whole words only: "de tai" must not match inside another word.
    words_of_title = f" {_NOT_WORD.sub(' ', fold(title)).strip()} "
    for words, category in KEYWORDS:
        if all(f" {word} " in words_of_title for word in words):
            return str(category)
    return str(C.OTHER)


def category_for(title: str, category: str | None) -> str:
    """The category to store: the one given, unless it is blank or OTHER, then the inferred one."""
    if category and category != C.OTHER:
        return category
    return infer_category(title)
