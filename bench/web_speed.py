"""Time the REST API, the pages and the CLI's query commands on one store.

The keys asked for are taken from the store itself: the busiest actors, one
of middling activity, one rarely seen, and the countries they belong to, so
the same script measures any store (``bench/web_store.py`` grows the large
ones).  API and pages are called in process through the ASGI test client
(no network in the figures); each CLI command runs as a whole process, as a
user would run it.

    python bench/web_speed.py --db scratch/bench.db --runs 5 --json scratch/speed-1k.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from eventwatch import queries
from eventwatch.web import create_app

ROOT = Path(__file__).resolve().parents[1]


def _keys(db: Path) -> dict[str, str]:
    """Actor keys of several activity levels, read from the store."""
    with queries.open_reader(db) as reader:
        ranked = queries.actors(reader, limit=1000).items
        people = [row for row in ranked if row.kind == "person"]
        countries = [row for row in ranked if row.kind == "country"]
        pair = queries.dyads(reader, limit=1).items
        article = reader.db.execute("SELECT id FROM articles ORDER BY rowid LIMIT 1").fetchone()[0]
        event = reader.db.execute(
            "SELECT event_id FROM events ORDER BY rowid LIMIT 1 OFFSET"
            " (SELECT count(*) / 2 FROM events)"
        ).fetchone()[0]
        country = countries[0].code or "USA"
        path = queries.stance(reader, actor=people[0].name, target=country, evidence=0)
        # the busiest point of the busiest path: the evidence a click on it reads
        month = max(path, key=lambda point: point.events).start if path else "2016-01-01"
    return {
        "busy": people[0].name,
        "second": people[1].name,
        "middling": people[min(len(people) - 1, 40)].name,
        "rare": people[-1].name,
        "busy_id": people[0].actor_id,
        "country": country,
        "busy_month": month,
        "other_country": countries[1].code if len(countries) > 1 else "RUS",
        "pair_source": pair[0].source_id if pair else people[0].actor_id,
        "pair_target": pair[0].target_id if pair else countries[0].actor_id,
        "article": article,
        "event": event,
    }


def _url(path: str, **params: Any) -> str:
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def api_cases(k: dict[str, str]) -> dict[str, list[str]]:
    return {
        "events": [
            _url("/api/events"),
            _url("/api/events", source=k["busy"]),
            _url("/api/events", source=k["country"], target=k["other_country"]),
            _url("/api/events", target=k["middling"]),
            _url("/api/events", code="04"),
            _url("/api/events", plover="CONSULT"),
            _url("/api/events", modality="proposed"),
            _url("/api/events", since="2015-01-01", until="2015-03-31"),
            _url("/api/events", source=k["busy"], text="said"),
            _url("/api/events", offset=5000),
        ],
        "quotes": [
            _url("/api/quotes"),
            _url("/api/quotes", speaker=k["busy"]),
            _url("/api/quotes", speaker=k["rare"]),
            _url("/api/quotes", about=k["middling"]),
        ],
        "actors": [
            _url("/api/actors"),
            _url("/api/actors", q=k["busy"].split()[-1]),
            _url("/api/actors", q=k["country"]),
            _url("/api/actors", offset=200),
        ],
        "actors/{id}": [_url(f"/api/actors/{k['busy_id']}")],
        "dyads": [_url("/api/dyads"), _url("/api/dyads", actor=k["busy"])],
        "places": [_url("/api/places"), _url("/api/places", source=k["busy"])],
        "stance": [
            _url("/api/stance", actor=k["busy"], target=k["country"]),
            _url("/api/stance", actor=k["pair_source"], target=k["pair_target"], period="week"),
        ],
        "compare": [
            _url("/api/compare", actor=[k["busy"], k["second"]], target=k["country"]),
            _url(
                "/api/compare",
                actor=[k["pair_source"], k["middling"]],
                target=k["pair_target"],
                period="quarter",
            ),
        ],
        "stance/evidence": [
            _url(
                "/api/stance/evidence", actor=k["busy"], target=k["country"], start=k["busy_month"]
            ),
            _url(
                "/api/stance/evidence",
                actor=[k["busy"]],
                target=k["country"],
                start=k["busy_month"],
                limit=100,
            ),
        ],
        "articles/{id}": [_url(f"/api/articles/{k['article']}")],
        "stats": [_url("/api/stats")],
    }


def page_cases(k: dict[str, str]) -> dict[str, str]:
    return {
        "overview": "/",
        "actors": _url("/actors", q=k["busy"].split()[-1]),
        "actor": f"/actors/{k['busy_id']}",
        "compare": _url("/compare", actor=[k["busy"], k["second"]], target=k["country"]),
        "dyad": _url("/dyad", a=k["pair_source"], b=k["pair_target"]),
        "events": _url("/events", source=k["busy"]),
        "event": f"/events/{k['event']}",
        "quotes": _url("/quotes", speaker=k["busy"]),
        "article": f"/articles/{k['article']}",
        "map": _url("/map", source=k["country"]),
        "download csv": _url("/download/events.csv", source=k["busy"], limit=1000),
        "download gdelt": _url("/download/events.gdelt", source=k["busy"], limit=1000),
    }


def cli_cases(k: dict[str, str]) -> dict[str, list[str]]:
    return {
        "events --source": ["events", "--source", k["country"]],
        "quotes --speaker": ["quotes", "--speaker", k["busy"]],
        "actors": ["actors"],
        "actor": ["actor", k["middling"]],
        "stance": ["stance", k["busy"], "--target", k["country"]],
        "compare": ["compare", k["busy"], k["second"], "--target", k["country"]],
        "check --claimant": ["check", "--claimant", k["busy"]],
        "stats": ["stats"],
        "articles": ["articles"],
        "(start-up: --help)": ["--help"],
    }


def _timed(call: Any, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock milliseconds of each call after a warm-up call; the CPU milliseconds
    the calls took (this process and its children) go to ``cpu`` when given: on a
    shared machine they show the work a call needs, whatever else is running."""
    call()  # warm: the first call opens files and fills caches
    times = []
    for _ in range(runs):
        used = _cpu()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((_cpu() - used) * 1000)
    return times


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(db: Path, runs: int, with_cli: bool) -> dict[str, Any]:
    keys = _keys(db)
    result: dict[str, Any] = {"db": str(db), "keys": keys, "api": {}, "pages": {}, "cli": {}}
    with queries.open_reader(db) as reader:
        result["articles"], _ = reader.version()
        result["events"] = reader.db.execute("SELECT count(*) FROM events").fetchone()[0]
    with TestClient(create_app(db)) as client:
        for name, urls in api_cases(keys).items():
            times: list[float] = []
            cpu: list[float] = []
            for url in urls:

                def call(url: str = url) -> None:
                    answer = client.get(url)
                    if answer.status_code != 200:
                        raise SystemExit(f"{url}: {answer.status_code} {answer.text[:200]}")

                times += _timed(call, runs, cpu)
            result["api"][name] = {
                "p50": statistics.median(times),
                "p95": _p95(times),
                "max": max(times),
                "requests": len(times),
                "cpu_p95": _p95(cpu),
            }
        for name, url in page_cases(keys).items():
            cpu = []
            times = _timed(lambda url=url: client.get(url).raise_for_status(), runs, cpu)
            result["pages"][name] = {
                "p50": statistics.median(times),
                "max": max(times),
                "cpu_max": max(cpu),
            }
    if with_cli:
        exe = str(Path(sys.executable).with_name("eventwatch"))
        for name, args in cli_cases(keys).items():
            command = [exe, *args] if args == ["--help"] else [exe, *args, "--db", str(db)]
            cpu = []
            times = _timed(
                lambda command=command: subprocess.run(command, check=True, capture_output=True),
                max(1, runs // 2),
                cpu,
            )
            result["cli"][name] = {
                "median": statistics.median(times),
                "max": max(times),
                "cpu_median": statistics.median(cpu),
            }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5, help="Timed calls per URL or command.")
    parser.add_argument("--no-cli", action="store_true", help="Skip the CLI commands.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    result = measure(args.db, args.runs, not args.no_cli)
    result["load_average"] = os.getloadavg()
    print(f"{args.db}: {result['articles']} articles, {result['events']} events")
    for name, figures in result["api"].items():
        print(
            f"  api   {name:16} p50 {figures['p50']:7.1f} ms  p95 {figures['p95']:7.1f} ms"
            f"  cpu p95 {figures['cpu_p95']:7.1f} ms"
        )
    for name, figures in result["pages"].items():
        print(
            f"  page  {name:16} p50 {figures['p50']:7.1f} ms  max {figures['max']:7.1f} ms"
            f"  cpu max {figures['cpu_max']:7.1f} ms"
        )
    for name, figures in result["cli"].items():
        print(
            f"  cli   {name:16} median {figures['median']:7.1f} ms  max {figures['max']:7.1f} ms"
            f"  cpu {figures['cpu_median']:7.1f} ms"
        )
    print(f"  load average {result['load_average']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
