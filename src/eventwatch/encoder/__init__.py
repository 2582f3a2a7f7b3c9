"""The shared encoder: one fine-tuned MiniLM pass per candidate sentence, many heads.

* :mod:`~eventwatch.encoder.labels` — the label spaces of the heads
* :mod:`~eventwatch.encoder.runtime` — onnxruntime inference (no torch)
* :mod:`~eventwatch.encoder.stage` — the ``encode`` pipeline stage
* :mod:`~eventwatch.encoder.trainset` — training examples from ``../shared``
* :mod:`~eventwatch.encoder.train` — fine-tuning and export (the ``[train]`` extra)
"""
