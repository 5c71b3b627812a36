"""Chat platforms behind one small port."""


def webhook_url_for(url: str, channel: str) -> str:
    """The webhook address of one bot: the configured one for the deployment's own bot, with the
    bot's variable appended for a committee's ("…/hook" → "…/hook/TG_XA_AN_BINH")."""
    _platform, _, variable = channel.partition(":")
    return f"{url.rstrip('/')}/{variable}" if variable else url
