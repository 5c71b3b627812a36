"""How well and how fast replies are read, against the corpus in tests/fixtures/replies/; prints JSON.

    .venv/bin/python bench/reading_bench.py --json

For the corpus and the held-out set: the share of replies read right (every field a careful human
reads), false "done" readings (the worst error), uncertain readings (the bot asks instead of
recording) and doubts missed (a human would ask, the reader is sure); then microseconds per reply.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.reading_corpus import CORPUS, HOLDOUT, Reply, false_done, mismatches, replies


def accuracy(corpus: tuple[Reply, ...]) -> dict[str, object]:
    """Right, false done, asking and missed doubts over one corpus."""
    wrong: dict[str, list[str]] = {}
    false_dones = asks = missed_doubts = 0
    for reply in corpus:
        reading = reply.read()
        problems = mismatches(reply.expected, reading)
        if problems:
            wrong[reply.text] = problems
        false_dones += false_done(reply.expected, reading)
        asks += not reading.confident
        missed_doubts += reply.expected.get("confident") is False and reading.confident
    return {
        "replies": len(corpus),
        "right_share": round((len(corpus) - len(wrong)) / len(corpus), 4),
        "false_done": false_dones,
        "uncertain_that_ask": asks,
        "uncertain_not_asked": missed_doubts,
        "wrong": wrong,
    }


def speed(corpus: tuple[Reply, ...], rounds: int) -> dict[str, float]:
    """Microseconds to read one reply: median and 95th percentile of per-round averages."""
    per_reply = []
    for _ in range(rounds):
        started = time.perf_counter()
        for reply in corpus:
            reply.read()
        per_reply.append(1e6 * (time.perf_counter() - started) / len(corpus))
    per_reply.sort()
    return {
        "us_per_reply_median": round(statistics.median(per_reply), 1),
        "us_per_reply_p95": round(per_reply[int(0.95 * (len(per_reply) - 1))], 1),
        "rounds": rounds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--rounds", type=int, default=50)
    arguments = parser.parse_args()
    corpus, holdout = replies(CORPUS), replies(HOLDOUT)
    result = {
        "corpus": accuracy(corpus),
        "holdout": accuracy(holdout),
        "speed": speed(corpus + holdout, arguments.rounds),
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if arguments.json else 2))


if __name__ == "__main__":
    main()
