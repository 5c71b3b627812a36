"""What holds the work up, in the unit's own words; denied obstacles ("không vướng") are none."""

from __future__ import annotations

from bot.reading.folding import preceded_by, rule

_OBSTACLE = rule(
    r"\b(?:kho khan(?:\s*(?:,|va)?\s*vuong mac)?|vuong mac|vuong|tro ngai|ach tac|be tac"
    r"|{CHUA} the|{KHONG} the"
    r"|thieu (?:kinh phi|nhan luc|nhan su|can bo|nguon|von|nguoi|ng\b|trang thiet bi|thiet bi"
    r"|mat bang|huong dan|co so|dieu kien|thoi gian|vat tu)"
    r"|(?:{CHUA}|{KHONG}) co (?:kinh phi|huong dan|van ban huong dan|quy hoach|mat bang|nguon"
    r"|chi dao|y kien|ke hoach von|von|bien che|can bo)"
    r"|{CHUA} (?:duoc )?(?:bo tri|cap (?:kinh phi|von)|phan bo|ban giao|phe duyet|huong dan)"
    r"|dang cho (?:y kien|huong dan|phe duyet|tham dinh|ket qua))"
)
# "Chưa triển khai do …": the reason given is the obstacle.
_NOT_YET_BECAUSE = rule(
    r"\b{CHUA} (?:the )?(?:trien khai|thuc hien|hoan thanh|xong|lam|bat dau|tien hanh)"
    r"[^.;!?\n]{0,30}?\b(?:do|vi|boi)\s+(?=\S)"
)
_DENIED_BEFORE = rule(
    r"\b(?:{KHONG}|{CHUA}|chang|het|thao go|giai quyet|khac phuc|vuot qua)(?:\s+\S+){0,2}\s*$"
)
_DENIED_AFTER = rule(
    r"[^.;!?\n]{0,40}?\b(?:da (?:duoc )?|duoc )(?:thao go|giai quyet|khac phuc|xu ly)"
)
# Where the unit's words about an obstacle end: a sentence, or a clause on something else.
_END = rule(
    r"[.;!?\n]|,\s*(?=(?:dang|da|dat|xin|de nghi|kinh de nghi|du kien|hien|{CHUA} trien khai"
    r"|{CHUA} thuc hien)\b)|\s+nen\s"
)


def read_obstacle(original: str, folded: str) -> str | None:
    """The first obstacle the reply names and does not deny, in its own words."""
    starts = [match.end() for match in _NOT_YET_BECAUSE.finditer(folded)]
    starts += [
        match.start()
        for match in _OBSTACLE.finditer(folded)
        if not _denied(folded, match.start(), match.end())
    ]
    if not starts:
        return None
    start = min(starts)
    end = _END.search(folded, start)
    words = original[start : end.start() if end else len(original)].strip(" ,:-–")
    return words or None


def _denied(folded: str, start: int, end: int) -> bool:
    return preceded_by(_DENIED_BEFORE, folded, start, width=32) or bool(
        _DENIED_AFTER.match(folded, end)
    )
