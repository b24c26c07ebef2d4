"""Check the seed data in ``db/seed_data/`` and print counts.

Usage: ``python scripts/check_seed_data.py [DIR]`` — exits 1 if any check fails.

Checks: the four files load with ``yaml.safe_load``; codes are unique; every parent exists (and comes
first); agency codes used by categories exist; severities, groups and stage codes referenced exist;
dates parse; no alias collides (case-, accent- and punctuation-insensitive) with another region's,
category's or agency's alias, name or code; label lengths.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "db" / "seed_data"
FILES = ("agencies.yaml", "regions.yaml", "categories.yaml", "stages.yaml")
LEVELS = {"provinsi", "kabkota", "kecamatan", "desa"}
TYPES_OF_LEVEL = {
    "provinsi": {"provinsi"},
    "kabkota": {"kota", "kabupaten", "kota_administrasi", "kabupaten_administrasi"},
    "kecamatan": {"kecamatan"},
    "desa": {"kelurahan", "desa"},
}
PARENT_LEVEL = {"provinsi": None, "kabkota": "provinsi", "kecamatan": "kabkota", "desa": "kecamatan"}
WIB = timedelta(hours=7)

errors: list[str] = []
warnings: list[str] = []


def err(msg: str) -> None:
    """Record a failed check."""
    errors.append(msg)


def fold(text: str) -> str:
    """Case- and accent-insensitive form with punctuation as spaces ("Jak-Sel" -> "jak sel")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def fold_case(text: str) -> str:
    """Case- and accent-insensitive form only: one entry may list both "Kep. Seribu" and "Kep Seribu"."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def key(text: str) -> str:
    """The collision key: `fold` without spaces ("Jak-Sel", "Jaksel" and "jak sel" collide)."""
    return fold(text).replace(" ", "")


def unique(items: list[dict[str, Any]], what: str, field: str = "code") -> dict[str, dict[str, Any]]:
    """Index items by `field`, reporting missing and duplicate values."""
    index: dict[str, dict[str, Any]] = {}
    for it in items:
        value = it.get(field)
        if value in (None, ""):
            err(f"{what}: entry without {field}: {it}")
        elif value in index:
            err(f"{what}: duplicate {field} {value!r}")
        else:
            index[value] = it
    return index


def max_len(value: Any, limit: int, where: str, hard: bool = True) -> None:
    """Check a label's length."""
    if not isinstance(value, str) or not value.strip():
        err(f"{where}: missing or empty")
    elif len(value) > limit:
        (err if hard else warnings.append)(f"{where}: {len(value)} chars > {limit}: {value!r}")


def parse_date(value: Any, where: str) -> date | None:
    """Parse a quoted YYYY-MM-DD date (None stays None)."""
    if value is None:
        return None
    if not isinstance(value, str):
        err(f"{where}: must be a quoted string, got {type(value).__name__}")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err(f"{where}: not a date: {value!r}")
        return None


def parse_at(value: Any, where: str) -> datetime | None:
    """Parse an ISO datetime that must carry +07:00."""
    if value is None:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        err(f"{where}: not an ISO datetime: {value!r}")
        return None
    if dt.utcoffset() != WIB:
        err(f"{where}: must carry +07:00: {value!r}")
    return dt


def check_agencies(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Check agencies.yaml."""
    items = data.get("agencies") or []
    index = unique(items, "agencies")
    unique(items, "agencies", "order")
    if "POSKO" in index:
        err("agencies: POSKO is a role in the bot, not an agency")
    for code, a in index.items():
        max_len(a.get("short"), 20, f"agency {code} short")
        max_len(a.get("name_id"), 80, f"agency {code} name_id")
        max_len(a.get("name_en"), 80, f"agency {code} name_en")
        for alias in a.get("aliases") or []:
            if alias != alias.lower():
                err(f"agency {code}: alias {alias!r} is not lower-case")
    return index


def check_regions(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Check regions.yaml."""
    items = data.get("regions") or []
    index = unique(items, "regions")
    seen: set[str] = set()
    for r in items:
        code, level, parent = r.get("code"), r.get("level"), r.get("parent")
        where = f"region {code}"
        if not isinstance(code, str) or not re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", code):
            err(f"{where}: bad Kemendagri code")
        if level not in LEVELS:
            err(f"{where}: bad level {level!r}")
            continue
        if r.get("type") not in TYPES_OF_LEVEL[level]:
            err(f"{where}: type {r.get('type')!r} does not fit level {level}")
        max_len(r.get("name"), 120, f"{where} name")
        if level == "provinsi":
            if parent is not None:
                err(f"{where}: a province has no parent")
        elif parent not in index:
            err(f"{where}: parent {parent!r} does not exist")
        else:
            if parent not in seen:
                err(f"{where}: parent {parent} comes after its child")
            if index[parent]["level"] != PARENT_LEVEL[level]:
                err(f"{where}: parent {parent} is {index[parent]['level']}, expected {PARENT_LEVEL[level]}")
            if not code.startswith(parent + "."):
                err(f"{where}: code does not extend its parent's code {parent}")
        if level in ("provinsi", "kabkota"):
            if not r.get("bps_code"):
                warnings.append(f"{where}: no bps_code")
            if not r.get("aliases"):
                warnings.append(f"{where}: no aliases")
        elif r.get("aliases") or r.get("bps_code"):
            err(f"{where}: aliases / bps_code only for provinces and kab/kota")
        if r.get("bps_code") is not None and not isinstance(r["bps_code"], str):
            err(f"{where}: bps_code must be a string")
        seen.add(code)
    return index


def check_stages(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Check stages.yaml."""
    election = data.get("election") or {}
    for field in ("name_id", "name_en"):
        max_len(election.get(field), 80, f"election {field}")
    parse_date(election.get("voting_day"), "election voting_day")
    items = data.get("stages") or []
    index = unique(items, "stages")
    seen: set[str] = set()
    for s in items:
        code = s.get("code")
        where = f"stage {code}"
        if not isinstance(s.get("order"), int):
            err(f"{where}: order must be an integer")
        max_len(s.get("name_id"), 120, f"{where} name_id")
        max_len(s.get("name_en"), 120, f"{where} name_en")
        max_len(s.get("guidance_id"), 300, f"{where} guidance_id")
        max_len(s.get("guidance_en"), 300, f"{where} guidance_en")
        start, end = parse_date(s.get("start"), f"{where} start"), parse_date(s.get("end"), f"{where} end")
        if start and end and start > end:
            err(f"{where}: start {start} after end {end}")
        for field, day in (("start_at", start), ("end_at", end)):
            at = parse_at(s.get(field), f"{where} {field}")
            if at and day and at.date() != day:
                err(f"{where}: {field} {at} is not on {field[:-3]} {day}")
        parent = s.get("parent")
        if parent is not None:
            if parent not in index or parent not in seen:
                err(f"{where}: parent {parent!r} missing or listed after the child")
            else:
                p = index[parent]
                ps, pe = parse_date(p.get("start"), parent), parse_date(p.get("end"), parent)
                if start and end and ps and pe and not (ps <= start and end <= pe):
                    err(f"{where}: dates outside its parent {parent}")
        seen.add(code)
    return index


def check_categories(
    data: dict[str, Any], agencies: dict[str, Any], stages: dict[str, Any]
) -> dict[str, Any]:
    """Check categories.yaml."""
    sev = unique(data.get("severities") or [], "severities")
    unique(data.get("severities") or [], "severities", "rank")
    for code, s in sev.items():
        max_len(s.get("label_id"), 40, f"severity {code} label_id")
        max_len(s.get("label_en"), 40, f"severity {code} label_en")
        if not isinstance(s.get("ack_minutes"), int) or s["ack_minutes"] <= 0:
            err(f"severity {code}: ack_minutes must be a positive integer")
    ranked = sorted(sev.values(), key=lambda s: s.get("rank", 0))
    if [s["ack_minutes"] for s in ranked] != sorted((s["ack_minutes"] for s in ranked), reverse=True):
        err("severities: ack_minutes must shrink as rank grows")
    groups = unique(data.get("groups") or [], "groups")
    for code, g in groups.items():
        max_len(g.get("label_id"), 80, f"group {code} label_id")
        max_len(g.get("label_en"), 80, f"group {code} label_en")
    items = data.get("categories") or []
    index = unique(items, "categories")
    unique(items, "categories", "order")
    for code, c in index.items():
        where = f"category {code}"
        if c.get("group") not in groups:
            err(f"{where}: unknown group {c.get('group')!r}")
        if c.get("default_severity") not in sev:
            err(f"{where}: unknown default_severity {c.get('default_severity')!r}")
        if c.get("parent") is not None and c["parent"] not in index:
            err(f"{where}: parent {c['parent']!r} does not exist")
        for field in ("label_id", "label_en"):
            max_len(c.get(field), 40, f"{where} {field}")
        for field in ("hint_id", "hint_en"):
            max_len(c.get(field), 400, f"{where} {field}")
        responsible, inform = c.get("responsible") or [], c.get("inform") or []
        if not responsible:
            err(f"{where}: nobody responsible")
        for agency in (*responsible, *inform):
            if agency not in agencies:
                err(f"{where}: unknown agency {agency!r}")
        if set(responsible) & set(inform):
            err(f"{where}: agencies both responsible and informed: {set(responsible) & set(inform)}")
        for stage in c.get("peak_stages") or []:
            if stage not in stages:
                err(f"{where}: unknown peak stage {stage!r}")
        for alias in c.get("aliases") or []:
            if not 1 <= len(fold(alias).split()) <= 3:
                err(f"{where}: alias {alias!r} should be 1-3 words")
    return {"severities": sev, "groups": groups, "categories": index}


def check_aliases(agencies: dict[str, Any], regions: dict[str, Any], categories: dict[str, Any]) -> int:
    """No alias may name two things; an alias may not be another thing's name or code. Returns alias count."""
    owners: dict[str, set[str]] = defaultdict(set)  # key -> things whose alias it is
    names: dict[str, set[str]] = defaultdict(set)  # key -> things whose name / code it is
    n_aliases = 0

    def own(kind: str, code: str, aliases: list[str], own_names: list[str | None]) -> None:
        nonlocal n_aliases
        thing = f"{kind} {code}"
        folded = Counter(fold_case(a) for a in aliases if isinstance(a, str))
        for dup, n in folded.items():
            if n > 1:
                err(f"{thing}: alias {dup!r} listed {n} times")
        for alias in aliases:
            if not isinstance(alias, str) or not alias.strip():
                err(f"{thing}: empty alias")
                continue
            owners[key(alias)].add(thing)
            n_aliases += 1
        for name in own_names:
            if name:
                names[key(name)].add(thing)

    for code, a in agencies.items():
        own("agency", code, a.get("aliases") or [], [code, a.get("short")])
    for code, r in regions.items():
        own("region", code, r.get("aliases") or [], [r.get("name"), r.get("official_name")])
    for code, c in categories.items():
        own("category", code, c.get("aliases") or [], [code, c.get("label_id")])

    for k, things in owners.items():
        if len(things) > 1:
            err(f"alias {k!r} used by {sorted(things)}")
        clash = names.get(k, set()) - things
        if clash:
            err(f"alias {k!r} of {sorted(things)} is the name or code of {sorted(clash)}")
    same_name = sum(1 for things in names.values() if len({t for t in things if t.startswith("region")}) > 1)
    if same_name:
        warnings.append(f"{same_name} region names are shared by more than one region (the matcher must ask)")
    return n_aliases


def main(argv: list[str]) -> int:
    """Run every check and print the counts."""
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    data: dict[str, Any] = {}
    for name in FILES:
        path = folder / name
        try:
            text = path.read_text(encoding="utf-8")
            data[name] = yaml.safe_load(text) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            err(f"{name}: cannot load: {exc}")
            data[name] = {}
            continue
        if not text.startswith("#"):
            err(f"{name}: must start with a comment header")
    agencies = check_agencies(data["agencies.yaml"])
    regions = check_regions(data["regions.yaml"])
    stages = check_stages(data["stages.yaml"])
    cats = check_categories(data["categories.yaml"], agencies, stages)
    n_aliases = check_aliases(agencies, regions, cats["categories"])

    levels = Counter(r.get("level") for r in regions.values())
    print(f"agencies.yaml:   {len(agencies)} agencies")
    print(
        f"regions.yaml:    {len(regions)} regions ({levels['provinsi']} provinsi, "
        f"{levels['kabkota']} kabkota, "
        f"{levels['kecamatan']} kecamatan, {levels['desa']} desa/kelurahan)"
    )
    print(
        f"categories.yaml: {len(cats['severities'])} severities, {len(cats['groups'])} groups, "
        f"{len(cats['categories'])} categories"
    )
    n_sub = sum(1 for s in stages.values() if s.get("parent"))
    print(f"stages.yaml:     {len(stages)} stages ({len(stages) - n_sub} top-level, {n_sub} sub-stages)")
    print(f"aliases:         {n_aliases} in total, no collisions" if not errors else f"aliases: {n_aliases}")
    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"ERROR: {e}")
    print("OK" if not errors else f"FAILED: {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
