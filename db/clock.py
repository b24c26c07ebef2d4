"""The one injectable clock: services, the outbox dispatcher and jobs ask `now()`; tests move it."""

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that can tell the current aware UTC time."""

    def now(self) -> datetime:
        """Return the current time, aware, in UTC."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """Return the wall-clock time in UTC."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until told to move (tests, demos)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware start time")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """Return the frozen time."""
        return self._now

    def set(self, when: datetime) -> None:
        """Jump to `when` (aware)."""
        if when.tzinfo is None:
            raise ValueError("ManualClock.set needs an aware time")
        self._now = when.astimezone(UTC)

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move forward by `delta` or by timedelta keyword arguments; return the new time."""
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now


_current: Clock = SystemClock()


def now() -> datetime:
    """Return the current aware UTC time from the installed clock."""
    return _current.now()


def use(clock: Clock) -> Clock:
    """Install `clock` as the process's clock; return the previous one (so tests can restore it)."""
    global _current
    previous, _current = _current, clock
    return previous
