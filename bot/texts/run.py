"""Texts of `dondoc run` and `dondoc demo` (operator-facing, in the terminal)."""

VI = {
    "run.no_token": (
        "Chưa có token bot: đặt TELEGRAM_BOT_TOKEN (hoặc ZALO_BOT_TOKEN) trong môi trường hoặc "
        "tệp .env rồi chạy lại. Muốn thử không cần token: dondoc demo."
    ),
}

EN = {
    "run.no_token": (
        "No bot token: set TELEGRAM_BOT_TOKEN (or ZALO_BOT_TOKEN) in the environment or .env "
        "and run again. To try it without a token: dondoc demo."
    ),
}
