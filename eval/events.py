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

* **conflibert** — the 1,349 sentences of ConfliBERT's CAMEO train split
  (``../shared/data/dev/conflibert/cameo_class_train.tsv``), one article each, with
  their five-class label.  The encoder is *trained* on these sentences, so this is no
  held-out accuracy: it measures what the pipeline keeps of the model's reading — the
  share of sentences it codes at all (``coded_share``; a sentence with no actor, one
  the language guess skipped, a state verb holding the act) and the five-class
  accuracy of each sentence's first event (``first_event_five_class``; a pattern act
  overriding the model's root, an intent coded as the act).

* **news_train** (only with ``--only news_train``) — the training side of our news
  annotations (``eval/data/event_gold_news.tsv``, 2,922 sentences), scored as
  **news** is.  The encoder trained on them, so no held-out figure: it shows what a
  change to the rules (actors, roles, sides) does on many more sentences.

Usage::

    python eval/events.py                    # all sets but news_train
    python eval/events.py --only news_train --coder learned
    python eval/events.py --only gold --confusion
    python eval/events.py --check eval/floors.toml
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# set by --encoder-model: the trained encoder folder the pipeline loads instead of the packaged one
ENCODER_ENV = "EVENTWATCH_EVAL_ENCODER"

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CODEBOOK = SHARED / "reference" / "cameo" / "cameo-codes.csv"
POLNEAR = SHARED / "dev" / "polnear" / "train" / "text"
GOLD = ROOT / "eval" / "data" / "event_gold.tsv"
NEWS = ROOT / "eval" / "data" / "event_gold_news.tsv"
CONFLIBERT = SHARED / "dev" / "conflibert" / "cameo_class_train.tsv"
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


def _settings(coder: str = "learned") -> Any:
    from eventwatch.settings import load_settings

    return load_settings(use_environment=False, progress="never", workers=1).with_overrides(
        coder=coder, encoder_model=os.environ.get(ENCODER_ENV) or None
    )


def _code_texts(
    items: Sequence[tuple[str, str, str | None]], *, coder: str = "learned"
) -> dict[str, Any]:
    """Run the pipeline over ``(id, text, date)`` items given as clean bodies."""
    import eventwatch

    buffer = io.StringIO()
    for doc_id, text, day in items:
        record: dict[str, Any] = {"id": doc_id, "text": text}
        if day:
            record["date"] = day
        buffer.write(json.dumps(record) + "\n")
    # a file of its own per run: two evaluations at once must not read each other's texts
    with tempfile.TemporaryDirectory(prefix="eventwatch-eval-") as folder:
        tmp = Path(folder) / "eval_events.jsonl"
        tmp.write_text(buffer.getvalue(), encoding="utf-8")
        out = {}
        for result in eventwatch.extract([tmp], settings=_settings(coder)):
            if isinstance(result, eventwatch.Article):
                out[result.id] = result
        return out


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


def evaluate_codebook(path: Path = CODEBOOK, *, coder: str = "rules") -> dict[str, Any]:
    """The codebook's examples (the learned model is trained on them: rules figure only)."""
    examples = codebook_examples(path)
    articles = _code_texts(
        [(f"ex{i}", text, None) for i, (_, text) in enumerate(examples)], coder=coder
    )
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


# -- ConfliBERT's five-class train sentences ---------------------------------------------


def evaluate_conflibert(path: Path = CONFLIBERT, *, coder: str = "learned") -> dict[str, Any]:
    """Coverage and first-event five-class accuracy on ConfliBERT's train sentences (the
    model's own training data: see the module's text)."""
    from eventwatch.encoder.labels import five_class
    from eventwatch.encoder.trainset import conflibert_class

    rows = [(example.text, example.five) for example in conflibert_class(path)]
    articles = _code_texts([(f"c{i}", text, None) for i, (text, _) in enumerate(rows)], coder=coder)
    coded = first = anywhere = 0
    for i, (_, label) in enumerate(rows):
        article = articles.get(f"c{i}")
        events = [e for e in (article.events if article else ()) if not e.attributed_to_author]
        if not events:
            continue
        coded += 1
        classes = [five_class(e.cameo_root) for e in events]
        first += classes[0] == label
        anywhere += label in classes
    n = len(rows)
    return {
        "sentences": n,
        "coded_share": round(coded / n, 4),
        "first_event_five_class": round(first / n, 4),
        "any_event_five_class": round(anywhere / n, 4),
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


def _modality(value: str) -> str:
    """A modality as the gold files write it: ``historical`` is an asserted event the
    coder dates before the article (the annotators mark what happened, not when)."""
    return "asserted" if value == "historical" else value


def _day(doc: str) -> str | None:
    """A PolNeAR file name's date ("nyt_2016-09-08_…") as ISO text, or None."""
    from eventwatch.encoder.attribution import polnear_date

    found = polnear_date(doc.split("/")[-1])
    return found.isoformat() if found else None


def news_sentences(path: Path = NEWS, *, heldout: bool | None = True) -> list[Any]:
    """The annotated news sentences on one side of the training split (default: held out)."""
    from eventwatch.encoder.trainset import is_heldout, read_annotations

    return [
        item
        for item in read_annotations(path)
        if heldout is None or is_heldout(item.doc) == heldout
    ]


def gold_sentences(path: Path = GOLD) -> list[Any]:
    from eventwatch.encoder.trainset import read_annotations

    return read_annotations(path)


def evaluate_sentences(
    annotated: Sequence[Any],
    *,
    coder: str = "learned",
    failures: list[dict[str, Any]] | None = None,
    articles: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Code the articles of annotated sentences and score the events coded in them.

    Coded events are matched to gold events by root, one to one, in each
    sentence, and separately by PLOVER type (the gold CAMEO code's type through
    ``cameo_plover.tsv``; events whose code maps to no PLOVER event, public
    statements, take no part).  Figures: root precision / recall / F1; PLOVER
    type precision / recall / F1; five-class accuracy (the
    first coded event's group against the sentence's main gold event);
    source and target country accuracy and modality accuracy (``historical``
    counted as ``asserted``) on the matched pairs; the share of
    coded events that are spurious, bare statements (01), have a target, and
    have a source with a country or code.
    """
    from eventwatch.encoder.labels import five_class
    from eventwatch.encoder.trainset import document_text
    from eventwatch.events.ontology import ontology

    codes = ontology()

    def plover_of(cameo: str | None) -> str | None:
        if not cameo:
            return None
        try:
            found = codes.plover_for(cameo)
        except KeyError:
            return None
        return found.type if found is not None else None

    docs = sorted({item.doc for item in annotated})
    if articles is None:
        items = [(doc, document_text(doc, SHARED.parent), _day(doc)) for doc in docs]
        articles = _code_texts(items, coder=coder)
    per_root: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: Counter[tuple[str, str]] = Counter()
    matched = coded = spurious = 0
    source_ok = target_ok = 0
    empty_sentence_events = 0
    five_ok = five_n = 0
    statements = with_target = with_source_code = 0
    modality_ok = modality_n = 0
    gold_events = 0
    plover_gold = plover_coded = plover_hits = 0
    for item in annotated:
        doc, start, end = item.doc, item.start, item.end
        article = articles.get(doc)
        predicted = [
            e
            for e in (article.events if article else ())
            if start <= e.trigger_span[0] < end and not e.attributed_to_author
        ]
        real = [
            GoldEvent(
                doc=doc,
                start=start,
                end=end,
                source=None if r.get("source", "-") in {"-", ""} else r["source"],
                target=None if r.get("target", "-") in {"-", ""} else r["target"],
                cameo=r["cameo"],
                modality=r.get("modality"),
            )
            for r in item.events
        ]
        gold_events += len(real)
        coded += len(predicted)
        statements += sum(e.cameo_root == "01" for e in predicted)
        with_target += sum(e.target is not None for e in predicted)
        with_source_code += sum(
            e.source is not None and bool(e.source.code or e.source.country) for e in predicted
        )
        main = item.primary()
        if main is not None:
            five_n += 1
            first = sorted(predicted, key=lambda e: e.trigger_span[0])
            five_ok += bool(first) and five_class(first[0].cameo_root) == five_class(
                main["cameo"][:2]
            )
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
        coded_types = [e.plover.type for e in predicted if e.plover is not None]
        gold_types = [t for t in (plover_of(g.cameo) for g in real) if t is not None]
        plover_coded += len(coded_types)
        plover_gold += len(gold_types)
        for kind in gold_types:
            if kind in coded_types:
                coded_types.remove(kind)
                plover_hits += 1
        if not real:
            empty_sentence_events += len(predicted)
            spurious += len(predicted)
            for e in predicted:
                per_root[e.cameo_root]["fp"] += 1
            continue
        remaining = list(predicted)
        for g in real:
            root = g.cameo[:2] if g.cameo else ""
            hit = next((e for e in remaining if e.cameo_root == root), None)
            if hit is None:
                per_root[root]["fn"] += 1
                confusion[(root, remaining[0].cameo_root if remaining else "none")] += 1
                continue
            remaining.remove(hit)
            matched += 1
            per_root[root]["tp"] += 1
            source_ok += _country(hit.source.code if hit.source else None) == _country(g.source)
            if g.modality and g.modality != "-":
                modality_n += 1
                modality_ok += _modality(hit.modality) == _modality(g.modality)
            target_ok += _country(hit.target.code if hit.target else None) == _country(g.target)
        for e in remaining:
            per_root[e.cameo_root]["fp"] += 1
            spurious += 1
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

    def share(n: int, d: int) -> float:
        return round(n / d, 4) if d else 0.0

    plover_p = plover_hits / plover_coded if plover_coded else 0.0
    plover_r = plover_hits / plover_gold if plover_gold else 0.0
    plover_f1 = 2 * plover_p * plover_r / (plover_p + plover_r) if plover_p + plover_r else 0.0

    return {
        "sentences": len(annotated),
        "documents": len(docs),
        "gold_events": gold_events,
        "coded_events": coded,
        "root_precision": round(precision, 4),
        "root_recall": round(recall, 4),
        "root_f1": round(f1, 4),
        "plover_precision": round(plover_p, 4),
        "plover_recall": round(plover_r, 4),
        "plover_f1": round(plover_f1, 4),
        "five_class_accuracy": share(five_ok, five_n),
        "source_country_accuracy": share(source_ok, matched),
        "target_country_accuracy": share(target_ok, matched),
        "modality_accuracy": share(modality_ok, modality_n),
        "spurious_share": share(spurious, coded),
        "statement_share": share(statements, coded),
        "target_share": share(with_target, coded),
        "source_code_share": share(with_source_code, coded),
        "events_in_no_event_sentences": empty_sentence_events,
        "per_root": table,
        "confusion": [
            {"gold": g, "coded": c, "count": n} for (g, c), n in confusion.most_common(15)
        ],
    }


def evaluate_gold(
    path: Path = GOLD, *, coder: str = "learned", failures: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Our older gold set (PolNeAR train sentences; never trained on)."""
    return evaluate_sentences(gold_sentences(path), coder=coder, failures=failures)


def evaluate_news(
    path: Path = NEWS, *, coder: str = "learned", failures: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The held-out documents of our news annotations (never trained on)."""
    return evaluate_sentences(news_sentences(path), coder=coder, failures=failures)


def evaluate_news_train(
    path: Path = NEWS, *, coder: str = "learned", failures: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The training side of our news annotations (2,922 sentences).  The encoder is
    trained on these sentences, so this is no held-out figure: it shows what a change to
    the rules (actors, roles, sides) does on many more sentences than the held-out
    sets hold, the model's own reading being as good as it gets.  Not in the default
    run; ``--only news_train``."""
    return evaluate_sentences(news_sentences(path, heldout=False), coder=coder, failures=failures)


def model_cross_validation() -> dict[str, Any]:
    """The shipped model's cross-validation figures (from its model.json), per fold and mean."""
    from eventwatch.encoder.runtime import packaged_model

    meta = json.loads((packaged_model() / "model.json").read_text(encoding="utf-8"))
    folds = meta.get("cross_validation", [])
    out: dict[str, Any] = {"folds": folds, "examples": meta.get("examples", {})}
    if folds:
        for key in ("five_class_accuracy", "tag_span_f1"):
            values = [f[key] for f in folds if f.get(key) is not None]
            out[key] = round(sum(values) / len(values), 4) if values else 0.0
        for origin in ("codebook", "news"):
            values = [f["root_accuracy"][origin] for f in folds if origin in f["root_accuracy"]]
            out[f"root_accuracy_{origin}"] = round(sum(values) / len(values), 4) if values else 0.0
    return out


def _lookup(figures: dict[str, Any], dotted: str) -> Any:
    node: Any = figures
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def check(figures: dict[str, Any], floors_path: Path) -> list[str]:
    """Floors not met; a floor whose figure is missing fails too (a renamed figure
    must not switch its gate off)."""
    floors = tomllib.loads(floors_path.read_text(encoding="utf-8")).get("events", {})
    below = []
    for name, floor in floors.items():
        value = _lookup(figures, name)
        if value is None:
            below.append(f"{name} missing from the figures")
        elif value < floor:
            below.append(f"{name} {value} < floor {floor}")
    return below


SET_KEYS = (
    "root_precision",
    "root_recall",
    "root_f1",
    "plover_precision",
    "plover_recall",
    "plover_f1",
    "five_class_accuracy",
    "source_country_accuracy",
    "target_country_accuracy",
    "modality_accuracy",
    "spurious_share",
    "statement_share",
    "target_share",
    "source_code_share",
)


def _print(figures: dict[str, Any], *, confusion: bool) -> None:
    cv = figures.get("model_cv")
    if cv:
        print(f"shipped model, cross-validation on its training data ({len(cv['folds'])} folds):")
        print(f"  examples {cv['examples']}")
        for f in cv["folds"]:
            print(
                f"  fold {f['fold']}: five-class {f['five_class_accuracy']},"
                f" root {f['root_accuracy']}, source/target span F1 {f['tag_span_f1']}"
            )
        print(
            f"  mean: five-class {cv.get('five_class_accuracy')}, codebook root"
            f" {cv.get('root_accuracy_codebook')}, news root {cv.get('root_accuracy_news')},"
            f" span F1 {cv.get('tag_span_f1')}"
        )
    if "rules" in figures and "codebook" in figures["rules"]:
        c = figures["rules"]["codebook"]
        print(f"CAMEO codebook examples (rules; the model trains on them): {c['examples']}")
        for key in ("root_accuracy", "code_accuracy", "no_event_share"):
            print(f"  {key:24} {c[key]:.4f}")
    coders = [c for c in ("rules", "learned") if "conflibert" in figures.get(c, {})]
    if coders:
        n = figures[coders[0]]["conflibert"]["sentences"]
        print(f"ConfliBERT train sentences ({n}; the model trains on them: coverage, not accuracy)")
        print(f"  {'':26}" + "".join(f"{c:>10}" for c in coders))
        for key in ("coded_share", "first_event_five_class", "any_event_five_class"):
            print(
                f"  {key:26}" + "".join(f"{figures[c]['conflibert'][key]:>10.4f}" for c in coders)
            )
    for name in ("gold", "news", "news_train"):
        coders = [c for c in ("rules", "learned") if name in figures.get(c, {})]
        if not coders:
            continue
        first = figures[coders[0]][name]
        side = "training-side (the encoder trained on them)" if name == "news_train" else "held-out"
        print(
            f"\n{name}: {first['sentences']} {side} sentences in {first['documents']} documents,"
            f" {first['gold_events']} gold events"
        )
        print(f"  {'':26}" + "".join(f"{c:>10}" for c in coders))
        print(
            f"  {'coded events':26}"
            + "".join(f"{figures[c][name]['coded_events']:>10}" for c in coders)
        )
        for key in SET_KEYS:
            print(f"  {key:26}" + "".join(f"{figures[c][name][key]:>10.4f}" for c in coders))
        for c in coders:
            if confusion:
                print(f"  [{c}] root   tp   fp   fn     P     R")
                for root, row in figures[c][name]["per_root"].items():
                    print(
                        f"  {root:10} {row['tp']:4} {row['fp']:4} {row['fn']:4}"
                        f" {row['p']:5.2f} {row['r']:5.2f}"
                    )
                print(f"  [{c}] most frequent misses (gold root → first coded root):")
                for row in figures[c][name]["confusion"]:
                    print(f"    {row['gold']} → {row['coded']}: {row['count']}")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        choices=["codebook", "gold", "news", "conflibert", "news_train"],
        action="append",
        help="sets to score (default: all but news_train, the encoder's training side)",
    )
    parser.add_argument("--coder", choices=["rules", "learned"], action="append")
    parser.add_argument("--confusion", action="store_true")
    parser.add_argument("--failures", action="store_true", help="print sentences coded wrong")
    parser.add_argument("--check", type=Path, help="floors file: exit 1 below a floor")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--encoder-model", help="a trained encoder folder to score instead of the packaged one"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.encoder_model:
        os.environ[ENCODER_ENV] = str(Path(args.encoder_model).resolve())
    if not SHARED.exists():
        print(f"needs {SHARED} (the shared data beside the project)")
        return 2
    sets = args.only or ["codebook", "gold", "news", "conflibert"]
    coders = args.coder or ["rules", "learned"]
    figures: dict[str, Any] = {"model_cv": model_cross_validation()}
    failures: list[dict[str, Any]] | None = [] if args.failures else None
    for coder in coders:
        part: dict[str, Any] = {}
        if "codebook" in sets and coder == "rules":
            part["codebook"] = evaluate_codebook(coder=coder)
        if "gold" in sets:
            part["gold"] = evaluate_gold(coder=coder, failures=failures)
        if "news" in sets and NEWS.is_file():
            part["news"] = evaluate_news(coder=coder, failures=failures)
        if "conflibert" in sets and CONFLIBERT.is_file():
            part["conflibert"] = evaluate_conflibert(coder=coder)
        if "news_train" in sets and NEWS.is_file():
            part["news_train"] = evaluate_news_train(coder=coder, failures=failures)
        figures[coder] = part
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
