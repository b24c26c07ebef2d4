"""Reference data loaded from the seed files: agencies, regions, severities, categories, election stages."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.models.base import json_field, utc_field
from db.types import enum_type


class RegionLevel(enum.StrEnum):
    """Administrative depth: province → city/regency → district → village."""

    PROVINSI = "provinsi"
    KABKOTA = "kabkota"
    KECAMATAN = "kecamatan"
    DESA = "desa"


class CategoryRole(enum.StrEnum):
    """How an agency relates to an incident category."""

    RESPONSIBLE = "responsible"
    INFORMED = "informed"


class Agency(SQLModel, table=True):
    """An agency taking part in the operation (Polri, TNI, KPU, Bawaslu, ...)."""

    __tablename__ = "agencies"

    code: str = Field(primary_key=True, max_length=32)
    sort_order: int = 0
    short: str = Field(max_length=40)
    name_id: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    aliases: list[str] = json_field(default=[])
    active: bool = True
    customized: bool = False  # edited by an admin: the seed loader leaves it alone

    def label(self, lang: str) -> str:
        """The short label (used on buttons); the same in both languages."""
        return self.short

    def __str__(self) -> str:
        return self.short


class Region(SQLModel, table=True):
    """A region of the jurisdiction; `code` is the Kemendagri code (BPS codes differ for Jakarta)."""

    __tablename__ = "regions"

    code: str = Field(primary_key=True, max_length=20)
    bps_code: str | None = Field(default=None, max_length=20)
    name: str = Field(max_length=120)
    official_name: str | None = Field(default=None, max_length=200)
    level: RegionLevel = Field(sa_column=sa.Column(enum_type(RegionLevel), nullable=False))
    type: str = Field(max_length=40)
    parent_code: str | None = Field(default=None, foreign_key="regions.code", index=True, max_length=20)
    aliases: list[str] = json_field(default=[])
    active: bool = True
    customized: bool = False

    def __str__(self) -> str:
        return self.name


class Severity(SQLModel, table=True):
    """Severity levels (rendah, sedang, tinggi, kritis) with their acknowledgement deadline."""

    __tablename__ = "severities"

    code: str = Field(primary_key=True, max_length=16)
    rank: int
    label_id: str = Field(max_length=40)
    label_en: str = Field(max_length=40)
    ack_minutes: int
    customized: bool = False

    def label(self, lang: str) -> str:
        """The label in `lang`."""
        return self.label_en if lang == "en" else self.label_id

    def __str__(self) -> str:
        return self.label_id


class CategoryGroup(SQLModel, table=True):
    """The three groups of categories: election violations, public order, organiser problems."""

    __tablename__ = "category_groups"

    code: str = Field(primary_key=True, max_length=32)
    sort_order: int = 0
    label_id: str = Field(max_length=80)
    label_en: str = Field(max_length=80)
    customized: bool = False

    def label(self, lang: str) -> str:
        """The label in `lang`."""
        return self.label_en if lang == "en" else self.label_id

    def __str__(self) -> str:
        return self.label_id


class Category(SQLModel, table=True):
    """An incident category with its default severity; routing lives in CategoryAgency."""

    __tablename__ = "categories"

    code: str = Field(primary_key=True, max_length=48)
    group_code: str = Field(foreign_key="category_groups.code", index=True, max_length=32)
    sort_order: int = 0
    label_id: str = Field(max_length=120)
    label_en: str = Field(max_length=120)
    hint_id: str = Field(default="", max_length=400)
    hint_en: str = Field(default="", max_length=400)
    default_severity: str = Field(foreign_key="severities.code", max_length=16)
    aliases: list[str] = json_field(default=[])
    active: bool = True
    customized: bool = False

    def label(self, lang: str) -> str:
        """The label in `lang`."""
        return self.label_en if lang == "en" else self.label_id

    def __str__(self) -> str:
        return self.label_id


class CategoryAgency(SQLModel, table=True):
    """Which agencies must act on (responsible) or be told of (informed) a category."""

    __tablename__ = "category_agencies"

    category_code: str = Field(foreign_key="categories.code", primary_key=True, max_length=48)
    agency_code: str = Field(foreign_key="agencies.code", primary_key=True, max_length=32)
    role: CategoryRole = Field(sa_column=sa.Column(enum_type(CategoryRole), nullable=False))


class Stage(SQLModel, table=True):
    """An election stage (tahapan) with its dates in WIB and short guidance for field officers."""

    __tablename__ = "stages"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=48)
    sort_order: int = 0
    parent_code: str | None = Field(default=None, max_length=48)
    name_id: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    start_date: date | None = None  # calendar dates in WIB, inclusive
    end_date: date | None = None
    start_at: datetime | None = utc_field()  # exact times where a source gives a clock time
    end_at: datetime | None = utc_field()
    guidance_id: str = Field(default="", max_length=600)
    guidance_en: str = Field(default="", max_length=600)
    active: bool = True  # removed by an admin: kept (customized) so re-seeding does not bring it back
    customized: bool = False

    def name(self, lang: str) -> str:
        """The stage's name in `lang`."""
        return self.name_en if lang == "en" else self.name_id

    def guidance(self, lang: str) -> str:
        """The stage's guidance in `lang`."""
        return self.guidance_en if lang == "en" else self.guidance_id

    def __str__(self) -> str:
        return self.name_id
