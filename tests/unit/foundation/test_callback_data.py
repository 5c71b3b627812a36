"""Typed button payloads: what packs, what unpacks, and what is refused both ways."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.callback_data import CallbackData, MalformedCallback, as_id
from bot.callbacks import AdminAction, ReportTask, SummaryPage


@dataclass(frozen=True)
class Sample(CallbackData, prefix="smp"):
    """A payload of each field type."""

    number: int
    word: str


def test_a_payload_packs_and_unpacks_to_itself():
    packed = Sample(42, "ok").pack()
    assert packed == "smp:42:ok"
    assert Sample.unpack(packed) == Sample(42, "ok")
    assert isinstance(Sample.unpack(packed).number, int)


@pytest.mark.parametrize(
    "data",
    [
        "smp:42",  # a field missing
        "smp:42:ok:more",  # one too many
        "smp::ok",  # an empty field
        "smp:x:ok",  # not a number
        "smp:-1:ok",  # numbers are ids and pages, never negative
        "smp:٣:ok",  # Arabic-Indic three: a digit to str.isdigit, not to us
        "smp:３:ok",  # full-width three
        "smp:" + "9" * 5000 + ":ok",  # thousands of digits
        "smp:1234567890:ok",  # ten digits: beyond any id we hand out
        "smp:1:ôk",  # non-ASCII text
        "xyz:1:ok",  # another kind of button
    ],
)
def test_data_no_current_button_sends_is_malformed(data):
    with pytest.raises(MalformedCallback):
        Sample.unpack(data)


def test_the_64_byte_limit_is_checked_when_packing():
    assert len(Sample(1, "a" * 58).pack()) == 64
    with pytest.raises(ValueError, match="64 bytes"):
        Sample(1, "a" * 59).pack()


@pytest.mark.parametrize(
    "payload",
    [Sample(-1, "ok"), Sample(10**9, "ok"), Sample(1, "a:b"), Sample(1, "ô"), Sample(1, "")],
)
def test_a_field_that_could_not_come_back_is_refused_when_packing(payload):
    with pytest.raises(ValueError):
        payload.pack()


def test_a_prefix_must_be_ascii_letters_or_digits():
    with pytest.raises(ValueError, match="prefix"):

        class Bad(CallbackData, prefix="a:b"):
            pass


def test_the_wire_format_of_buttons_already_sent_still_unpacks():
    assert ReportTask.unpack("rep:12:7") == ReportTask(task_id=12, unit_id=7)
    assert SummaryPage.unpack("sum:u3:2") == SummaryPage(token="u3", page=2)
    assert AdminAction.unpack("adm:ok:0a1b2c3d") == AdminAction("ok", "0a1b2c3d")


@pytest.mark.parametrize(("text", "expected"), [("7", 7), ("0", 0), ("٣", None), ("1" * 10, None)])
def test_an_id_inside_a_text_field(text, expected):
    assert as_id(text) == expected
