"""Chat handlers: every module's `Router` in one ordered list, and the free-text pipeline in order.

The order of ROUTERS is the order of the command menu; TEXT_PIPELINE is tried top to bottom
until a handler takes the message.
"""

from handlers import (
    admin,
    audit,
    bind,
    contactimport,
    conversation,
    evidence,
    export,
    extensions,
    history,
    invite,
    letters,
    link,
    obstacles,
    onboarding,
    period_summary,
    planimport,
    plansettings,
    reminders,
    report,
    report_fix,
    report_messages,
    start,
    summary,
    tasks,
)
from handlers.router import CONVERSATION_STEPS, RouteTable

ROUTERS = [
    admin.router,
    audit.router,
    bind.router,
    contactimport.router,
    conversation.router,
    evidence.router,
    export.router,
    extensions.router,
    history.router,
    invite.router,
    letters.router,
    link.router,
    onboarding.router,
    obstacles.router,
    period_summary.router,
    planimport.router,
    plansettings.router,
    reminders.router,
    report.router,
    report_fix.router,
    report_messages.router,
    start.router,
    summary.router,
    tasks.router,
]

TEXT_PIPELINE = [
    start.bare_code,  # a stranger's invite code (Zalo has no deep links)
    planimport.plan_document,  # an admin's plan file
    CONVERSATION_STEPS,  # the answer to the question the sender was asked
    report_messages.message_report,  # a contact's progress report
    conversation.not_understood,  # in a private chat: what the bot can do
]

ROUTES = RouteTable(ROUTERS, TEXT_PIPELINE)
