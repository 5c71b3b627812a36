"""Plan documents → `PlanDocument`: structured files and Vietnamese plan text."""

from __future__ import annotations

from pathlib import Path

from bot.plandoc import PlanDocument, PlanFileError
from bot.planparse import readers, structured, workbook

READERS = {
    ".yaml": structured.read_yaml,
    ".yml": structured.read_yaml,
    ".csv": structured.read_csv,
    ".txt": readers.read_text,
    ".docx": readers.read_docx,
    ".pdf": readers.read_pdf,
    ".xlsx": workbook.read_xlsx,
}


def read_plan(path: Path) -> PlanDocument:
    """Read any supported plan file; raise `PlanFileError` with a Vietnamese message."""
    if not path.is_file():
        raise PlanFileError(f"Không tìm thấy tệp {path}.")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise PlanFileError(
            f"Không đọc được loại tệp {path.suffix or '(không đuôi)'}; hỗ trợ: {known}."
        )
    return reader(path)
