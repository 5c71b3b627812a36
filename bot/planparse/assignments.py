"""Who leads and who supports: "X chủ trì, phối hợp với Y", "Giao X thực hiện", labels."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.planparse.alternation import by_first_letter
from bot.planparse.anchored import AnchoredPattern
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
# Phrases in which a verb above is part of a body's name, and words of which each holds one (or
# both of a pair). The lookahead holds the letters they begin with, so that other positions are
# passed over at once.
_NAMES_WITH_VERBS = AnchoredPattern(
    r"(?=[cnvtgđb])(?:cơ quan tham mưu|(?:các|những|và)\s+tổ chức"
    r"|tổ chức (?:chính trị|cơ sở|đảng|đoàn thể|xã hội)"
    r"|giáo dục thường xuyên|đầu tư xây dựng|ban chỉ đạo|ban quản lý|ban xây dựng đảng)",
    (
        "tham mưu",
        *(("tổ chức", before) for before in ("các", "những", "và")),
        *(f"tổ chức {after}" for after in ("chính trị", "cơ", "đảng", "đoàn thể", "xã")),
        "thường xuyên",
        "xây dựng",
        "chỉ đạo",
        "quản lý",
    ),
    re.IGNORECASE,
)
_STRONG = {"chủ trì", "thực hiện", "phối hợp", "chịu trách nhiệm", "có trách nhiệm", "là cơ quan"}
_STRONG |= {"là đơn vị", "làm đầu mối", "tham mưu", ":"}
# The lookahead, as for `_NAMES_WITH_VERBS`, passes over positions that cannot start a prefix.
_PREFIX = AnchoredPattern(
    r"(?=[gđd])(?<!\w)(?:giao(?:\s+cho)?|đề nghị|do)\s+", ("giao", "đề nghị", "do"), re.IGNORECASE
)
_PARTNERS = re.compile(r"\s*[,;]?\s*(?:và\s+)?phối hợp(?:\s+với)?\s+")
_WITH = re.compile(r"\s*(?:với\s+)?")
_LABEL = re.compile(
    r"(?:(?:cơ quan|đơn vị|trách nhiệm)(?:,?\s*(?:đơn vị|cơ quan))?\s+)?(?P<role>chủ trì|phối hợp|thực hiện"
    r"|thời gian(?:\s+(?:thực hiện|hoàn thành))?|thời hạn(?:\s+hoàn thành)?|tiến độ)\s*:",
    re.IGNORECASE,
)
_BULLET = " \t-–+•*"
_MAX_NAME_WORDS = 13  # the most words a body's name has
# Every separator of a list of names (`split_units`: ",", ";", "và", a line break, read as ";")
# holds one of these once its spelling is folded (U+037E folds into ";").
_LIST_BREAKS = frozenset(",;\u037ev")
_SENTENCE_END = re.compile(r"[.!?]\s+")
_READING_STARTS = re.compile(r"[;,(]")
# A lead list is at most 250 characters (`unit_list`): text before a verb further away is not
# read as one, so a long sentence with many commas is read in linear time.
_REACH = 400


@dataclass(frozen=True, slots=True)
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


def _runs_past_a_name(text: str) -> bool:
    """Whether `text` has more words in a row than a body's name, with no list separator between.

    Such a text is no list of units, and is known for one without splitting it into names. A
    word holding a character of a separator breaks the row; a word that is not all letters and
    digits (such as "-") is not counted, as a name may lose it at an end.
    """
    row = 0
    for word in text.replace("\n", " ; ").split():
        if not _LIST_BREAKS.isdisjoint(word):
            row = 0
        elif word.isalnum():
            row += 1
            if row > _MAX_NAME_WORDS:
                return True
    return False


@lru_cache(maxsize=4096)  # the same lists of units come back in sentence after sentence
def unit_list(text: str) -> tuple[str, ...] | None:
    """The units a phrase names, if it is nothing but a list of units."""
    text = text.strip(" ,;")
    if len(text) > 250 or _runs_past_a_name(text):
        return None
    names = split_units(text, display=False)
    if not names or _PREFIX.search(text):
        return None
    if not all(looks_like_unit(name) and len(name.split()) <= _MAX_NAME_WORDS for name in names):
        return None
    return tuple(split_units(text))


class _Sentence:
    """A sentence with what its reading positions need, each part computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        # Where "giao", "đề nghị", "do" open a list.
        self.prefix_starts = {m.start() for m in _PREFIX.finditer(text, lowered)}
        # Body names that contain a verb blanked out.
        self.masked = _NAMES_WITH_VERBS.sub(lambda m: "#" * len(m.group()), text, lowered)
        self.lowered = lowered if self.masked == text else self.masked.lower()
        self.bullets = len(text) - len(text.lstrip(_BULLET))  # leading bullet characters
        self._verbs: list[re.Match[str]] = []  # found so far, in one scan from `_scan_from`
        self._verb_starts: list[int] = []
        self._scan: Iterator[re.Match[str]] | None = None
        self._scan_from = 0

    def verb_after(self, position: int) -> re.Match[str] | None:
        """The first verb starting at `position` or later (what `_VERBS.search` from there finds).

        Positions are asked in order, so one scan serves them all, and it starts at the first
        position asked and goes no further than the verbs asked for.
        """
        if self._scan is None:
            self._scan, self._scan_from = _VERBS.finditer(self.masked, position), position
        elif position < self._scan_from:
            return _VERBS.search(self.masked, position)
        while not self._verb_starts or self._verb_starts[-1] < position:
            verb = next(self._scan, None)
            if verb is None:
                break
            self._verbs.append(verb)
            self._verb_starts.append(verb.start())
        index = bisect_left(self._verb_starts, position)
        if index and self._verbs[index - 1].end() > position:  # inside a verb: look afresh
            return _VERBS.search(self.masked, position)
        return self._verbs[index] if index < len(self._verbs) else None

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
    prefix = _PREFIX.pattern.match(sentence, start)
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
        read = _Sentence(sentence)
        labelled = _labelled(read)
        if labelled:
            found.append(labelled)
            if labelled.lead or labelled.support:
                continue
        starts = {0} | {m.end() for m in _READING_STARTS.finditer(sentence)}
        starts |= read.prefix_starts
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
