"""Parse a generated 300-task plan (text and .docx) and report time and peak memory."""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

import docx

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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "ke-hoach.txt"
        text.write_text(plan_text(args.tasks), encoding="utf-8")
        results = {
            "txt": measure(text),
            "docx": measure(plan_docx(args.tasks, Path(folder) / "ke-hoach.docx")),
        }
    results["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    results["target"] = {"seconds": 2, "peak_mb": 150}
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for kind in ("txt", "docx"):
            r = results[kind]
            print(f"{kind}: {r['tasks']} tasks in {r['seconds']} s, peak {r['peak_mb']} MB")
        print(f"max RSS: {results['max_rss_mb']} MB")


if __name__ == "__main__":
    main()
