"""Every record a run stores, as one JSON file: to show a speed change leaves the output alone.

Usage::

    python bench/record_dump.py OUT.json [--corpus DIR] [--limit 40]
    python bench/record_dump.py --compare BEFORE.json AFTER.json

Ingests the first ``--limit`` texts of the corpus (default: the PolNeAR dev
texts) twice, with ``coder = "learned"`` and ``coder = "rules"``, into fresh
stores, and writes every article record and every row of every table (the
ingest time stamps blanked).  Run it on the code before and after a change and
compare the two files: ``--compare`` names each article field and table that
differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "polnear" / "dev" / "text"
STAMP = re.compile(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00")


def dump(files: list[Path]) -> dict[str, Any]:
    import eventwatch

    result: dict[str, Any] = {}
    for coder in ("rules", "learned"):
        settings = eventwatch.load_settings(use_environment=False, progress="never", coder=coder)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "dump.db"
            report = eventwatch.ingest(files, db=db, settings=settings)
            with eventwatch.open_store(db) as store:
                articles = sorted(
                    (article.to_dict() for article in store.iter_articles()),
                    key=lambda record: str(record["sha256"]),
                )
            connection = sqlite3.connect(db)
            names = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).fetchall()
            tables = {
                name: sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{name}"'))
                for (name,) in names
            }
            connection.close()
        result[coder] = {
            "stored": report.stored,
            "failures": [str(failure) for failure in report.failures],
            "articles": articles,
            "tables": tables,
        }
    return result


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    differences = []
    for coder, old in before.items():
        new = after.get(coder, {})
        for part in ("stored", "failures"):
            if old[part] != new.get(part):
                differences.append(f"{coder}: {part}")
        if len(old["articles"]) != len(new.get("articles", [])):
            differences.append(f"{coder}: number of articles")
        for a, b in zip(old["articles"], new.get("articles", []), strict=False):
            differences += [f"{coder}: {a['id']} {key}" for key in a if a[key] != b.get(key)]
        tables = new.get("tables", {})
        for name, rows in old["tables"].items():
            if rows != tables.get(name):
                differences.append(f"{coder}: table {name}")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(path.read_text(encoding="utf-8")) for path in args.compare)
        differences = compare(before, after)
        for line in differences:
            print(f"differs: {line}")
        print("identical" if not differences else f"{len(differences)} differences")
        return 1 if differences else 0
    if args.out is None:
        parser.error("give OUT.json, or --compare BEFORE AFTER")
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (needs ../shared beside the project)")
        return 2
    files = sorted(args.corpus.glob("*.txt"))[: args.limit]
    text = json.dumps(dump(files), indent=1, sort_keys=True, default=str)
    args.out.write_text(STAMP.sub("<time>", text), encoding="utf-8")
    print(f"{len(files)} texts, both coders: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
