"""Printable invite sheets, one page per person: name, unit, role, QR of the deep link, code."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from bot.services.invite_batch import IssuedInvite
from bot.services.invites import deep_link
from bot.texts import t

QR_WIDTH_CM = 6
# A fixed mask skips scoring all eight masks, most of qrcode's cost; any mask scans.
QR_MASK = 0
QR_BORDER = 2
QR_BOX = 8
SOFFICE_TIMEOUT = 300


class SheetError(Exception):
    """The sheets cannot be written in the asked format; the message says why."""


def qr_png(data: str) -> bytes:
    """A QR code of `data` as a black-and-white PNG."""
    import qrcode
    from PIL import Image

    code = qrcode.QRCode(border=QR_BORDER, mask_pattern=QR_MASK)
    code.add_data(data)
    matrix = code.get_matrix()
    size = len(matrix)
    # One pixel per module, then enlarged: qrcode's own renderer draws each module separately.
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    # Black and white before enlarging, without dithering (there is no grey to dither).
    image = Image.frombytes("L", (size, size), pixels).convert("1", dither=Image.Dither.NONE)
    image = image.resize((size * QR_BOX, size * QR_BOX), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)  # 1: fast; a QR compresses well anyway
    return buffer.getvalue()


def write_docx(invites: list[IssuedInvite], path: Path, bot_username: str | None) -> None:
    """A Word document with one page per invite."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    for index, invite in enumerate(invites):
        # Few paragraphs per page, lines joined by breaks: python-docx's cost is per paragraph.
        heading = document.add_paragraph()
        heading.paragraph_format.page_break_before = index > 0
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title = heading.add_run(t("sheet.title"))
        title.bold, title.font.size = True, Pt(16)
        lines = [t("sheet.person", name=invite.name)]
        lines += [t("sheet.position", title=invite.title)] if invite.title else []
        lines += [t("sheet.unit", unit=invite.unit)] if invite.unit else []
        lines.append(t("sheet.role", role=t(f"role.{invite.role}")))
        document.add_paragraph("\n".join(lines))
        link = deep_link(bot_username, invite.code)
        if link:
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(io.BytesIO(qr_png(link)), width=Cm(QR_WIDTH_CM))
            picture.add_run("\n" + link)
        code = document.add_paragraph()
        code_run = code.add_run(t("sheet.code", code=invite.code))
        code_run.bold, code_run.font.size = True, Pt(14)
        steps = ("sheet.step1", "sheet.step2", "sheet.step3")
        code.add_run("\n" + "\n".join([t("sheet.expires", date=f"{invite.expires:%d/%m/%Y}"),
                                         *map(t, steps)]))  # fmt: skip
    document.save(str(path))


def write_sheets(invites: list[IssuedInvite], path: Path, bot_username: str | None) -> None:
    """Sheets as .docx, or .pdf converted by LibreOffice when it is installed."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        write_docx(invites, path, bot_username)
        return
    if suffix != ".pdf":
        raise SheetError(f"{path.name}: chỉ ghi được tệp .docx hoặc .pdf.")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SheetError("Máy này không có LibreOffice để tạo PDF; hãy dùng -o tệp.docx.")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{path.stem}.docx"
        write_docx(invites, source, bot_username)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
            check=True, capture_output=True, timeout=SOFFICE_TIMEOUT,
            env={"HOME": folder, "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        shutil.move(Path(folder) / f"{path.stem}.pdf", path)
