"""Meeting times as people type them: a table of phrases with the WIB time each must mean, and refusals."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from db.dates import parse_when
from db.errors import InvalidInput

WIB = ZoneInfo("Asia/Jakarta")
# Thursday 1 August 2024, 10:00 WIB: the week runs Monday 29 July - Sunday 4 August.
NOW = datetime(2024, 8, 1, 10, 0, tzinfo=WIB)


def wib(month: int, day: int, hour: int, minute: int = 0, year: int = 2024) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


PHRASES = [
    # the issue's own examples
    ("besok 14.00", wib(8, 2, 14)),
    ("besok pukul 09.30", wib(8, 2, 9, 30)),
    ("lusa jam 8 malam", wib(8, 3, 20)),
    ("Selasa 14:00", wib(8, 6, 14)),
    ("Kamis depan 10.00", wib(8, 8, 10)),
    ("6/8 14.00", wib(8, 6, 14)),
    ("6 Agustus 2024 pukul 14.00", wib(8, 6, 14)),
    ("2024-08-06 14:00", wib(8, 6, 14)),
    ("hari ini 16.00", wib(8, 1, 16)),
    ("tomorrow 2pm", wib(8, 2, 14)),
    # dotted times, pukul/jam, parts of the day
    ("Besok jam 10 pagi", wib(8, 2, 10)),
    ("besok jam 1 siang", wib(8, 2, 13)),
    ("besok jam 12 siang", wib(8, 2, 12)),
    ("jam 3 sore besok", wib(8, 2, 15)),
    ("Jumat jam 7 malam", wib(8, 2, 19)),
    ("Jum'at 08.00", wib(8, 2, 8)),
    ("hari Selasa pukul 8 malam", wib(8, 6, 20)),
    ("lusa pkl. 13.15", wib(8, 3, 13, 15)),
    ("nanti malam jam 7.30", wib(8, 1, 19, 30)),
    ("14.00", wib(8, 1, 14)),
    ("besok 14.00 WIB", wib(8, 2, 14)),
    ("besok 09.00-11.00", wib(8, 2, 9)),
    ("besok pukul 09.00 s.d. selesai", wib(8, 2, 9)),
    # weekday names: next occurrence, today while the time is still ahead
    ("Kamis 14.00", wib(8, 1, 14)),
    ("Kamis 09.00", wib(8, 8, 9)),
    ("Sabtu 19.00", wib(8, 3, 19)),
    ("Minggu 07.00", wib(8, 4, 7)),
    ("Senin 08.00", wib(8, 5, 8)),
    # "depan": that weekday in the next calendar week
    ("Senin pekan depan 09.00", wib(8, 5, 9)),
    ("Rabu minggu depan pukul 13.30", wib(8, 7, 13, 30)),
    ("Jumat depan 10.00", wib(8, 9, 10)),
    ("Minggu depan 10.00", wib(8, 11, 10)),
    ("pekan depan 10.00", wib(8, 8, 10)),
    ("next Monday 9am", wib(8, 5, 9)),
    # day-first numeric dates; no year means the next occurrence
    ("17/8 08.00", wib(8, 17, 8)),
    ("17-08-2024 08.00", wib(8, 17, 8)),
    ("06.08.2024 14.00", wib(8, 6, 14)),
    ("1/8 12.00", wib(8, 1, 12)),
    ("31/7 10.00", wib(7, 31, 10, year=2025)),
    ("5/1/25 09.00", wib(1, 5, 9, year=2025)),
    # month names, Indonesian and English
    ("6 Agt 14.00", wib(8, 6, 14)),
    ("tanggal 6 Agustus jam 14.00", wib(8, 6, 14)),
    ("Selasa, 6 Agustus 2024 pukul 14.00", wib(8, 6, 14)),
    ("1 Januari 09.00", wib(1, 1, 9, year=2025)),
    ("25 Desember 2024 jam 10", wib(12, 25, 10)),
    ("10 Sep 2024 14:00", wib(9, 10, 14)),
    ("August 6 2pm", wib(8, 6, 14)),
    ("today 5:30 pm", wib(8, 1, 17, 30)),
    ("Friday 10:15", wib(8, 2, 10, 15)),
    ("day after tomorrow at 10am", wib(8, 3, 10)),
    ("in 3 days 10:00", wib(8, 4, 10)),
    ("3 hari lagi pukul 10.00", wib(8, 4, 10)),
    ("besok jam 12 malam", wib(8, 3, 0)),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[p for p, _ in PHRASES])
def test_phrase_means_the_expected_wib_time(phrase: str, expected: datetime) -> None:
    result = parse_when(phrase, NOW, WIB)
    assert result == expected
    assert result.utcoffset() == expected.utcoffset()  # shown back in WIB, not UTC


def test_the_table_is_large_enough() -> None:
    assert len(PHRASES) >= 30


REFUSED = [
    ("hari ini 07.00", "meetings.when_past"),
    ("kemarin 14.00", "meetings.when_past"),
    ("yesterday 2pm", "meetings.when_past"),
    ("31/7/2024 10.00", "meetings.when_past"),
    ("6 Agustus 2023 14.00", "meetings.when_past"),
    ("1 Agustus 2024 09.00", "meetings.when_past"),
    ("31/2 10.00", "meetings.when_impossible"),
    ("32/8 10.00", "meetings.when_impossible"),
    ("13/13 10.00", "meetings.when_impossible"),
    ("30 Februari 2025 10.00", "meetings.when_impossible"),
    ("31 Juni 10.00", "meetings.when_impossible"),
    ("29/2/2025 10.00", "meetings.when_impossible"),
    ("besok 25.00", "meetings.when_bad_time"),
    ("besok 14.75", "meetings.when_bad_time"),
    ("besok 13pm", "meetings.when_bad_time"),
    ("besok", "meetings.when_no_time"),
    ("Selasa depan", "meetings.when_no_time"),
    ("rapat koordinasi nanti saja", "meetings.when_unreadable"),
    ("asdf 14.00", "meetings.when_unreadable"),
    ("", "meetings.when_unreadable"),
    ("Senin, 6 Agustus 2024 14.00", "meetings.when_weekday_mismatch"),
    ("6 Agustus 2030 14.00", "meetings.when_too_far"),
]


@pytest.mark.parametrize(("phrase", "key"), REFUSED, ids=[p or "empty" for p, _ in REFUSED])
def test_refused_phrases_say_why(phrase: str, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(phrase, NOW, WIB)
    assert caught.value.key == key


def test_leap_day_without_a_year_is_the_next_leap_year() -> None:
    spring_2027 = datetime(2027, 3, 1, 10, 0, tzinfo=WIB)
    assert parse_when("29/2 10.00", spring_2027, WIB) == wib(2, 29, 10, year=2028)
    assert parse_when("29 Februari 10.00", spring_2027, WIB) == wib(2, 29, 10, year=2028)


def test_now_in_another_zone_is_read_in_wib() -> None:
    # 23:30 UTC on 31 July is already 1 August 06:30 in Jakarta: "besok" is 2 August
    from datetime import UTC

    assert parse_when("besok 08.00", datetime(2024, 7, 31, 23, 30, tzinfo=UTC), WIB) == wib(8, 2, 8)
