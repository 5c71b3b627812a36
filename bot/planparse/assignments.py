"""Who leads and who supports: "X chủ trì, phối hợp với Y", "Giao X thực hiện", labels."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.planparse.alternation import by_first_letter
from bot.unitnames import looks_like_unit, split_units

# Words that end a list of units: the verb that follows it, or a deadline phrase. Matched in
# lower case only, so "Ban Chỉ đạo", "Ban Tổ chức", "Ủy ban Kiểm tra" stay names.
_VERB_WORDS = (
    r"chủ trì|phối hợp|thực hiện|là cơ quan|là đơn vị|là|làm đầu mối|làm|có trách nhiệm"
    r"|chịu trách nhiệm|căn cứ|chủ động|triển khai|tổ chức|xây dựng|quán triệt|tuyên truyền"
    r"|theo dõi|hướng dẫn|kiểm tra|giám sát|đôn đốc|tham mưu|chỉ đạo|lãnh đạo|báo cáo|tổng hợp"
    r"|ban hành|bố trí|đảm bảo|bảo đảm|tăng cường|đẩy mạnh|nghiên cứu|rà soát|cụ thể hóa|phổ biến"
    r"|tập trung|nâng cao|hoàn thành|lồng ghép|hỗ trợ|phát động|vận động|quan tâm|xem xét|đề xuất"
    r"|trình|cập nhật|tiếp tục|khẩn trương|thường xuyên|liên tục|định kỳ|hằng|hàng năm|hàng quý"
    r"|hàng tháng|trước|đến năm|đến hết|trong năm|trong tháng|trong quý|trong việc|trong quá trình"
    r"|trong phạm vi|từ nay|theo chức năng|theo thẩm quyền|theo lĩnh vực|theo nhiệm vụ|để|nhằm|cần"
    r"|phải|được giao|sớm|kịp thời|tích cực|phát huy|duy trì|vận hành|ứng dụng|thẩm định|sắp xếp"
    r"|thống kê|hoàn thiện|sửa đổi|bổ sung|kiện toàn|đánh giá|giải quyết|công bố|công khai|số hóa"
    r"|tập huấn|bồi dưỡng|tiếp nhận|thu thập|xử lý|khảo sát|quản lý|gửi|năm \d{4}|quý [IVX\d]"
    r"|tháng \d"
)
_VERBS = re.compile(r"(?<!\w)(?:" + by_first_letter(_VERB_WORDS) + r")(?!\w)|:")
# Phrases in which a verb above is part of a body's name. The lookahead holds the letters they
# begin with, so that other positions are passed over at once.
_NAMES_WITH_VERBS = re.compile(
    r"(?=[cnvtgđb])(?:cơ quan tham mưu|(?:các|những|và)\s+tổ chức"
    r"|tổ chức (?:chính trị|cơ sở|đảng|đoàn thể|xã hội)"
    r"|giáo dục thường xuyên|đầu tư xây dựng|ban chỉ đạo|ban quản lý|ban xây dựng đảng)",
    re.IGNORECASE,
)
_STRONG = {"chủ trì", "thực hiện", "phối hợp", "chịu trách nhiệm", "có trách nhiệm", "là cơ quan"}
_STRONG |= {"là đơn vị", "làm đầu mối", "tham mưu", ":"}
# The lookahead, as for `_NAMES_WITH_VERBS`, passes over positions that cannot start a prefix.
_PREFIX = re.compile(r"(?=[gđd])(?<!\w)(?:giao(?:\s+cho)?|đề nghị|do)\s+", re.IGNORECASE)
_PARTNERS = re.compile(r"\s*[,;]?\s*(?:và\s+)?phối hợp(?:\s+với)?\s+")
_WITH = re.compile(r"\s*(?:với\s+)?")
_LABEL = re.compile(
    r"(?:(?:cơ quan|đơn vị|trách nhiệm)(?:,?\s*(?:đơn vị|cơ quan))?\s+)?(?P<role>chủ trì|phối hợp|thực hiện"
    r"|thời gian(?:\s+(?:thực hiện|hoàn thành))?|thời hạn(?:\s+hoàn thành)?|tiến độ)\s*:",
    re.IGNORECASE,
)
_BULLET = " \t-–+•*"
_SENTENCE_END = re.compile(r"[.!?]\s+")
_READING_STARTS = re.compile(r"[;,(]")
# A lead list is at most 250 characters (`unit_list`): text before a verb further away is not
# read as one, so a long sentence with many commas is read in linear time.
_REACH = 400


@dataclass(frozen=True)
class Assignment:
    """Units named in one sentence; `sentence` is where its deadline phrases are read."""

    lead: tuple[str, ...]
    support: tuple[str, ...]
    strong: bool
    sentence: str
    subject_led: bool = False
    predicate: str = ""


def sentences(text: str) -> Iterator[str]:
    """Sentences of a text, one paragraph per line."""
    return iter(_sentences(text))


@lru_cache(maxsize=1024)  # an item's text is split for its assignments, title and deadline
def _sentences(text: str) -> tuple[str, ...]:
    found = []
    for paragraph in text.split("\n"):
        start = 0
        for end in _SENTENCE_END.finditer(paragraph):
            following = paragraph[end.end() : end.end() + 1]
            if following.isupper() or following in ("-", "+"):
                found.append(paragraph[start : end.end()].strip())
                start = end.end()
        if paragraph[start:].strip():
            found.append(paragraph[start:].strip())
    return tuple(found)


def unit_list(text: str) -> tuple[str, ...] | None:
    """The units a phrase names, if it is nothing but a list of units."""
    text = text.strip(" ,;")
    if len(text) > 250:
        return None
    names = split_units(text, display=False)
    if not names or _PREFIX.search(text):
        return None
    if not all(looks_like_unit(name) and len(name.split()) <= 13 for name in names):
        return None
    return tuple(split_units(text))


@dataclass(frozen=True)
class _Sentence:
    """A sentence with what every reading position needs, computed once."""

    text: str
    masked: str  # body names that contain a verb blanked out
    lowered: str
    bullets: int  # leading bullet characters
    verbs: tuple[re.Match[str], ...]  # every verb, in one scan
    verb_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Sentence:
        masked = _NAMES_WITH_VERBS.sub(lambda m: "#" * len(m.group()), text)
        verbs = tuple(_VERBS.finditer(masked))
        bullets = len(text) - len(text.lstrip(_BULLET))
        return cls(text, masked, masked.lower(), bullets, verbs, tuple(m.start() for m in verbs))

    def verb_after(self, position: int) -> re.Match[str] | None:
        """The first verb starting at `position` or later (what `_VERBS.search` from there finds)."""
        index = bisect_left(self.verb_starts, position)
        if index and self.verbs[index - 1].end() > position:  # inside a verb: look afresh
            return _VERBS.search(self.masked, position)
        return self.verbs[index] if index < len(self.verbs) else None

    def after_clause(self, position: int) -> bool:
        """Whether `position` follows a ";" or "." (spaces between)."""
        index = position - 1
        while index >= 0 and self.text[index].isspace():
            index -= 1
        return index >= 0 and self.text[index] in ";."


def _labelled(sentence: _Sentence) -> Assignment | None:
    if ":" not in sentence.text:
        return None  # every label ends with one
    labels = [
        m
        for m in _LABEL.finditer(sentence.text)
        if m.start() <= sentence.bullets or sentence.after_clause(m.start())
    ]
    if not labels:
        return None
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        value = sentence.text[label.end() : following.start() if following else None].strip(" ;.")
        role = label["role"].lower()
        if role in ("chủ trì", "thực hiện"):
            lead += tuple(split_units(value))
        elif role == "phối hợp":
            support += tuple(split_units(value))
    return Assignment(lead, support, True, sentence.text)


def _parse_at(read: _Sentence, start: int, after_comma: bool) -> Assignment | None:
    sentence = read.text
    while start < len(sentence) and sentence[start] in _BULLET:
        start += 1
    at_start = start <= read.bullets
    prefix = _PREFIX.match(sentence, start)
    body = prefix.end() if prefix else start
    if _VERBS.match(read.lowered, body):
        return None
    verb = read.verb_after(body)
    if verb is None and not prefix:
        return None
    if (verb.start() if verb else len(sentence)) - body > _REACH:
        return None  # too long for a list of units (`unit_list`): not worth reading
    word = verb.group() if verb else ""
    # "do X chủ trì" assigns; "do X ban hành" only says who issued something.
    passive = prefix is not None and prefix.group().lower().startswith("do")
    strong = word in _STRONG or (prefix is not None and not passive)
    lead = unit_list(sentence[body : verb.start() if verb else None])
    if lead is None or ((after_comma or passive) and not strong):
        return None
    # After a comma, a lower-case "đơn vị" ends a list ("các cơ quan, đơn vị"); it names no one.
    if after_comma and not sentence[body : body + 1].isupper():
        return None
    support: tuple[str, ...] = ()
    rest = verb.start() if verb else len(sentence)
    partners = _PARTNERS.match(sentence, verb.end()) if verb and word == "chủ trì" else None
    if verb and word == "phối hợp":
        partners = _WITH.match(sentence, verb.end())
    if partners:
        end = read.verb_after(partners.end())
        support = unit_list(sentence[partners.end() : end.start() if end else None]) or ()
        rest = end.start() if end else len(sentence)
        if word == "phối hợp" and not support and not prefix:
            lead, support = (), lead
    predicate = sentence[rest:].strip(" ,.;:")
    return Assignment(lead, support, strong, sentence, at_start, predicate)


def find_assignments(text: str) -> list[Assignment]:
    """Every lead/support statement in a text, in order."""
    found = []
    for sentence in sentences(text):
        read = _Sentence.of(sentence)
        labelled = _labelled(read)
        if labelled:
            found.append(labelled)
            if labelled.lead or labelled.support:
                continue
        starts = {0} | {m.end() for m in _READING_STARTS.finditer(sentence)}
        starts |= {m.start() for m in _PREFIX.finditer(sentence)}
        consumed = 0
        for start in sorted(starts):
            if start < consumed:
                continue
            after_comma = sentence[start - 1 : start] == ","
            assignment = _parse_at(read, start, after_comma)
            if assignment:
                found.append(assignment)
                consumed = len(sentence) - len(assignment.predicate)
    return found
