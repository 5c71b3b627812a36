"""Zip-based documents (.docx, .xlsx) checked from their directory before anything is inflated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from bot.plandoc import PlanFileError

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # a part's uncompressed size
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_RATIO = 100  # Word and Excel XML compresses 5–20 times; bombs, thousands
RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress well without harm


def check_archive(source: Path | bytes, name: str) -> None:
    """Raise `PlanFileError` if any part of the zip would inflate too much.

    Only the central directory is read. zipfile never returns more than a member's declared size,
    so a member lying about its size cannot inflate past what is checked here.
    """
    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(opened) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: the document reader says what it is not
    if len(members) > MAX_MEMBERS:
        raise PlanFileError(f"{name}: tệp có quá nhiều phần ({len(members)}).")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        ratio = size / max(member.compress_size, 1)
        if size > MAX_MEMBER_BYTES or (size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
            raise PlanFileError(
                f"{name}: phần {member.filename} giải nén ra {size // (1024 * 1024)} MB "
                f"(nén {ratio:.0f} lần) — tệp bất thường, không đọc."
            )
    if total > MAX_TOTAL_BYTES:
        raise PlanFileError(f"{name}: tệp giải nén ra quá lớn ({total // (1024 * 1024)} MB).")
