"""The deployment's bots: its own tokens and those its committees name, read from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from bot.config import TOKEN_SHAPE, Settings
from bot.domain import Channel
from bot.messages import bot_channel
from bot.texts import t
from db.engine import Database
from db.models import Committee

# The deployment's own variables: their bots are the plain "telegram" and "zalo" channels.
OWN_VARIABLES = {Channel.TELEGRAM.value: "TELEGRAM_BOT_TOKEN", Channel.ZALO.value: "ZALO_BOT_TOKEN"}


@dataclass(frozen=True)
class Bot:
    """One bot to run: its channel name, platform, the variable its token came from, the token."""

    channel: str
    platform: str
    variable: str
    token: str = field(repr=False)
    # Other channel names whose variable holds the same token: they send through this bot.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class MissingToken:
    """A committee's bot that cannot run: its variable is unset or does not hold a token."""

    committee: str
    variable: str
    malformed: bool = False

    def line(self, locale: str | None = None, key: str = "bots.missing") -> str:
        """One line for the operator (never the token): the start-up log's, or `status`'s."""
        problem = t("bots.malformed" if self.malformed else "bots.unset", locale)
        return t(key, locale, committee=self.committee, variable=self.variable, problem=problem)


@dataclass(frozen=True)
class BotPlan:
    """The bots to run and the committees' bots that cannot."""

    bots: list[Bot]
    missing: list[MissingToken]


def committee_bot_channel(platform: str, variable: str) -> str:
    """The channel of the bot a committee names by its token variable (the deployment's own
    variable names the deployment's bot)."""
    return bot_channel(platform, None if OWN_VARIABLES[platform] == variable else variable)


def _own_token(settings: Settings, platform: str) -> str:
    secret = (
        settings.telegram_bot_token if platform == Channel.TELEGRAM else settings.zalo_bot_token
    )
    return secret.get_secret_value() if secret else ""


def own_bots(settings: Settings) -> list[Bot]:
    """The deployment's own bots (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN), where set."""
    return [
        Bot(bot_channel(platform), platform, variable, token)
        for platform, variable in OWN_VARIABLES.items()
        if (token := _own_token(settings, platform))
    ]


async def configured_bots(db: Database, settings: Settings, environ: Mapping[str, str]) -> BotPlan:
    """Every bot whose token is at hand, one per distinct token; committees sharing a variable
    share its bot. Read without a committee scope: the process serves all of them."""
    own = own_bots(settings)
    wanted = {(bot.platform, bot.variable): bot.channel for bot in own}  # → channel
    tokens = {(bot.platform, bot.variable): bot.token for bot in own}
    missing: list[MissingToken] = []
    async with db.reading() as session:
        committees = (await session.execute(select(Committee).order_by(Committee.id))).scalars()
        named = [
            (committee.name, platform, variable)
            for committee in committees
            for platform, variable in (
                (Channel.TELEGRAM.value, committee.telegram_token_env),
                (Channel.ZALO.value, committee.zalo_token_env),
            )
            if variable
        ]
    for committee, platform, variable in named:
        if (platform, variable) in wanted:
            continue
        token = environ.get(variable, "")
        if not token or not TOKEN_SHAPE.fullmatch(token):
            missing.append(MissingToken(committee, variable, malformed=bool(token)))
            continue
        wanted[platform, variable] = committee_bot_channel(platform, variable)
        tokens[platform, variable] = token
    return BotPlan(_one_per_token(wanted, tokens), missing)


def _one_per_token(
    wanted: dict[tuple[str, str], str], tokens: dict[tuple[str, str], str]
) -> list[Bot]:
    """Two variables holding one token are one bot (a token polled twice gets conflicts)."""
    bots: dict[tuple[str, str], Bot] = {}
    for (platform, variable), channel in wanted.items():
        token = tokens[platform, variable]
        first = bots.get((platform, token))
        if first is None:
            bots[platform, token] = Bot(channel, platform, variable, token)
        else:
            bots[platform, token] = Bot(
                first.channel, platform, first.variable, token, (*first.aliases, channel)
            )
    return list(bots.values())
