"""Meeting times as people type them, in Indonesian and English: "besok 14.00", "Kamis depan 10.00", "6/8 14.00".

`parse_when` is a pure function of the text, the current time and the display time zone. The time of day and the
relative words (besok, lusa, weekday names, "depan") are read here, because dateparser drops dotted times and
does not know "lusa" or "<hari> depan"; whatever date is left ("6 Agustus 2024", "Aug 6", "in 3
days") goes to dateparser. Every refusal is an InvalidInput whose text shows phrases that work.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import dateparser

from db.errors import InvalidInput

MAX_AHEAD = timedelta(days=730)  # further than two years ahead is a typo, not a meeting

_WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_RELATIVE_DAYS: dict[str, int] = {
    "": 0, "ini": 0, "hari ini": 0, "nanti": 0, "sekarang": 0, "today": 0, "tonight": 0,
    "besok": 1, "esok": 1, "besuk": 1, "tomorrow": 1,
    "lusa": 2, "besok lusa": 2, "day after tomorrow": 2, "the day after tomorrow": 2,
    "kemarin": -1, "yesterday": -1,
}
_NEXT_WEEK = r"(?:depan|pekan depan|minggu depan|next week)"
_WEEKDAY_WORD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_WEEKDAY_RE = re.compile(rf"^(?:(this|next)\s+)?({_WEEKDAY_WORD})(?:\s+{_NEXT_WEEK})?$")
_WEEKDAY_ANYWHERE = re.compile(rf"(?<!\d )\b(?:(?:this|next)\s+)?({_WEEKDAY_WORD})\b(?:\s+{_NEXT_WEEK})?")
_BARE_NEXT_WEEK = re.compile(r"^(?:pekan depan|next week)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

# Times, strongest signal first: "pukul 9", "jam 8.30"; "2pm"; "14.00" / "14:00"; "8 malam".
_KEYWORD_TIME = re.compile(r"(?:\bpukul|\bpkl\.?|\bjam|\bat|@)\s*(\d{1,2})(?:[.:](\d{2}))?(?!\d)")
_AMPM_TIME = re.compile(r"(?<![\d.:/-])(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])")
_CLOCK_TIME = re.compile(r"(?<![\d./:-])(\d{1,2})[.:](\d{2})(?![\d]|[./:-]\d)")
_PERIOD_TIME = re.compile(r"(?<![\d./:-])(\d{1,2})\s+(?=(?:pagi|siang|sore|malam)\b)")
_TIME_RANGE = re.compile(r"(?<![\d./:-])(\d{1,2}[.:]\d{2})\s*[-–]\s*\d{1,2}[.:]\d{2}(?![\d]|[./:-]\d)")
_PERIOD = re.compile(r"\b(pagi|siang|sore|malam|subuh)\b")
# "14.00-16.00", "s.d. selesai", "sampai selesai": the end of the meeting is not asked here
_UNTIL = re.compile(r"\s*(?:-|–|s\.\s?d\.?|s/d|sampai|hingga|until|to)\s*(?:\d{1,2}[.:]\d{2}|selesai|finish(?:ed)?)")
_FILLERS = re.compile(r"(?<!\d )\bhari\b|\b(?:tanggal|tgl\.?|pada|on|the|wib|waktu)\b|,")


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    next_day: bool = False  # "jam 12 malam": midnight, at the end of the named day


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("jum'at", "jumat").replace("jum at", "jumat")
    # "3 hari lagi" / "2 pekan lagi": dateparser knows "dalam 3 hari" / "dalam 2 minggu"
    text = re.sub(r"\b(\d{1,3}) (hari|minggu|pekan) lagi\b",
                  lambda m: f"dalam {m.group(1)} {'hari' if m.group(2) == 'hari' else 'minggu'}", text)
    text = _TIME_RANGE.sub(r"\1", text)  # "09.00-11.00": the start is what counts
    return " ".join(text.split())


def _apply_period(hour: int, period: str | None) -> tuple[int, bool]:
    """pagi/siang/sore/malam move 1-12 to the usual hours (jam 8 malam = 20.00, jam 1 siang = 13.00)."""
    if period is None or not 1 <= hour <= 12:
        return hour, False
    if period in ("pagi", "subuh", "am"):
        return (0 if hour == 12 else hour), False
    if period == "siang":
        return (hour + 12 if hour <= 6 else hour), False
    if period in ("sore", "pm"):
        return (hour + 12 if hour < 12 else hour), False
    # malam: 6-11 in the evening, 12 is midnight, 1-5 the small hours
    if hour == 12:
        return 0, True
    return (hour + 12 if hour >= 6 else hour), False


def _take_time(text: str) -> tuple[_Clock | None, str]:
    """Find the time of day; return it and the text without it."""
    period_match = _PERIOD.search(text)
    period = period_match.group(1) if period_match else None
    found: re.Match[str] | None = None
    for pattern in (_AMPM_TIME, _KEYWORD_TIME):  # "at 2pm": the am/pm decides
        found = pattern.search(text)
        if found:
            break
    if found is None:
        clocks = list(_CLOCK_TIME.finditer(text))
        found = clocks[-1] if clocks else None  # "06.08 14.00": dates come first, the time last
    if found is None:
        found = _PERIOD_TIME.search(text)
    if found is None:
        return None, _PERIOD.sub(" ", text) if period else text
    hour = int(found.group(1))
    minute = int(found.group(2)) if found.lastindex and found.lastindex >= 2 and found.group(2) else 0
    if found.re is _AMPM_TIME:
        period = "pm" if found.group(3).startswith("p") else "am"
        if not 1 <= hour <= 12:
            raise InvalidInput("meetings.when_bad_time")
    if hour > 23 or minute > 59:
        raise InvalidInput("meetings.when_bad_time")
    hour, next_day = _apply_period(hour, period)
    after = text[found.end():]
    until = _UNTIL.match(after)
    rest = text[:found.start()] + " " + (after[until.end():] if until else after)
    return _Clock(hour, minute, next_day), _PERIOD.sub(" ", rest)


def _clean_date_part(text: str) -> str:
    text = _UNTIL.sub(" ", text)
    text = re.sub(r"\b(?:jam|pukul|pkl\.?|at)\b|@", " ", text)
    return " ".join(_FILLERS.sub(" ", text).split())


def _weekday_date(today: date, weekday: int, *, next_week: bool, at: time, now: datetime) -> date:
    if next_week:  # that weekday in the next calendar week (weeks start on Monday)
        monday = today - timedelta(days=today.weekday())
        return monday + timedelta(days=7 + weekday)
    ahead = (weekday - today.weekday()) % 7
    candidate = today + timedelta(days=ahead)
    if ahead == 0 and datetime.combine(candidate, at, now.tzinfo) <= now:
        candidate += timedelta(days=7)  # today's weekday whose time has passed: next week's
    return candidate


def _next_occurrence(today: date, month: int, day: int) -> date:
    """A day and month without a year: this year's unless that day is already behind us (Feb 29: a leap year)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise InvalidInput("meetings.when_impossible")


def _numeric_date(text: str, today: date) -> date | None:
    iso = _ISO_DATE.match(text)
    dmy = _DMY_DATE.match(text)
    if iso is None and dmy is None:
        return None
    if iso is not None:
        year, month, day = (int(g) for g in iso.groups())
    else:
        assert dmy is not None
        day, month = int(dmy.group(1)), int(dmy.group(2))
        if dmy.group(3) is None:
            if not 1 <= month <= 12 or not 1 <= day <= 31:
                raise InvalidInput("meetings.when_impossible")
            return _next_occurrence(today, month, day)
        year = int(dmy.group(3)) + (2000 if len(dmy.group(3)) == 2 else 0)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput("meetings.when_impossible") from None


def _dateparser_settings(now: datetime, tz: ZoneInfo) -> dict[str, object]:
    return {"TIMEZONE": str(tz), "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY", "RELATIVE_BASE": now.replace(tzinfo=None), "PREFER_DAY_OF_MONTH": "first"}


def _library_date(text: str, now: datetime, tz: ZoneInfo) -> date:
    """Month names, "in 3 days", "next week"... through dateparser; a year-less day and month comes next."""
    settings = _dateparser_settings(now, tz)
    parsed = dateparser.parse(text, languages=["id", "en"], settings=settings)
    if parsed is None:
        # "30 Februari": the words are a date, the day does not exist — say so rather than "unreadable"
        impossible = re.sub(r"\b(?:29|30|31)\b", "1", text, count=1)
        if impossible != text and dateparser.parse(impossible, languages=["id", "en"],
                                                   settings=settings) is not None:
            raise InvalidInput("meetings.when_impossible")
        raise InvalidInput("meetings.when_unreadable")
    found = parsed.date()
    if _YEAR.search(text) is None and re.search(r"\d", text):
        found = _next_occurrence(now.date(), found.month, found.day)
    return found


def _date_part(text: str, now: datetime, tz: ZoneInfo, at: time) -> date:
    today = now.date()
    bare = " ".join(text.split())
    if bare in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[bare])
    if _BARE_NEXT_WEEK.match(bare):
        return today + timedelta(days=7)
    weekday = _WEEKDAY_RE.match(bare)
    if weekday is not None:
        next_week = weekday.group(1) == "next" or bare.endswith(("depan", "next week"))
        return _weekday_date(today, _WEEKDAYS[weekday.group(2)], next_week=next_week, at=at, now=now)
    named = _WEEKDAY_ANYWHERE.search(bare)
    rest = bare
    if named is not None:  # "Selasa, 6 Agustus 2024": the date decides, the weekday must agree
        rest = " ".join((bare[:named.start()] + " " + bare[named.end():]).split())
    found = _numeric_date(rest, today)
    if found is None:
        found = _library_date(rest, now, tz)
    if named is not None and found.weekday() != _WEEKDAYS[named.group(1)]:
        raise InvalidInput("meetings.when_weekday_mismatch", date=found.strftime("%d/%m/%Y"))
    return found


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """The meeting time meant by `text`, aware in `tz`; InvalidInput (with examples in its text) otherwise."""
    local_now = now.astimezone(tz)
    normal = _normalise(text)
    if not normal or len(normal) > 100:
        raise InvalidInput("meetings.when_unreadable")
    clock, rest = _take_time(normal)
    if clock is None:
        # a date without a time cannot start a meeting; a phrase with neither is simply unreadable
        _date_part(_clean_date_part(rest), local_now, tz, time(0, 0))
        raise InvalidInput("meetings.when_no_time")
    at = time(clock.hour, clock.minute)
    day = _date_part(_clean_date_part(rest), local_now, tz, at)
    if clock.next_day:
        day += timedelta(days=1)
    when = datetime.combine(day, at, tz)
    if when <= local_now:
        raise InvalidInput("meetings.when_past", when=when.strftime("%d/%m/%Y %H:%M ") + (when.tzname() or ""))
    if when - local_now > MAX_AHEAD:
        raise InvalidInput("meetings.when_too_far")
    return when
