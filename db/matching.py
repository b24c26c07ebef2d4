"""Forgiving matching of what people type to categories and regions: codes, names, aliases, case, accents,
small typos ("provokasi", "hoaks", "politik uang", "Jaksel", "Kab Bekasi", "Tangsel")."""

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from db.models import Category, Region, RegionLevel

_LEVEL_RANK = {RegionLevel.PROVINSI: 0, RegionLevel.KABKOTA: 1, RegionLevel.KECAMATAN: 2, RegionLevel.DESA: 3}
_PREFIXES = {"kota": "kota", "kab": "kabupaten", "kabupaten": "kabupaten", "kec": "kecamatan",
             "kel": "kelurahan", "prov": "provinsi", "provinsi": "provinsi"}


def normalize(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed ("Kab. Bekasi" → "kab bekasi")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[^0-9a-z]+", " ", plain.replace("_", " "))
    return " ".join(plain.split())


@dataclass(frozen=True)
class Match:
    """A candidate that matched, how well (0-100), and by which name."""

    code: str
    score: float
    name: str


@dataclass
class Matcher:
    """Names (normalised) of each code, with a rank that breaks ties (lower wins: provinces before villages)."""

    names: dict[str, list[str]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)

    def add(self, code: str, names: list[str], *, rank: int = 0, parent: str | None = None) -> None:
        """Register a code under several names."""
        normalized = [n for n in dict.fromkeys(normalize(name) for name in names if name) if n]
        self.names.setdefault(code, []).extend(normalized)
        self.rank[code] = rank
        self.parent[code] = parent

    def matches(self, phrase: str, *, minimum: float = 86.0) -> list[Match]:
        """Every code whose best name scores at least `minimum`, best first."""
        wanted = normalize(phrase)
        if not wanted:
            return []
        found = []
        for code, names in self.names.items():
            best: Match | None = None
            for name in names:
                score = _score(wanted, name)
                if score >= minimum and (best is None or score > best.score):
                    best = Match(code, score, name)
            if best is not None:
                found.append(best)
        found.sort(key=lambda m: (-m.score, self.rank.get(m.code, 9), m.code))
        return found

    def best(self, phrase: str) -> tuple[Match | None, list[Match]]:
        """The single best match, or (None, the tied candidates) when the phrase is ambiguous."""
        found = self.matches(phrase)
        if not found:
            return None, []
        top = [m for m in found if m.score >= found[0].score - 0.01]
        if len(top) == 1:
            return top[0], top
        # the same name at two depths of one branch (a district and its village): the higher level is meant
        highest = min(top, key=lambda m: self.rank.get(m.code, 9))
        if all(m.code == highest.code or self._descends(m.code, highest.code) for m in top):
            return highest, top
        return None, top

    def _descends(self, code: str, ancestor: str) -> bool:
        current = self.parent.get(code)
        while current is not None:
            if current == ancestor:
                return True
            current = self.parent.get(current)
        return False


def _score(wanted: str, name: str) -> float:
    if wanted == name:
        return 100.0
    if (len(wanted) >= 4 and name.startswith(wanted) and name[len(wanted)] != " "
            and len(wanted) >= len(name) * 0.6):
        return 95.0  # a word cut short: "provok" for "provokasi", "jakarta sel" for "jakarta selatan"
    if len(wanted) >= 4 and set(wanted.split()) < set(name.split()):
        return 90.0  # whole words of a longer name: "bekasi" is in "kota bekasi" and "kabupaten bekasi" alike
    if min(len(wanted), len(name)) < 5:
        return 0.0  # short words must match exactly: "dpt" is not "dpk"
    return float(fuzz.ratio(wanted, name))


async def category_matcher(session: AsyncSession) -> Matcher:
    """A matcher over the active categories: code, labels in both languages, aliases."""
    matcher = Matcher()
    for category in (await session.scalars(select(Category).where(Category.active))).all():
        matcher.add(category.code, [category.code, category.label_id, category.label_en, *category.aliases])
    return matcher


async def region_matcher(session: AsyncSession) -> Matcher:
    """A matcher over the active regions: names, official names, aliases, codes, "kota X" / "kab X" forms."""
    matcher = Matcher()
    for region in (await session.scalars(select(Region).where(Region.active))).all():
        names = [region.name, region.official_name or "", region.code, *region.aliases]
        if region.type in ("kota", "kota_administrasi"):
            names.append(f"kota {region.name}")
        if region.type in ("kabupaten", "kabupaten_administrasi"):
            names += [f"kab {region.name.removeprefix('Kabupaten ')}", f"kabupaten {region.name}"]
        if region.level == RegionLevel.KECAMATAN:
            names.append(f"kecamatan {region.name}")
        matcher.add(region.code, names, rank=_LEVEL_RANK[region.level], parent=region.parent_code)
    return matcher


@dataclass
class OneLine:
    """What a one-line report said: each part matched, ambiguous, or not understood."""

    category: Match | None
    region: Match | None
    region_choices: list[Match]
    description: str
    category_text: str = ""
    region_text: str = ""


def parse_one_line(text: str, categories: Matcher, regions: Matcher) -> OneLine:
    """Split `<kategori> <wilayah>: <uraian>` and match both parts, trying every split of the words."""
    head, colon, tail = text.partition(":")
    words = head.split()
    if not colon:
        return _parse_without_colon(words, categories, regions)
    best: tuple[float, OneLine] | None = None
    for cut in range(0, len(words) + 1):
        cat_text, reg_text = " ".join(words[:cut]), " ".join(words[cut:])
        category, _ = categories.best(cat_text) if cat_text else (None, [])
        region, choices = regions.best(reg_text) if reg_text else (None, [])
        score = (category.score if category else 0) + (region.score if region else (50 if choices else 0))
        candidate = OneLine(category, region, choices if region is None else [], tail.strip(), cat_text, reg_text)
        if best is None or score > best[0]:
            best = (score, candidate)
    assert best is not None
    return best[1]


def _parse_without_colon(words: list[str], categories: Matcher, regions: Matcher) -> OneLine:
    # no colon: the longest category from the start, then the longest region, the rest is the description
    category, used = None, 0
    for cut in range(min(len(words), 6), 0, -1):
        found, _ = categories.best(" ".join(words[:cut]))
        if found is not None and found.score >= 95:
            category, used = found, cut
            break
    region: Match | None = None
    choices: list[Match] = []
    region_used = 0
    for cut in range(min(len(words) - used, 5), 0, -1):
        found, tied = regions.best(" ".join(words[used:used + cut]))
        if found is not None and found.score >= 95:
            region, region_used = found, cut
            break
        if tied and not choices and tied[0].score >= 95:
            choices, region_used = tied, cut
    rest = " ".join(words[used + region_used:])
    return OneLine(category, region, [] if region else choices, rest, " ".join(words[:used]),
                   " ".join(words[used:used + region_used]))
