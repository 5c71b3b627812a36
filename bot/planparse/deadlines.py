"""Deadline phrases → due date, recurrence and report day, per the DOMAIN rules."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from bot.domain import Recurrence
from bot.planparse.anchored import AnchoredPattern
from bot.unitnames import fold_spelling

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:\s*(?:/|-|năm)\s*(?P<{}>\d{{4}}))"

# Dates of cited documents ("Nghị quyết số 14-NQ/TU ngày 10/01/2022") and long-term visions
# ("định hướng đến năm 2030") are not deadlines.
_IGNORED = AnchoredPattern(
    r"(?=[sđg])(?:\bsố\s+[\w./-]+\s+ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|\bsố\s+[\w./-]+\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|định hướng\s+(?:đến\s+)?(?:năm\s+)?\d{4}"
    r"|giáo dục thường xuyên)",
    ("số", "định hướng", "giáo dục thường xuyên"),
)
_EVERY = ("hằng", "hàng", "mỗi")  # "hằng năm", "hàng tháng", "mỗi quý"
# "tháng 12 hằng năm", "trước ngày 15/12 hằng năm": a yearly report point, not a due date.
_ANNUAL_POINT = AnchoredPattern(
    r"(?=[nt])(?:\bngày\s+(?P<day>\d{1,2})\s*(?:/\s*|tháng\s+)(?P<month>\d{1,2})"
    r"|\btháng\s+(?P<only>\d{1,2}))"
    r"\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+năm",
    _EVERY,
)
# Every phrase but a span starts at a word boundary, with a digit or one of the letters in the
# lookahead: both checked first, so most positions are passed over at once. A span alone begins
# with "g", so it is tried first (it fails at once elsewhere); the other phrases keep their order.
_DUE = re.compile(
    r"(?=[\dnqstcg])(?:(?P<span>giai đoạn\s+\d{4}\s*[-–]\s*(?P<py>\d{4}))|\b(?:"
    r"(?P<dmy>(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})\b)"
    r"|(?P<long>ngày\s+(?P<ld>\d{1,2})\s+tháng\s+(?P<lm>\d{1,2})" + _YEAR.format("ly") + ")"
    r"|(?P<quarter>quý\s+(?P<q>iv|iii|ii|i|[1-4])\b" + _YEAR.format("qy") + "?)"
    r"|(?P<half>(?P<hn>6|sáu|9|chín)\s+tháng\s+(?P<hw>đầu|cuối)\s+năm(?:\s+(?P<hy>\d{4}))?)"
    r"|(?P<month>tháng\s+(?P<mm>\d{1,2})\b" + _YEAR.format("my") + "?)"
    r"|(?P<short>(?P<sm>\d{1,2})/(?P<sy>\d{4})\b)"
    r"|(?P<year>năm\s+(?P<yy>\d{4}))|(?P<daymonth>(?P<dd>\d{1,2})\s*/\s*(?P<dm>\d{1,2})\b)))"
)
# Each cadence, with words of which each of its phrases holds one (a text without them is not
# searched) and its phrases, opening with a lookahead of the characters they begin with (see
# `_DUE`). In order: of several cadences, the most frequent one rules.
_CADENCES = [
    (
        Recurrence.MONTHLY,
        AnchoredPattern(
            r"(?=[hmđt])(?:\b(?:hằng|hàng|mỗi)\s+tháng\b|định kỳ\s+tháng\b|tháng\s+(?:một|1)\s+lần)",
            (*_EVERY, "định kỳ", "lần"),
        ),
    ),
    (
        Recurrence.QUARTERLY,
        AnchoredPattern(
            r"(?=[hmđtq])(?:\b(?:hằng|hàng|mỗi)\s+quý\b|định kỳ\s+(?:theo\s+)?quý\b|\btheo\s+quý\b"
            r"|quý\s+(?:một|1)\s+lần)",
            ("quý",),
        ),
    ),
    (
        Recurrence.SEMIANNUAL,
        AnchoredPattern(
            r"(?=^|[đhm6sn])(?:\b(?:định kỳ|hằng|hàng|mỗi)\s+(?:6|sáu)\s+tháng\b"
            r"|(?:6|sáu)\s+tháng\s*(?:/\s*|một\s+|1\s+)lần|^\s*(?:6|sáu)\s+tháng\s*$|nửa năm một lần)",
            ("tháng", "nửa năm"),
        ),
    ),
    (
        Recurrence.YEARLY,
        AnchoredPattern(
            r"(?=[hmđn])(?:\b(?:hằng|hàng|mỗi)\s+năm\b|định kỳ\s+năm\b|năm\s+(?:một|1)\s+lần)",
            (*_EVERY, "định kỳ", "lần"),
        ),
    ),
]
_CONTINUOUS = re.compile(r"thường xuyên|liên tục|tiếp tục\s+(?:thực hiện|triển khai|duy trì)")
_REPORT_DAY = AnchoredPattern(r"(?=n)\bngày\s+(?P<day>\d{1,2})\b(?!\s*[/.-]\s*\d)", ("ngày",))


@dataclass(frozen=True, slots=True)
class Timing:
    """What a deadline phrase says; `guessed` names the fields read with doubt."""

    due: date | None = None
    recurrence: Recurrence | None = None
    report_day: int | None = None
    guessed: tuple[str, ...] = ()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _date_of(match: re.Match[str], year: int | None) -> tuple[date | None, bool]:
    """The date a due phrase names, and whether its year had to be assumed."""
    g = match.groupdict()
    stated = next((g[k] for k in ("y", "ly", "qy", "hy", "my", "sy", "py", "yy") if g[k]), None)
    y = int(stated) if stated else year
    if y is None:
        return None, False
    if g["dmy"] or g["long"] or g["daymonth"]:
        day, month = (
            (g["d"], g["m"])
            if g["dmy"]
            else (g["ld"], g["lm"])
            if g["long"]
            else (g["dd"], g["dm"])
        )
        return date(y, int(month), int(day)), stated is None
    if g["quarter"]:
        return _month_end(y, 3 * _QUARTERS[g["q"]]), stated is None
    if g["half"]:
        months = 6 if g["hn"] in ("6", "sáu") else 9
        return _month_end(y, months if g["hw"] == "đầu" else 12), stated is None
    if g["month"] or g["short"]:
        return _month_end(y, int(g["mm"] or g["sm"])), stated is None
    return date(y, 12, 31), False


def _mask(text: str, pattern: AnchoredPattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _blank(text: str, matches: list[re.Match[str]]) -> str:
    """`text` with the spans of `matches` (found in it, in order) blanked out."""
    pieces, start = [], 0
    for match in matches:
        pieces += [text[start : match.start()], " " * (match.end() - match.start())]
        start = match.end()
    return "".join(pieces) + text[start:]


def _recurrence(text: str) -> Recurrence | None:
    # A cadence says more than "thường xuyên"; of several, the most frequent one rules.
    for recurrence, pattern in _CADENCES:
        if pattern.search(text):
            return recurrence
    return Recurrence.CONTINUOUS if _CONTINUOUS.search(text) else None


def read_timing(text: str, *, year: int | None = None) -> Timing:
    """Read due date, recurrence and report day; `year` fills in dates written without one."""
    text = _mask(fold_spelling(text).lower(), _IGNORED)
    guessed: set[str] = set()
    recurrence = _recurrence(text)
    report_day = None
    annual = _ANNUAL_POINT.search(text)
    if annual:
        # "tháng 12 hằng năm": yearly, no single due date; the report falls in the year's last
        # month, which the default report day (the 20th of that month) already means.
        recurrence = recurrence or Recurrence.YEARLY
        report_day = int(annual["day"]) if annual["day"] else None
        if int(annual["month"] or annual["only"]) != 12:
            guessed.add("report_day")
        text = _mask(text, _ANNUAL_POINT)
    dues = set()
    phrases = list(_DUE.finditer(text))
    for match in phrases:
        try:
            due, assumed = _date_of(match, year)
        except ValueError:
            continue
        if due:
            dues.add(due)
            if assumed:
                guessed.add("due")
    if len(dues) > 1:
        guessed.add("due")
    if (
        recurrence
        and recurrence != Recurrence.CONTINUOUS
        and report_day is None
        and _REPORT_DAY.may_match(text)  # blanking the due phrases adds no "ngày"
    ):
        day = _REPORT_DAY.pattern.search(_blank(text, phrases))
        report_day = int(day["day"]) if day and 1 <= int(day["day"]) <= 31 else None
    return Timing(max(dues, default=None), recurrence, report_day, tuple(sorted(guessed)))
