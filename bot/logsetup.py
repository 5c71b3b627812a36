"""Logging for the long-running processes: levels, quiet libraries, secrets never printed,
plain text or one JSON object per line (DONDOC_LOG_FORMAT=json)."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy.engine import make_url

from bot.config import Settings

# httpx logs every request URL at INFO, and a Bot API URL contains the token; alembic announces
# every migration context; neither belongs in an operator's normal output.
QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler", "aiohttp.access", "alembic")
REDACTED = "«bí mật»"
HIDDEN_TEXT = "«ẩn»"
# The structured fields a log call may pass with `extra={...}`; JSON lines carry them.
FIELDS = ("channel", "chat", "task", "slot", "duration")
PAIR = re.compile(r"\b(channel|chat|task|slot|duration)=([^\s,;]+)")


class SecretRedactor(logging.Filter):
    """Replaces secret values in a record's message and traceback."""

    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = [secret for secret in secrets if len(secret) >= 6]

    def redact(self, text: str) -> str:
        """`text` with every secret replaced."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, event, logger and the structured fields given."""

    def __init__(self, show_texts: bool = False):
        super().__init__()
        self.show_texts = show_texts

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line (its message texts hidden unless asked for)."""
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "event": record.getMessage(),
            "logger": record.name,
        }
        # Fields from `extra={...}`, else from the `name=value` pairs our log lines already carry.
        pairs = dict(PAIR.findall(str(line["event"])))
        for name in FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
            elif name in pairs:
                line[name] = pairs[name]
        if hasattr(record, "text"):
            line["text"] = record.text if self.show_texts else HIDDEN_TEXT
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def secrets_of(settings: Settings) -> list[str]:
    """Every secret setting's value, and the database password."""
    values = (getattr(settings, name) for name in type(settings).model_fields)
    secrets = [value.get_secret_value() for value in values if isinstance(value, SecretStr)]
    password = make_url(settings.database_url).password
    return [*secrets, *([str(password)] if password else [])]


def quiet_libraries(settings: Settings | None = None) -> None:
    """Warnings and errors only from the libraries (CLI commands log nothing else by default),
    with `settings`' secrets redacted from every line."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    if settings is not None:
        redact_every_handler(settings)


def redact_every_handler(settings: Settings) -> None:
    """Put one redactor of `settings`' secrets on each root handler."""
    redactor = SecretRedactor(secrets_of(settings))
    for handler in logging.getLogger().handlers:
        for old in [f for f in handler.filters if isinstance(f, SecretRedactor)]:
            handler.removeFilter(old)
        handler.addFilter(redactor)


def configure_logging(settings: Settings, filename: Path | None = None) -> None:
    """Log to stderr (or a file) at DONDOC_LOG_LEVEL with secrets redacted from every line."""
    target = {"filename": filename, "encoding": "utf-8"} if filename else {"stream": sys.stderr}
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
        **target,
    )
    quiet_libraries(settings)
    for handler in logging.getLogger().handlers:
        if settings.log_format == "json":
            handler.setFormatter(JsonFormatter(show_texts=settings.log_texts))
