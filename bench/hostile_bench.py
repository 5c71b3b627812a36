"""Adversarial plan files (YAML alias bomb, docx zip bomb, 20 MB plan text): time and peak RSS.

Each file is read by `read_plan` in a fresh process, so each peak RSS is that file's alone
(interpreter and libraries included). Targets: each bomb refused within 5 s and 300 MB;
plan text read at 2 MB/s or more.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REFUSE_SECONDS, REFUSE_RSS_MB, TEXT_MB_PER_SECOND = 5.0, 300.0, 2.0


def _one(path: Path) -> dict:
    """Child side: read one file, report the outcome, seconds and this process's peak RSS."""
    from bot.plandoc import PlanFileError
    from bot.planparse import read_plan

    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        outcome = f"{len(read_plan(path).tasks)} tasks"
    except PlanFileError as error:
        outcome = "refused: " + str(error).split("\n")[0]
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    # The high-water mark of this program's memory (getrusage would count the parent's, from fork).
    status = Path("/proc/self/status").read_text()
    rss = int(re.search(r"VmHWM:\s*(\d+) kB", status)[1]) / 1024
    # CPU seconds too: on a shared machine the wall clock also counts the time others ran.
    return {
        "outcome": outcome,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "peak_rss_mb": round(rss, 1),
    }


def _measure(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    result["file_mb"] = round(path.stat().st_size / 1e6, 3)
    return result


def main() -> None:
    """Build the files, read each in its own process; `--json` prints one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--text-mb", type=float, default=20.0, help="size of the plan text")
    parser.add_argument("--bomb-gb", type=float, default=2.0, help="what the docx inflates to")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one), ensure_ascii=False))
        return
    from import_bench import plan_text  # the import bench's plan generator

    from bench.hostile_files import alias_bomb, zip_bomb_docx

    with tempfile.TemporaryDirectory() as folder:
        files = {
            "yaml_alias_bomb": Path(folder) / "bom.yaml",
            "docx_zip_bomb": Path(folder) / "bom.docx",
            "plan_text": Path(folder) / "ke-hoach.txt",
        }
        files["yaml_alias_bomb"].write_text(alias_bomb(), encoding="utf-8")
        files["docx_zip_bomb"].write_bytes(zip_bomb_docx(int(args.bomb_gb * 2**30)))
        tasks = int(args.text_mb * 1e6 / 340)  # the generator writes about 340 bytes a task
        files["plan_text"].write_text(plan_text(tasks), encoding="utf-8")
        results = {name: _measure(path) for name, path in files.items()}
    text = results["plan_text"]
    text["mb_per_second"] = round(text["file_mb"] / max(text["seconds"], 1e-9), 2)
    text["mb_per_cpu_second"] = round(text["file_mb"] / max(text["cpu_seconds"], 1e-9), 2)
    results["inflates_to_gb"] = args.bomb_gb
    results["target"] = {
        "refused_within_seconds": REFUSE_SECONDS,
        "refused_within_rss_mb": REFUSE_RSS_MB,
        "text_mb_per_second": TEXT_MB_PER_SECOND,
    }
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return
    for name in files:
        r = results[name]
        print(
            f"{name}: {r['file_mb']} MB → {r['outcome']} in {r['seconds']} s, "
            f"peak RSS {r['peak_rss_mb']} MB"
        )
    print(f"plan text: {text['mb_per_second']} MB/s ({text['mb_per_cpu_second']} per CPU second)")


if __name__ == "__main__":
    main()
