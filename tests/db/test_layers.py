"""The data layer knows nothing of Telegram or of the bot: a web admin or a script reuses db/ as it is."""

import ast
from pathlib import Path

DB = Path(__file__).resolve().parents[2] / "db"


def test_db_imports_neither_telegram_nor_the_bot():
    offenders = []
    for path in DB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(DB.parent)}: {n}" for n in names
                          if n.split(".")[0] in ("telegram", "bot", "starlette", "sqladmin")]
    assert offenders == []
