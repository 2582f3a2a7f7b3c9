"""Run the shared encoder and its heads: onnxruntime + tokenizers + numpy, no torch.

A model folder holds ``encoder.onnx`` (the fine-tuned MiniLM, int8), ``heads.npz``
(one linear layer per head), ``tokenizer.json`` and ``model.json`` (the heads'
labels, the training settings and figures, and the SHA-256 of every file, checked
on load).  :meth:`Encoder.read` runs the encoder once per sentence and applies
every head to that one pass:

* ``sentence`` heads read the mean of the token vectors: ``root`` gives a
  probability for each CAMEO root and for ``none``;
* ``token`` heads read each token: ``tags`` gives B/I tags of the event's source
  and target, returned as character spans.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwatch.encoder.labels import (
    FIVE_CLASS_NAMES,
    NONE,
    ROOT_LABELS,
    TAG_LABELS,
    check_labels,
    five_class,
)
from eventwatch.errors import ModelError


@dataclass(frozen=True, slots=True, kw_only=True)
class TagSpan:
    """A span the tagger marked: S (the event's source) or T (its target)."""

    start: int
    end: int
    kind: str
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """What the heads read in one sentence (offsets are into the text given)."""

    start: int
    end: int
    root_probs: tuple[float, ...]  # over ROOT_LABELS
    spans: tuple[TagSpan, ...]

    def prob(self, root: str) -> float:
        return self.root_probs[ROOT_LABELS.index(root)]

    @property
    def p_event(self) -> float:
        return 1.0 - self.prob(NONE)

    def best_root(self) -> tuple[str, float]:
        """The most probable root among the twenty (not ``none``) and its probability."""
        scores = self.root_probs[:-1]
        best = max(range(len(scores)), key=scores.__getitem__)
        return ROOT_LABELS[best], scores[best]

    def five_probs(self) -> tuple[float, ...]:
        out = [0.0] * len(FIVE_CLASS_NAMES)
        for label, p in zip(ROOT_LABELS, self.root_probs, strict=True):
            if label != NONE:
                out[five_class(label)] += p
        return tuple(out)

    def spans_of(self, kind: str) -> tuple[TagSpan, ...]:
        return tuple(s for s in self.spans if s.kind == kind)


def packaged_model() -> Path:
    """The model folder shipped inside the package."""
    return Path(str(resources.files("eventwatch").joinpath("data/encoder")))


class Encoder:
    """The encoder and heads of one model folder (load once per process)."""

    def __init__(self, folder: Path | None = None, *, threads: int = 1) -> None:
        self.folder = folder or packaged_model()
        meta_path = self.folder / "model.json"
        if not meta_path.is_file():
            raise ModelError(f"no encoder model in {self.folder} (model.json missing)")
        self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        for name, digest in self.meta.get("sha256", {}).items():
            path = self.folder / name
            if not path.is_file():
                raise ModelError(f"encoder model {self.folder}: {name} missing")
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                raise ModelError(f"encoder model {self.folder}: {name} does not match its SHA-256")
        heads = self.meta.get("heads", {})
        check_labels("root", heads.get("root", {}).get("labels", []), ROOT_LABELS)
        check_labels("tags", heads.get("tags", {}).get("labels", []), TAG_LABELS)
        self.max_tokens = int(self.meta.get("max_tokens", 128))
        weights = np.load(self.folder / "heads.npz")
        self._root_w = weights["root_weight"].T.astype(np.float32)
        self._root_b = weights["root_bias"].astype(np.float32)
        self._tags_w = weights["tags_weight"].T.astype(np.float32)
        self._tags_b = weights["tags_bias"].astype(np.float32)

        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = onnxruntime.InferenceSession(
            str(self.folder / "encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()

    @property
    def name(self) -> str:
        digest = self.meta.get("sha256", {}).get("encoder.onnx", "")[:12]
        return f"{self.meta.get('name', 'encoder')}@{digest}"

    def read(self, texts: Sequence[str], *, offsets: Sequence[int] | None = None) -> list[Reading]:
        """One :class:`Reading` per text; ``offsets[i]`` is added to text ``i``'s spans."""
        shift = list(offsets) if offsets is not None else [0] * len(texts)
        return [self._read_one(text, at) for text, at in zip(texts, shift, strict=True)]

    def _read_one(self, text: str, shift: int) -> Reading:
        # One sentence per encoder call, never padded beside others: the int8 model
        # quantizes activations per call (dynamic quantization), so sentences batched
        # together would share a scale and a sentence's scores would depend on its
        # neighbours.  Alone, every sentence reads the same in any run or worker.
        enc = self._tokenizer.encode(text)
        ids, spans = list(enc.ids), list(enc.offsets)
        if len(ids) > self.max_tokens:
            ids = [*ids[: self.max_tokens - 1], ids[-1]]
            spans = [*spans[: self.max_tokens - 1], (0, 0)]
        feed = {
            "input_ids": np.array([ids], dtype=np.int64),
            "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
        }
        hidden = self._session.run(["hidden"], feed)[0][0]
        root = _softmax(hidden.mean(0) @ self._root_w + self._root_b)
        tags = _softmax(hidden @ self._tags_w + self._tags_b)
        return Reading(
            start=shift,
            end=shift + len(text),
            root_probs=tuple(float(p) for p in root),
            spans=_tag_spans(tags, spans, shift),
        )


def _softmax(x: Any) -> Any:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _tag_spans(probs: Any, offsets: Sequence[tuple[int, int]], shift: int) -> tuple[TagSpan, ...]:
    """Character spans of the S and T tags (a span may start with I- after a word piece)."""
    labels = probs.argmax(-1)
    spans: list[TagSpan] = []
    current: list[Any] = []  # [start, end, kind, scores]
    for i, (a, b) in enumerate(offsets):
        if b <= a:
            continue
        label = TAG_LABELS[int(labels[i])]
        if label == "O":
            current = []
            continue
        kind = label[2:]
        score = float(probs[i, labels[i]])
        continuing = (
            current
            and current[2] == kind
            and (label.startswith("I-") or a == current[1])  # a word piece of the same word
        )
        if continuing:
            current[1] = b
            current[3].append(score)
            spans[-1] = TagSpan(
                start=shift + current[0],
                end=shift + b,
                kind=kind,
                score=sum(current[3]) / len(current[3]),
            )
            continue
        current = [a, b, kind, [score]]
        spans.append(TagSpan(start=shift + a, end=shift + b, kind=kind, score=score))
    return tuple(spans)
