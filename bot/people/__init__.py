"""People: registration with approval, profiles, roles."""

from telegram.ext import Application

from bot.access import CommandSpec, Where, add_buttons, add_command, add_dialogue
from bot.people import registration, roles
from bot.people import renderers as renderers
from db.access import Cap

REGISTER = CommandSpec("daftar", ("register",), Cap.PUBLIC, Where.PRIVATE)
PROFILE = CommandSpec("profil", ("profile",), Cap.REPORT, Where.PRIVATE)
ROLES = CommandSpec("peran", ("role",), Cap.GRANT_LIAISON, Where.PRIVATE)


def register(app: Application) -> None:
    """Add the people feature's commands, buttons and dialogue."""
    add_command(app, REGISTER, registration.start_registration)
    add_command(app, PROFILE, registration.show_profile)
    add_command(app, ROLES, roles.roles_command)
    public = {a: Cap.PUBLIC for a in ("ag", "rg", "here", "pg", "back", "send", "edit", "cancel")}
    add_buttons(app, "reg", {**public, "ok": Cap.APPROVE_REGISTRATIONS, "no": Cap.APPROVE_REGISTRATIONS},
                registration.on_button)
    add_buttons(app, "role", {a: Cap.GRANT_LIAISON for a in ("list", "card", "set", "revoke")}, roles.on_button)
    add_dialogue(registration.KIND, Cap.PUBLIC, registration.on_input)
