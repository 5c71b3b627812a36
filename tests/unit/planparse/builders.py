"""Sample and fixture paths, .docx files built from JSON specs, and PDFs rendered from text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import matplotlib
from docx.shared import Pt

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / ".." / "shared" / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "plans"


def build_docx(spec: dict, path: Path) -> Path:
    """A .docx from a spec: blocks of {"p": text} or {"table": rows, "merge": [[r1, c1, r2, c2]]}."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(13)
    for block in spec["blocks"]:
        if "p" in block:
            document.add_paragraph(block["p"])
            continue
        rows = block["table"]
        table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        for r1, c1, r2, c2 in block.get("merge", []):
            table.cell(r1, c1).merge(table.cell(r2, c2))
    document.save(str(path))
    return path


def render_pdf(text: str, path: Path, lines_per_page: int = 60) -> Path:
    """A PDF whose text layer holds `text`, one printed line per line of text."""
    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.backends.backend_pdf import PdfPages

    matplotlib.rcParams["pdf.fonttype"] = 42
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    with PdfPages(path) as pdf:
        for start in range(0, len(lines), lines_per_page):
            figure = pyplot.figure(figsize=(8.27, 11.69))
            for index, line in enumerate(lines[start : start + lines_per_page]):
                figure.text(0.06, 0.96 - index * 0.015, line, fontsize=8, family="DejaVu Sans")
            pdf.savefig(figure)
            pyplot.close(figure)
    return path


def alias_bomb(levels: int = 9) -> str:
    """The issue's YAML: nine lists of nine, each of the one before, inside a task's `extra`."""
    lines = [
        'plan: {title: "Kế hoạch"}',
        "tasks:",
        '  - code: "1"',
        "    title: Việc",
        "    extra:",
    ]
    lines.append("      a0: &a0 [" + ", ".join(["lol"] * 9) + "]")
    for level in range(1, levels):
        lines.append(f"      a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def zip_bomb_docx(inflated: int) -> bytes:
    """A real .docx whose document part is padded with spaces to `inflated` bytes (about 1:1000)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != "word/document.xml":
                bomb.writestr(item.filename, data)
                continue
            with bomb.open(item.filename, "w", force_zip64=True) as part:
                chunk = b" " * (1024 * 1024)
                padding = inflated - len(data)
                for _ in range(padding // len(chunk)):
                    part.write(chunk)
                part.write(b" " * (padding % len(chunk)))
                part.write(data.split(b"?>", 1)[1])  # spaces may precede the root, not the prolog
    return out.getvalue()
