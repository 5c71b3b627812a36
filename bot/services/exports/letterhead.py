"""Who a document is from and how it is headed: the Party form or the State form.

Party bodies (Huyện ủy, Đảng ủy, their Ban and Văn phòng) write in the form of Hướng dẫn
36-HD/VPTW; State bodies (UBND, Sở, Phòng) in the form of Nghị định 30/2020/NĐ-CP.
Every field can be set per plan (`dondoc plan set`); the rest is read from the plan's issuer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from bot.services.exports.common import vi
from bot.services.report_settings import PARTY_FORM, STATE_FORM
from bot.unitnames import fold_spelling

# The level words a locality follows: "huyện Đông Hưng", "Huyện ủy Đông Hưng", "tỉnh Thái Bình".
LEVELS = {
    "thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường",
    "huyện ủy", "tỉnh ủy", "thành ủy", "quận ủy", "thị ủy", "đảng ủy",
}  # fmt: skip
PARTY_BODY = re.compile(
    r"\b(?:huyện|tỉnh|thành|quận|thị|đảng) ủy\b|^(?:đảng bộ|chi bộ|đảng đoàn|ban cán sự đảng)\b",
    re.IGNORECASE,
)
# The Party office's code in "Số 05-BC/VPHU": Văn phòng Huyện ủy, Tỉnh ủy…
PARTY_OFFICE_CODES = {
    "huyện ủy": "VPHU", "tỉnh ủy": "VPTU", "thành ủy": "VPTU", "quận ủy": "VPQU",
    "thị ủy": "VPTU", "đảng ủy": "VPĐU",
}  # fmt: skip
STATE_OFFICE_CODE = "VP"
# A plan of the Standing Board is issued in the committee's name; its office is the committee's.
LEADING_ORGANS = re.compile(r"^(?:Ban Thường vụ|Thường trực|Ban Chấp hành)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Everything the top and the bottom of a document need."""

    form: str  # PARTY_FORM or STATE_FORM
    superior: str  # "HUYỆN ỦY ĐÔNG HƯNG"
    office: str  # "VĂN PHÒNG"
    office_code: str  # "VPHU"
    place: str  # "Đông Hưng"
    body: str  # the issuer without its locality, for "Thường trực Huyện ủy"
    signer_title: str
    signer_name: str | None
    on_behalf: str | None
    recipients: tuple[str, ...]

    @property
    def is_party(self) -> bool:
        """True for the form of Hướng dẫn 36-HD/VPTW."""
        return self.form == PARTY_FORM

    def number(self, kind: str) -> str:
        """ "Số      -BC/VPHU" (Party) or "Số:      /BC-VP" (State) for a kind such as "BC"."""
        template = "export.form.number_party" if self.is_party else "export.form.number_state"
        return vi(template, kind=kind, code=self.office_code)


def is_party_body(issuer: str | None) -> bool:
    """True when the issuer is a Party body ("Huyện ủy Đông Hưng", "Ban Tuyên giáo Huyện ủy")."""
    return bool(issuer and PARTY_BODY.search(fold_spelling(issuer)))


def locality(name: str | None) -> str | None:
    """The place a body's name ends with: "Huyện ủy Đông Hưng" → "Đông Hưng"; None if it has none."""
    words = fold_spelling(name or "").split()
    for start in range(len(words)):
        for width in (2, 1):
            level = " ".join(words[start : start + width]).lower()
            if level in LEVELS:
                place = list(takewhile(_is_proper, words[start + width :]))
                if place:
                    return " ".join(place).strip(",;.")
    return None


def _is_proper(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in LEVELS


def letterhead(issuer: str | None, settings: dict) -> Letterhead:
    """The letterhead of a plan's documents: its settings first, then what its issuer says."""
    issuer = fold_spelling(settings.get("issuer") or issuer or vi("export.doc.issuer_default"))
    superior_name = LEADING_ORGANS.sub("", issuer)
    form = settings.get("form") or (PARTY_FORM if is_party_body(issuer) else STATE_FORM)
    place = settings.get("place") or locality(issuer) or vi("export.doc.place_default")
    body = superior_name.removesuffix(place).strip() if place in superior_name else superior_name
    recipients = settings.get("recipients") or _default_recipients(form, body)
    return Letterhead(
        form=form,
        superior=superior_name.upper(),
        office=(settings.get("office") or vi("export.doc.office")).upper(),
        office_code=settings.get("office_code") or _office_code(form, body),
        place=place,
        body=body,
        signer_title=(settings.get("signer_title") or vi("export.doc.signer_title")).upper(),
        signer_name=settings.get("signer_name"),
        on_behalf=settings.get("on_behalf"),
        recipients=tuple(recipients),
    )


def _office_code(form: str, body: str) -> str:
    if form != PARTY_FORM:
        return STATE_OFFICE_CODE
    match = PARTY_BODY.search(body)
    return PARTY_OFFICE_CODES.get(match.group(0).lower(), "VP") if match else "VP"


def _default_recipients(form: str, body: str) -> list[str]:
    key = "export.form.recipients_party" if form == PARTY_FORM else "export.form.recipients_state"
    return vi(key, body=body).split("\n")


def recipient_lines(head: Letterhead) -> list[str]:
    """ "- Thường trực Huyện ủy," … "- Lưu Văn phòng." (Party) or with ";" (State)."""
    separator = "," if head.is_party else ";"
    last = len(head.recipients) - 1
    return [
        f"- {line}{'.' if index == last else separator}"
        for index, line in enumerate(head.recipients)
    ]


def effective_settings(issuer: str | None, settings: dict) -> dict[str, str | list[str] | None]:
    """Each report setting as documents use it: the one set, else what the issuer implies."""
    head = letterhead(issuer, settings)
    return {
        "form": head.form, "issuer": head.superior, "office": head.office,
        "office_code": head.office_code, "place": head.place, "signer_title": head.signer_title,
        "signer_name": head.signer_name, "on_behalf": head.on_behalf,
        "recipients": list(head.recipients),
    }  # fmt: skip
