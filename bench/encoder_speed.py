"""Sentences a second through the shared encoder's graph, on one thread.

Usage::

    python bench/encoder_speed.py [--onnx FILE ...] [--sentences 800]

Reads the first ``--sentences`` sentences (of five words or more, split at
sentence marks) of the PolNeAR train texts in ../shared, turns them into word
pieces with the packaged tokenizer, and times one onnxruntime call a sentence
(as :meth:`eventwatch.encoder.runtime.Encoder.hidden` makes them) for each ONNX
file, with onnxruntime's ``SkipLayerNormFusion`` on and off; then the whole
:meth:`~eventwatch.encoder.runtime.Encoder.read` of the packaged model (the
graph and every head).  The default file is the packaged encoder; to compare
with an older one, write it out of git first, e.g. the tracing export of stop 37::

    git show e6283d0:src/eventwatch/data/encoder/encoder.onnx > /tmp/traced.onnx
    python bench/encoder_speed.py --onnx /tmp/traced.onnx src/eventwatch/data/encoder/encoder.onnx
"""

from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "dev" / "polnear" / "train" / "text"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sample(count: int) -> list[str]:
    out: list[str] = []
    for path in sorted(CORPUS.rglob("*.txt")):
        for sentence in SENTENCE_END.split(path.read_text(encoding="utf-8")):
            if len(sentence.split()) >= 5:
                out.append(sentence.strip())
                if len(out) == count:
                    return out
    return out


def rate(run: Any, items: list[Any]) -> float:
    for item in items[:20]:  # warm up
        run(item)
    start = time.perf_counter()
    for item in items:
        run(item)
    return len(items) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onnx", nargs="*", type=Path, default=[])
    parser.add_argument("--sentences", type=int, default=800)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy loads its BLAS
    import numpy as np
    import onnxruntime
    from tokenizers import Tokenizer

    from eventwatch.encoder.runtime import Encoder, packaged_model

    sentences = sample(args.sentences)
    if not sentences:
        raise SystemExit(f"no sentences under {CORPUS} (is ../shared beside the project?)")
    folder = packaged_model()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    ids = [tokenizer.encode(s).ids[:128] for s in sentences]
    pieces = sum(map(len, ids)) / len(ids)
    print(f"{len(sentences)} sentences, {pieces:.1f} word pieces on average")
    for path in args.onnx or [folder / "encoder.onnx"]:
        for fusion in (True, False):
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(
                str(path),
                options,
                providers=["CPUExecutionProvider"],
                disabled_optimizers=[] if fusion else ["SkipLayerNormFusion"],
            )
            mask = any(i.name == "attention_mask" for i in session.get_inputs())

            def run(row: list[int], session: Any = session, mask: bool = mask) -> Any:
                feed = {"input_ids": np.array([row], dtype=np.int64)}
                if mask:
                    feed["attention_mask"] = np.ones((1, len(row)), dtype=np.int64)
                return session.run(["hidden"], feed)

            label = "on " if fusion else "off"
            speed = rate(run, ids)
            print(f"{path}  SkipLayerNormFusion {label}  {speed:7.1f} sentences/s")
    encoder = Encoder(threads=1)
    speed = rate(lambda s: encoder.read([s]), sentences)
    print(f"Encoder.read (packaged, graph + heads)  {speed:7.1f} sentences/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
