"""Training examples for the shared encoder's heads, read from the data in ``../shared``.

Needs no torch: the training command (:mod:`eventwatch.encoder.train`) and the
tests both use it.  Every example is one sentence with whatever labels its set
gives:

* ``conflibert_class`` — ConfliBERT's CAMEO train split: a five-class label;
* ``conflibert_ner`` — ConfliBERT's source/target train split: S and T spans;
* ``codebook`` — the CAMEO codebook's example sentences: a root;
* ``news`` — our own annotations of real news (``eval/data/event_gold_news.tsv``):
  a root (or no event) and, where the annotator marked them, S and T spans
  (document offsets: the file holds no text).

Our older gold set (``eval/data/event_gold.tsv``) and the held-out part of the
news annotations (:func:`is_heldout`) are never read here: the pipeline is
scored on them (``eval/events.py``).  Folds for cross-validation are fixed by a
hash of each example's group (its document), so one article never sits on both
sides of a fold.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwatch.encoder.labels import NONE, ROOTS, five_class
from eventwatch.encoder.text import strip_sentence

HELDOUT_PERCENT = 35  # share of annotated news documents kept out of training, by hash
FOLDS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    """One training sentence and its labels (``None`` = this set does not say)."""

    text: str
    group: str
    origin: str
    root: str | None = None  # "01".."20" or "none"
    five: int | None = None  # 0..4
    spans: tuple[tuple[int, int, str], ...] | None = None  # (start, end, "S" | "T")

    @property
    def fold(self) -> int:
        return _bucket(self.group) % FOLDS


def text_group(text: str) -> str:
    """A group key for a sentence that may sit in two sets (ConfliBERT's class and
    source/target splits share sentences): the same words fall in the same fold."""
    return "text:" + "".join(ch for ch in text.casefold() if ch.isalnum())


def _bucket(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16)


def is_heldout(doc: str) -> bool:
    """Is this annotated news document kept out of training (scored by eval/events.py)?"""
    return _bucket("heldout:" + doc) % 100 < HELDOUT_PERCENT


# -- ConfliBERT ---------------------------------------------------------------------------


def conflibert_class(
    path: Path, *, roots: Mapping[tuple[str, int], ConflibertRoot] | None = None
) -> Iterator[Example]:
    """``sentence<TAB>class`` rows; a line ``roots`` gives a CAMEO root inside its class
    (:func:`conflibert_roots`) is trained on that root instead of the class."""
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            text, sep, label = line.rstrip("\n").rpartition("\t")
            if not sep or not label.strip().isdigit():
                raise ValueError(f"{path.name}: line {number}: expected 'sentence<TAB>class'")
            text = text.strip()
            five = int(label)
            coded = _coded_root(roots, "class", number, text, path)
            yield Example(
                text=text,
                group=text_group(text),
                origin="conflibert_class",
                root=coded if coded is not None and five_class(coded) == five else None,
                five=five,
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflibertRoot:
    """Our CAMEO code for one ConfliBERT train sentence."""

    sha: str  # the first 10 hex digits of the sentence's SHA-1: the text it was given for
    root: str  # "01".."20", or "none"
    code: str


def conflibert_roots(path: Path) -> dict[tuple[str, int], ConflibertRoot]:
    """``eval/data/conflibert_roots.tsv``: ``(set, number) → code``.  ``set`` is ``class``
    (``number`` = the line of ``cameo_class_train.tsv``) or ``ner`` (``number`` = the
    sentence of ``cameo_ner_train.txt``, counted from 1)."""
    found: dict[tuple[str, int], ConflibertRoot] = {}
    lines = (
        (n, line)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    )
    header = next(lines, None)
    if header is None or header[1].split("\t")[:5] != ["set", "number", "sha", "root", "code"]:
        raise ValueError(f"{path.name}: expected the header 'set number sha root code note'")
    for n, line in lines:
        cells = line.split("\t")
        if len(cells) < 5 or cells[0] not in {"class", "ner"} or not cells[1].isdigit():
            raise ValueError(f"{path.name}: line {n}: expected set, number, sha, root, code")
        root = cells[3]
        if root != NONE and (root not in ROOTS or not cells[4].startswith(root)):
            raise ValueError(f"{path.name}: line {n}: root {root!r} / code {cells[4]!r}")
        found[(cells[0], int(cells[1]))] = ConflibertRoot(sha=cells[2], root=root, code=cells[4])
    return found


def _coded_root(
    roots: Mapping[tuple[str, int], ConflibertRoot] | None,
    kind: str,
    number: int,
    text: str,
    path: Path,
) -> str | None:
    """The root ``roots`` gives this sentence, checked against the text it was given for."""
    coded = roots.get((kind, number)) if roots else None
    if coded is None:
        return None
    if hashlib.sha1(text.encode("utf-8")).hexdigest()[:10] != coded.sha:
        raise ValueError(
            f"{path.name}: {kind} sentence {number} is not the one conflibert_roots.tsv coded"
        )
    return None if coded.root == NONE else coded.root


_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "'s", "’s", "n't", "%", ")", "]", "'"}
_NO_SPACE_AFTER = {"(", "[", "$"}


def join_tokens(tokens: Iterable[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined into plain text (no space before punctuation), with each token's span."""
    text = ""
    spans: list[tuple[int, int]] = []
    previous = ""
    for token in tokens:
        if text and token not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        previous = token
    return text, spans


def conflibert_ner(
    path: Path, *, roots: Mapping[tuple[str, int], ConflibertRoot] | None = None
) -> Iterator[Example]:
    """``token TAG`` lines, a blank line between sentences; R (third role) is not used.
    A sentence ``roots`` codes (one the class split does not hold) trains the root too."""
    sentence: list[tuple[str, str]] = []
    number = 0

    def flush(at: int) -> Example | None:
        if not sentence:
            return None
        text, offsets = join_tokens(t for t, _ in sentence)
        spans: list[tuple[int, int, str]] = []
        for (start, end), (_, tag) in zip(offsets, sentence, strict=True):
            kind = tag[2:] if len(tag) > 2 else ""
            if kind not in {"S", "T"}:
                continue
            if tag.startswith("I-") and spans and spans[-1][2] == kind:
                spans[-1] = (spans[-1][0], end, kind)
            else:
                spans.append((start, end, kind))
        return Example(
            text=text,
            group=text_group(text),
            origin="conflibert_ner",
            root=_coded_root(roots, "ner", at, text, path),
            spans=tuple(spans),
        )

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                found = flush(number + 1)
                if found:
                    number += 1
                    yield found
                sentence = []
                continue
            token, tag = (parts[0], parts[-1]) if len(parts) >= 2 else (parts[0], "O")
            sentence.append((token, tag))
    found = flush(number + 1)
    if found:
        yield found


# -- the CAMEO codebook -------------------------------------------------------------------


def codebook(path: Path) -> Iterator[Example]:
    """Each example sentence of the codebook, labelled with its code's root."""
    with path.open(encoding="cp1252", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            example = " ".join((row.get("example") or "").split())
            code = (row.get("code") or "").strip()
            if not example or example == "NA" or code[:2] not in ROOTS:
                continue
            yield Example(
                text=example,
                group=f"cb:{code}",
                origin="codebook",
                root=code[:2],
                five=five_class(code[:2]),
            )


# -- our annotations ----------------------------------------------------------------------


@lru_cache(maxsize=4)
def _scrapinghub(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value.get("articleBody") or "" for key, value in data.items()}


def document_text(doc: str, shared: Path) -> str:
    """The text an annotation's ``doc`` names: ``polnear/train/<file>``, ``scrapinghub/<id>``
    or (the older gold set) a bare PolNeAR train file name."""
    data = shared / "data" / "dev"
    if doc.startswith("scrapinghub/"):
        return _scrapinghub(data / "scrapinghub_aeb" / "ground-truth.json")[doc.split("/", 1)[1]]
    name = doc.split("/")[-1]
    for candidate in (data / doc, data / "polnear" / "train" / "text" / name):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"annotated document not found under {data}: {doc}")


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnotatedSentence:
    """One annotated sentence and its gold events (rows of a gold TSV)."""

    doc: str
    start: int
    end: int
    rows: tuple[dict[str, str], ...]

    @property
    def events(self) -> tuple[dict[str, str], ...]:
        return tuple(r for r in self.rows if r.get("cameo", "-") not in {"-", ""})

    def primary(self) -> dict[str, str] | None:
        """The sentence's main event: the first that is not a bare statement (01), else 01."""
        events = self.events
        return next((r for r in events if r["cameo"][:2] != "01"), events[0] if events else None)


def read_annotations(path: Path) -> list[AnnotatedSentence]:
    """Gold rows grouped by sentence, in file order."""
    grouped: dict[tuple[str, int, int], list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
            try:
                key = (row["doc"], int(row["start"]), int(row["end"]))
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path.name}: row {number}: {error}") from error
            grouped[key].append({k: (v or "").strip() for k, v in row.items() if k})
    return [
        AnnotatedSentence(doc=doc, start=start, end=end, rows=tuple(rows))
        for (doc, start, end), rows in grouped.items()
    ]


def _span(value: str | None, start: int, length: int) -> tuple[int, int] | None:
    """A ``START-END`` document span as offsets into the sentence that begins at ``start``."""
    if not value or value == "-":
        return None
    first, _, last = value.partition("-")
    a, b = int(first) - start, int(last) - start
    return (a, b) if 0 <= a < b <= length else None


def annotated_examples(
    path: Path, shared: Path, *, heldout: bool | None = False, origin: str = "news"
) -> Iterator[Example]:
    """Examples from a gold TSV; ``heldout`` = True/False keeps that side of the split,
    None keeps both."""
    texts: dict[str, str] = {}
    for item in read_annotations(path):
        if heldout is not None and is_heldout(item.doc) != heldout:
            continue
        if item.doc not in texts:
            texts[item.doc] = document_text(item.doc, shared)
        raw = texts[item.doc][item.start : item.end]
        sentence, begin = strip_sentence(raw, item.start)
        main = item.primary()
        root = main["cameo"][:2] if main else NONE
        spans: list[tuple[int, int, str]] = []
        labelled = main is not None and ("source_span" in main or "target_span" in main)
        if main is not None:
            for kind, column in (("S", "source_span"), ("T", "target_span")):
                found = _span(main.get(column), begin, len(sentence))
                if found:
                    spans.append((*found, kind))
        yield Example(
            text=sentence,
            group=f"{origin}:{item.doc}",
            origin=origin,
            root=root,
            five=five_class(root) if root != NONE else None,
            spans=tuple(spans) if labelled or main is None else None,
        )


def training_examples(
    shared: Path,
    *,
    news: Path | None,
    exclude: frozenset[str] = frozenset(),
    roots: Path | None = None,
) -> list[Example]:
    """Every example the heads are trained on: the held-out news documents and the
    documents in ``exclude`` (those another evaluation scores) left out; ``roots``
    (``eval/data/conflibert_roots.tsv``) gives ConfliBERT's sentences CAMEO roots."""
    dev = shared / "data" / "dev" / "conflibert"
    coded = conflibert_roots(roots) if roots is not None else None
    examples = [
        *conflibert_class(dev / "cameo_class_train.tsv", roots=coded),
        *conflibert_ner(dev / "cameo_ner_train.txt", roots=coded),
        *codebook(shared / "data" / "reference" / "cameo" / "cameo-codes.csv"),
    ]
    if news is not None and news.is_file():
        examples.extend(
            example
            for example in annotated_examples(news, shared, heldout=False)
            if example.group.removeprefix("news:") not in exclude
        )
    return examples


def political_pages(path: Path) -> list[tuple[str, str, str]]:
    """``(page, topic, site)`` rows of ``eval/data/political_pages.tsv``, in file order:
    the ScrapingHub pages ``eval/real_pages.py`` scores."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or len(cells[0]) != 64:
            raise ValueError(f"{path.name} line {number}: expected page <TAB> topic <TAB> site")
        page, topic, site = cells
        rows.append((page, topic, site))
    return rows


def scored_pages(path: Path) -> frozenset[str]:
    """The pages ``eval/real_pages.py`` scores (:func:`political_pages`), as
    annotated-document names (``scrapinghub/<page>``): never trained on, so the records
    read on them come from a model that has not seen them."""
    if not path.is_file():
        return frozenset()
    return frozenset("scrapinghub/" + page for page, _, _ in political_pages(path))
