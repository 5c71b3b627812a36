"""The reader against replies as units write them (tests/fixtures/replies/)."""

from __future__ import annotations

import pytest

from bench.reading_corpus import CORPUS, HOLDOUT, false_done, mismatches, replies
from bot.domain import ReportStatus

ALL = replies(CORPUS) + replies(HOLDOUT)


def test_the_corpus_is_large_enough():
    assert len(replies(CORPUS)) >= 200


@pytest.mark.parametrize("reply", ALL, ids=lambda reply: reply.text[:40])
def test_no_false_done_and_doubt_asks(reply):
    reading = reply.read()
    assert false_done(reply.expected, reading) == 0
    if reply.expected.get("confident") is False:
        assert not reading.confident  # where a careful reader would ask, the bot asks
    for one in (reading, *reading.items):
        assert one.status is not ReportStatus.DONE or one.confident


@pytest.mark.parametrize("path", [CORPUS, HOLDOUT], ids=["corpus", "holdout"])
def test_at_least_97_percent_read_right(path):
    corpus = replies(path)
    wrong = {reply.text: mismatches(reply.expected, reply.read()) for reply in corpus}
    wrong = {text: problems for text, problems in wrong.items() if problems}
    assert (len(corpus) - len(wrong)) / len(corpus) >= 0.97, wrong
