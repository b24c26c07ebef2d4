"""Incident filters on a generated dataset: typed words, each filter alone and combined, every role's scope — the
expected sets come from the generated rows in plain Python, not from the scoping function."""

import pytest

from db import clock, filters
from db.access import Actor
from db.errors import InvalidInput, NotAllowed, NotFound
from db.filters import IncidentFilter, parse_filter_words
from tests.bot.review_dataset import (
    LIAISON_KPU,
    MEMBER,
    NOW,
    OTHER_TNI,
    REPORTERS,
    ROLES,
    generate,
    insert_rows,
    keep,
    newest_first,
    visible,
    wib_day,
)


@pytest.fixture
async def rows(session_factory):
    data = generate(REPORTERS, count=160)
    await insert_rows(session_factory, data, events=False, evidence=False)
    return data


async def _numbers(session_factory, who: Actor, f: IncidentFilter) -> tuple[list[str], int]:
    async with session_factory() as session:
        found = (await session.scalars(await filters.select_incidents(session, who, f))).all()
        return [i.number for i in found], await filters.count_incidents(session, who, f)


async def test_typed_words_become_a_filter(session_factory):
    async with session_factory() as session:
        async def parse(words):
            return (await parse_filter_words(session, words, clock.now())).to_dict()

        assert await parse("baru jaksel tinggi polri 7 hari massa") == {
            "statuses": ["new"], "region": "31.74", "severities": ["tinggi"], "agency": "POLRI",
            "since": "2024-11-20T17:00:00+00:00",
            "until": "2024-11-27T17:00:00+00:00", "text": "massa"}
        assert await parse("selesai hoaks") == {"statuses": ["resolved"], "categories": ["HOAKS_DISINFORMASI"]}
        assert await parse("kamtibmas") == {"category_group": "kamtibmas"}
        assert await parse("terbuka politik uang depok") == {
            "statuses": ["new", "acknowledged", "in_progress"], "categories": ["POLITIK_UANG"], "region": "32.76"}
        assert await parse("1-15 Nov") == {"since": "2024-10-31T17:00:00+00:00", "until": "2024-11-15T17:00:00+00:00"}
        assert await parse("November") == {"since": "2024-10-31T17:00:00+00:00",
                                           "until": "2024-11-30T17:00:00+00:00"}
        assert await parse("kemarin") == {"since": "2024-11-25T17:00:00+00:00", "until": "2024-11-26T17:00:00+00:00"}
        assert await parse("hari ini") == {"since": "2024-11-26T17:00:00+00:00",
                                           "until": "2024-11-27T17:00:00+00:00"}
        assert await parse('status:baru wilayah:tebet cari:"kotak suara"') == {
            "statuses": ["new"], "region": "31.74.01", "text": "kotak suara"}
        assert await parse("new high 7 days crowd") == {
            "statuses": ["new"], "severities": ["tinggi"], "since": "2024-11-20T17:00:00+00:00",
            "until": "2024-11-27T17:00:00+00:00", "text": "crowd"}


@pytest.mark.parametrize("role", list(ROLES))
async def test_each_role_sees_exactly_its_scope_newest_first(session_factory, rows, role):
    who, viewer = ROLES[role]
    numbers, count = await _numbers(session_factory, who, IncidentFilter())
    expected = newest_first(visible(rows, viewer))
    assert numbers == expected and count == len(expected) and expected


async def test_a_liaison_never_sees_another_agencys_incident(session_factory, rows):
    who, _ = ROLES["liaison_kpu"]
    numbers, _ = await _numbers(session_factory, who, IncidentFilter())
    by_number = {r.number: r for r in rows}
    assert all("KPU" in by_number[n].agencies or by_number[n].reporter_tg_id == LIAISON_KPU for n in numbers)
    others = [r for r in rows if r.number and "KPU" not in r.agencies and r.reporter_tg_id != LIAISON_KPU]
    assert others and not {r.number for r in others} & set(numbers)
    own_elsewhere = [r for r in rows if r.number and r.reporter_tg_id == LIAISON_KPU and "KPU" not in r.agencies]
    assert own_elsewhere and {r.number for r in own_elsewhere} <= set(numbers)  # their own reports stay visible


FILTERS = [
    (IncidentFilter(statuses=["new", "acknowledged"]), dict(statuses={"new", "acknowledged"})),
    (IncidentFilter(categories=["BENTROKAN"]), dict(categories={"BENTROKAN"})),
    (IncidentFilter(category_group="teknis"), dict(group="teknis")),
    (IncidentFilter(region="31.74"), dict(region="31.74")),
    (IncidentFilter(region="31.74.01"), dict(region="31.74.01")),
    (IncidentFilter(severities=["kritis", "tinggi"]), dict(severities={"kritis", "tinggi"})),
    (IncidentFilter(agency="BAWASLU"), dict(agency="BAWASLU")),
    (IncidentFilter(since=wib_day(20).isoformat(), until=wib_day(25).isoformat()),
     dict(since=wib_day(20), until=wib_day(25))),
    (IncidentFilter(text="KOTAK suara"), dict(text="kotak suara")),
    (IncidentFilter(text="minggu"), dict(text="minggu")),  # found in the place, not the description
    (IncidentFilter(statuses=["resolved"], category_group="kamtibmas", region="31.74", agency="POLRI"),
     dict(statuses={"resolved"}, group="kamtibmas", region="31.74", agency="POLRI")),
    (IncidentFilter(severities=["sedang"], since=wib_day(22).isoformat(), text="massa"),
     dict(severities={"sedang"}, since=wib_day(22), text="massa")),
]


@pytest.mark.parametrize("role", ["posko", "liaison_kpu", "member"])
@pytest.mark.parametrize("case", range(len(FILTERS)))
async def test_filters_one_by_one_and_combined(session_factory, rows, role, case):
    who, viewer = ROLES[role]
    f, expected_filter = FILTERS[case]
    numbers, count = await _numbers(session_factory, who, f)
    expected = newest_first([r for r in visible(rows, viewer) if keep(r, **expected_filter)])
    assert numbers == expected and count == len(expected)
    if role == "posko":
        assert expected, "every filter keeps something for the command post (the dataset covers it)"


async def test_pages_cover_the_list_in_order(session_factory, rows):
    who, viewer = ROLES["posko"]
    expected = newest_first(visible(rows, viewer))
    seen = []
    async with session_factory() as session:
        for page in range(20):
            items, total, shown = await filters.page_incidents(session, who, IncidentFilter(), page=page, per_page=10)
            if shown != page:
                break
            seen += [i.number for i in items]
        assert total == len(expected) and shown == (len(expected) - 1) // 10  # past the end: the last page
    assert seen == expected


async def test_views_keep_a_persons_filter_and_refuse_others(session_factory):
    f = IncidentFilter(statuses=["new"], region="31.74")
    async with session_factory() as session, session.begin():
        view = await filters.create_view(session, tg_user_id=MEMBER, f=f)
    async with session_factory() as session, session.begin():
        stored, again = await filters.get_view(session, view.id, tg_user_id=MEMBER)
        assert again == f
        filters.save_view(stored, filters.with_period(again, "7d", NOW))
    async with session_factory() as session:
        _, changed = await filters.get_view(session, view.id, tg_user_id=MEMBER)
        assert changed.since == "2024-11-20T17:00:00+00:00" and changed.region == "31.74"
        with pytest.raises(NotAllowed):
            await filters.get_view(session, view.id, tg_user_id=OTHER_TNI)
        with pytest.raises(NotFound):
            await filters.get_view(session, 99_999, tg_user_id=MEMBER)
    async with session_factory() as session, session.begin():
        assert await filters.delete_views_before(session, clock.now()) == 0
        assert await filters.delete_views_before(session, NOW.replace(year=2025)) == 1


async def test_button_choices_are_checked_against_the_reference_data(session_factory):
    async with session_factory() as session:
        f = await filters.with_choice(session, IncidentFilter(), "st", "new")
        f = await filters.with_choice(session, f, "st", "resolved")
        f = await filters.with_choice(session, f, "st", "new")  # toggled off again
        assert f.statuses == ["resolved"]
        f = await filters.with_choice(session, f, "cg", "teknis")
        f = await filters.with_choice(session, f, "ct", "LOGISTIK")  # a category replaces the group
        assert (f.category_group, f.categories) == (None, ["LOGISTIK"])
        f = await filters.with_choice(session, f, "rg", "31.74.01")
        f = await filters.with_choice(session, f, "ag", "KPU")
        assert (f.region, f.agency) == ("31.74.01", "KPU")
        assert (await filters.with_choice(session, f, "x", "rg")).region is None
        assert (await filters.with_choice(session, f, "x", "all")).empty
        for field, value in (("st", "draft"), ("st", "x"), ("sv", "x"), ("ct", "NOPE"), ("rg", "99"), ("ag", "X"),
                             ("zz", "1")):
            with pytest.raises(InvalidInput):
                await filters.with_choice(session, f, field, value)
        with pytest.raises(InvalidInput):
            filters.with_period(f, "forever", NOW)
