"""Would a classifier of the verb in its sentence make better cue decisions? (a study)

``eval/quotes_ceiling.py`` shows what *perfect* per-verb cue decisions would
give.  This script measures what a realistic one gives: a logistic
regression over features of the verb in its parse (``features`` below),
fitted with plain numpy on the first half of the PolNeAR train split, with a
learned cue table counted on that half only, and scored on the second half.
The classifier may veto a verb the lists take (score under ``veto``) and
admit one they miss (score at least ``admit``).  It prints, for a grid of
thresholds, source, cue and content exact F1 and content overlap F1 on the
held-out half, and per verb the precision and recall of the lists and of
the classifier.  The dev split is never read.  Nothing is shipped from here:
docs/quotes.md explains why.

Usage::

    python eval/cue_classifier_study.py            # about three minutes
    python eval/cue_classifier_study.py --limit 200
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learn_cues import count, render
from quotes import ROLES, Tally, read_ann, run_articles, texts
from quotes_ceiling import gold_cue_tokens

GRID = ((-100.0, 100.0), (-2.5, 0.5), (-2.0, 0.0), (-2.0, 0.5), (-1.5, 0.0), (-1.5, 0.5))
MIN_COUNT = 2
L2 = 3e-5
EPOCHS = 300
WORD_CHILDREN = frozenset({"mark", "neg", "aux", "auxpass", "prt", "advmod", "dative"})
HEAD_WORD_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "pcomp", "acl"})


def features(verb: Any, *, lexicon: Any, quoted: Container[int]) -> list[str]:
    """What the classifier reads of a verb: lemma and construction, tag, dependency,
    children, the complement's marker and quotes, the subject, quotations nearby,
    the verb it hangs on."""
    from eventwatch.quotes.parse import _subject, construction

    lemma = verb.lemma_.casefold()
    form = construction(verb)
    found = [
        "bias",
        f"lemma={lemma}",
        f"form={form}",
        f"lemma_form={lemma}|{form}",
        f"tag={verb.tag_}",
        f"dep={verb.dep_}",
        f"head_pos_dep={verb.head.pos_}|{verb.dep_}",
    ]
    if lemma in lexicon.verbs:
        found.append("listed")
    if lemma in lexicon.object_verbs:
        found.append("listed_object")
    for child in verb.children:
        found.append(f"child={child.dep_}")
        if child.dep_ in WORD_CHILDREN:
            found.append(f"child_word={child.dep_}|{child.lower_}")
        elif child.dep_ == "ccomp":
            marker = next((g.lower_ for g in child.children if g.dep_ == "mark"), "-")
            found += [f"ccomp_mark={marker}", f"ccomp_pos={child.pos_}"]
            if any(t.i in quoted for t in child.subtree):
                found.append("ccomp_quoted")
    subject = _subject(verb)
    if subject is None:
        found.append("subject=none")
    else:
        if subject.pos_ == "PRON":
            found.append(f"subject=pron:{subject.lower_}")
        else:
            found.append(f"subject={subject.pos_}:{subject.ent_type_}")
            if subject.pos_ == "NOUN":
                found.append(f"subject_lemma={subject.lemma_.casefold()}")
        found.append("subject_side=" + ("left" if subject.i < verb.i else "right"))
    if any(t.i in quoted for t in verb.sent):
        found.append("sentence_quoted")
        if any(verb.i + step in quoted for step in (-3, -2, -1, 1, 2, 3)):
            found.append("near_quote")
    if verb.dep_ in HEAD_WORD_DEPS:
        found.append(f"head_lemma={verb.head.lemma_.casefold()}")
    return found


def _candidates(extractor: Any) -> Iterable[Any]:
    """The verbs the extractor could take as cues (outside quotes and markup, not auxiliaries)."""
    for token in extractor.doc:
        if (
            token.pos_ in {"VERB", "AUX"}
            and token.i not in extractor.quoted
            and token.i not in extractor.markup
            and not (token.pos_ == "AUX" and token.dep_ in {"aux", "auxpass"})
        ):
            yield token


def fit(rows: Sequence[tuple[list[str], bool]]) -> dict[str, float]:
    """Logistic regression weights (Adam, L2) over features seen at least MIN_COUNT times."""
    seen = Counter(f for fs, _ in rows for f in set(fs))
    index = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= MIN_COUNT))}
    pairs = [(n, index[f]) for n, (fs, _) in enumerate(rows) for f in set(fs) if f in index]
    if not pairs:
        return {}
    r, c = (np.array(x) for x in zip(*pairs, strict=True))
    y = np.array([label for _, label in rows], dtype=float)
    w, m, v = np.zeros(len(index)), np.zeros(len(index)), np.zeros(len(index))
    for step in range(1, EPOCHS + 1):
        p = 1.0 / (1.0 + np.exp(-np.bincount(r, weights=w[c], minlength=len(rows))))
        g = np.bincount(c, weights=(p - y)[r], minlength=len(index)) / len(rows) + L2 * w
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        w -= 0.1 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {f: float(w[i]) for f, i in index.items()}


def _judged(decide: Callable[[Any, Any, bool], bool]) -> type:
    from eventwatch.quotes.extractor import _Extractor

    class Judged(_Extractor):
        def _cue_verdict(self, token: Any) -> bool:
            return decide(self, token, super()._cue_verdict(token))

    return Judged


def study(limit: int | None) -> None:
    from eventwatch.quotes import cue_lexicon, extract_quotes
    from eventwatch.quotes.extractor import _Extractor
    from eventwatch.quotes.lexicon import load_learned_cues

    items = list(texts("train", limit))
    runs = run_articles([(name, text) for name, text, _ in items])
    parsed = [
        (doc, read_ann(ann), article, text)
        for (_, text, ann), (doc, article, *_) in zip(items, runs, strict=True)
    ]
    middle = len(parsed) // 2
    first, second = parsed[:middle], parsed[middle:]
    table = load_learned_cues(
        render(count((d, g) for d, g, *_ in first), articles=0, attributions=0)
    )
    lexicon = replace(cue_lexicon(), learned=table)
    rows: list[tuple[list[str], bool]] = []
    for doc, gold, *_ in first:
        extractor, cues = _Extractor(doc, lexicon), gold_cue_tokens(doc, gold)
        for verb in _candidates(extractor):
            rows.append((features(verb, lexicon=lexicon, quoted=extractor.quoted), verb.i in cues))
    weights = fit(rows)

    def score(extractor: Any, verb: Any) -> float:
        found = set(features(verb, lexicon=lexicon, quoted=extractor.quoted))
        return sum(weights.get(f, 0.0) for f in found)

    per_verb: Counter[tuple[str, bool, bool]] = Counter()
    for doc, gold, *_ in second:
        extractor, cues = _Extractor(doc, lexicon), gold_cue_tokens(doc, gold)
        for verb in _candidates(extractor):
            listed = extractor._cue_verdict(verb)
            z = score(extractor, verb)
            per_verb[("lists", listed, verb.i in cues)] += 1
            per_verb[("classifier", z >= 0.5 or (listed and z >= -2.0), verb.i in cues)] += 1
    print(f"fitted on {len(first)} train articles ({len(rows)} verbs), scored on {len(second)}")
    for who in ("lists", "classifier"):  # the classifier with veto -2.0, admit 0.5
        tp, fp, fn = (
            per_verb[(who, a, b)] for a, b in ((True, True), (True, False), (False, True))
        )
        print(
            f"per verb, {who}: precision {tp / max(tp + fp, 1):.3f}"
            f" recall {tp / max(tp + fn, 1):.3f}"
        )
    print("veto\tadmit\tsource F1\tcue F1\tcontent F1\tcontent overlap F1")
    for veto, admit in GRID:

        def decide(
            extractor: Any, verb: Any, listed: bool, veto: float = veto, admit: float = admit
        ) -> bool:
            z = score(extractor, verb)
            return z >= admit or (listed and z >= veto)

        tallies = {role: Tally() for role in ROLES}
        with mock.patch("eventwatch.quotes.build._Extractor", _judged(decide)):
            for doc, gold, article, text in second:
                quotes = extract_quotes(doc, article=article, lexicon=lexicon)
                predicted = {
                    "source": [q.speaker_span for q in quotes if q.speaker_span],
                    "cue": [q.cue_span for q in quotes if q.cue_span],
                    "content": [s for q in quotes for s in q.content_spans],
                }
                for role in ROLES:
                    tallies[role].add(
                        predicted[role], [s for g in gold for s in getattr(g, role)], text
                    )
        exact = [tallies[role].figures()["exact_f1"] for role in ROLES]
        overlap = tallies["content"].figures()["overlap_f1"]
        print(f"{veto}\t{admit}\t" + "\t".join(f"{f:.3f}" for f in exact) + f"\t{overlap:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N train texts only")
    args = parser.parse_args(argv)
    study(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
