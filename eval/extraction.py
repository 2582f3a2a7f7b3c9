"""Score the body extractors on the ScrapingHub article-extraction benchmark.

Usage::

    .venv/bin/python eval/extraction.py                 # table on stdout
    .venv/bin/python eval/extraction.py --json          # figures as JSON
    .venv/bin/python eval/extraction.py --check eval/floors.toml   # exit 1 below floors

The 181 pages live in ``../shared/data/dev/scrapinghub_aeb`` (``html/<sha>.html.gz``
and ``ground-truth.json``: ``{sha: {"articleBody", "url"}}``); ``--data`` points
elsewhere.  Three things are measured:

1. **HTML** – trafilatura's default ``extract(html)`` against ``extract_html``.
2. **Pasted text** – each page rendered with ``html_to_visible_text`` (what a
   reader's select-all/copy gives), then ``extract_pasted`` against the baseline
   that keeps every line of at least 15 words.
3. **Metadata on pasted text** – whether ``extract_pasted`` recovers the title,
   an author and the date, counted only on pages whose visible text shows them
   (see ``_reference_metadata`` for how "shows" is judged).  The same figures
   for ``extract_html`` are prefixed
   ``html_``; they lean on the markup that ``extract_html`` also reads, so they
   are an upper bound.
4. **Genre and site type** – ``eval/data/scrapinghub_labels.tsv`` labels each
   page by hand with its site type (news, magazine, blog, wire) and genre
   (news, opinion, analysis, other).  Genre accuracy is counted on the pages
   labelled news, opinion or analysis; ``opinion_*`` treat opinion and
   analysis as one class ("opinion-like") against news.  Every figure above is
   also given per site type (``news.html_f1``, ``blog.title_recovered`` …).

Body scores follow the benchmark's own measure: tokens are ``\\w+`` runs,
shingles are space-joined 4-grams (a text under four tokens is one shingle),
counted as multisets; per page tp, fp and fn are divided by their sum so that
long pages do not weigh more; precision, recall and F1 are per page and the
table reports their mean over pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from charset_normalizer import from_bytes

from eventwatch.ingest.html import extract_html
from eventwatch.ingest.pasted import extract_pasted
from eventwatch.ingest.visible_text import html_to_visible_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dev" / "scrapinghub_aeb"
DEFAULT_FLOORS = ROOT / "eval" / "floors.toml"
LABELS = ROOT / "eval" / "data" / "scrapinghub_labels.tsv"
SITE_TYPES = ("news", "magazine", "blog", "wire")
JOURNALISM = frozenset({"news", "opinion", "analysis"})
OPINION_LIKE = frozenset({"opinion", "analysis"})

_TOKEN = re.compile(r"\w+")
_BASELINE_WORDS = 15


def shingles(text: str) -> Counter[str]:
    """The multiset of space-joined token 4-grams of ``text``."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([" ".join(tokens)])
    return Counter(" ".join(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def score(predicted: str, gold: str) -> tuple[float, float, float]:
    """Per-page (precision, recall, F1) on 4-gram shingles, tp/fp/fn normalised."""
    ours, theirs = shingles(predicted), shingles(gold)
    tp = sum((ours & theirs).values())
    fp = sum(ours.values()) - tp
    fn = sum(theirs.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0, 1.0
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    precision = tp_n / (tp_n + fp_n) if tp_n + fp_n else 0.0
    recall = tp_n / (tp_n + fn_n) if tp_n + fn_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def decode(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8, otherwise charset-normalizer's best guess."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", "replace")


def _normalise(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


@dataclass(frozen=True, slots=True)
class _Reference:
    titles: tuple[str, ...]  # normalised candidates the visible text shows
    authors: tuple[str, ...]  # normalised names the visible text shows
    published: date | None  # when the visible text shows it


def _date_spellings(value: date) -> list[str]:
    month = value.strftime("%B")
    short = value.strftime("%b")
    return [
        f"{month} {value.day}, {value.year}",
        f"{short} {value.day}, {value.year}",
        f"{short}. {value.day}, {value.year}",
        f"{value.day} {month} {value.year}",
        f"{value.day} {short} {value.year}",
        value.isoformat(),
        f"{value.month}/{value.day}/{value.year}",
        f"{value.month:02d}/{value.day:02d}/{value.year}",
        f"{value.day:02d}.{value.month:02d}.{value.year}",
        f"{value.day}.{value.month}.{value.year}",
    ]


def _reference_metadata(html: str, visible: str, url: str) -> _Reference:
    """What the page's markup says, kept only where the visible text shows it.

    * title: the ``<title>``, ``og:title`` and ``<h1>`` texts (and ``<title>``
      without a ``" | Site"`` suffix); shown when one equals a visible line.
    * author: trafilatura's author from the markup (meta tags, JSON-LD);
      shown when the name occurs in the visible text.
    * date: trafilatura's date from the markup; shown when the visible text
      spells it in a common way (``November 19, 2019``, ``19 Nov 2019``,
      ``2019-11-19``, ``11/19/2019``, ``19.11.2019`` …).
    """
    lines = {_normalise(line) for line in visible.splitlines() if line.strip()}
    haystack = _normalise(visible)
    candidates: list[str] = []
    try:
        tree = lxml.html.document_fromstring(html)
        candidates += [str(text) for text in tree.xpath("//title/text()")]
        candidates += [str(text) for text in tree.xpath("//meta[@property='og:title']/@content")]
        candidates += [element.text_content() for element in tree.xpath("//h1")]
    except (lxml.etree.ParserError, ValueError):
        pass
    for candidate in list(candidates):
        candidates += re.split(r"\s+[|–—\-:·]\s+", candidate)[:1]
    titles = tuple(
        sorted({n for n in map(_normalise, candidates) if len(n.split()) >= 2 and n in lines})
    )
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    authors: tuple[str, ...] = ()
    published: date | None = None
    if document is not None:
        names = re.split(r"\s*;\s*", getattr(document, "author", None) or "")
        authors = tuple(
            n for n in map(_normalise, names) if len(n.split()) >= 2 and f" {n} " in f" {haystack} "
        )
        raw_date = getattr(document, "date", None)
        if raw_date:
            try:
                value = date.fromisoformat(str(raw_date)[:10])
            except ValueError:
                value = None
            if value is not None and any(
                spelling.lower() in visible.lower() for spelling in _date_spellings(value)
            ):
                published = value
    return _Reference(titles=titles, authors=authors, published=published)


def _title_matches(ours: str | None, titles: Iterable[str]) -> bool:
    if not ours:
        return False
    mine = set(_normalise(ours).split())
    for title in titles:
        theirs = set(title.split())
        if mine and len(mine & theirs) / len(mine | theirs) >= 0.8:
            return True
    return False


def load_labels(path: Path = LABELS) -> dict[str, tuple[str, str]]:
    """``{page: (site_type, genre)}`` from the hand-made label table."""
    labels: dict[str, tuple[str, str]] = {}
    if not path.is_file():
        return labels
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "page\t")):
            continue
        page, site_type, genre = line.split("\t")[:3]
        labels[page] = (site_type, genre)
    return labels


def evaluate_page(task: tuple[Path, str, str]) -> dict[str, Any]:
    """All scores for one benchmark page (run in a worker process)."""
    path, gold, url = task
    html = decode(gzip.decompress(path.read_bytes()))
    visible = html_to_visible_text(html)
    baseline = "\n".join(
        line for line in visible.splitlines() if len(line.split()) >= _BASELINE_WORDS
    )
    pasted = extract_pasted(visible)
    from_html = extract_html(html, url=url)
    reference = _reference_metadata(html, visible, url)
    ours_authors = {_normalise(author.name) for author in pasted.authors}
    html_authors = {_normalise(author.name) for author in from_html.authors}
    return {
        "page": path.name.removesuffix(".html.gz"),
        "trafilatura": score(trafilatura.extract(html) or "", gold),
        "html": score(from_html.body, gold),
        "baseline": score(baseline, gold),
        "pasted": score(pasted.body, gold),
        "title": None if not reference.titles else _title_matches(pasted.title, reference.titles),
        "author": None if not reference.authors else bool(ours_authors & set(reference.authors)),
        "date": None if reference.published is None else pasted.published == reference.published,
        "html_title": None
        if not reference.titles
        else _title_matches(from_html.title, reference.titles),
        "html_author": None
        if not reference.authors
        else bool(html_authors & set(reference.authors)),
        "html_date": None
        if reference.published is None
        else from_html.published == reference.published,
        "html_genre": from_html.genre,
        "pasted_genre": pasted.genre,
    }


def evaluate(data_dir: Path = DEFAULT_DATA, *, workers: int = 2) -> dict[str, float]:
    """Run the whole benchmark and return the figures (see ``FIGURES``)."""
    gold = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    tasks = [
        (data_dir / "html" / f"{sha}.html.gz", entry["articleBody"], entry["url"])
        for sha, entry in sorted(gold.items())
    ]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pages = list(pool.map(evaluate_page, tasks, chunksize=4))
    else:
        pages = [evaluate_page(task) for task in tasks]
    labels = load_labels()
    figures = _figures(pages)
    for site_type in SITE_TYPES:
        group = [page for page in pages if labels.get(page["page"], ("",))[0] == site_type]
        if group:
            for name, value in _figures(group).items():
                figures[f"{site_type}.{name}"] = value
    figures.update(_genre_figures(pages, labels))
    return figures


def _figures(pages: list[dict[str, Any]]) -> dict[str, float]:
    figures: dict[str, float] = {"pages": float(len(pages))}
    for system in ("trafilatura", "html", "baseline", "pasted"):
        for position, measure in enumerate(("precision", "recall", "f1")):
            values = [page[system][position] for page in pages]
            figures[f"{system}_{measure}"] = sum(values) / len(values)
    for field in (
        "title",
        "author",
        "date",
        "html_title",
        "html_author",
        "html_date",
    ):
        judged = [page[field] for page in pages if page[field] is not None]
        figures[f"{field}_shown"] = float(len(judged))
        figures[f"{field}_recovered"] = sum(judged) / len(judged) if judged else 0.0
    return figures


def _genre_figures(
    pages: list[dict[str, Any]], labels: dict[str, tuple[str, str]]
) -> dict[str, float]:
    """Genre accuracy (news/opinion/analysis) and opinion-like precision/recall."""
    figures: dict[str, float] = {}
    judged = [
        (labels[page["page"]][1], page)
        for page in pages
        if page["page"] in labels and labels[page["page"]][1] in JOURNALISM
    ]
    figures["genre_pages"] = float(len(judged))
    for system in ("html", "pasted"):
        if not judged:
            continue
        predicted = [(gold, page[f"{system}_genre"]) for gold, page in judged]
        figures[f"{system}_genre_accuracy"] = sum(g == p for g, p in predicted) / len(predicted)
        hits = sum(1 for g, p in predicted if g in OPINION_LIKE and p in OPINION_LIKE)
        said = sum(1 for _, p in predicted if p in OPINION_LIKE)
        real = sum(1 for g, _ in predicted if g in OPINION_LIKE)
        figures[f"{system}_opinion_precision"] = hits / said if said else 0.0
        figures[f"{system}_opinion_recall"] = hits / real if real else 0.0
        figures[f"{system}_opinion_like_accuracy"] = sum(
            (g in OPINION_LIKE) == (p in OPINION_LIKE) for g, p in predicted
        ) / len(predicted)
    return figures


def check(figures: dict[str, float], floors_file: Path) -> list[str]:
    """Names of figures below the ``[extraction]`` floors in ``floors_file``."""
    floors = tomllib.loads(floors_file.read_text(encoding="utf-8")).get("extraction", {})
    return [
        f"{name}: {figures.get(name, 0.0):.4f} < floor {floor:.4f}"
        for name, floor in floors.items()
        if figures.get(name, 0.0) < float(floor)
    ]


def _table(figures: dict[str, float]) -> str:
    rows = [
        f"ScrapingHub article-extraction benchmark, {int(figures['pages'])} pages",
        "(mean per-page precision / recall / F1 on 4-gram shingles)",
        "",
        f"{'input':8} {'system':34} {'P':>7} {'R':>7} {'F1':>7}",
    ]
    systems = (
        ("html", "trafilatura", "trafilatura.extract(html), default"),
        ("html", "html", "eventwatch extract_html"),
        ("pasted", "baseline", "keep lines of >= 15 words"),
        ("pasted", "pasted", "eventwatch extract_pasted"),
    )
    for kind, key, label in systems:
        rows.append(
            f"{kind:8} {label:34} {figures[f'{key}_precision']:7.4f} "
            f"{figures[f'{key}_recall']:7.4f} {figures[f'{key}_f1']:7.4f}"
        )
    rows += ["", "metadata recovered by extract_pasted where the visible text shows it:"]
    for field in ("title", "author", "date"):
        rows.append(
            f"  {field:12} {figures[f'{field}_recovered']:7.4f}"
            f"  (shown on {int(figures[f'{field}_shown'])} pages)"
        )
    rows += ["", "metadata recovered by extract_html (same reference; leans on the markup):"]
    for field in ("html_title", "html_author", "html_date"):
        rows.append(
            f"  {field:12} {figures[f'{field}_recovered']:7.4f}"
            f"  (shown on {int(figures[f'{field}_shown'])} pages)"
        )
    if "html_genre_accuracy" in figures:
        rows += [
            "",
            f"genre on {int(figures['genre_pages'])} labelled news/opinion/analysis pages:",
        ]
        for system in ("html", "pasted"):
            rows.append(
                f"  {system:7} accuracy {figures[f'{system}_genre_accuracy']:.4f}"
                f"  opinion-like P {figures[f'{system}_opinion_precision']:.4f}"
                f" R {figures[f'{system}_opinion_recall']:.4f}"
                f" acc {figures[f'{system}_opinion_like_accuracy']:.4f}"
            )
    rows += ["", "per site type (eval/data/scrapinghub_labels.tsv):"]
    rows.append(
        f"  {'type':9} {'pages':>5} {'html F1':>8} {'pasted F1':>9} {'title':>6} "
        f"{'author':>6} {'date':>6}"
    )
    for site_type in SITE_TYPES:
        if f"{site_type}.pages" not in figures:
            continue
        rows.append(
            f"  {site_type:9} {int(figures[f'{site_type}.pages']):5d}"
            f" {figures[f'{site_type}.html_f1']:8.4f} {figures[f'{site_type}.pasted_f1']:9.4f}"
            f" {figures[f'{site_type}.title_recovered']:6.3f}"
            f" {figures[f'{site_type}.author_recovered']:6.3f}"
            f" {figures[f'{site_type}.date_recovered']:6.3f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark directory")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", type=Path, metavar="FLOORS_FILE", help="fail below floors")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"no benchmark at {args.data} (expected ground-truth.json and html/)")
        return 2
    figures = evaluate(args.data, workers=args.workers)
    print(json.dumps(figures, indent=2, sort_keys=True) if args.json else _table(figures))
    if args.check is not None:
        failures = check(figures, args.check)
        for failure in failures:
            print(f"BELOW FLOOR {failure}")
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
