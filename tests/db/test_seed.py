"""The seed loader: twice changes nothing; an edited file updates rows in place; admin edits survive."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func
from sqlmodel import select

from db.models import Agency, Category, CategoryAgency, CategoryRole, Region, Severity, Stage
from db.seed import SEED_DIR, load_seed


@pytest.fixture
def seeded() -> bool:
    return False


async def _counts(session_factory) -> dict[str, int]:
    async with session_factory() as session:
        return {model.__tablename__: await session.scalar(select(func.count()).select_from(model))
                for model in (Agency, Region, Severity, Category, CategoryAgency, Stage)}


async def test_seed_twice_changes_nothing(session_factory):
    async with session_factory() as session, session.begin():
        first = await load_seed(session)
    assert first.changed
    counts = await _counts(session_factory)
    assert counts["categories"] == 30 and counts["severities"] == 4
    assert counts["regions"] > 400 and counts["agencies"] >= 10
    async with session_factory() as session, session.begin():
        second = await load_seed(session)
    assert not second.changed, second.summary()
    assert await _counts(session_factory) == counts


async def test_seed_reference_facts(session_factory):
    async with session_factory() as session, session.begin():
        await load_seed(session)
    async with session_factory() as session:
        jaksel = await session.get(Region, "31.74")
        assert jaksel is not None and jaksel.bps_code == "3171" and jaksel.parent_code == "31"
        assert "jaksel" in [a.lower() for a in jaksel.aliases]
        kritis = await session.get(Severity, "kritis")
        assert kritis is not None and kritis.ack_minutes == 5
        roles = {(r.agency_code, r.role) for r in (await session.scalars(
            select(CategoryAgency).where(CategoryAgency.category_code == "POLITIK_UANG"))).all()}
        assert ("BAWASLU", CategoryRole.RESPONSIBLE) in roles
        assert ("KEJAKSAAN", CategoryRole.INFORMED) in roles
        voting = await session.scalar(select(Stage).where(Stage.code == "PEMUNGUTAN_SUARA"))
        assert voting is not None and str(voting.start_date) == "2024-11-27"


async def test_edited_seed_file_updates_in_place(session_factory, tmp_path: Path):
    async with session_factory() as session, session.begin():
        await load_seed(session)
    before = await _counts(session_factory)
    edited = tmp_path / "seed"
    shutil.copytree(SEED_DIR, edited)
    data = yaml.safe_load((edited / "agencies.yaml").read_text(encoding="utf-8"))
    data["agencies"][0]["short"] = "Polri (edited)"
    (edited / "agencies.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    cats = yaml.safe_load((edited / "categories.yaml").read_text(encoding="utf-8"))
    money = next(c for c in cats["categories"] if c["code"] == "POLITIK_UANG")
    money["inform"] = []
    (edited / "categories.yaml").write_text(yaml.safe_dump(cats, allow_unicode=True), encoding="utf-8")
    async with session_factory() as session, session.begin():
        report = await load_seed(session, edited)
    assert report.updated == {"agencies": 1, "category_agencies": 1}
    after = await _counts(session_factory)
    assert after["agencies"] == before["agencies"]
    assert after["category_agencies"] == before["category_agencies"] - 1
    async with session_factory() as session:
        first = await session.get(Agency, data["agencies"][0]["code"])
        assert first is not None and first.short == "Polri (edited)"


async def test_customized_rows_are_left_alone(session_factory):
    async with session_factory() as session, session.begin():
        await load_seed(session)
    async with session_factory() as session, session.begin():
        stage = await session.scalar(select(Stage).where(Stage.code == "MASA_TENANG"))
        assert stage is not None
        stage.guidance_id = "Diubah admin"
        stage.customized = True
    async with session_factory() as session, session.begin():
        report = await load_seed(session)
    assert not report.changed
    async with session_factory() as session:
        stage = await session.scalar(select(Stage).where(Stage.code == "MASA_TENANG"))
        assert stage is not None and stage.guidance_id == "Diubah admin"
