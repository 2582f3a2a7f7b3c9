"""Write the shared encoder as a compact ONNX graph (needs the ``[train]`` extra: onnx).

A tracing export of a BERT encoder yields some 750 nodes, most of them shape
arithmetic (Shape, Gather, Unsqueeze, Concat, Reshape, Transpose) around each
attention and the padding mask.  The encoder always reads one sentence alone
(:meth:`~eventwatch.encoder.runtime.Encoder.hidden`), so it needs no mask, and
onnxruntime's ``MultiHeadAttention`` kernel does the head split, scaling,
softmax and merge in one node.  :func:`build` writes that graph (some 130
nodes) from plain arrays; :func:`quantize` makes its matrices int8 as the
tracing export did (dynamic quantization, the same per-tensor scheme).  With
the runtime's session settings it reads about a third more sentences a second
on one core than the tracing export did (docs/benchmark.md).

The weights come from a trained torch model (:func:`weights_from_torch`, used
by the training export) or from an int8 encoder already written
(:func:`weights_from_onnx`: its int8 matrices dequantized, which quantize back
to the same integers).  Rebuild a shipped model in place of its tracing
export::

    python -m eventwatch.encoder.graph --model src/eventwatch/data/encoder

It checks that the new graph reads like the old one (token vectors and the
root head's choice on sample sentences) before it replaces ``encoder.onnx``
and the SHA-256 in ``model.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

HEADS = 12
GRAPH = "compact (eventwatch.encoder.graph): input_ids only, MultiHeadAttention"
EPSILON = 1e-12  # BERT's layer-norm epsilon
LINEARS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
NORMS = ("attention.output.LayerNorm", "output.LayerNorm")

# Weight names follow Hugging Face's BertModel without its prefix: embeddings.* and
# encoder.layer.N.*, except that a linear layer's weight is stored input × output
# (as ONNX multiplies).


def layer_count(weights: Mapping[str, Any]) -> int:
    found = {int(m.group(1)) for k in weights if (m := re.match(r"encoder\.layer\.(\d+)\.", k))}
    if not found or found != set(range(len(found))):
        raise ValueError("encoder weights: no layers, or layers missing")
    return len(found)


def weights_from_torch(bert: Any) -> dict[str, Any]:
    """The arrays of a Hugging Face ``BertModel`` (linear weights turned input × output)."""
    out: dict[str, Any] = {}
    for name, tensor in bert.state_dict().items():
        if name.endswith("position_ids"):
            continue
        array = tensor.detach().to("cpu").float().numpy()
        if any(f".{linear}.weight" in f".{name}" for linear in LINEARS):
            array = array.T
        out[name] = np.ascontiguousarray(array, dtype=np.float32)
    return out


def weights_from_onnx(path: Path) -> dict[str, Any]:
    """The arrays of an int8 encoder, int8 ones dequantized.

    Reads both a graph :func:`build` wrote and one from the tracing export (its
    names carry the wrapper's ``encoder.`` prefix, and its matrices are named
    after the node that multiplies by them).
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}

    def value(name: str) -> Any:
        if not name.endswith("_quantized"):
            return init[name].astype(np.float32)
        base = name.removesuffix("_quantized")
        values = init[name].astype(np.float32)
        zero = init[f"{base}_zero_point"].astype(np.float32)
        return ((values - zero) * init[f"{base}_scale"].astype(np.float32)).astype(np.float32)

    out: dict[str, Any] = {}
    for name in init:
        plain = name.removesuffix("_quantized")
        if plain.startswith(("encoder.embeddings.", "encoder.encoder.")):
            plain = plain.removeprefix("encoder.")  # the tracing export's wrapper
        if plain.startswith(("embeddings.", "encoder.layer.")) and not plain.endswith(
            ("_scale", "_zero_point")
        ):
            out[plain] = value(name)
    if "embed.type0" in init:  # build() keeps only the token type its inputs use
        out["embeddings.token_type_embeddings.weight"] = value("embed.type0")[None, :]
    for node in model.graph.node:  # the tracing export: matrices named after their node
        match = re.search(r"/(encoder/layer\.\d+/[\w./]+)/MatMul(_quant)?$", node.name)
        if not match or node.op_type not in {"MatMulInteger", "MatMul"}:
            continue
        key = match.group(1).replace("/", ".") + ".weight"
        if key.endswith(tuple(f".{linear}.weight" for linear in LINEARS)):
            out[key] = value(node.input[1])
    missing = [
        f"encoder.layer.{i}.{linear}.weight"
        for i in range(layer_count(out))
        for linear in LINEARS
        if f"encoder.layer.{i}.{linear}.weight" not in out
    ]
    if missing:
        raise ValueError(f"{path}: weights not found: {', '.join(missing[:3])}")
    return out


def build(weights: Mapping[str, Any]) -> Any:
    """The fp32 encoder graph: ``input_ids`` (1 × tokens) → ``hidden`` (1 × tokens × width)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes: list[Any] = []
    inits: list[Any] = []

    def const(name: str, array: Any) -> str:
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(op: str, inputs: Sequence[str], output: str, **attrs: Any) -> str:
        domain = "com.microsoft" if op == "MultiHeadAttention" else ""
        made = helper.make_node(op, list(inputs), [output], name=output, domain=domain, **attrs)
        nodes.append(made)
        return output

    def table(name: str) -> str:  # a trained array, under its own name
        return const(name, weights[name])

    def scalar(name: str, value: float, dtype: Any = np.float32) -> str:
        return const(name, np.array(value, dtype=dtype))

    def layer_norm(x: str, prefix: str, out: str) -> str:
        parts = [x, table(f"{prefix}.weight"), table(f"{prefix}.bias")]
        return node("LayerNormalization", parts, out, axis=-1, epsilon=EPSILON)

    def linear(x: str, prefix: str, out: str) -> str:
        product = node("MatMul", [x, table(f"{prefix}.weight")], f"{out}.matmul")
        return node("Add", [product, table(f"{prefix}.bias")], out)

    # embeddings: word + token type 0 + position, then a layer norm
    words = node("Gather", [table("embeddings.word_embeddings.weight"), "input_ids"], "embed.words")
    type0 = const("embed.type0", weights["embeddings.token_type_embeddings.weight"][0])
    typed = node("Add", [words, type0], "embed.typed")
    shape = node("Shape", ["input_ids"], "embed.shape")
    length = node("Gather", [shape, scalar("embed.axis1", 1, np.int64)], "embed.length")
    first, step = scalar("embed.zero", 0, np.int64), scalar("embed.one", 1, np.int64)
    positions = node("Range", [first, length, step], "embed.positions")
    placed = node(
        "Gather", [table("embeddings.position_embeddings.weight"), positions], "embed.placed"
    )
    summed = node("Add", [typed, placed], "embed.sum")
    x = layer_norm(summed, "embeddings.LayerNorm", "embed.out")

    for i in range(layer_count(weights)):
        p = f"encoder.layer.{i}"
        q, k, v = (
            linear(x, f"{p}.attention.self.{part}", f"{p}.{part}")
            for part in ("query", "key", "value")
        )
        mixed = node("MultiHeadAttention", [q, k, v], f"{p}.attention", num_heads=HEADS)
        projected = linear(mixed, f"{p}.attention.output.dense", f"{p}.attention.projected")
        residual = node("Add", [projected, x], f"{p}.attention.residual")
        x = layer_norm(residual, f"{p}.attention.output.LayerNorm", f"{p}.attention.out")
        wide = linear(x, f"{p}.intermediate.dense", f"{p}.intermediate")
        # exact (erf) GELU, as BERT: x · ½ · (1 + erf(x / √2))
        scaled = node("Div", [wide, scalar(f"{p}.sqrt2", np.sqrt(2.0))], f"{p}.gelu.scaled")
        erf = node("Erf", [scaled], f"{p}.gelu.erf")
        plus = node("Add", [erf, scalar(f"{p}.one", 1.0)], f"{p}.gelu.plus")
        half = node("Mul", [wide, scalar(f"{p}.half", 0.5)], f"{p}.gelu.half")
        active = node("Mul", [half, plus], f"{p}.gelu")
        narrow = linear(active, f"{p}.output.dense", f"{p}.output")
        residual = node("Add", [narrow, x], f"{p}.output.residual")
        x = layer_norm(residual, f"{p}.output.LayerNorm", f"{p}.out")
    nodes[-1].output[0] = "hidden"

    width = int(weights["embeddings.word_embeddings.weight"].shape[1])
    graph = helper.make_graph(
        nodes,
        "eventwatch-encoder",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "tokens"])],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, [1, "tokens", width])],
        inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    )
    onnx.checker.check_model(model)
    return model


def quantize(model: Any, out: Path) -> None:
    """Write ``model`` to ``out`` with int8 matrices and embeddings (dynamic quantization)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "encoder.fp32.onnx"
        onnx.save(model, str(full))
        quantize_dynamic(
            str(full),
            str(out),
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul", "Gather"],
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compare(old: Path, new: Path, sentences: Sequence[str], tokenizer: Path) -> dict[str, float]:
    """How far the new encoder's token vectors are from the old one's on ``sentences``."""
    import onnxruntime
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer))
    tok.no_padding()
    tok.no_truncation()

    def session(path: Path) -> Any:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    a, b = session(old), session(new)
    worst = total = 0.0
    for text in sentences:
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        feed_a = {"input_ids": ids}
        if any(i.name == "attention_mask" for i in a.get_inputs()):
            feed_a["attention_mask"] = np.ones_like(ids)
        diff = np.abs(a.run(["hidden"], feed_a)[0] - b.run(["hidden"], {"input_ids": ids})[0])
        worst = max(worst, float(diff.max()))
        total += float(diff.mean())
    return {"max_abs": worst, "mean_abs": total / max(len(sentences), 1)}


SAMPLE = (
    "Secretary Kerry met Chinese officials in Beijing on Saturday.",
    "North Korea said it would not return to the Six-Party Talks.",
    "Police fired tear gas at protesters outside parliament.",
    "The minister denied that the government had cut aid to the region.",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Rebuild a model folder's encoder as the compact graph."
    )
    parser.add_argument("--model", required=True, help="model folder (encoder.onnx, model.json)")
    parser.add_argument("--tolerance", type=float, default=0.05, help="largest mean difference")
    args = parser.parse_args(argv)
    folder = Path(args.model)
    old = folder / "encoder.onnx"
    with tempfile.TemporaryDirectory() as tmp:
        new = Path(tmp) / "encoder.onnx"
        quantize(build(weights_from_onnx(old)), new)
        found = compare(old, new, SAMPLE, folder / "tokenizer.json")
        print(json.dumps(found))  # noqa: T201
        if found["mean_abs"] > args.tolerance:
            raise SystemExit(f"the rebuilt encoder reads differently: {found}")
        new.replace(old)
    meta_path = folder / "model.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.setdefault("sha256", {})["encoder.onnx"] = _sha256(old)
    meta["graph"] = GRAPH
    meta["graph_command"] = f"python -m eventwatch.encoder.graph --model {args.model}"
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if (folder / "MODEL_CARD.md").is_file():
        from eventwatch.encoder.train import write_model_card

        write_model_card(folder, meta)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
