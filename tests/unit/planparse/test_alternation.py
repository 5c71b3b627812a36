"""Alternations regrouped by first letter find what the plain alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.planparse.alternation import by_first_letter

# Overlapping words on purpose: a shorter one first ("là" before "làm"), one inside another.
WORDS = r"là cơ quan|là|làm đầu mối|làm|hàng năm|năm \d{4}|chủ trì|chịu trách nhiệm|trình|tháng \d"
PIECES = ["là", "làm", " cơ quan", " đầu mối", "hàng", " năm", " 2025", "chủ", " trì", "chịu"]
PIECES += [" trách nhiệm", "trình", "tháng", " 7", "x", " ", ",", "\n"]


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


def test_groups_follow_the_first_letters_in_their_order() -> None:
    grouped = by_first_letter("chủ trì|làm|chịu|là|tháng")
    assert grouped == "c(?:hủ trì|hịu)|l(?:àm|à)|t(?:háng)"


def test_the_earlier_of_two_words_at_one_place_still_wins() -> None:
    text = "làm đầu mối; là cơ quan"
    words = r"(?:" + by_first_letter("là|làm đầu mối|làm") + r")"
    assert [m.group() for m in re.finditer(words, text)] == ["là", "là"]
    whole = words + r"(?!\w)"  # "là" fails before "m", so the next word is tried
    assert [m.group() for m in re.finditer(whole, text)] == ["làm đầu mối", "là"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_same_matches_as_the_plain_alternation(text: str) -> None:
    plain = r"(?<!\w)(?:" + WORDS + r")(?!\w)"
    grouped = r"(?<!\w)(?:" + by_first_letter(WORDS) + r")(?!\w)"
    assert spans(grouped, text) == spans(plain, text)
