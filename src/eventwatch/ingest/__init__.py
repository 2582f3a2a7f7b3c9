"""Ingest: from what a user has (pasted text, HTML, JSONL, folders, stdin) to articles.

Modules, in the order data flows through them:

* :mod:`~eventwatch.ingest.sources` — paths, folders, JSONL lines, stdin → raw documents
* :mod:`~eventwatch.ingest.decoding` — bytes → text, any encoding
* :mod:`~eventwatch.ingest.pasted` — pasted page text → clean body + metadata
* :mod:`~eventwatch.ingest.html` — HTML page → clean body + metadata
* :mod:`~eventwatch.ingest.stage` — the pipeline stage tying them together
"""
