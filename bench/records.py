"""What a record's JSON form costs: ``Article.to_dict`` and ``Article.from_dict``.

Usage::

    python bench/records.py [PATH ...] [--repeat 300]

Runs the whole pipeline once over each PATH (default: the seed op-ed in
``../shared``, else the sample corpus the project ships), then times turning
each article into its JSON record and back, ``--repeat`` times, in CPU
seconds of this process.  The store writes ``to_dict`` for every article it
adds and reads ``from_dict`` for every article it lists in full.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "seed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()

    import eventwatch
    from eventwatch.records import Article
    from eventwatch.settings import load_settings

    paths = args.paths or [SEED if SEED.is_dir() else ROOT / "samples" / "corpus"]
    settings = load_settings(use_environment=False, progress="never")
    articles = [a for a in eventwatch.extract(paths, settings=settings) if isinstance(a, Article)]
    if not articles:
        print(f"no articles from {', '.join(map(str, paths))}", file=sys.stderr)
        return 2
    records = [article.to_dict() for article in articles]
    started = time.process_time()
    for _ in range(args.repeat):
        for article in articles:
            article.to_dict()
    dumped = time.process_time()
    for _ in range(args.repeat):
        for record in records:
            Article.from_dict(record)
    loaded = time.process_time()
    calls = args.repeat * len(articles)
    sizes = [len(a.events) + len(a.quotes) + len(a.actors) for a in articles]
    print(f"{len(articles)} articles ({sum(sizes)} events, quotes and actors), {calls} calls each")
    print(f"to_dict   {1000 * (dumped - started) / calls:.3f} ms an article")
    print(f"from_dict {1000 * (loaded - dumped) / calls:.3f} ms an article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
