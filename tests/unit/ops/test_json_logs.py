"""DONDOC_LOG_FORMAT=json: one JSON object per line, fields an operator searches, secrets hidden."""

from __future__ import annotations

import json
import logging

import pytest

from bot.config import Settings
from bot.logsetup import HIDDEN_TEXT, REDACTED, configure_logging

TOKEN = "7000000003:json-logs-secret-token-abcdefghijkl"


@pytest.fixture
def log_file(tmp_path):
    """Where configure_logging writes; the root logger is put back afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    yield tmp_path / "dondoc.log"
    for handler in root.handlers:
        handler.close()
    root.handlers[:], root.level = saved


def settings(**values: str) -> Settings:
    return Settings(_env_file=None, TELEGRAM_BOT_TOKEN=TOKEN, **values)


def lines_of(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_json_object_per_line_with_the_fields(log_file):
    configure_logging(settings(DONDOC_LOG_FORMAT="json"), log_file)
    logger = logging.getLogger("bot.test")
    logger.info("sent", extra={"channel": "telegram", "chat": "42", "task": "NV-1", "slot": 7})
    logger.warning("handler failed: channel=zalo chat=99 command=/tasks")
    logger.info("sweep done", extra={"duration": 0.25})
    first, second, third = lines_of(log_file)
    assert set(first) >= {"time", "level", "event", "channel", "chat", "task", "slot"}
    assert (first["level"], first["event"], first["slot"]) == ("INFO", "sent", 7)
    assert (second["channel"], second["chat"]) == ("zalo", "99")
    assert third["duration"] == 0.25


def test_secrets_and_message_texts_are_hidden(log_file):
    configure_logging(settings(DONDOC_LOG_FORMAT="json"), log_file)
    logger = logging.getLogger("bot.test")
    logger.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    logger.info("reply stored", extra={"text": "Đã hoàn thành 70%"})
    try:
        raise ValueError(f"bad url /bot{TOKEN}/x")
    except ValueError:
        logger.exception("failed")
    output = log_file.read_text(encoding="utf-8")
    assert TOKEN not in output and "json-logs-secret" not in output
    url, reply, failure = lines_of(log_file)
    assert REDACTED in url["event"]
    assert reply["text"] == HIDDEN_TEXT and "70%" not in output
    assert REDACTED in failure["exception"]


def test_texts_shown_only_when_asked(log_file):
    configure_logging(settings(DONDOC_LOG_FORMAT="json", DONDOC_LOG_TEXTS="true"), log_file)
    logging.getLogger("bot.test").info("reply stored", extra={"text": "xong"})
    assert lines_of(log_file)[0]["text"] == "xong"


def test_plain_text_stays_the_default(log_file):
    configure_logging(settings(), log_file)
    logging.getLogger("bot.test").info("hello")
    assert log_file.read_text(encoding="utf-8").rstrip().endswith("INFO bot.test: hello")


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="DONDOC_LOG_FORMAT"):
        settings(DONDOC_LOG_FORMAT="xml")


def test_cli_commands_redact_their_library_warnings(log_file):
    from bot.logsetup import quiet_libraries

    root = logging.getLogger()
    root.handlers[:] = [logging.FileHandler(log_file, encoding="utf-8")]
    quiet_libraries(settings())
    quiet_libraries(settings())  # twice: still one redactor
    logging.getLogger("telegram.ext").warning("retrying /bot%s/getUpdates", TOKEN)
    assert len(root.handlers[0].filters) == 1
    assert TOKEN not in log_file.read_text(encoding="utf-8")
    assert REDACTED in log_file.read_text(encoding="utf-8")
