"""Contact lists (.xlsx or .csv) with Vietnamese headers: one invitee per row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain import Role
from bot.plandoc import PlanDocument, PlanFileError
from bot.planparse import read_plan  # first: bot.spreadsheet is imported through it
from bot.spreadsheet import csv_rows, xlsx_sheets
from bot.unitmatch import ascii_fold

_COLUMNS = [
    ("unit", re.compile(r"(?:ten )?(?:don vi|co quan)(?: cong tac)?")),
    ("name", re.compile(r"(?:ho (?:va )?ten|ten|ho ten nguoi nhan|nguoi nhan)")),
    ("title", re.compile(r"chuc (?:vu|danh)")),
    ("phone", re.compile(r"(?:so )?(?:dien thoai|dt|sdt)(?: di dong)?")),
    ("role", re.compile(r"vai tro")),
]
_ROLES = [
    (re.compile(r"lanh dao|leader"), Role.LEADER),
    (re.compile(r"dau moi|contact|can bo dau moi"), Role.CONTACT),
    (re.compile(r"van phong|quan tri|admin"), Role.ADMIN),
    (re.compile(r"theo doi|observer"), Role.OBSERVER),
]
HEADER_SEARCH_ROWS = 10
CONTACT_LIST_SUFFIXES = (".xlsx", ".csv")


class ContactListError(PlanFileError):
    """The list cannot be used; the message names each bad row."""


class NotAContactList(ContactListError):
    """No sheet has a contact list's headers (the file may be a plan)."""


@dataclass(frozen=True)
class Invitee:
    """One row of a contact list."""

    row: int
    name: str
    unit: str
    role: Role
    title: str = ""
    phone: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _column(header: str) -> str | None:
    folded = " ".join(re.sub(r"[^a-z0-9 ]", " ", ascii_fold(header)).split())
    return next((name for name, pattern in _COLUMNS if pattern.fullmatch(folded)), None)


def role_of(text: str) -> Role | None:
    """A role written in Vietnamese ("Lãnh đạo", "đầu mối", "Văn phòng", "theo dõi"); blank: contact."""
    folded = ascii_fold(text).strip()
    if not folded:
        return Role.CONTACT
    return next((role for pattern, role in _ROLES if pattern.search(folded)), None)


def _header(rows: list[list[str]]) -> tuple[int, list[str | None]] | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = [_column(cell) for cell in row]
        if "name" in columns and "unit" in columns:
            return index, columns
    return None


def _invitees(rows: list[list[str]], name: str) -> list[Invitee]:
    found = _header(rows)
    if found is None:
        raise NotAContactList(f"{name}: không thấy dòng tiêu đề có cột “Đơn vị” và “Họ và tên”.")
    start, columns = found
    headers = rows[start]
    invitees, problems = [], []
    for number, row in enumerate(rows[start + 1 :], start + 2):
        cells = {col: row[i].strip() for i, col in enumerate(columns) if col and i < len(row)}
        if not any(cell.strip() for cell in row):
            continue
        role = role_of(cells.get("role", ""))
        if not cells.get("name"):
            problems.append(f"{name}, dòng {number}: thiếu họ và tên.")
        elif role is None:
            problems.append(f"{name}, dòng {number}: vai trò “{cells['role']}” không rõ.")
        elif role is Role.CONTACT and not cells.get("unit"):
            problems.append(f"{name}, dòng {number}: thiếu đơn vị.")
        else:
            extra = {
                headers[i]: row[i].strip()
                for i, col in enumerate(columns)
                if col is None and i < len(row) and row[i].strip() and headers[i]
            }
            invitees.append(
                Invitee(
                    number,
                    cells["name"],
                    cells.get("unit", ""),
                    role,
                    cells.get("title", ""),
                    cells.get("phone", ""),
                    extra,
                )
            )
    if problems:
        raise ContactListError("\n".join(problems))
    return invitees


def read_upload(path: Path) -> PlanDocument | list[Invitee]:
    """A file sent in chat: a contact list when its headers say so, else a plan."""
    if path.suffix.lower() in CONTACT_LIST_SUFFIXES:
        try:
            return read_contact_list(path)
        except NotAContactList:
            pass
    return read_plan(path)


def read_contact_list(path: Path) -> list[Invitee]:
    """The invitees of an .xlsx (first sheet with the headers) or .csv contact list."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ContactListError(f"{path.name}: không phải văn bản UTF-8.") from None
        return _invitees(csv_rows(text), path.name)
    if suffix != ".xlsx":
        raise ContactListError(f"{path.name}: danh sách cần là tệp .xlsx hoặc .csv.")
    for title, rows in xlsx_sheets(path):
        if _header(rows) is not None:
            return _invitees(rows, f"{path.name} ({title})")
    raise NotAContactList(f"{path.name}: không trang nào có cột “Đơn vị” và “Họ và tên”.")
