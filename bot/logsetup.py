"""Logging for the long-running processes: levels, quiet libraries, secrets never printed."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pydantic import SecretStr

from bot.config import Settings

# httpx logs every request URL at INFO, and a Bot API URL contains the token.
QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler", "aiohttp.access")
REDACTED = "«bí mật»"


class SecretRedactor(logging.Filter):
    """Replaces secret values in a record's message and traceback."""

    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = [secret for secret in secrets if len(secret) >= 6]

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        message = record.getMessage()
        redacted = self._redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        return True


def secrets_of(settings: Settings) -> list[str]:
    """Every secret setting's value."""
    values = (getattr(settings, name) for name in type(settings).model_fields)
    return [value.get_secret_value() for value in values if isinstance(value, SecretStr)]


def configure_logging(settings: Settings, filename: Path | None = None) -> None:
    """Log to stderr (or a file) at DONDOC_LOG_LEVEL with secrets redacted from every line."""
    target = {"filename": filename, "encoding": "utf-8"} if filename else {"stream": sys.stderr}
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
        **target,
    )
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    redactor = SecretRedactor(secrets_of(settings))
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
