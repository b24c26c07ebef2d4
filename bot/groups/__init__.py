"""Groups: registration for an agency and region, the bot's membership, supergroup migrations."""

from telegram.ext import Application, ChatMemberHandler, MessageHandler, filters

from bot.access import CommandSpec, Where, add_buttons, add_command
from bot.groups import handlers
from db.access import Cap

REGISTER_GROUP = CommandSpec("daftargrup", ("registergroup",), Cap.REGISTER_GROUP, Where.GROUP)
GROUP_INFO = CommandSpec("grup", ("group",), Cap.REPORT, Where.GROUP)


def register(app: Application) -> None:
    """Add the groups feature's commands, buttons and membership handlers."""
    add_command(app, REGISTER_GROUP, handlers.register_group_command)
    add_command(app, GROUP_INFO, handlers.group_info)
    actions = ("ag", "cp", "rg", "here", "pg", "back", "send", "cancel", "react")
    add_buttons(app, "grp", {a: Cap.REGISTER_GROUP for a in actions}, handlers.on_button)
    app.add_handler(ChatMemberHandler(handlers.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.on_migration))
