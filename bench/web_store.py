"""Grow a large store from real analysed articles, for the speed figures in docs/benchmark.md.

Parsing 100,000 documents would take hours on a laptop CPU, so this script
starts from stores built the ordinary way (``eventwatch ingest`` over the
PolNeAR texts: real US political news, 924 articles with every stage run)
and **clones their stored rows** in SQL until the store holds the number of
articles asked for.  Each clone of an article gets:

* a new sha256 (the SHA-256 of the original's and the clone number) and id
  (``<id>~<n>``), with every event and quote id renumbered to match;
* its published date and every event date moved by a clone-dependent number
  of days (up to ten years), so the timeline, periods and date filters spread;
* every row of every analysis table (actors, mentions, places, dates, events,
  quotes, stances, entities, authors), so the indexes and the actor directory
  (filled by migration 0005's triggers, as in a real ingest) have the real
  shape.

The text, actors, codes and sentences stay those of the real article; only
ids and dates vary.  First the bases (PolNeAR as JSON lines, with the dates
and titles of its metadata), then grow one store in steps, measuring between::

    python bench/web_store.py --polnear ../shared/data/dev/polnear --split dev \\
        --out scratch/polnear_dev.jsonl
    eventwatch ingest scratch/polnear_dev.jsonl --db scratch/polnear_dev.db
    python bench/web_store.py --base scratch/polnear_dev.db --base scratch/polnear_train.db \\
        --out scratch/bench.db --articles 1000
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sqlite3
import time
from pathlib import Path

from eventwatch.store import open_store

#: Child tables copied with each article, and how their columns change in a clone
#: (columns not named are copied as they are).
TABLES: dict[str, dict[str, str]] = {
    "authors": {},
    "entities": {},
    "actors": {},
    "mentions": {},
    "places": {},
    "place_mentions": {},
    "dates": {},
    "events": {
        "event_id": "replace(t.event_id, p.old12, p.new12)",
        "event_date": "date(t.event_date, p.shift)",
        "record": (
            "json_set(replace(t.record, p.old12, p.new12), '$.date',"
            " date(json_extract(t.record, '$.date'), p.shift))"
        ),
    },
    "quotes": {
        "quote_id": "replace(t.quote_id, p.old12, p.new12)",
        "record": "replace(t.record, p.old12, p.new12)",
    },
    "stances": {"record": "replace(t.record, p.old12, p.new12)"},
}
ARTICLE_COLUMNS = {
    "sha256": "p.newsha",
    "id": "t.id || '~' || p.clone",
    "published": "date(t.published, p.shift)",
    "record": (
        "json_set(replace(t.record, p.old12, p.new12), '$.id', t.id || '~' || p.clone,"
        " '$.sha256', p.newsha, '$.published', date(t.published, p.shift))"
    ),
}


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    """Stored columns (generated ones are left out: SQLite works them out)."""
    return [row[1] for row in db.execute(f"PRAGMA main.table_xinfo({table})") if row[6] == 0]


def _select(table: str, columns: list[str], changes: dict[str, str], key: str) -> str:
    parts = []
    for column in columns:
        if column == key:
            parts.append("p.newsha")
        else:
            parts.append(changes.get(column, f"t.{column}"))
    return (
        f"INSERT INTO main.{table} ({', '.join(columns)}) SELECT {', '.join(parts)}"
        f" FROM base.{table} t JOIN temp.pick p ON p.sha = t.{key}"
    )


def grow(*, bases: list[Path], out: Path, articles: int, batch: int = 500) -> int:
    """Clone the bases' articles into ``out`` until it holds ``articles``; return the count."""
    open_store(out).close()  # the schema, all migrations
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    have = int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    originals: list[tuple[int, str]] = []
    for number, base in enumerate(bases):
        with sqlite3.connect(base) as source:
            originals += [
                (number, row[0])
                for row in source.execute("SELECT sha256 FROM articles ORDER BY rowid")
            ]
    if not originals:
        raise SystemExit("the base stores hold no articles")
    statements = {
        name: _select(name, _columns(db, name), changes, "article_sha256")
        for name, changes in TABLES.items()
    }
    statements["articles"] = _select(
        "articles", _columns(db, "articles"), ARTICLE_COLUMNS, "sha256"
    )
    attached: int | None = None
    db.execute(
        "CREATE TEMP TABLE pick (sha TEXT, newsha TEXT, old12 TEXT, new12 TEXT,"
        " clone INTEGER, shift TEXT)"
    )
    db.execute("CREATE INDEX temp.pick_sha ON pick(sha)")  # a batch may clone one article twice
    while have < articles:
        todo: dict[int, list[tuple[str, str, str, str, int, str]]] = {}
        for slot in range(have, min(articles, have + batch)):
            clone, index = divmod(slot, len(originals))
            base, sha = originals[index]
            newsha = hashlib.sha256(f"{sha}:{clone}".encode()).hexdigest()
            shift = f"{(clone * 53 + index * 7) % 3650 - 1825:+d} days"
            todo.setdefault(base, []).append((sha, newsha, sha[:12], newsha[:12], clone, shift))
        for base, picks in todo.items():
            if attached != base:
                if attached is not None:
                    db.execute("DETACH DATABASE base")
                db.execute("ATTACH DATABASE ? AS base", (f"file:{bases[base]}?mode=ro",))
                attached = base
            db.execute("BEGIN")
            db.execute("DELETE FROM temp.pick")
            db.executemany("INSERT INTO temp.pick VALUES (?,?,?,?,?,?)", picks)
            db.execute(statements["articles"])
            for name in TABLES:
                db.execute(statements[name])
            db.execute("COMMIT")
            have += len(picks)
    if attached is not None:
        db.execute("DETACH DATABASE base")
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return have


def polnear_jsonl(*, polnear: Path, split: str, out: Path) -> int:
    """Write one split of PolNeAR as eventwatch JSON lines, with each article's date,
    title, author and publisher from ``metadata.tsv`` (so dates resolve as in real use)."""
    with (polnear / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    count = 0
    with out.open("w", encoding="utf-8") as lines:
        for path in sorted((polnear / split / "text").glob("*.txt")):
            row = meta.get(path.stem, {})
            record = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
            if row.get("publication_date"):
                record["date"] = row["publication_date"]
            for field, column in (("title", "title"), ("publisher", "publisher")):
                if row.get(column) and row[column] != "None":
                    record[field] = row[column]
            if row.get("author") and row["author"] != "None":
                record["authors"] = [row["author"]]
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--polnear",
        type=Path,
        help="Only write PolNeAR's --split as JSON lines to --out, then stop.",
    )
    parser.add_argument("--split", default="dev", help="PolNeAR split for --polnear.")
    parser.add_argument(
        "--base",
        type=Path,
        action="append",
        default=[],
        help="A store built by eventwatch ingest (repeat for several).",
    )
    parser.add_argument("--out", type=Path, required=True, help="The store to grow.")
    parser.add_argument("--articles", type=int, default=0, help="Articles to reach.")
    args = parser.parse_args()
    if args.polnear:
        count = polnear_jsonl(polnear=args.polnear, split=args.split, out=args.out)
        print(f"{args.out}: {count} articles")
        return
    started = time.perf_counter()
    count = grow(bases=args.base, out=args.out, articles=args.articles)
    size = sum(p.stat().st_size for p in args.out.parent.glob(args.out.name + "*"))
    print(
        f"{args.out}: {count} articles, {size / 2**30:.2f} GiB,"
        f" grown in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
