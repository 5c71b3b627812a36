"""Long HTML messages split into parts Telegram accepts, without losing or breaking text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.textsplit import split_html, units
from bot.emulators.telegram_html import parse_html

WORDS = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãờớợởỡ0123456789%.,:-", min_size=1, max_size=30
)
ESCAPED = st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "😀"])


@st.composite
def html_lines(draw) -> str:
    """A line of words and entities, some wrapped in tags."""
    pieces = draw(st.lists(st.one_of(WORDS, ESCAPED), min_size=1, max_size=12))
    tag = draw(st.sampled_from(["", "b", "i", "code"]))
    body = " ".join(pieces)
    return f"<{tag}>{body}</{tag}>" if tag else body


@st.composite
def html_messages(draw) -> str:
    """Lines, sometimes under a tag that spans many lines."""
    lines = draw(st.lists(html_lines(), min_size=1, max_size=80))
    text = "\n".join(lines)
    return f"<b>{text}</b>" if draw(st.booleans()) else text


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=80, deadline=None)
@given(html_messages(), st.integers(min_value=60, max_value=600))
def test_parts_fit_parse_and_keep_every_character(text, limit):
    parts = split_html(text, limit)
    assert all(units(part) <= limit for part in parts)
    plains = [parse_html(part) for part in parts]  # raises if a part's tags are unbalanced
    assert squeeze("".join(plains)) == squeeze(parse_html(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(html_lines(), min_size=2, max_size=60))
def test_lines_that_fit_are_never_cut(lines):
    limit = max(units(line) for line in lines) + 20
    parts = split_html("\n".join(lines), limit)
    assert [line for part in parts for line in parse_html(part).split("\n")] == [
        parse_html(line) for line in lines
    ]


def test_a_short_message_is_left_alone():
    assert split_html("<b>Ngắn</b> gọn", 4096) == ["<b>Ngắn</b> gọn"]


def test_a_tag_open_across_a_cut_is_closed_and_reopened():
    text = "<i>" + "\n".join(f"dòng {n}" for n in range(50)) + "</i>"
    parts = split_html(text, 100)
    assert len(parts) > 1
    assert all(part.startswith("<i>") and part.endswith("</i>") for part in parts)


def test_a_word_longer_than_a_part_is_cut_hard():
    url = "https://dondoc.example.vn/" + "x" * 500
    parts = split_html(f"Xem <code>{url}</code>", 100)
    assert all(units(part) <= 100 for part in parts)
    assert "".join(parse_html(part) for part in parts).replace(" ", "") == f"Xem{url}"
