"""CPU seconds per spaCy component, stock pipeline against ``fast_components``.

Usage::

    python bench/component_costs.py [--corpus DIR] [--limit 120] [--batch-size 16] [--repeat 2]

Loads the configured spaCy pipeline twice (``fast_components`` off and on),
then runs each over the same texts component by component — the tokenizer,
then every component's ``pipe`` over the whole list in batches, as
``nlp.pipe`` does — timing each with ``time.process_time`` (CPU seconds of this
process, which other work on the machine distorts least; the best of
``--repeat`` runs is kept).  Also checks that both give the same token
attributes, and exits 1 if they do not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "dev" / "polnear" / "train" / "text"
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "NORM"]


def run(nlp: Any, texts: list[str], batch_size: int) -> tuple[dict[str, float], list[Any]]:
    """Per-component CPU seconds over ``texts`` and the docs they made."""
    costs: dict[str, float] = {}
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    costs["tokenizer"] = time.process_time() - start
    for name, component in nlp.pipeline:
        start = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        costs[name] = time.process_time() - start
    return costs, docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (needs ../shared beside the project)")
        return 2

    from eventwatch.nlp import limit_blas_threads, load_pipeline
    from eventwatch.settings import load_settings

    limit_blas_threads(1)
    settings = load_settings(use_environment=False, progress="never")
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))[: args.limit]]
    best: dict[bool, dict[str, float]] = {}
    docs: dict[bool, list[Any]] = {}
    for _ in range(args.repeat):
        for fast in (False, True):
            nlp = load_pipeline(
                model=settings.model,
                use_blis=settings.use_blis,
                blas_threads=1,
                fast_components=fast,
            )
            costs, docs[fast] = run(nlp, texts, args.batch_size)
            mine = best.setdefault(fast, costs)
            for name, seconds in costs.items():
                mine[name] = min(mine[name], seconds)
    same = all(
        (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
        and [t.lemma_ for t in a] == [t.lemma_ for t in b]
        and [str(t.morph) for t in a] == [str(t.morph) for t in b]
        for a, b in zip(docs[False], docs[True], strict=True)
    )
    tokens = sum(len(doc) for doc in docs[False])
    print(f"{len(texts)} texts, {tokens} tokens, CPU s (best of {args.repeat})")
    print(f"{'component':<18}{'stock':>8}{'fast':>8}")
    for name in best[False]:
        print(f"{name:<18}{best[False][name]:>8.2f}{best[True].get(name, float('nan')):>8.2f}")
    total = {fast: sum(best[fast].values()) for fast in (False, True)}
    print(f"{'total':<18}{total[False]:>8.2f}{total[True]:>8.2f}")
    print("token attributes identical" if same else "TOKEN ATTRIBUTES DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
