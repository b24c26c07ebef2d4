"""Sinergi's Telegram layer: handlers, renderers, the outbox dispatcher and the simulated Telegram."""

import os

# Opt in to PTB's timedelta durations now (RetryAfter.retry_after etc.); the float form is deprecated.
os.environ.setdefault("PTB_TIMEDELTA", "1")
