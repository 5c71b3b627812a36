"""Driver errors are named by what to fix; settings refuse malformed tokens without echoing them."""

from __future__ import annotations

import errno
import socket

import asyncpg
import pytest
from pydantic import SecretStr, ValidationError
from sqlalchemy.exc import OperationalError

from bot.config import Settings, describe_error
from db.failures import classify

PG = "postgresql://dondoc:matkhau@db.tinh.gov.vn:5433/dondoc_dongha"


def wrapped(error: Exception) -> OperationalError:
    """As SQLAlchemy hands a driver's error over."""
    try:
        raise OperationalError("connect", {}, error) from error
    except OperationalError as outer:
        return outer


@pytest.mark.parametrize(
    ("error", "key", "value"),
    [
        (
            asyncpg.InvalidPasswordError("password authentication failed"),
            "db.wrong_password",
            "dondoc",
        ),
        (
            asyncpg.InvalidCatalogNameError('database "x" does not exist'),
            "db.unknown_database",
            "dondoc_dongha",
        ),
        (asyncpg.InvalidAuthorizationSpecificationError("role"), "db.unknown_role", "dondoc"),
        (asyncpg.TooManyConnectionsError("too many"), "db.too_many", None),
        (
            socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            "db.unknown_host",
            "db.tinh.gov.vn",
        ),
        (
            ConnectionRefusedError(errno.ECONNREFUSED, "refused"),
            "db.unreachable",
            "db.tinh.gov.vn:5433",
        ),
        (OSError(errno.EROFS, "Read-only file system"), "db.read_only", None),
    ],
)
def test_driver_errors_become_the_fix(error, key, value):
    problem = classify(wrapped(error), PG)
    assert problem is not None and problem.key == key
    if value is not None:
        assert value in problem.values.values()


def test_an_unknown_error_is_left_to_the_generic_line():
    assert classify(RuntimeError("something else"), PG) is None
    assert classify(FileNotFoundError(errno.ENOENT, "ke-hoach.docx"), PG) is None


def test_the_password_is_never_a_value():
    problem = classify(wrapped(asyncpg.InvalidPasswordError("x")), PG)
    assert "matkhau" not in " ".join(problem.values.values())


@pytest.mark.parametrize("token", ["abc", "123", ":abcdef", "123:abc def", "123:абв"])
def test_malformed_tokens_are_refused_without_echo(token):
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None, ZALO_BOT_TOKEN=token)
    message = describe_error(refused.value)
    assert "biến ZALO_BOT_TOKEN — không đúng dạng token" in message
    assert token not in message


def test_tokens_of_the_right_shape_pass():
    settings = Settings(
        _env_file=None,
        TELEGRAM_BOT_TOKEN="7000000001:AAH" + "x" * 32,
        ZALO_BOT_TOKEN="12345689:abc-xyz",
    )
    assert isinstance(settings.zalo_bot_token, SecretStr)


def test_a_short_token_passes_only_against_another_api():
    short = "7000000001:e2e-secret-token-ABCdef"
    with pytest.raises(ValueError, match="TELEGRAM_BOT_TOKEN"):
        Settings(_env_file=None, TELEGRAM_BOT_TOKEN=short)
    assert Settings(
        _env_file=None, TELEGRAM_BOT_TOKEN=short, TELEGRAM_API_URL="http://127.0.0.1:8081"
    )


@pytest.mark.parametrize("listen", ["9090", "localhost:http", "127.0.0.1:99999", ":9090"])
def test_a_bad_health_address_names_the_variable(listen):
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None, DONDOC_HEALTH_LISTEN=listen)
    assert "biến DONDOC_HEALTH_LISTEN — phải có dạng máy:cổng" in describe_error(refused.value)
