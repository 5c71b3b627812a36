"""Status words of a reply: done (and its denials), ongoing, not started, asking for more time."""

from __future__ import annotations

import re

from bot.reading.folding import preceded_by, rule

_DONE = rule(r"\b{DONE}\b")
# Words that, just before "xong", deny it or push it into the future.
_NOT_DONE_BEFORE = rule(
    r"\b(?:{CHUA}|{KHONG}|chang|cha|sap|gan|se|du kien|phan dau|de|nham|kip|co gang|khi|can"
    r"|phai|neu|la|muon|mong)(?:\s+\S+)?\s*$"
)
# Done with a part named after it: "xong 2 xã", "hoàn thành giai đoạn 1", "còn 2 xã chưa…".
_PART = rule(
    r"\b{DONE}\s+(?:(?:duoc|khoang|viec)\s+)?\d+(?![\d.,])(?!\s*(?:%|phan tram))"
    r"|\b(?:giai doan|buoc|khau|phan (?:\d|i|ii|iii|mot|hai|dau)|con lai|con \d+)\b"
)
_QUESTION_AFTER = rule(
    r"[^.!;\n]*\?|\s+(?:{CHUA}|{KHONG})\s*(?:(?:a|em|anh|chi|vay|nhi|the)\b)?\s*(?:[.!?]|$)"
)
_ONGOING = rule(
    r"\b(?:dang|tiep tuc|da (?:duoc )?(?:trien khai|thuc hien|lam|to chuc|khao sat)"
    r"|(?:trien khai|thuc hien|lam) {DUOC})\b"
)
_GOING_ON = rule(r"\b(?:dang|tiep tuc)\b")
_NOT_STARTED = rule(
    r"\b(?:{CHUA}|{KHONG}) (?:the )?(?:trien khai|thuc hien|bat dau|lam|tien hanh)\b"
    r"(?!\s+(?:xong|hoan thanh|het|{DUOC}\s+\d))"
)
_EXTENSION = rule(
    r"\b(?:gia han|lui (?:thoi )?han|lui tien do|xin lui|lui (?:den|sang)|keo dai thoi han"
    r"|xin them thoi gian|dieu chinh thoi han)\b"
)
_NOT_EXTENSION_BEFORE = rule(r"\b(?:{KHONG}|{CHUA}|chang)(?:\s+\S+)?\s*$")


def says_done(folded: str) -> bool:
    """Whether the reply says "done" without a denial or a future before it."""
    return any(not preceded_by(_NOT_DONE_BEFORE, folded, m.start()) for m in _stated_done(folded))


def _stated_done(folded: str) -> list[re.Match[str]]:
    """The done words of the reply, but for questions ("xong chưa ạ?")."""
    return [m for m in _DONE.finditer(folded) if not _QUESTION_AFTER.match(folded, m.end())]


def names_part(folded: str) -> bool:
    """Whether the reply names a part of the work beside its "done"."""
    return _PART.search(folded) is not None


def says_going_on(folded: str) -> bool:
    """Whether the reply says some work is going on now: "đang …", "tiếp tục …"."""
    return _GOING_ON.search(folded) is not None


def says_unfinished(folded: str) -> bool:
    """Whether the reply says the work goes on or is not done yet ("chưa xong", "sẽ hoàn thành")."""
    if _ONGOING.search(folded):
        return True
    return any(preceded_by(_NOT_DONE_BEFORE, folded, m.start()) for m in _stated_done(folded))


def says_not_started(folded: str) -> bool:
    """ "Chưa triển khai", "chưa thực hiện được", "không thể thực hiện"."""
    return _NOT_STARTED.search(folded) is not None


def asks_extension(folded: str) -> bool:
    """Whether the reply asks for more time (and does not say it needs none)."""
    return any(
        not preceded_by(_NOT_EXTENSION_BEFORE, folded, match.start())
        for match in _EXTENSION.finditer(folded)
    )
