"""Read a short Vietnamese progress reply: percent, status, proposed date and task code."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from bot.domain import ReportStatus
from bot.unitnames import fold_spelling


@dataclass(frozen=True, slots=True)
class ProgressReading:
    """What a reply says; None where it says nothing."""

    percent: int | None = None
    status: ReportStatus | None = None
    proposed_due: date | None = None
    task_code: str | None = None

    @property
    def looks_like_report(self) -> bool:
        """Whether the text reads as a progress report at all."""
        return self.percent is not None or self.status is not None


def plain(text: str) -> str:
    """Vietnamese without diacritics ("đang" → "dang"), for replies typed without accents."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Rule:
    """A pattern in both spellings: with diacritics, and stripped for accent-less replies."""

    def __init__(self, pattern: str):
        self.accented = re.compile(pattern)
        self.stripped = re.compile(plain(pattern))

    def finditer(self, text: str, stripped: bool):
        return (self.stripped if stripped else self.accented).finditer(text)


# Words that, just before a status word, deny it or push it into the future.
_NOT_DONE_BEFORE = _Rule(
    r"\b(chưa|không|chẳng|chả|sắp|gần|sẽ|dự kiến|phấn đấu|để|nhằm|kịp|cố gắng|khi|cần|phải|nếu)"
    r"(\s+\S+)?\s*$"
)
_NOT_BLOCKED_BEFORE = _Rule(
    r"\b(không|chưa|chẳng|hết|tháo gỡ|giải quyết|khắc phục|vượt qua)(\s+\S+)?\s*$"
)
_NOT_EXTENSION_BEFORE = _Rule(r"\b(không|chưa|chẳng)(\s+\S+)?\s*$")

_EXTENSION = _Rule(
    r"\b(gia hạn|lùi (thời )?hạn|lùi tiến độ|kéo dài thời hạn|xin thêm thời gian|điều chỉnh thời hạn)"
)
_BLOCKED = _Rule(
    r"\b(vướng|khó khăn|chưa thể|không thể|trở ngại|ách tắc|bế tắc|thiếu kinh phí|chưa có kinh phí)"
)
_DONE = _Rule(r"\b(hoàn thành|hoàn tất|xong)\b")
_IN_PROGRESS = _Rule(r"\b(đang|tiếp tục|triển khai được|thực hiện được)\b")

_PERCENT = _Rule(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(%|phần trăm\b)")
# Words that tie a percent to the work itself, strongest first.
_PROGRESS_WORDS = (
    _Rule(r"\b(đạt|được|hoàn thành|xong|khối lượng|tiến độ)\b[^%\d]{0,20}$"),
    _Rule(r"\b(triển khai|thực hiện|làm)\b[^%\d]{0,20}$"),
)

_FULL_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*[/-]\s*(\d{1,2})\b(?!\s*[/.-]\s*\d)")
_WORDY_DATE = _Rule(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")
_MONTH = _Rule(r"\b(?:cuối\s+)?tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?")
_END_OF_MONTH = _Rule(r"\bcuối\s+tháng(?:\s+(này|sau|tới))?(?!\s*\d)")
_QUARTER = _Rule(r"\b(?:cuối\s+)?quý\s+(IV|III|II|I|iv|iii|ii|i|[1-4])(?:\s*(?:/|năm)\s*(\d{4}))?")
_END_OF_YEAR = _Rule(r"\bcuối\s+năm(?:\s+(\d{4}))?")
_DATE_LEAD_IN = _Rule(r"\b(đến|tới|trước|sang|lùi|hạn|gia hạn|vào)(\s+ngày)?\s*$")

_ROMAN_CODE = r"[IVX]+(?:\.\d{1,2})+(?:\.[a-zđ])?"
_PREFIXED_CODE = re.compile(
    r"\b(?:nhiệm vụ|nhiem vu|nv|mục|muc)\s*(?:số\s*|so\s*)?[:.#]?\s*"
    r"([ivx]+(?:\.\d{1,2})+(?:\.[a-zđ])?|\d{1,3}(?:\.\d{1,2})*(?:\.[a-zđ])?)\b",
    re.IGNORECASE,
)
_BARE_ROMAN_CODE = re.compile(rf"(?<![\w.])({_ROMAN_CODE})(?![\w.]*\d)")
_LEADING_NUMBER_CODE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*)\s*[:)–-]\s")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def read_progress(text: str, today: date) -> ProgressReading:
    """Read `text`; dates without a year are the next such date on or after `today`."""
    spelled = fold_spelling(text or "")
    folded, stripped = _lowered(spelled)
    percent = _read_percent(folded, stripped)
    return ProgressReading(
        percent=percent,
        status=_read_status(folded, stripped, percent),
        proposed_due=_read_date(folded, stripped, today),
        task_code=_read_code(spelled),
    )


def _lowered(spelled: str) -> tuple[str, bool]:
    """Folded text in lower case; without diacritics (True) when it was typed without any."""
    folded = spelled.lower()
    stripped = folded.isascii()
    return (plain(folded), True) if stripped else (folded, False)


def _preceded_by(rule: _Rule, text: str, start: int, stripped: bool) -> bool:
    window = text[max(0, start - 24) : start]
    return any(True for _ in rule.finditer(window, stripped))


def _read_percent(text: str, stripped: bool) -> int | None:
    candidates: list[tuple[int, int]] = []  # (rank of the words before it, value)
    for match in _PERCENT.finditer(text, stripped):
        value = round(float(match.group(1).replace(",", ".")))
        if 0 <= value <= 100:
            rank = next(
                (
                    i
                    for i, rule in enumerate(_PROGRESS_WORDS)
                    if _preceded_by(rule, text, match.start(), stripped)
                ),
                len(_PROGRESS_WORDS),
            )
            candidates.append((rank, value))
    return min(candidates, key=lambda item: item[0])[1] if candidates else None


def _has(rule: _Rule, denial: _Rule, text: str, stripped: bool) -> bool:
    return any(
        not _preceded_by(denial, text, match.start(), stripped)
        for match in rule.finditer(text, stripped)
    )


def _read_status(text: str, stripped: bool, percent: int | None) -> ReportStatus | None:
    if _has(_EXTENSION, _NOT_EXTENSION_BEFORE, text, stripped):
        return ReportStatus.EXTENSION
    if _has(_BLOCKED, _NOT_BLOCKED_BEFORE, text, stripped):
        return ReportStatus.BLOCKED
    if percent == 100:
        return ReportStatus.DONE
    denied = [
        _preceded_by(_NOT_DONE_BEFORE, text, m.start(), stripped)
        for m in _DONE.finditer(text, stripped)
    ]
    says_done = not all(denied)
    # "chưa hoàn thành", "sẽ hoàn thành": the work is still going on
    says_ongoing = any(denied) or any(True for _ in _IN_PROGRESS.finditer(text, stripped))
    if says_done and percent is None and not says_ongoing:
        return ReportStatus.DONE
    if says_ongoing or says_done or percent is not None:
        return ReportStatus.IN_PROGRESS
    return None


def read_date(text: str, today: date) -> date | None:
    """The proposed date in `text`: the one after "đến/trước/…" if any, else the last one."""
    return _read_date(*_lowered(fold_spelling(text or "")), today)


def _read_date(folded: str, stripped: bool, today: date) -> date | None:
    found: list[tuple[int, date]] = []
    taken: list[range] = []

    def add(start: int, end: int, value: date | None) -> None:
        if value is not None and not any(start in span for span in taken):
            found.append((start, value))
            taken.append(range(start, end))

    for match in _FULL_DATE.finditer(folded):
        year = int(match.group(3))
        add(
            match.start(),
            match.end(),
            _safe_date(
                year + 2000 if year < 100 else year, int(match.group(2)), int(match.group(1))
            ),
        )
    for match in _WORDY_DATE.finditer(folded, stripped):
        day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
        add(match.start(), match.end(), _dated(today, month, day, year))
    for match in _DAY_MONTH.finditer(folded):
        add(match.start(), match.end(), _dated(today, int(match.group(2)), int(match.group(1))))
    for match in _QUARTER.finditer(folded, stripped):
        raw = match.group(1).upper()
        quarter = _ROMAN.get(raw) or int(raw)
        add(match.start(), match.end(), _month_end(today, quarter * 3, match.group(2)))
    for match in _MONTH.finditer(folded, stripped):
        add(match.start(), match.end(), _month_end(today, int(match.group(1)), match.group(2)))
    for match in _END_OF_MONTH.finditer(folded, stripped):
        ahead = 0 if match.group(1) in (None, "này", "nay") else 1
        month = (today.month - 1 + ahead) % 12 + 1
        year = today.year + (today.month - 1 + ahead) // 12
        add(match.start(), match.end(), _last_day(year, month))
    for match in _END_OF_YEAR.finditer(folded, stripped):
        add(match.start(), match.end(), _safe_date(int(match.group(1) or today.year), 12, 31))
    if not found:
        return None
    found.sort()
    for start, value in found:
        if _preceded_by(_DATE_LEAD_IN, folded, start, stripped):
            return value
    return found[-1][1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dated(today: date, month: int, day: int, year: str | None = None) -> date | None:
    """A day and month; without a year, the next one on or after today."""
    if year is not None:
        return _safe_date(int(year), month, day)
    value = _safe_date(today.year, month, day)
    if value is not None and value < today:
        value = _safe_date(today.year + 1, month, day)
    return value


def _last_day(year: int, month: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_end(today: date, month: int, year: str | None) -> date | None:
    """The last day of a month; without a year, the next such month end on or after today."""
    if year is not None:
        return _last_day(int(year), month)
    value = _last_day(today.year, month)
    if value is not None and value < today:
        value = _last_day(today.year + 1, month)
    return value


def read_task_code(text: str) -> str | None:
    """A task code the text names: "II.3 đã xong", "NV 4: …", "Nhiệm vụ số 2", "4: xong"."""
    return _read_code(fold_spelling(text or ""))


def _read_code(spelled: str) -> str | None:
    match = (
        _PREFIXED_CODE.search(spelled)
        or _BARE_ROMAN_CODE.search(spelled)
        or _LEADING_NUMBER_CODE.search(spelled)
    )
    return normalize_code(match.group(1)) if match else None


def normalize_code(code: str) -> str:
    """ "ii.3.A" → "II.3.a": Roman numerals upper case, item letters lower case."""
    head, *rest = code.strip().split(".")
    if head.isalpha():
        head = head.upper()
    rest = [part.lower() if part.isalpha() else part for part in rest]
    return ".".join([head, *rest])
