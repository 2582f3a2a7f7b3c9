"""Agreement of two coders on ConfliBERT sentences (``eval/data/conflibert_roots.tsv``,
which training reads, against ``eval/data/conflibert_roots_second.tsv``, an independent
second coding of some of the same lines).

Usage::

    python eval/agreement.py            # same root, same three-digit code, same code

Only sentences both files code are compared, and both must have coded the same text (the
SHA-1 each row keeps).  The given five-class label bounds both coders' roots, so root
agreement is an upper figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from eventwatch.encoder.trainset import conflibert_roots

ROOT = Path(__file__).resolve().parents[1]

FIRST = ROOT / "eval" / "data" / "conflibert_roots.tsv"
SECOND = ROOT / "eval" / "data" / "conflibert_roots_second.tsv"


def agreement(first: Path = FIRST, second: Path = SECOND) -> dict[str, float | int]:
    a, b = conflibert_roots(first), conflibert_roots(second)
    shared = sorted(set(a) & set(b))
    if not shared:
        raise ValueError(f"{first.name} and {second.name} code no sentence in common")
    for key in shared:
        if a[key].sha != b[key].sha:
            raise ValueError(f"{key[0]} sentence {key[1]}: the two files coded different texts")
    n = len(shared)
    return {
        "sentences": n,
        "root": round(sum(a[k].root == b[k].root for k in shared) / n, 4),
        "three_digit": round(sum(a[k].code[:3] == b[k].code[:3] for k in shared) / n, 4),
        "code": round(sum(a[k].code == b[k].code for k in shared) / n, 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    found = agreement()
    if args.json:
        print(json.dumps(found))
    else:
        for key, value in found.items():
            print(f"  {key:<12} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
