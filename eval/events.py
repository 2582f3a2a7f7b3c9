"""Event coding: accuracy on the CAMEO codebook examples and on our PolNeAR gold set.

Two measurements:

* **codebook** — each example sentence of the CAMEO codebook
  (``../shared/data/reference/cameo/cameo-codes.csv``) is run through the
  pipeline; a code counts as found when any event coded in the sentence has it
  (root and full code), and the share of examples with no event is reported.
* **gold** — ``eval/data/event_gold.tsv`` annotates sentences of the PolNeAR
  train texts (file name + character offsets; the texts stay in ../shared)
  with their events (source, target, CAMEO code, modality) or with none.  The
  articles are run through the whole pipeline; in each annotated sentence the
  coded events are matched to the gold events by root (one to one), giving
  per-root precision / recall, root F1, source and target country accuracy on
  the matched pairs, the share of spurious events (coded events that match no
  gold event, of all coded events in the annotated sentences) and the events
  coded in sentences with no event at all.  The opinion author's own
  judgements (``attributed_to_author``) are left out, as exports leave them out.

Usage::

    python eval/events.py                    # both
    python eval/events.py --only gold --confusion
    python eval/events.py --check eval/floors.toml
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CODEBOOK = SHARED / "reference" / "cameo" / "cameo-codes.csv"
POLNEAR = SHARED / "dev" / "polnear" / "train" / "text"
GOLD = ROOT / "eval" / "data" / "event_gold.tsv"
FLOORS = ROOT / "eval" / "floors.toml"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    doc: str
    start: int
    end: int
    source: str | None
    target: str | None
    cameo: str | None  # None: the sentence has no event
    modality: str | None


def _settings() -> Any:
    from eventwatch.settings import load_settings

    return load_settings(use_environment=False, progress="never", workers=1)


def _code_texts(items: Sequence[tuple[str, str, str | None]]) -> dict[str, Any]:
    """Run the pipeline over ``(id, text, date)`` items given as clean bodies."""
    import eventwatch

    buffer = io.StringIO()
    for doc_id, text, day in items:
        record: dict[str, Any] = {"id": doc_id, "text": text}
        if day:
            record["date"] = day
        buffer.write(json.dumps(record) + "\n")
    tmp = ROOT / ".eval_events.jsonl"
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        out = {}
        for result in eventwatch.extract([tmp], settings=_settings()):
            if isinstance(result, eventwatch.Article):
                out[result.id] = result
        return out
    finally:
        tmp.unlink(missing_ok=True)


# -- the codebook ------------------------------------------------------------------------


def codebook_examples(path: Path = CODEBOOK) -> list[tuple[str, str]]:
    """``(code, example sentence)`` for every code that has an example."""
    with path.open(encoding="cp1252", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        example = (row.get("example") or "").strip()
        code = (row.get("code") or "").strip()
        if example and example != "NA" and code:
            out.append((code, " ".join(example.split())))
    return out


def evaluate_codebook(path: Path = CODEBOOK) -> dict[str, Any]:
    examples = codebook_examples(path)
    articles = _code_texts([(f"ex{i}", text, None) for i, (_, text) in enumerate(examples)])
    root_hits = code_hits = empty = 0
    for i, (code, _) in enumerate(examples):
        article = articles.get(f"ex{i}")
        events = list(article.events) if article else []
        if not events:
            empty += 1
        root_hits += any(e.cameo_root == code[:2] for e in events)
        code_hits += any(e.cameo == code for e in events)
    n = len(examples)
    return {
        "examples": n,
        "root_accuracy": round(root_hits / n, 4),
        "code_accuracy": round(code_hits / n, 4),
        "no_event_share": round(empty / n, 4),
    }


# -- the gold set ------------------------------------------------------------------------


def read_gold(path: Path = GOLD) -> list[GoldEvent]:
    rows: list[GoldEvent] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
            try:
                cameo = row["cameo"].strip()
                rows.append(
                    GoldEvent(
                        doc=row["doc"],
                        start=int(row["start"]),
                        end=int(row["end"]),
                        source=None if row["source"] in {"-", ""} else row["source"],
                        target=None if row["target"] in {"-", ""} else row["target"],
                        cameo=None if cameo in {"-", ""} else cameo,
                        modality=None if row["modality"] in {"-", ""} else row["modality"],
                    )
                )
            except (KeyError, ValueError) as error:
                raise ValueError(f"{path.name}: row {number}: {error}") from error
    return rows


def _country(code: str | None) -> str | None:
    """The country part of an actor code: USAGOV → USA, IGOUNO → IGOUNO, None → None."""
    if not code:
        return None
    return code if code.startswith(("IGO", "NGO", "IMG")) else code[:3]


def evaluate_gold(
    path: Path = GOLD, texts: Path = POLNEAR, failures: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    gold = read_gold(path)
    docs = sorted({g.doc for g in gold})
    items = []
    for doc in docs:
        day = doc.split("_")[1] if doc.count("_") >= 2 else None
        items.append((doc, (texts / doc).read_text(encoding="utf-8"), day))
    articles = _code_texts(items)
    by_sentence: dict[tuple[str, int, int], list[GoldEvent]] = defaultdict(list)
    for g in gold:
        by_sentence[(g.doc, g.start, g.end)].append(g)

    per_root: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: Counter[tuple[str, str]] = Counter()
    matched = coded = spurious = 0
    source_ok = target_ok = 0
    empty_sentence_events = 0
    for (doc, start, end), golds in by_sentence.items():
        article = articles.get(doc)
        predicted = [
            e
            for e in (article.events if article else ())
            if start <= e.trigger_span[0] < end and not e.attributed_to_author
        ]
        real = [g for g in golds if g.cameo]
        coded += len(predicted)
        if not real:
            if failures is not None and predicted and article is not None:
                failures.append(
                    {
                        "doc": doc,
                        "sentence": " ".join(article.text[start:end].split()),
                        "gold": [],
                        "coded": [f"{e.cameo} ({e.trigger})" for e in predicted],
                    }
                )
            empty_sentence_events += len(predicted)
            spurious += len(predicted)
            for e in predicted:
                per_root[e.cameo_root]["fp"] += 1
            continue
        if failures is not None and article is not None:
            coded_roots = sorted(e.cameo_root for e in predicted)
            gold_roots = sorted((g.cameo or "")[:2] for g in real)
            if coded_roots != gold_roots:
                failures.append(
                    {
                        "doc": doc,
                        "sentence": " ".join(article.text[start:end].split()),
                        "gold": [f"{g.source or '-'} {g.cameo} {g.target or '-'}" for g in real],
                        "coded": [
                            f"{e.source.code if e.source else '-'} {e.cameo}"
                            f" {e.target.code if e.target else '-'} ({e.trigger})"
                            for e in predicted
                        ],
                    }
                )
        remaining = list(predicted)
        for g in real:
            root = g.cameo[:2] if g.cameo else ""
            hit = next((e for e in remaining if e.cameo_root == root), None)
            if hit is None:
                per_root[root]["fn"] += 1
                if remaining:
                    confusion[(root, remaining[0].cameo_root)] += 1
                else:
                    confusion[(root, "none")] += 1
                continue
            remaining.remove(hit)
            matched += 1
            per_root[root]["tp"] += 1
            source_ok += _country(hit.source.code if hit.source else None) == _country(g.source)
            target_ok += _country(hit.target.code if hit.target else None) == _country(g.target)
        for e in remaining:
            per_root[e.cameo_root]["fp"] += 1
            spurious += 1
    gold_events = sum(1 for g in gold if g.cameo)
    precision = matched / coded if coded else 0.0
    recall = matched / gold_events if gold_events else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    table = {}
    for root, c in sorted(per_root.items()):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        table[root] = {
            "tp": c["tp"],
            "fp": c["fp"],
            "fn": c["fn"],
            "p": round(p, 3),
            "r": round(r, 3),
        }
    return {
        "sentences": len(by_sentence),
        "gold_events": gold_events,
        "coded_events": coded,
        "root_precision": round(precision, 4),
        "root_recall": round(recall, 4),
        "root_f1": round(f1, 4),
        "source_country_accuracy": round(source_ok / matched, 4) if matched else 0.0,
        "target_country_accuracy": round(target_ok / matched, 4) if matched else 0.0,
        "spurious_share": round(spurious / coded, 4) if coded else 0.0,
        "events_in_no_event_sentences": empty_sentence_events,
        "per_root": table,
        "confusion": [
            {"gold": g, "coded": c, "count": n} for (g, c), n in confusion.most_common(15)
        ],
    }


def check(figures: dict[str, Any], floors_path: Path) -> list[str]:
    floors = tomllib.loads(floors_path.read_text(encoding="utf-8")).get("events", {})
    below = []
    for name, floor in floors.items():
        part, _, key = name.partition(".")
        value = figures.get(part, {}).get(key)
        if value is not None and value < floor:
            below.append(f"{name} {value} < floor {floor}")
    return below


def _print(figures: dict[str, Any], *, confusion: bool) -> None:
    if "codebook" in figures:
        c = figures["codebook"]
        print(f"CAMEO codebook examples: {c['examples']}")
        for key in ("root_accuracy", "code_accuracy", "no_event_share"):
            print(f"  {key:24} {c[key]:.4f}")
    if "gold" in figures:
        g = figures["gold"]
        print(
            f"gold set: {g['sentences']} sentences, {g['gold_events']} gold events,"
            f" {g['coded_events']} coded"
        )
        for key in (
            "root_precision",
            "root_recall",
            "root_f1",
            "source_country_accuracy",
            "target_country_accuracy",
            "spurious_share",
        ):
            print(f"  {key:24} {g[key]:.4f}")
        print(f"  events in no-event sentences: {g['events_in_no_event_sentences']}")
        print("  root   tp   fp   fn     P     R")
        for root, row in g["per_root"].items():
            print(
                f"  {root:4} {row['tp']:4} {row['fp']:4} {row['fn']:4}"
                f" {row['p']:5.2f} {row['r']:5.2f}"
            )
        if confusion:
            print("  most frequent misses (gold root → first coded root in the sentence):")
            for row in g["confusion"]:
                print(f"    {row['gold']} → {row['coded']}: {row['count']}")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["codebook", "gold"])
    parser.add_argument("--confusion", action="store_true")
    parser.add_argument("--failures", action="store_true", help="print gold sentences coded wrong")
    parser.add_argument("--check", type=Path, help="floors file: exit 1 below a floor")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not SHARED.exists():
        print(f"needs {SHARED} (the shared data beside the project)")
        return 2
    figures: dict[str, Any] = {}
    if args.only in (None, "codebook"):
        figures["codebook"] = evaluate_codebook()
    failures: list[dict[str, Any]] | None = [] if args.failures else None
    if args.only in (None, "gold"):
        figures["gold"] = evaluate_gold(failures=failures)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print(figures, confusion=args.confusion)
    for row in failures or []:
        print(f"\n{row['doc']}: {row['sentence'][:300]}")
        print(f"  gold:  {row['gold']}")
        print(f"  coded: {row['coded']}")
    if args.check:
        below = check(figures, args.check)
        for line in below:
            print(f"BELOW FLOOR: {line}", file=sys.stderr)
        return 1 if below else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
