"""The compact encoder graph: it computes BERT, rebuilds the shipped model, and the
runtime still reads a model from the older tracing export."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eventwatch.encoder.graph import (
    GRAPH,
    HEADS,
    LINEARS,
    SAMPLE,
    build,
    compare,
    quantize,
    weights_from_onnx,
)
from eventwatch.encoder.runtime import Encoder, packaged_model

onnx = pytest.importorskip("onnx", reason="the graph builder needs onnx (the dev extra has it)")
onnxruntime = pytest.importorskip("onnxruntime")

WIDTH, WIDE, VOCAB, POSITIONS, LAYERS = 24, 48, 40, 20, 2
_erf = np.vectorize(math.erf)


def _tiny_weights(seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> Any:
        return rng.normal(0.0, 0.5, shape).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": r(VOCAB, WIDTH),
        "embeddings.position_embeddings.weight": r(POSITIONS, WIDTH),
        "embeddings.token_type_embeddings.weight": r(2, WIDTH),
        "embeddings.LayerNorm.weight": 1.0 + r(WIDTH) / 5,
        "embeddings.LayerNorm.bias": r(WIDTH) / 5,
    }
    for i in range(LAYERS):
        for linear in LINEARS:
            rows, cols = {
                "intermediate.dense": (WIDTH, WIDE),
                "output.dense": (WIDE, WIDTH),
            }.get(linear, (WIDTH, WIDTH))
            weights[f"encoder.layer.{i}.{linear}.weight"] = r(rows, cols) / math.sqrt(rows)
            weights[f"encoder.layer.{i}.{linear}.bias"] = r(cols) / 5
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[f"encoder.layer.{i}.{norm}.weight"] = 1.0 + r(WIDTH) / 5
            weights[f"encoder.layer.{i}.{norm}.bias"] = r(WIDTH) / 5
    return weights


def _bert(weights: dict[str, Any], ids: list[int]) -> Any:
    """A plain numpy BERT encoder, written out step by step (the reference)."""

    def norm(x: Any, prefix: str) -> Any:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * weights[f"{prefix}.weight"] + weights[
            f"{prefix}.bias"
        ]

    def dense(x: Any, prefix: str) -> Any:
        return x @ weights[f"{prefix}.weight"] + weights[f"{prefix}.bias"]

    x = (
        weights["embeddings.word_embeddings.weight"][ids]
        + weights["embeddings.token_type_embeddings.weight"][0]
        + weights["embeddings.position_embeddings.weight"][: len(ids)]
    )
    x = norm(x, "embeddings.LayerNorm")
    size = WIDTH // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}"
        q, k, v = (dense(x, f"{p}.attention.self.{part}") for part in ("query", "key", "value"))
        heads = []
        for h in range(HEADS):
            cols = slice(h * size, (h + 1) * size)
            scores = q[:, cols] @ k[:, cols].T / math.sqrt(size)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            heads.append(scores / scores.sum(-1, keepdims=True) @ v[:, cols])
        x = norm(
            dense(np.concatenate(heads, -1), f"{p}.attention.output.dense") + x,
            f"{p}.attention.output.LayerNorm",
        )
        wide = dense(x, f"{p}.intermediate.dense")
        active = 0.5 * wide * (1.0 + _erf(wide / math.sqrt(2.0)))
        x = norm(dense(active, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
    return x


@pytest.mark.parametrize(("seed", "ids"), [(1, [0, 5, 7, 3]), (2, [2]), (3, list(range(1, 20)))])
def test_the_compact_graph_computes_a_bert_encoder(seed: int, ids: list[int]) -> None:
    weights = _tiny_weights(seed)
    session = onnxruntime.InferenceSession(
        build(weights).SerializeToString(), providers=["CPUExecutionProvider"]
    )
    assert [i.name for i in session.get_inputs()] == ["input_ids"]
    (hidden,) = session.run(["hidden"], {"input_ids": np.array([ids], dtype=np.int64)})
    assert hidden.shape == (1, len(ids), WIDTH)
    np.testing.assert_allclose(hidden[0], _bert(weights, ids), atol=2e-4)


def test_a_missing_layer_is_refused() -> None:
    weights = _tiny_weights(1)
    for name in [k for k in weights if k.startswith("encoder.layer.0.")]:
        del weights[name]
    with pytest.raises(ValueError, match="layers missing"):
        build(weights)


def test_the_shipped_encoder_rebuilds_to_the_same_readings(tmp_path: Path) -> None:
    shipped = packaged_model()
    rebuilt = tmp_path / "encoder.onnx"
    quantize(build(weights_from_onnx(shipped / "encoder.onnx")), rebuilt)
    found = compare(shipped / "encoder.onnx", rebuilt, SAMPLE, shipped / "tokenizer.json")
    assert found["max_abs"] < 1e-3, found


def test_the_shipped_encoder_is_the_compact_graph() -> None:
    folder = packaged_model()
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert meta["graph"] == GRAPH
    model = onnx.load(str(folder / "encoder.onnx"))
    assert [i.name for i in model.graph.input] == ["input_ids"]
    ops = {n.op_type for n in model.graph.node}
    assert "MultiHeadAttention" in ops and "MatMulInteger" in ops
    assert not ops & {"Transpose", "Reshape"}, "the compact graph, not a tracing export"


def test_a_model_that_asks_for_a_mask_is_still_read(tmp_path: Path) -> None:
    """A model folder from the older tracing export takes ``attention_mask`` too."""
    from onnx import TensorProto, helper

    copy = tmp_path / "model"
    shutil.copytree(packaged_model(), copy)
    model = onnx.load(str(copy / "encoder.onnx"))
    model.graph.input.append(
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [1, "tokens"])
    )
    onnx.save(model, str(copy / "encoder.onnx"))
    meta = json.loads((copy / "model.json").read_text(encoding="utf-8"))
    meta["sha256"]["encoder.onnx"] = hashlib.sha256(
        (copy / "encoder.onnx").read_bytes()
    ).hexdigest()
    (copy / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    sentence = "Police fired tear gas at thousands of protesters in the capital."
    (masked,) = Encoder(copy).read([sentence])
    (plain,) = Encoder().read([sentence])
    assert masked.root_probs == plain.root_probs
