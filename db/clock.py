"""The one injectable clock: services, the outbox dispatcher and jobs ask `now()`; tests move it."""

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo


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


class DisplayZone(tzinfo):
    """The display time zone as one tzinfo every module can hold: WIB (Asia/Jakarta) unless TIMEZONE says otherwise.

    Modules keep `WIB = LOCAL_TZ` at import time; the zone behind it is set once at start-up from the settings.
    """

    def __init__(self) -> None:
        self.zone = ZoneInfo("Asia/Jakarta")

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        """The zone's offset at `dt` (its wall time)."""
        return self.zone.utcoffset(dt)

    def dst(self, dt: datetime | None) -> timedelta | None:
        """The zone's daylight-saving part at `dt`."""
        return self.zone.dst(dt)

    def tzname(self, dt: datetime | None) -> str | None:
        """WIB, WITA, WIT..."""
        return self.zone.tzname(dt)

    def fromutc(self, dt: datetime) -> datetime:
        """UTC wall time to local wall time (what `astimezone` calls)."""
        local = dt.replace(tzinfo=UTC).astimezone(self.zone)
        return local.replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"DisplayZone({self.zone.key})"


LOCAL_TZ = DisplayZone()


def set_display_zone(zone: ZoneInfo) -> None:
    """Show every time in `zone` (the TIMEZONE setting)."""
    LOCAL_TZ.zone = zone
