"""How much of the work a reply says is done: percents, fractions, halves, what remains."""

from __future__ import annotations

from dataclasses import dataclass

from bot.reading.folding import preceded_by, rule

_PERCENT = rule(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|phan tram\b)")
# "100% xã", "100% số hộ": how widely something reaches, not how far the work has come.
_COVERAGE_AFTER = rule(
    r"\s*(?:so\s+)?(?:cac\s+)?(?:xa|phuong|thon|to dan pho|don vi|co quan|ho|truong|can bo"
    r"|dang vien|hoc sinh|nguoi|dia ban)\b"
)
# Words that tie a percent to the work itself, strongest first.
_PROGRESS_BEFORE = (
    rule(r"\b(?:dat|{DUOC}|{DONE}|khoi luong|tien do|khoang|con(?: lai)?)\b[^%\d]{0,20}$"),
    rule(r"\b(?:trien khai|thuc hien|lam)\b[^%\d]{0,20}$"),
)
_REMAINING_BEFORE = rule(r"\bcon(?: lai)?\b[^%\d.;]{0,20}$")

_FRACTION = rule(r"(?<![\d/.,])(\d{1,4})\s*/\s*(\d{1,4})(?![\d/]|\s*[/.-]\s*\d)")
_IN_WORDS = rule(r"\b(\d{1,4})\s+(?:trong|tren|tr)\s+(?:tong so\s+)?(\d{1,4})\b")
_DATE_LEAD = rule(r"\b(?:ngay|den|toi|truoc|sang|lui|han|tu|vao|hom|het|cuoi|dau)\s*$")
_PROGRESS_LEAD = rule(r"\b(?:dat|{DUOC}|{DONE}|lam|trien khai|thuc hien|co|khoang|chi co|moi)\s*$")
_COUNTED = rule(r"\s*[a-z]")
_HALF = rule(r"\b(?:mot|1)\s+nua\b")
# Progress without a number: "phần lớn", "gần xong".
_VAGUE = rule(
    r"\b(?:phan lon|mot phan|mot so|co ban|gan (?:xong|hoan thanh)|sap (?:xong|hoan thanh))\b"
)


@dataclass(frozen=True, slots=True)
class Amount:
    """The share done, and how the reply put it."""

    percent: int | None = None
    part: bool = False  # a part of the whole named: "3/5", "một nửa", "phần lớn"
    remaining: bool = False  # said as what is left: "còn lại 30%"


def read_amount(text: str) -> Amount:
    """The share of the work done in folded `text`."""
    stated = _stated_percent(text)
    if stated is not None:
        return stated
    vague = _VAGUE.search(text) is not None
    for pattern in (_IN_WORDS, _FRACTION):
        for match in pattern.finditer(text):
            share = _share(text, match, pattern is _IN_WORDS)
            if share is not None:
                return Amount(share, part=True)
    if _HALF.search(text):
        return Amount(50, part=True)
    return Amount(part=vague)


def fraction_spans(text: str) -> list[range]:
    """Where folded `text` writes a fraction of the work ("12/20 xã"): no dates there."""
    return [
        range(match.start(), match.end())
        for match in _FRACTION.finditer(text)
        if _share(text, match, False) is not None
    ]


def _stated_percent(text: str) -> Amount | None:
    candidates: list[tuple[int, Amount]] = []  # (rank of the words before it, amount)
    for match in _PERCENT.finditer(text):
        value = _half_up(float(match.group(1).replace(",", ".")))
        if value > 100 or _COVERAGE_AFTER.match(text, match.end()):
            continue
        start = match.start()
        rank = next(
            (i for i, words in enumerate(_PROGRESS_BEFORE) if preceded_by(words, text, start)),
            len(_PROGRESS_BEFORE),
        )
        if preceded_by(_REMAINING_BEFORE, text, start):
            candidates.append((rank, Amount(100 - value, remaining=True)))
        else:
            candidates.append((rank, Amount(value)))
    return min(candidates, key=lambda item: item[0])[1] if candidates else None


def _share(text: str, match, in_words: bool) -> int | None:
    """The percent a fraction stands for, or None where it reads as a date."""
    done, whole = int(match.group(1)), int(match.group(2))
    if whole == 0 or done > whole:
        return None
    if not in_words:
        if preceded_by(_DATE_LEAD, text, match.start()):
            return None
        counted = _COUNTED.match(text, match.end()) is not None
        if not (counted or whole > 12 or preceded_by(_PROGRESS_LEAD, text, match.start())):
            return None
    return _half_up(100 * done / whole)


def _half_up(value: float) -> int:
    """62.5 → 63, as people round (Python's `round` gives 62)."""
    return int(value + 0.5)
