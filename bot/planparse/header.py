"""The plan header: number, title, issuer, date of issue and signer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from bot.planparse.anchored import AnchoredPattern
from bot.planparse.casing import sentence_case
from bot.planparse.lines import Line, is_separator
from bot.unitnames import clean_name, fold_spelling, looks_like_unit

_MOTTO = re.compile(
    r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc"
    r"|ĐẢNG CỘNG SẢN VIỆT NAM",
    re.IGNORECASE,
)
_KIND = re.compile(r"(?P<kind>KẾ HOẠCH|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|ĐỀ ÁN)\b\s*(?P<rest>.*)")
_NUMBER = re.compile(r"Số\s*:?\s*(?P<number>\d+[\w.]*\s*[/-]\s*[\wĐđ./-]+)")
_ATTACHED = AnchoredPattern(  # searched in every line: lines without "kèm theo" are passed over
    r"(?=k)Kèm theo (?:Kế hoạch|Chương trình|Đề án) số\s+(?P<number>\d+[\w.]*[/-][\wĐđ./-]+)"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}))?",
    ("kèm theo",),
    re.IGNORECASE,
)
_DATED = re.compile(
    r"(?:^|,)\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_INTRO = re.compile(r"(?:Căn cứ|Thực hiện|Ngày \d|Để |Nhằm|Triển khai|Theo |Trên cơ sở|Xét |Qua )")
_BODY = re.compile(
    r"(?:ỦY BAN|UBND|HĐND|HỘI ĐỒNG|HUYỆN ỦY|TỈNH ỦY|THÀNH ỦY|ĐẢNG ỦY|ĐẢNG BỘ|BAN|SỞ|PHÒNG|VĂN PHÒNG"
    r"|CHI BỘ|TRUNG TÂM|CÔNG AN|MẶT TRẬN)\b"
)
_PARTY = re.compile(r"(?:Huyện|Tỉnh|Thành|Đảng) ủy\b")
_ON_BEHALF = re.compile(r"(?:T/M|TM\.|TM |KT\.|KT |TL\.|TUQ\.|Q\.)\s*(?P<body>.*)")
_ROLE = re.compile(r"(?:PHÓ )?(?:CHỦ TỊCH|BÍ THƯ|GIÁM ĐỐC|TRƯỞNG (?:PHÒNG|BAN))\b")
_ADOPTS = re.compile(
    r"(?:^|[,.;:]\s)(?P<body>[^,.;:]{3,80}?)\s+(?:xây dựng|ban hành)"
    r"\s+(?:Kế hoạch|kế hoạch|Chương trình)"
)
_PLAN_WORDS = {"KẾ HOẠCH": "Kế hoạch", "CHƯƠNG TRÌNH": "Chương trình", "ĐỀ ÁN": "Đề án"}
_PLAN_WORDS["CHƯƠNG TRÌNH HÀNH ĐỘNG"] = "Chương trình hành động"


@dataclass(frozen=True, slots=True)
class Header:
    """What the first and last lines of a plan say; any field may be missing."""

    number: str | None
    title: str | None
    issuer: str | None
    issued_on: date | None
    signed_by: str | None


def _fragments(parts: Iterable[str]) -> Iterator[str]:
    """The column texts, without the national motto; blanks left out."""
    for part in parts:
        fragment = _MOTTO.sub("", part).strip(" -–_*")
        if fragment:
            yield fragment


def _columns(lines: list[Line], *, backwards: bool = False) -> Iterator[str]:
    """The side-by-side parts of the lines, in reading order or from the last one back."""
    if backwards:
        return (part for line in reversed(lines) for part in reversed(line.columns))
    return (part for line in lines for part in line.columns)


def _date(match: re.Match[str] | None) -> date | None:
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])) if match else None
    except (ValueError, TypeError):
        return None


def _title(lines: list[Line], at: int) -> str:
    kind = _KIND.match(lines[at].text)
    if kind is None:
        raise ValueError(f"line {at} is no plan title")
    parts = [kind["rest"]] if kind["rest"] else []
    for line in lines[at + 1 : at + 12]:
        text = line.text
        if is_separator(line) or _DATED.search(text) or re.match(r"[IVX]+\.\s", text):
            break
        if parts and (_INTRO.match(text) or text.endswith((".", ":"))):
            break
        if not _NUMBER.match(text):
            parts.append(text)
    rest = sentence_case(" ".join(parts)).strip(" .")
    if rest[:1].isupper() and not rest[1:2].isupper():
        rest = rest[:1].lower() + rest[1:]
    return f"{_PLAN_WORDS[kind['kind']]} {rest}".strip()


def _letterhead_issuer(fragments: list[str]) -> str | None:
    bodies: list[str] = []
    for fragment in fragments:
        if (
            any(ch.islower() for ch in fragment)
            or _NUMBER.match(fragment)
            or _DATED.search(fragment)
        ):
            continue
        if _BODY.match(fragment) or not bodies:
            bodies.append(fragment)
        else:
            bodies[-1] += f" {fragment}"
    bodies = [body for body in bodies if _BODY.match(body)]
    return clean_name(sentence_case(bodies[-1], body=True)) if bodies else None


def _signature(lines: list[Line]) -> tuple[str | None, str | None]:
    """The signer's name and the body signed for ("T/M BAN THƯỜNG VỤ" → "Ban Thường vụ").

    Read from the end back to the last "T/M …" (or, without one, the last title in capitals), so
    a long plan's body is not gone through.
    """
    backwards: list[str] = []  # fragments from the last one back
    on_behalf = None
    for fragment in _fragments(_columns(lines, backwards=True)):
        backwards.append(fragment)
        on_behalf = _ON_BEHALF.fullmatch(fragment)
        if on_behalf:
            break
    roles = (i for i, f in enumerate(backwards) if _ROLE.match(f) and f.isupper())
    at = len(backwards) - 1 if on_behalf else next(roles, None)
    body = sentence_case(on_behalf["body"]) if on_behalf and on_behalf["body"] else None
    signature = backwards[at::-1][:25] if at is not None else []
    return next((f for f in signature if _is_person(f)), None), body


def _is_person(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and all(word.isalpha() and word[0].isupper() for word in words)
        and any(word[1:].islower() for word in words)
    )


def read_header(lines: list[Line]) -> Header:
    """Read the header from the plan's lines (letterhead, title, intro, signature)."""
    first = lines[:60]
    at = next((i for i, line in enumerate(first) if _KIND.match(line.text)), None)
    head = list(_fragments(_columns(first[: at if at is not None else 15])))
    number = next(("".join(m["number"].split()) for f in head if (m := _NUMBER.match(f))), None)
    issued_on = next((d for f in head if (d := _date(_DATED.search(f)))), None)
    attached = next((m for line in lines if (m := _ATTACHED.search(line.text))), None)
    if attached:
        number = number or attached["number"]
        issued_on = issued_on or _date(attached if attached["d"] else None)
    signed_by, signed_for = _signature(lines)
    issuer = _letterhead_issuer(head)
    if issuer is None:
        intro = " ".join(line.text for line in lines[at or 0 : (at or 0) + 30])
        adopts = _ADOPTS.search(intro)
        if adopts and looks_like_unit(adopts["body"]):
            issuer = clean_name(adopts["body"])
        else:
            issuer = signed_for
    elif signed_for and _PARTY.match(issuer) and signed_for.startswith(("Ban", "Thường trực")):
        issuer = f"{signed_for} {issuer}"
    title = _title(first, at) if at is not None else None
    return Header(number, title and fold_spelling(title), issuer, issued_on, signed_by)
