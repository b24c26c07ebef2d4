"""`python -m bot` runs the bot (and the web admin); `python -m bot seed` loads the seed data; `python -m bot admin`
manages web admin accounts. Bad settings: one line, exit 2."""

import argparse
import asyncio
import sys

from pydantic import ValidationError

from bot.config import Settings, describe_error, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Sinergi, the Pilkada coordination bot.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sub.add_parser("seed", help="load or update the seed data (agencies, regions, categories, stages)")
    from bot.web.accounts_cli import add_parser

    add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, check the settings, run the command; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ValidationError as error:
        print(describe_error(error), file=sys.stderr)
        return 2
    from bot.logging_setup import setup_logging

    secrets = [settings.bot_token.get_secret_value()] if settings.bot_token else []
    setup_logging(settings.log_level, secrets)
    if args.command == "seed":
        return asyncio.run(_seed(settings))
    if args.command == "admin":
        from bot.web import accounts_cli

        return asyncio.run(accounts_cli.run(settings, args))
    if settings.bot_token is None:
        print("BOT_TOKEN is not set: put the token from @BotFather in .env (BOT_TOKEN=123456:ABC...) "
              "or in the environment.", file=sys.stderr)
        return 2
    from bot.runner import run

    return asyncio.run(run(settings))


async def _seed(settings: Settings) -> int:
    from db.seed import load_seed
    from db.session import make_engine, make_session_factory

    engine = make_engine(settings.database_url)
    try:
        async with make_session_factory(engine)() as session, session.begin():
            report = await load_seed(session)
        print(report.summary())
    finally:
        await engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
