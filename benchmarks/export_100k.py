"""Benchmark of exports: 100,000 incidents to CSV and XLSX — time, peak memory, and event-loop stalls.

    .venv/bin/python benchmarks/export_100k.py                      # a temporary SQLite database
    .venv/bin/python benchmarks/export_100k.py --rows 20000 --formats csv
    .venv/bin/python benchmarks/export_100k.py --database-url postgresql+asyncpg://bot:bot@127.0.0.1:55432/botdb

With a PostgreSQL URL a scratch database is created on that server and dropped afterwards. The incidents (with
their agencies, a timeline entry each and some evidence) are spread over 100 days; every export runs in a fresh
process (so its peak memory is its own), once for the last 10 days (a tenth of the rows) and once for everything:
memory that stays flat while the rows grow tenfold is what streaming is for. "Longest stall" is the longest the
event loop went without running a 10 ms ticker during the export — what another person's command would wait.
"""

import argparse
import asyncio
import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy import func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.texts import lookup  # noqa: E402
from db.access import Actor  # noqa: E402
from db.exports import export_incidents  # noqa: E402
from db.filters import IncidentFilter  # noqa: E402
from db.models import SQLModel  # noqa: E402
from db.seed import load_seed  # noqa: E402
from db.session import make_engine, make_session_factory  # noqa: E402

END = datetime(2024, 11, 27, 1, 0, tzinfo=UTC)
DAYS = 100
CATEGORIES = ["POLITIK_UANG", "BENTROKAN", "HOAKS_DISINFORMASI", "LOGISTIK", "GANGGUAN_TPS", "NETRALITAS_ASN"]
REGIONS = ["31.74", "31.74.01", "31.71", "31.73", "32.76", "36.74"]
AGENCIES = ["POLRI", "KPU", "BAWASLU", "TNI", "PEMDA"]
TABLES = SQLModel.metadata.tables


def migrate(url: str) -> None:
    """`alembic upgrade head` in a thread of its own (env.py runs its own event loop)."""
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    thread = threading.Thread(target=command.upgrade, args=(config, "head"))
    thread.start()
    thread.join()


async def fill(url: str, rows: int) -> None:
    """Seed the reference data and insert `rows` incidents in batches (core executemany)."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    rnd = random.Random(100)
    async with factory() as session, session.begin():
        await load_seed(session)
    for start in range(0, rows, 5000):
        batch = []
        for i in range(start, min(rows, start + 5000)):
            at = END - timedelta(minutes=rnd.randint(1, DAYS * 24 * 60))
            batch.append(dict(number=f"INS-B-{i}", category_code=rnd.choice(CATEGORIES),
                              severity_code=rnd.choice(["rendah", "sedang", "tinggi", "kritis"]), status="new",
                              region_code=rnd.choice(REGIONS), place_text="Jl. Contoh No. 1",
                              description=f"Uraian kejadian nomor {i}: massa berkumpul di depan TPS " * 2,
                              reporter_tg_id=1000 + i % 500, reporter_name=f"Pelapor {i % 500}",
                              reporter_agency_code=rnd.choice(AGENCIES), reporter_position="Petugas", draft_data={},
                              reported_at=at, created_at=at, updated_at=at))
        async with factory() as session, session.begin():
            table = TABLES["incidents"]
            before = await session.scalar(select(func.max(table.c.id))) or 0
            await session.execute(insert(table), batch)
            ids = (await session.execute(select(table.c.id, table.c.reported_at).where(table.c.id > before))).all()
            await session.execute(insert(TABLES["incident_agencies"]), [
                dict(incident_id=i, agency_code=AGENCIES[i % 5], role="responsible", acknowledged_at=at + timedelta(
                    minutes=5), escalation_level=0) for i, at in ids])
            await session.execute(insert(TABLES["incident_events"]), [
                dict(incident_id=i, at=at, kind="created", actor_label="Pelapor", detail={}) for i, at in ids])
            await session.execute(insert(TABLES["evidence"]), [
                dict(incident_id=i, kind="text", text="Pesan asli yang diteruskan", added_at=at)
                for i, at in ids[::10]])
    await engine.dispose()


async def child(url: str, fmt: str, days: int, folder: str) -> dict[str, float]:
    """One export in this process: elapsed seconds, rows, bytes, peak RSS growth, longest event-loop stall."""
    import openpyxl  # noqa: F401  (loaded before the baseline, as a running bot would have it after one export)

    engine = make_engine(url)
    factory = make_session_factory(engine)
    actor = Actor(tg_user_id=1, stakeholder=None, is_superadmin=True)
    since = (END - timedelta(days=days)).isoformat()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stall = 0.0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal stall
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            stall = max(stall, time.perf_counter() - before - 0.01)

    tick = asyncio.create_task(ticker())
    started = time.perf_counter()
    kind: Literal["csv", "xlsx"] = "csv" if fmt == "csv" else "xlsx"
    result = await export_incidents(factory, actor, IncidentFilter(since=since), kind, Path(folder) / f"x.{fmt}",
                                    lang="id", labels=lookup("id"))
    elapsed = time.perf_counter() - started
    done.set()
    await tick
    await engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"rows": result.rows, "seconds": round(elapsed, 1), "mb": round(result.bytes / 1e6, 1),
            "rss_growth_mb": round((peak - baseline) / 1024, 1), "longest_stall_ms": round(stall * 1000)}


async def scratch_database(url: str, drop: str | None = None) -> str:
    """Create (or with `drop`, remove) a scratch database on the PostgreSQL server of `url`."""
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    name = drop or f"sinergi_bench_{int(time.time())}"
    async with engine.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"' if drop else f'CREATE DATABASE "{name}"'))
    await engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    """Fill a database, then time each export in its own process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--child", nargs=4, metavar=("URL", "FORMAT", "DAYS", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        url, fmt, days, folder = args.child
        print(json.dumps(asyncio.run(child(url, fmt, int(days), folder))))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = (asyncio.run(scratch_database(args.database_url)) if args.database_url
               else f"sqlite+aiosqlite:///{folder}/bench.db")
        try:
            migrate(url)
            started = time.perf_counter()
            asyncio.run(fill(url, args.rows))
            driver = make_url(url).drivername
            print(f"{args.rows} incidents inserted in {time.perf_counter() - started:.1f} s ({driver})")
            print(f"{'format':6} {'rows':>7} {'seconds':>8} {'file MB':>8} {'RSS growth MB':>14} {'longest stall':>14}")
            for fmt in args.formats.split(","):
                for days in (DAYS // 10, DAYS + 1):
                    out = subprocess.run([sys.executable, __file__, "--child", url, fmt, str(days), folder],
                                         capture_output=True, text=True, check=True)
                    r = json.loads(out.stdout.strip().splitlines()[-1])
                    print(f"{fmt:6} {r['rows']:>7} {r['seconds']:>8} {r['mb']:>8} {r['rss_growth_mb']:>14} "
                          f"{r['longest_stall_ms']:>11} ms")
        finally:
            if args.database_url:
                asyncio.run(scratch_database(args.database_url, drop=make_url(url).database))


if __name__ == "__main__":
    main()
