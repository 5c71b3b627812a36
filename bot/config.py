"""Settings read from the environment and `.env`."""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SUPPORTED_DATABASES = ("sqlite", "postgresql", "postgres")
TELEGRAM_API = "https://api.telegram.org"
# Bot API tokens are `<bot id>:<secret>` on both platforms; Telegram's secret is 35 characters
# (emulators and tests may use shorter ones, so the length is checked against Telegram only).
TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]+")
TELEGRAM_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")


def check_database_url(value: str) -> str:
    """`value` if dondoc can use it as a database address, else ValueError saying why."""
    try:
        url = make_url(value)
    except ArgumentError:
        raise ValueError("không phải một địa chỉ cơ sở dữ liệu hợp lệ") from None
    if url.get_backend_name() not in SUPPORTED_DATABASES:
        raise ValueError("chỉ hỗ trợ sqlite:// hoặc postgresql://")
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise ValueError(
            "cơ sở dữ liệu trong bộ nhớ mất hết khi lệnh kết thúc: dùng một tệp, ví dụ sqlite:///dondoc.db"
        )
    return value


class Settings(BaseSettings):
    """Every knob dondoc reads; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field("sqlite:///dondoc.db", alias="DATABASE_URL")
    telegram_bot_token: SecretStr | None = Field(None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str = Field("https://api.telegram.org", alias="TELEGRAM_API_URL")
    telegram_bot_username: str | None = Field(None, alias="TELEGRAM_BOT_USERNAME")
    telegram_webhook_url: str | None = Field(None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr | None = Field(None, alias="TELEGRAM_WEBHOOK_SECRET")
    zalo_bot_token: SecretStr | None = Field(None, alias="ZALO_BOT_TOKEN")
    zalo_api_url: str = Field("https://bot-api.zaloplatforms.com", alias="ZALO_API_URL")
    zalo_webhook_url: str | None = Field(None, alias="ZALO_WEBHOOK_URL")
    zalo_webhook_secret: SecretStr | None = Field(None, alias="ZALO_WEBHOOK_SECRET")
    webhook_listen: str = Field("127.0.0.1:8443", alias="DONDOC_WEBHOOK_LISTEN")
    timezone: str = Field("Asia/Ho_Chi_Minh", alias="DONDOC_TIMEZONE")
    locale: str = Field("vi", alias="DONDOC_LOCALE")
    log_level: str = Field("INFO", alias="DONDOC_LOG_LEVEL")
    log_format: str = Field("text", alias="DONDOC_LOG_FORMAT")
    log_texts: bool = Field(False, alias="DONDOC_LOG_TEXTS")
    health_listen: str = Field("127.0.0.1:9090", alias="DONDOC_HEALTH_LISTEN")

    @field_validator("health_listen")
    @classmethod
    def _health_listen_is_an_address(cls, value: str) -> str:
        if value.lower() == "off":
            return "off"
        host, separator, port = value.rpartition(":")
        if not (host and separator and port.isdigit() and int(port) <= 65535):
            raise ValueError("phải có dạng máy:cổng (ví dụ 127.0.0.1:9090) hoặc off")
        return value

    @field_validator("log_format")
    @classmethod
    def _log_format_is_known(cls, value: str) -> str:
        if value.lower() not in ("text", "json"):
            raise ValueError("chỉ hỗ trợ 'text' hoặc 'json'")
        return value.lower()

    @field_validator("telegram_bot_token", "zalo_bot_token")
    @classmethod
    def _token_has_its_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if (
            value is not None
            and value.get_secret_value()
            and not TOKEN_SHAPE.fullmatch(value.get_secret_value())
        ):
            raise ValueError(
                "không đúng dạng token (số:chuỗi, lấy từ @BotFather hoặc bot.zaloplatforms.com)"
            )
        return value

    @model_validator(mode="after")
    def _telegram_token_is_full(self) -> Settings:
        token = self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else ""
        if token and self.telegram_api_url == TELEGRAM_API and not TELEGRAM_TOKEN.fullmatch(token):
            raise ValueError(
                "biến TELEGRAM_BOT_TOKEN — token Telegram bị thiếu ký tự: chép lại đủ từ @BotFather"
            )
        return self

    @field_validator("database_url")
    @classmethod
    def _database_url_is_usable(cls, value: str) -> str:
        return check_database_url(value)

    @field_validator("timezone")
    @classmethod
    def _timezone_exists(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("múi giờ không tồn tại") from None
        return value

    @field_validator("locale")
    @classmethod
    def _locale_is_known(cls, value: str) -> str:
        if value not in ("vi", "en"):
            raise ValueError("chỉ hỗ trợ 'vi' hoặc 'en'")
        return value

    @field_validator("telegram_api_url", "zalo_api_url")
    @classmethod
    def _api_url_is_http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("phải bắt đầu bằng http:// hoặc https://")
        return value.rstrip("/")

    @property
    def tz(self) -> ZoneInfo:
        """The committee's time zone."""
        return ZoneInfo(self.timezone)


class SettingsError(Exception):
    """A setting has a bad value; the message names the variable."""


def describe_error(error: ValidationError, env_prefix: str = "") -> str:
    """One line per bad variable, naming it, never echoing a secret.

    Settings read under an `env_prefix` name their fields; the variable is the prefixed upper case.
    """
    lines = []
    for item in error.errors():
        variable = str(item["loc"][0]) if item["loc"] else "?"
        variable = f"{env_prefix}{variable.upper()}" if env_prefix else variable
        reason = str(item["msg"]).removeprefix("Value error, ")
        # A check across variables names them in its own reason.
        where = f"biến {variable} — " if item["loc"] else ""
        lines.append(f"Cấu hình sai: {where}{reason}")
    return "\n".join(lines)


@lru_cache
def get_settings() -> Settings:
    """Load settings once per process."""
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(describe_error(error)) from None
