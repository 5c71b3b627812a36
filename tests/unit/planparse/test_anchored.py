"""Patterns searched only where their words are find what the plain pattern finds."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.planparse import assignments, deadlines, drafts, header
from bot.planparse.anchored import CASE_BLIND_FORMS, AnchoredPattern

EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def _anchored_patterns() -> list[AnchoredPattern]:
    modules = (assignments, deadlines, drafts, header)
    found = [
        value for m in modules for value in vars(m).values() if isinstance(value, AnchoredPattern)
    ]
    return found + [pattern for _, pattern in deadlines._CADENCES]


def test_lower_case_gives_each_letter_of_a_case_blind_word_a_listed_form() -> None:
    letters = {
        letter
        for pattern in _anchored_patterns()
        if pattern.lower_case
        for group in pattern.groups
        for word in group
        for letter in word
        if letter.isalpha()
    } - {"ı", "ſ"}  # forms of "i" and "s", listed with them

    assert letters  # the names, prefixes and attached-plan phrases ignore case
    for letter in letters | {"i", "s", "k"}:
        matching = re.findall(re.escape(letter), EVERY_CHARACTER, re.IGNORECASE)
        forms = {character.lower() for character in matching}
        assert forms <= set(CASE_BLIND_FORMS.get(letter, letter)), letter


def test_a_word_in_any_case_form_lets_the_text_be_searched() -> None:
    prefix = AnchoredPattern(r"giao\s+", ("giao",), re.IGNORECASE)
    for text in ("Giao Phòng", "GİAO Phòng", "gıao Phòng", "GIAO Phòng"):
        assert prefix.search(text) is not None, text
    assert prefix.search("Gửi Phòng") is None


def test_a_group_needs_all_its_words() -> None:
    pattern = AnchoredPattern(r"các\s+tổ chức", (("tổ chức", "các"),), re.IGNORECASE)
    assert pattern.may_match("Các  tổ chức")
    assert not pattern.may_match("Tổ chức tập huấn")
    assert not pattern.may_match("các cơ quan")


# Pieces of the phrases the anchored patterns look for, in both cases, and letters that match
# others case-blind: texts made of them often hold a phrase, or all its words but not the phrase.
PIECES = ["hằng", "hàng", "mỗi", "năm", "tháng", "quý", "lần", "định kỳ", "6", "sáu", "một", "ngày"]
PIECES += ["12", "15/12", "số 5/KH", "10/01/2022", "định hướng", "giáo dục thường xuyên", "nửa"]
PIECES += ["các", "những", "và", "tổ chức", "chính trị", "cơ sở", "cơ quan tham mưu", "ban", "đạo"]
PIECES += [
    "chỉ",
    "quản lý",
    "xây dựng",
    "giao",
    "cho",
    "đề nghị",
    "do",
    "kèm theo",
    "Kế hoạch",
    "(",
    ")",
]
PIECES += ["năm một lần", "tháng 1 lần", "6 tháng/lần", "quý một lần", "theo quý", "mỗi quý"]
PIECES += ["định kỳ tháng", "nửa năm một lần", "tháng 12 hằng năm", "giao cho", "ngày 20"]
PIECES += [piece.upper() for piece in PIECES] + [" ", " ", "\n", ", ", "İ", "ı", "ſ", "x"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_anchored_patterns_find_what_their_patterns_find(text: str) -> None:
    for anchored in _anchored_patterns():
        found, plain = anchored.search(text), anchored.pattern.search(text)
        assert (found and found.span()) == (plain and plain.span()), anchored.pattern.pattern
