"""`python -m bot admin create|passwd|disable`: web admin accounts from the command line (no bot token needed)."""

import argparse
import getpass
import sys

from bot.config import Settings
from bot.texts import t
from db import webaccounts
from db.errors import DomainError
from db.models import WebRole


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the `admin` command and its subcommands."""
    admin = sub.add_parser("admin", help="manage web admin accounts (create, passwd, disable)")
    commands = admin.add_subparsers(dest="admin_command", required=True)
    create = commands.add_parser("create", help="create a web admin account")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=[r.value for r in WebRole])
    create.add_argument("--agency", help="agency code, e.g. POLRI (every role but posko and superadmin)")
    create.add_argument("--stakeholder", type=int, metavar="TG_ID",
                        help="Telegram user id of the registered person this account belongs to")
    create.add_argument("--language", choices=["id", "en"], help="language of the pages (default: DEFAULT_LANGUAGE)")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    passwd = commands.add_parser("passwd", help="set a new password (open sessions end)")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    disable = commands.add_parser("disable", help="disable an account (open sessions end)")
    disable.add_argument("username")


def _password(args: argparse.Namespace, lang: str) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("web.cli_password_prompt", lang))
    if getpass.getpass(t("web.cli_password_again", lang)) != first:
        print(t("web.cli_password_mismatch", lang), file=sys.stderr)
        return None
    return first


async def run(settings: Settings, args: argparse.Namespace) -> int:
    """Carry out one admin subcommand; 0 on success, 1 when refused (the reason on stderr)."""
    from db.session import make_engine, make_session_factory

    lang = settings.default_language
    password = _password(args, lang) if args.admin_command in ("create", "passwd") else ""
    if password is None:
        return 1
    engine = make_engine(settings.database_url)
    try:
        async with make_session_factory(engine)() as session, session.begin():
            if args.admin_command == "create":
                account = await webaccounts.create(
                    session, username=args.username, password=password, role=WebRole(args.role),
                    agency_code=args.agency, stakeholder_tg_id=args.stakeholder, language=args.language or lang)
                message = t("web.cli_created", lang, username=account.username, role=account.role.value)
            elif args.admin_command == "passwd":
                account = await webaccounts.set_password(session, username=args.username, password=password)
                message = t("web.cli_password_set", lang, username=account.username)
            else:
                account = await webaccounts.disable(session, username=args.username)
                message = t("web.cli_disabled", lang, username=account.username)
    except DomainError as error:
        print(t(error.key, lang, **error.params), file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(message)
    return 0
