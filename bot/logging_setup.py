"""Logging: one line per event, and the bot token never written at any level."""

import logging
import sys


class RedactFilter(logging.Filter):
    """Replace secrets in every record's final message (URLs of the Bot API contain the token)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drop it."""
        if not self.secrets:
            return True
        message = record.getMessage()
        exc_text = None
        if record.exc_info:
            exc_text = logging.Formatter().formatException(record.exc_info)
        redacted = message
        for secret in self.secrets:
            redacted = redacted.replace(secret, "<redacted>")
            if exc_text:
                exc_text = exc_text.replace(secret, "<redacted>")
        record.msg, record.args = redacted, None
        if exc_text is not None:
            record.exc_info, record.exc_text = None, exc_text
        return True


def setup_logging(level: str, secrets: list[str] | None = None) -> None:
    """Log to stderr at `level`, with secrets redacted and the chattiest libraries quieted."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(secrets or []))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the bot token; httpcore is as chatty at DEBUG.
    for name in ("httpx", "httpcore", "aiosqlite", "asyncio", "multipart"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(max(logging.INFO, logging.getLevelName(level)))
