"""Records on unannotated real news: the shares issues 10 and 11 set targets for.

The 40 political pages of the ScrapingHub article-extraction benchmark listed in
``eval/data/political_pages.tsv`` (``../shared/data/dev/scrapinghub_aeb/html``)
are run as a new user runs them: the raw HTML through the whole default
pipeline (``eventwatch.extract``, the learned coder unless ``--coder rules``).
The pages carry no event or quote annotation, so the figures are shares of the
records, the ones a reader sees first when coding does not hold up:

* events: how many, and the share that are bare statements (CAMEO root 01),
  that have a target, and whose source has a country or a code; the opinion
  author's own judgements (``attributed_to_author``) are left out, as exports
  leave them out;
* ``non_statement_share`` is one minus the statement share, so that every
  figure the floors pin is one that must not fall;
* quotes: how many, the share with a resolved speaker, and the share of those
  without one that at least keep a source span (the words that name the
  speaker);
* modality: the share of events coded ``asserted``.

Usage::

    python eval/real_pages.py                    # the 40 political pages
    python eval/real_pages.py --all              # all 181 pages
    python eval/real_pages.py --coder rules      # the firehose profile
    python eval/real_pages.py --json
    python eval/real_pages.py --check eval/floors.toml   # reads the [real_pages] table
    python eval/real_pages.py --show 20          # 20 random events and quotes, seed 7
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# set by --encoder-model: the trained encoder folder the pipeline loads instead of the packaged one
ENCODER_ENV = "EVENTWATCH_EVAL_ENCODER"

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "data" / "dev" / "scrapinghub_aeb" / "html"
POLITICAL = ROOT / "eval" / "data" / "political_pages.tsv"


def political_pages(path: Path = POLITICAL) -> list[tuple[str, str, str]]:
    """``(page, topic, site)`` rows of the political page list, in file order (the one
    reader of the list: training leaves these pages out through it too)."""
    from eventwatch.encoder.trainset import political_pages as read

    return read(path)


def _settings(coder: str) -> Any:
    from eventwatch.settings import load_settings

    return load_settings(use_environment=False, progress="never", workers=1).with_overrides(
        coder=coder, encoder_model=os.environ.get(ENCODER_ENV) or None
    )


def run_pages(paths: Sequence[Path], *, coder: str = "learned") -> tuple[list[Any], list[str]]:
    """The articles the pipeline makes of ``paths`` and the failures' messages."""
    import eventwatch

    articles: list[Any] = []
    failures: list[str] = []
    for result in eventwatch.extract(paths, settings=_settings(coder)):
        if isinstance(result, eventwatch.Article):
            articles.append(result)
        else:
            failures.append(str(result))
    return articles, failures


def _share(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def figures(articles: Iterable[Any]) -> dict[str, Any]:
    """The shares over the records of ``articles``."""
    articles = list(articles)
    events = [e for a in articles for e in a.events if not e.attributed_to_author]
    quotes = [q for a in articles for q in a.quotes]
    statements = sum(e.cameo_root == "01" for e in events)
    with_target = sum(e.target is not None for e in events)
    coded_source = sum(
        e.source is not None and bool(e.source.code or e.source.country) for e in events
    )
    asserted = sum(e.modality == "asserted" for e in events)
    with_speaker = sum(q.speaker is not None for q in quotes)
    unresolved = [q for q in quotes if q.speaker is None]
    kept_span = sum(q.speaker_span is not None for q in unresolved)
    roots = Counter(e.cameo_root for e in events)
    return {
        "articles": len(articles),
        "events": len(events),
        "events_per_article": round(len(events) / len(articles), 2) if articles else 0.0,
        "statement_share": _share(statements, len(events)),
        "non_statement_share": _share(len(events) - statements, len(events)),
        "target_share": _share(with_target, len(events)),
        "source_code_share": _share(coded_source, len(events)),
        "asserted_share": _share(asserted, len(events)),
        "author_judgements": sum(e.attributed_to_author for a in articles for e in a.events),
        "quotes": len(quotes),
        "speaker_share": _share(with_speaker, len(quotes)),
        "unresolved_with_source_span": _share(kept_span, len(unresolved)),
        "roots": dict(sorted(roots.items())),
    }


def check(result: dict[str, Any], floors_path: Path) -> list[str]:
    """Floors not met; a floor whose figure is missing fails too."""
    floors = tomllib.loads(floors_path.read_text(encoding="utf-8")).get("real_pages", {})
    below = []
    for name, floor in floors.items():
        value = result.get(name)
        if not isinstance(value, int | float):
            below.append(f"{name} missing from the figures")
        elif value < floor:
            below.append(f"{name} {value} < floor {floor}")
    return below


def _sentence(article: Any, span: tuple[int, int]) -> str:
    return " ".join(article.text[span[0] : span[1]].split())


def show(articles: Sequence[Any], count: int, *, seed: int = 7) -> str:
    """``count`` random events and quotes, printed for a reader to judge."""
    rng = random.Random(seed)
    events = [(a, e) for a in articles for e in a.events if not e.attributed_to_author]
    quotes = [(a, q) for a in articles for q in a.quotes]
    lines = [f"-- {min(count, len(events))} random events"]
    for article, event in rng.sample(events, min(count, len(events))):
        source = event.source.name if event.source else "-"
        target = event.target.name if event.target else "-"
        lines.append(
            f"[{article.id[:8]}] {event.cameo} {event.cameo_name} ({event.modality}) "
            f"{source} -> {target}  «{event.trigger}»\n    {_sentence(article, event.sentence)}"
        )
    lines.append(f"-- {min(count, len(quotes))} random quotes")
    for article, quote in rng.sample(quotes, min(count, len(quotes))):
        speaker = quote.speaker.name if quote.speaker else "-"
        named = article.text[slice(*quote.speaker_span)] if quote.speaker_span else "-"
        lines.append(
            f"[{article.id[:8]}] {speaker} ({named}) {quote.cue or '-'}: "
            f"{' '.join(quote.content.split())[:200]}"
        )
    return "\n".join(lines)


def evaluate(
    *, all_pages: bool = False, coder: str = "learned"
) -> tuple[dict[str, Any], list[Any]]:
    if not PAGES.is_dir():
        raise SystemExit(f"no pages at {PAGES} (../shared is not beside this checkout)")
    if all_pages:
        paths = sorted(PAGES.glob("*.html.gz"))
        label = "all pages"
    else:
        paths = [PAGES / f"{page}.html.gz" for page, _, _ in political_pages()]
        label = "political pages"
    started = time.process_time()
    articles, failures = run_pages(paths, coder=coder)
    result = figures(articles)
    result.update(
        set=label,
        coder=coder,
        pages=len(paths),
        failures=failures,
        cpu_s=round(time.process_time() - started, 1),
    )
    return result, articles


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="all 181 pages, not the 40 political")
    parser.add_argument("--coder", default="learned", choices=["learned", "rules"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", type=Path, help="floors file with a [real_pages] table")
    parser.add_argument("--show", type=int, default=0, help="print N random events and quotes")
    parser.add_argument("--seed", type=int, default=7, help="the random sample --show draws")
    parser.add_argument(
        "--encoder-model", help="a trained encoder folder to score instead of the packaged one"
    )
    args = parser.parse_args(argv)
    if args.encoder_model:
        os.environ[ENCODER_ENV] = str(Path(args.encoder_model).resolve())
    result, articles = evaluate(all_pages=args.all, coder=args.coder)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['set']} ({result['coder']} coder): {result['articles']} of "
            f"{result['pages']} pages, {result['events']} events, {result['quotes']} quotes, "
            f"{result['cpu_s']} CPU s"
        )
        for name, value in result.items():
            if name.endswith("_share") or name in {"events_per_article", "author_judgements"}:
                print(f"  {name:30} {value}")
        print(f"  {'unresolved_with_source_span':30} {result['unresolved_with_source_span']}")
        print(f"  roots: {result['roots']}")
        for failure in result["failures"]:
            print(f"  failed: {failure}")
    if args.show:
        print(show(articles, args.show, seed=args.seed))
    if args.check:
        below = check(result, args.check)
        for line in below:
            print(f"below floor: {line}", file=sys.stderr)
        return 1 if below else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
