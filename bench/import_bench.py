"""Parse a generated 300-task plan (text, .docx, .xlsx) and issue a 500-person contact list's
invites with printable sheets; report time and peak memory.

    .venv/bin/python bench/import_bench.py --json [--database-url postgresql://postgres@127.0.0.1:5432/test]

The invites are stored in an SQLite file; with `--database-url`, issued again on a schema of that
PostgreSQL server (`"postgresql": {"invites"}`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import docx
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import add_database_option, bench_database
from bot.planparse import read_plan

UNITS = [
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Văn hóa và Thông tin huyện",
    "Văn phòng HĐND và UBND huyện",
    "Công an huyện",
    "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện",
]
WHEN = [
    "hoàn thành trước 30/9/2025",
    "thực hiện trong Quý III/2025",
    "báo cáo định kỳ 6 tháng",
    "báo cáo vào tháng 12 hằng năm",
    "thực hiện thường xuyên, liên tục đến năm 2025",
    "báo cáo hằng tháng, trước ngày 25",
]
HEAD = """ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN ĐÔNG HƯNG                       Độc lập - Tự do - Hạnh phúc
Số: 300/KH-UBND                     Đông Hưng, ngày 14 tháng 01 năm 2025
KẾ HOẠCH
Thực hiện các nhiệm vụ trọng tâm năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm hoàn thành các chỉ tiêu năm 2025.
II. NHIỆM VỤ, GIẢI PHÁP
"""
FOOT = """Nơi nhận:                                  TM. ỦY BAN NHÂN DÂN
- Lưu: VT.                                         CHỦ TỊCH
                                               Nguyễn Văn Hùng
"""


def _sentence(n: int) -> str:
    lead, partner = UNITS[n % len(UNITS)], UNITS[(n + 1) % len(UNITS)]
    return (
        f"Tổ chức triển khai nội dung số {n} của Kế hoạch trên địa bàn huyện, bảo đảm chất\n"
        f"lượng, hiệu quả. {lead} chủ trì, phối hợp với {partner} và các cơ quan, đơn vị\n"
        f"liên quan thực hiện; {WHEN[n % len(WHEN)]}."
    )


def plan_text(tasks: int) -> str:
    """A plan of `tasks` tasks: items with a), b), c) sub-items, as extracted from a PDF."""
    body, n, item = [], 0, 0
    while n < tasks:
        item += 1
        body.append(f"{item}. Nhóm nhiệm vụ {item}")
        for letter in "abc"[: min(3, tasks - n)]:
            n += 1
            body.append(f"{letter}) {_sentence(n)}")
    return HEAD + "\n".join(body) + "\n" + FOOT


def plan_docx(tasks: int, path: Path) -> Path:
    """A .docx plan whose tasks are the rows of an assignment table."""
    document = docx.Document()
    for line in HEAD.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=tasks + 1, cols=5)
    header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    for n in range(1, tasks + 1):
        cells = table.rows[n].cells
        cells[0].text = str(n)
        cells[1].text = f"Tổ chức triển khai nội dung số {n} của Kế hoạch trên địa bàn huyện"
        cells[2].text = UNITS[n % len(UNITS)]
        cells[3].text = f"{UNITS[(n + 1) % len(UNITS)]}; UBND các xã, thị trấn"
        cells[4].text = WHEN[n % len(WHEN)]
    for line in FOOT.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def plan_xlsx(tasks: int, path: Path) -> Path:
    """An Excel task list: title rows, merged section rows every 30 tasks, multi-line cells."""
    book = Workbook()
    book.active.append(["Ghi chú", "Trang hướng dẫn, không phải danh sách nhiệm vụ"])
    sheet = book.create_sheet("Phụ lục")
    for line in HEAD.splitlines()[:5]:
        sheet.append([line])
    sheet.append(["Thời gian", "STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Sản phẩm",
                  "Cơ quan phối hợp"])  # fmt: skip
    for n in range(1, tasks + 1):
        if n % 30 == 1:
            sheet.append([None, f"{chr(ord('A') + n // 30 % 26)}. NHÓM NHIỆM VỤ {n // 30 + 1}"])
            sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row,
                              end_column=6)  # fmt: skip
        sheet.append([WHEN[n % len(WHEN)], n,
                      f"Tổ chức triển khai nội dung số {n}\ncủa Kế hoạch trên địa bàn huyện",
                      UNITS[n % len(UNITS)], "Báo cáo",
                      f"- {UNITS[(n + 1) % len(UNITS)]}\n- UBND các xã, thị trấn"])  # fmt: skip
    book.save(path)
    return path


def contact_list(people: int, path: Path) -> Path:
    """A contact list of `people` rows over the bench's units, roles in Vietnamese."""
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐẦU MỐI"])
    sheet.append(["STT", "Đơn vị", "Họ và tên", "Chức vụ", "Số điện thoại", "Vai trò"])
    for n in range(1, people + 1):
        sheet.append([n, UNITS[n % len(UNITS)], f"Nguyễn Văn Số {n}", "Chuyên viên",
                      f"09{n:08d}", "đầu mối" if n % 10 else "lãnh đạo"])  # fmt: skip
    book.save(path)
    return path


async def _issue(
    listing: Path, sheets: Path, folder: Path, server: str | None
) -> tuple[int, float, float]:
    from bot.contactlist import read_contact_list
    from bot.invitesheets import write_sheets
    from bot.services.invite_batch import invite_list
    from bot.services.units import ensure_unit
    from db.base import utcnow
    from db.migrate import upgrade

    async with bench_database(folder, "bench", server) as database:
        await upgrade(database)
        async with database.transaction() as session:
            for name in UNITS:
                await ensure_unit(session, name, "bench")
        start, cpu_start = time.perf_counter(), time.process_time()
        invitees = read_contact_list(listing)
        async with database.transaction() as session:
            issued = await invite_list(session, invitees, "bench", utcnow())
        write_sheets(issued, sheets, "dondoc_bot")
        return len(issued), time.perf_counter() - start, time.process_time() - cpu_start


def measure_invites(people: int, folder: Path, server: str | None) -> dict:
    """Seconds (wall and this process's CPU, steadier on a shared machine) to read a contact list,
    issue its invites (in SQLite, or with `server` a PostgreSQL schema) and write the sheets; the
    process's peak RSS so far (tracemalloc would slow the many small allocations of the sheets)."""
    listing = contact_list(people, folder / "danh-sach.xlsx")
    count, seconds, cpu = asyncio.run(_issue(listing, folder / "phieu-moi.docx", folder, server))
    return {
        "people": count,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "sheets_mb": round((folder / "phieu-moi.docx").stat().st_size / 2**20, 1),
    }


def measure(path: Path) -> dict:
    """Seconds to parse (best of three) and the peak of Python allocations while parsing."""
    seconds = []
    for _ in range(3):
        start = time.perf_counter()
        document = read_plan(path)
        seconds.append(time.perf_counter() - start)
    tracemalloc.start()
    read_plan(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "tasks": len(document.tasks),
        "seconds": round(min(seconds), 3),
        "peak_mb": round(peak / 2**20, 1),
    }


def main() -> None:
    """Run the benchmark; `--json` prints one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--people", type=int, default=500)
    add_database_option(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "ke-hoach.txt"
        text.write_text(plan_text(args.tasks), encoding="utf-8")
        results = {
            "txt": measure(text),
            "docx": measure(plan_docx(args.tasks, Path(folder) / "ke-hoach.docx")),
            "xlsx": measure(plan_xlsx(args.tasks, Path(folder) / "ke-hoach.xlsx")),
            "invites": measure_invites(args.people, Path(folder), None),
        }
        if args.database_url:
            results["postgresql"] = {
                "invites": measure_invites(args.people, Path(folder), args.database_url)
            }
    results["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    results["target"] = {"seconds": 2, "peak_mb": 150, "invites_seconds": 10, "invites_rss_mb": 200}
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for kind in ("txt", "docx", "xlsx"):
            r = results[kind]
            print(f"{kind}: {r['tasks']} tasks in {r['seconds']} s, peak {r['peak_mb']} MB")
        for label, figures in (
            ("invites", results),
            ("invites, PostgreSQL", results.get("postgresql")),
        ):
            if figures:
                r = figures["invites"]
                print(f"{label}: {r['people']} people with sheets in {r['seconds']} s "
                      f"({r['cpu_seconds']} s CPU)")  # fmt: skip
        print(f"max RSS: {results['max_rss_mb']} MB")


if __name__ == "__main__":
    main()
