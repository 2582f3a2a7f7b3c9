"""Run the shared encoder and its heads: onnxruntime + tokenizers + numpy, no torch.

A model folder holds ``encoder.onnx`` (the fine-tuned MiniLM, int8, as the compact
graph of :mod:`eventwatch.encoder.graph`), ``heads.npz``
(one linear layer per head), ``tokenizer.json`` and ``model.json`` (the heads'
labels, the training settings and figures, and the SHA-256 of every file, checked
on load).  :meth:`Encoder.read` runs the encoder once per sentence and applies
every head to that one pass:

* ``sentence`` heads read the mean of the token vectors: ``root`` gives a
  probability for each CAMEO root and for ``none``;
* ``token`` heads read each token: ``tags`` gives B/I tags of the event's source
  and target, returned as character spans.
* the ``quotes`` head (optional, ``quotes_head.npz``) reads the token vectors
  through three dilated convolutions and tags attribution source, cue and
  content (:class:`QuoteHead`; trained on the frozen encoder by
  :mod:`eventwatch.encoder.train_quotes`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwatch.encoder.labels import (
    FIVE_CLASS_NAMES,
    NONE,
    QUOTE_LABELS,
    ROOT_LABELS,
    TAG_LABELS,
    check_labels,
    five_class,
)
from eventwatch.errors import ModelError

QUOTES_HEAD_FILE = "quotes_head.npz"
QUOTE_DILATIONS = (1, 2, 4)  # the quotes head's convolutions, layer by layer


@dataclass(frozen=True, slots=True, kw_only=True)
class TagSpan:
    """A span a tagger marked: S (the event's source) or T (its target); SRC, CUE or CON
    (an attribution's source, cue or content)."""

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
    quote_spans: tuple[TagSpan, ...] = ()  # empty when the model has no quotes head

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
        return tuple(s for s in (*self.spans, *self.quote_spans) if s.kind == kind)


class QuoteHead:
    """The attribution tagger: dilated width-3 convolutions over the token vectors."""

    def __init__(self, weights: Mapping[str, Any]) -> None:
        # A width-3 kernel is stored (3 · inputs) × outputs: the rows for the token
        # ``dilation`` before, the token itself, the token after.  Side by side
        # (inputs × 3 · outputs) one product reads all three; shifting its thirds into
        # place is the convolution, with no padded copies of the input.
        self._layers: list[tuple[int, Any, Any]] = []
        for number, dilation in enumerate(QUOTE_DILATIONS):
            if f"conv{number}_weight" not in weights:
                continue
            kernel = np.asarray(weights[f"conv{number}_weight"], dtype=np.float32)
            before, itself, after = np.split(kernel, 3, axis=0)
            self._layers.append(
                (
                    dilation,
                    np.ascontiguousarray(np.concatenate([before, itself, after], axis=1)),
                    np.asarray(weights[f"conv{number}_bias"], dtype=np.float32),
                )
            )
        self._out_w = np.asarray(weights["out_weight"], dtype=np.float32)
        self._out_b = np.asarray(weights["out_bias"], dtype=np.float32)
        if len(self._layers) != len(QUOTE_DILATIONS) or self._out_w.shape[1] != len(QUOTE_LABELS):
            raise ModelError("quotes head: weights do not match its labels")

    def probs(self, hidden: Any) -> Any:
        """Label probabilities (tokens × QUOTE_LABELS) for one sentence's token vectors."""
        h = hidden
        for dilation, weight, bias in self._layers:
            width = len(bias)
            parts = h @ weight  # tokens × (before | itself | after)
            out = parts[:, width : 2 * width] + bias
            if dilation < len(h):
                out[dilation:] += parts[:-dilation, :width]  # token t reads t - dilation
                out[:-dilation] += parts[dilation:, 2 * width :]  # and t + dilation
            h = np.maximum(out, 0.0)
        return _softmax(h @ self._out_w + self._out_b)

    def labels(self, hidden: Any) -> Any:
        return self.probs(hidden).argmax(-1)


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
        self.quotes: QuoteHead | None = None
        if "quotes" in heads:
            check_labels("quotes", heads["quotes"].get("labels", []), QUOTE_LABELS)
            self.quotes = QuoteHead(np.load(self.folder / QUOTES_HEAD_FILE))

        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = onnxruntime.InferenceSession(
            str(self.folder / "encoder.onnx"),
            options,
            providers=["CPUExecutionProvider"],
            # onnxruntime's fused residual + layer norm is slower on one core than the
            # two ops it replaces: 534 against 419 sentences/s (docs/benchmark.md)
            disabled_optimizers=["SkipLayerNormFusion"],
        )
        # The compact graph (eventwatch.encoder.graph) reads one unpadded sentence and
        # takes no mask; a model from the tracing export still asks for one.
        self._wants_mask = any(i.name == "attention_mask" for i in self._session.get_inputs())
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

    def hidden(self, text: str) -> tuple[Any, list[tuple[int, int]]]:
        """The encoder's token vectors for ``text`` (tokens × width) and each token's offsets.

        Special tokens (and the dropped tail of a text longer than ``max_tokens``)
        have the empty offset ``(0, 0)``.
        """
        # One sentence per encoder call, never padded beside others: the int8 model
        # quantizes activations per call (dynamic quantization), so sentences batched
        # together would share a scale and a sentence's scores would depend on its
        # neighbours.  Alone, every sentence reads the same in any run or worker.
        enc = self._tokenizer.encode(text)
        ids, spans = list(enc.ids), list(enc.offsets)
        if len(ids) > self.max_tokens:
            ids = [*ids[: self.max_tokens - 1], ids[-1]]
            spans = [*spans[: self.max_tokens - 1], (0, 0)]
        feed = {"input_ids": np.array([ids], dtype=np.int64)}
        if self._wants_mask:
            feed["attention_mask"] = np.ones((1, len(ids)), dtype=np.int64)
        return self._session.run(["hidden"], feed)[0][0], spans

    def _read_one(self, text: str, shift: int) -> Reading:
        hidden, spans = self.hidden(text)
        root = _softmax(hidden.mean(0) @ self._root_w + self._root_b)
        tags = _softmax(hidden @ self._tags_w + self._tags_b)
        quote_spans: tuple[TagSpan, ...] = ()
        if self.quotes is not None:
            quote_spans = _tag_spans(self.quotes.probs(hidden), spans, shift, QUOTE_LABELS)
        return Reading(
            start=shift,
            end=shift + len(text),
            root_probs=tuple(float(p) for p in root),
            spans=_tag_spans(tags, spans, shift),
            quote_spans=quote_spans,
        )


def _softmax(x: Any) -> Any:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _tag_spans(
    probs: Any,
    offsets: Sequence[tuple[int, int]],
    shift: int,
    labels_of: Sequence[str] = TAG_LABELS,
) -> tuple[TagSpan, ...]:
    """Character spans of the B/I tags (a span may start with I- after a word piece)."""
    labels = probs.argmax(-1)
    spans: list[TagSpan] = []
    current: list[Any] = []  # [start, end, kind, scores]
    for i, (a, b) in enumerate(offsets):
        if b <= a:
            continue
        label = labels_of[int(labels[i])]
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
