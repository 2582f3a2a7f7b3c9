"""Faster drop-in equivalents of spaCy's attribute ruler and rule lemmatizer.

Both stock components do table lookups one Python ``Token`` at a time: the
attribute ruler runs spaCy's general ``Matcher`` over its (mostly one-token)
patterns, the rule lemmatizer builds a ``Token`` per word to look up a cached
lemma.  Together they cost about a fifth of the parse.  This module replaces
them, when the loaded pipeline allows, with components that give bit-identical
token attributes:

* :class:`CompiledAttributeRuler` reads the loaded pipeline's own
  ``attribute_ruler`` patterns (whatever spaCy pipeline the user configured) and
  compiles each into boolean masks over ``Doc.to_array`` columns, evaluated on
  a whole batch of docs at once.  It reproduces the stock semantics: every
  pattern is matched against the doc as it was *before* the ruler ran; the
  matches are applied in pattern order, so a later pattern that sets the same
  attribute of the same token wins; ``index`` picks the token of a multi-token
  match (negative counts from the end); exact values are hashed as the Matcher
  hashes them (``StringStore.add``), ``IN``/``NOT_IN`` lists as its
  ``_SetPredicate`` does (``get_string_id``) and ``REGEX`` is searched in the
  attribute's string, as its ``_RegexPredicate`` does.
* :class:`CachedRuleLemmatizer` calls the stock lemmatizer's own
  ``lemmatize`` once per distinct ``(ORTH, POS, MORPH)`` — the key its result
  depends on, the stock component's own cache key — and reads and writes the
  lemmas as arrays.  Like the stock component it leaves a token whose lemma is
  already set (by the attribute ruler) alone unless ``overwrite`` is on.

What is not compiled falls back to the stock component, whole: a pattern with
an operator (``OP``), an extension attribute, a predicate other than ``IN``,
``NOT_IN`` or ``REGEX``, a match attribute whose ``Matcher`` value differs from
``Doc.to_array`` (``SENT_START``), an assigned attribute other than ``POS``,
``TAG``, ``MORPH``, ``LEMMA`` or ``DEP`` (the stock ruler also writes lexical
attributes into the shared vocabulary), a Matcher callback, a subclassed
component, a lemmatizer mode other than ``"rule"``.  :func:`install` says which
component it replaced and why it kept the other, and logs it.

The replacements are installed with spaCy's public pipeline API: the stock
component is renamed ``<name>_stock`` and disabled (it stays loaded; its
patterns and tables are the ones used), the fast one takes its name and place,
so ``nlp.pipe_names`` is unchanged.  The setting ``fast_components`` turns this
off.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

STOCK_SUFFIX = "_stock"
RULER_FACTORY = "eventwatch_compiled_attribute_ruler"
LEMMATIZER_FACTORY = "eventwatch_cached_rule_lemmatizer"

# Attributes a pattern may test: Doc.to_array gives exactly what the Matcher
# compares (both read spaCy's get_token_attr); SENT_START is the exception.
_MATCH_NAMES = (
    "ORTH",
    "LOWER",
    "NORM",
    "SHAPE",
    "PREFIX",
    "SUFFIX",
    "LENGTH",
    "TAG",
    "POS",
    "DEP",
    "LEMMA",
    "MORPH",
    "ENT_TYPE",
    "ENT_ID",
    "ENT_KB_ID",
    "SPACY",
    "IS_ALPHA",
    "IS_ASCII",
    "IS_DIGIT",
    "IS_LOWER",
    "IS_PUNCT",
    "IS_SPACE",
    "IS_TITLE",
    "IS_UPPER",
    "LIKE_URL",
    "LIKE_NUM",
    "LIKE_EMAIL",
    "IS_STOP",
    "IS_BRACKET",
    "IS_QUOTE",
    "IS_LEFT_PUNCT",
    "IS_RIGHT_PUNCT",
    "IS_CURRENCY",
)
# Attributes whose value is a string hash, so that REGEX can search the string.
_STRING_NAMES = frozenset(
    ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP", "LEMMA")
)
# Attributes the compiled ruler may assign: token-only fields (set_token_attrs
# writes any other attribute into the lexeme as well).
_SET_NAMES = ("POS", "TAG", "MORPH", "LEMMA", "DEP")


class UnsupportedError(ValueError):
    """A pattern or component feature the fast components do not reproduce."""


def _ids() -> dict[str, int]:
    from spacy.attrs import IDS

    return {str(name): int(value) for name, value in IDS.items()}


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on one token attribute: ``eq``, ``in``, ``not_in`` or ``regex``."""

    attr: int
    kind: str
    values: tuple[int, ...] = ()
    regex: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """One stock ruler entry: its patterns, the ``index`` and the attributes it sets."""

    patterns: tuple[tuple[tuple[Condition, ...], ...], ...]
    index: int
    assign: tuple[tuple[int, int], ...]  # (attribute id, value)


def _spec_conditions(
    spec: dict[Any, Any], *, strings: Any, ids: dict[str, int], match_ids: frozenset[int]
) -> tuple[Condition, ...]:
    from spacy.strings import get_string_id

    string_ids = {ids[name] for name in _STRING_NAMES}
    out: list[Condition] = []
    for key, value in spec.items():
        if isinstance(key, str):
            name = key.upper()
            if name in ("_", "OP"):
                raise UnsupportedError(f"pattern key {key!r} (operators and extensions)")
            if name == "TEXT":
                name = "ORTH"
            if name not in ids:
                raise UnsupportedError(f"unknown pattern key {key!r}")
            attr = ids[name]
        elif isinstance(key, int):
            attr = key
        else:
            raise UnsupportedError(f"pattern key {key!r}")
        if attr not in match_ids:
            raise UnsupportedError(f"pattern attribute {key!r}")
        if isinstance(value, str):
            out.append(Condition(attr=attr, kind="eq", values=(int(strings.add(value)),)))
        elif isinstance(value, bool | int):
            out.append(Condition(attr=attr, kind="eq", values=(int(value),)))
        elif isinstance(value, dict):
            for predicate, operand in value.items():
                kind = str(predicate).upper()
                if kind in ("IN", "NOT_IN"):
                    if attr == ids["MORPH"]:
                        raise UnsupportedError("IN / NOT_IN over MORPH (normalised by the Matcher)")
                    if not isinstance(operand, list) or not all(
                        isinstance(item, str | int) for item in operand
                    ):
                        raise UnsupportedError(f"{kind} operand {operand!r}")
                    hashes = tuple(sorted({int(get_string_id(item)) for item in operand}))
                    out.append(Condition(attr=attr, kind=kind.lower(), values=hashes))
                elif kind == "REGEX" and isinstance(operand, str) and attr in string_ids:
                    re.compile(operand)
                    out.append(Condition(attr=attr, kind="regex", regex=operand))
                else:
                    raise UnsupportedError(f"predicate {predicate!r} on {key!r}")
        else:
            raise UnsupportedError(f"pattern value {value!r}")
    return tuple(out)


def compile_rules(ruler: Any) -> tuple[Rule, ...]:
    """The stock attribute ruler's entries as :class:`Rule` s, in their order.

    Raises :class:`UnsupportedError` when any entry uses a feature this module does
    not reproduce exactly.
    """
    from spacy.pipeline import AttributeRuler

    if type(ruler) is not AttributeRuler:
        raise UnsupportedError(f"component of type {type(ruler).__name__}, not AttributeRuler")
    ids = _ids()
    match_ids = frozenset(ids[name] for name in _MATCH_NAMES)
    set_ids = frozenset(ids[name] for name in _SET_NAMES)
    strings = ruler.vocab.strings
    if len(ruler.matcher) != len(ruler.attrs) or len(ruler.indices) != len(ruler.attrs):
        raise UnsupportedError("matcher keys and ruler entries disagree")
    rules: list[Rule] = []
    for number, attrs in enumerate(ruler.attrs):
        entry = ruler.matcher.get(str(number))
        if entry is None:
            raise UnsupportedError(f"entry {number} has no patterns")
        on_match, patterns = entry
        if on_match is not None:
            raise UnsupportedError(f"entry {number} has a Matcher callback")
        assign: list[tuple[int, int]] = []
        for attr, value in attrs.items():
            if not isinstance(attr, int) or attr not in set_ids or not isinstance(value, int):
                raise UnsupportedError(f"entry {number} assigns {attr!r}")
            assign.append((attr, int(value)))
        index = int(ruler.indices[number])
        compiled: list[tuple[tuple[Condition, ...], ...]] = []
        for pattern in patterns:
            if not pattern or not all(isinstance(spec, dict) for spec in pattern):
                raise UnsupportedError(f"entry {number} has an empty or malformed pattern")
            if not -len(pattern) <= index < len(pattern):
                raise UnsupportedError(f"entry {number}: index {index} outside its pattern")
            compiled.append(
                tuple(
                    _spec_conditions(spec, strings=strings, ids=ids, match_ids=match_ids)
                    for spec in pattern
                )
            )
        rules.append(Rule(patterns=tuple(compiled), index=index, assign=tuple(assign)))
    return tuple(rules)


@dataclass(slots=True)
class _Batch:
    """The attribute columns of a batch of docs, stacked, and the condition masks."""

    columns: dict[int, np.ndarray]
    doc_of: np.ndarray  # doc number of each token
    masks: dict[Condition, np.ndarray] = field(default_factory=dict)


class CompiledAttributeRuler:
    """The stock attribute ruler's patterns as array lookups (same results, batched)."""

    def __init__(self, ruler: Any, *, name: str = "attribute_ruler") -> None:
        self.name = name
        self.vocab = ruler.vocab
        self.rules = compile_rules(ruler)
        self._set_ids = sorted({attr for rule in self.rules for attr, _ in rule.assign})
        conditions = {
            condition
            for rule in self.rules
            for pattern in rule.patterns
            for spec in pattern
            for condition in spec
        }
        self._read_ids = sorted({c.attr for c in conditions} | set(self._set_ids))
        # as Doc.to_array / from_array take them
        self._read_attrs: list[int | str] = list(self._read_ids)
        self._set_attrs: list[int | str] = list(self._set_ids)
        self._regex_hits: dict[str, dict[int, bool]] = {}

    def __call__(self, doc: Doc) -> Doc:
        self.apply([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        docs = iter(stream)
        while batch := list(islice(docs, max(batch_size, 1))):
            self.apply(batch)
            yield from batch

    def _mask(self, condition: Condition, batch: _Batch) -> np.ndarray:
        mask = batch.masks.get(condition)
        if mask is not None:
            return mask
        column = batch.columns[condition.attr]
        if condition.kind == "eq":
            mask = column == np.uint64(condition.values[0])
        elif condition.kind == "in":
            mask = np.isin(column, np.array(condition.values, dtype=np.uint64))
        elif condition.kind == "not_in":
            mask = ~np.isin(column, np.array(condition.values, dtype=np.uint64))
        else:  # regex: searched once per distinct string, cached per process
            hits = self._regex_hits.setdefault(condition.regex, {})
            pattern = re.compile(condition.regex)
            strings = self.vocab.strings
            matching = []
            for value in np.unique(column).tolist():
                hit = hits.get(value)
                if hit is None:
                    hit = hits[value] = bool(pattern.search(strings[value]))
                if hit:
                    matching.append(value)
            mask = np.isin(column, np.array(matching, dtype=np.uint64))
        batch.masks[condition] = mask
        return mask

    def _targets(self, rule: Rule, batch: _Batch) -> np.ndarray:
        """The token positions the rule's matches assign to (stacked batch positions)."""
        total = len(batch.doc_of)
        found: list[np.ndarray] = []
        for pattern in rule.patterns:
            length = len(pattern)
            starts = total - length + 1
            if starts <= 0:
                continue
            hit = np.ones(starts, dtype=bool)
            for offset, spec in enumerate(pattern):
                for condition in spec:
                    hit &= self._mask(condition, batch)[offset : offset + starts]
            if length > 1:  # a match never spans two docs
                hit &= batch.doc_of[:starts] == batch.doc_of[length - 1 :]
            shift = rule.index if rule.index >= 0 else length + rule.index
            found.append(np.flatnonzero(hit) + shift)
        if not found:
            return np.zeros(0, dtype=np.intp)
        return found[0] if len(found) == 1 else np.concatenate(found)

    def apply(self, docs: Sequence[Doc]) -> None:
        """Set the attributes of every match in ``docs``, in place."""
        if not self._set_attrs or not docs:
            return
        arrays = [doc.to_array(self._read_attrs).reshape(len(doc), -1) for doc in docs]
        stacked = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        sizes = [len(doc) for doc in docs]
        batch = _Batch(
            columns={attr: stacked[:, n] for n, attr in enumerate(self._read_ids)},
            doc_of=np.repeat(np.arange(len(docs)), sizes),
        )
        # every pattern is matched on the docs as they came in, before any assignment
        out = {attr: batch.columns[attr].copy() for attr in self._set_ids}
        for rule in self.rules:
            targets = self._targets(rule, batch)
            if len(targets):
                for attr, value in rule.assign:
                    out[attr][targets] = value
        result = np.stack([out[attr] for attr in self._set_ids], axis=1)
        position = 0
        for doc, size in zip(docs, sizes, strict=True):
            if size:
                rows: Any = result[position : position + size]
                doc.from_array(self._set_attrs, rows)
            position += size


def check_lemmatizer(lemmatizer: Any) -> None:
    """Raise :class:`UnsupportedError` unless ``lemmatizer`` is a stock rule lemmatizer."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer):
        raise UnsupportedError(f"lemmatizer of type {type(lemmatizer).__name__}")
    if lemmatizer.mode != "rule":
        raise UnsupportedError(f"lemmatizer mode {lemmatizer.mode!r}, not 'rule'")
    lookups = lemmatizer.lookups
    method = getattr(lemmatizer, "lemmatize", None)
    if (
        getattr(method, "__func__", None) is not Lemmatizer.rule_lemmatize
        or getattr(method, "__self__", None) is not lemmatizer
    ):
        raise UnsupportedError("lemmatizer.lemmatize is not the stock rule_lemmatize")
    if "lemma_rules" not in lookups:
        raise UnsupportedError("lemmatizer has no lemma_rules table")


@dataclass(frozen=True, slots=True)
class _PosTables:
    """The rule tables of one universal POS, with the index as a set."""

    any_table: bool
    index: frozenset[str]
    exceptions: dict[str, list[str]]
    rules: tuple[tuple[str, str], ...]


class CachedRuleLemmatizer:
    """The stock rule lemmatizer, computed once per distinct (ORTH, POS, MORPH).

    Its result depends on nothing else: it is the stock component's own cache
    key.  A new key is computed with the stock component's tables and its
    ``is_base_form``, the lemma index held as a set (the stock component
    scans it as a list, which is most of its cost); the first form is the
    lemma, as there.
    """

    def __init__(self, lemmatizer: Any, *, name: str = "lemmatizer") -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        check_lemmatizer(lemmatizer)
        self.name = name
        self.stock = lemmatizer
        self.overwrite = bool(lemmatizer.overwrite)
        self._read: list[int | str] = [ORTH, POS, MORPH, LEMMA]
        self._lemma: list[int | str] = [LEMMA]
        self._cache: dict[tuple[int, int, int], str] = {}
        self._tables: dict[str, _PosTables] = {}

    def _pos_tables(self, univ_pos: str) -> _PosTables:
        tables = self._tables.get(univ_pos)
        if tables is None:
            lookups = self.stock.lookups
            index = lookups.get_table("lemma_index", {}).get(univ_pos)
            exceptions = lookups.get_table("lemma_exc", {}).get(univ_pos)
            rules = lookups.get_table("lemma_rules", {}).get(univ_pos)
            tables = self._tables[univ_pos] = _PosTables(
                any_table=any((index, exceptions, rules)),
                index=frozenset(index or ()),
                exceptions=dict(exceptions or {}),
                rules=tuple((str(old), str(new)) for old, new in rules or ()),
            )
        return tables

    def lemma(self, token: Any) -> str:
        """The lemma the stock rule lemmatizer gives ``token`` (its first form)."""
        text: str = token.text
        univ_pos = token.pos_.lower()
        if univ_pos == "":  # the stock component warns: let it
            first: str = self.stock.lemmatize(token)[0]
            return first
        if univ_pos in ("eol", "space") or self.stock.is_base_form(token):
            return text.lower()
        tables = self._pos_tables(univ_pos)
        if not tables.any_table:
            return text if univ_pos == "propn" else text.lower()
        lower = text.lower()
        known: list[str] = []  # forms in the index: the last rule's first
        other: list[str] = []  # forms with a non-letter, in rule order
        unknown: list[str] = []  # alphabetic forms missing from the index
        for old, new in tables.rules:
            if not lower.endswith(old):
                continue
            form = lower[: len(lower) - len(old)] + new
            if not form:
                continue
            if form in tables.index:
                known.append(form)
            elif form.isalpha():
                unknown.append(form)
            else:
                other.append(form)
        forms = list(dict.fromkeys([*reversed(known), *other]))
        for form in tables.exceptions.get(lower, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or unknown or [text])[0]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        add: Callable[[str], int] = self.stock.vocab.strings.add
        cache = self._cache
        table = doc.to_array(self._read)
        lemmas = table[:, 3].copy()
        todo = range(len(doc)) if self.overwrite else np.flatnonzero(lemmas == 0).tolist()
        rows = table.tolist()
        for position in todo:
            orth, pos, morph, _ = rows[position]
            key = (orth, pos, morph)
            lemma = cache.get(key)
            if lemma is None:
                token = doc[position]
                lemma = self.lemma(token)
                if pos:  # with no POS the stock component warns afresh each time
                    cache[key] = lemma
            lemmas[position] = add(lemma)
        written: Any = lemmas
        doc.from_array(self._lemma, written)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        del batch_size  # one doc at a time: nothing to gain from batching here
        for doc in stream:
            yield self(doc)


def _register_factories() -> None:
    from spacy.language import Language

    if not Language.has_factory(RULER_FACTORY):

        @Language.factory(RULER_FACTORY, default_config={"stock": "attribute_ruler_stock"})
        def make_ruler(nlp: Language, name: str, stock: str) -> CompiledAttributeRuler:
            return CompiledAttributeRuler(nlp.get_pipe(stock), name=name)

    if not Language.has_factory(LEMMATIZER_FACTORY):

        @Language.factory(LEMMATIZER_FACTORY, default_config={"stock": "lemmatizer_stock"})
        def make_lemmatizer(nlp: Language, name: str, stock: str) -> CachedRuleLemmatizer:
            return CachedRuleLemmatizer(nlp.get_pipe(stock), name=name)


def _swap(nlp: Language, name: str, factory: str) -> None:
    stock_name = name + STOCK_SUFFIX
    nlp.rename_pipe(name, stock_name)
    nlp.add_pipe(factory, name=name, after=stock_name, config={"stock": stock_name})
    nlp.disable_pipe(stock_name)


def install(nlp: Language) -> dict[str, str]:
    """Replace the stock attribute ruler and rule lemmatizer where they compile.

    Returns, for each of the two components the pipeline has, ``"fast"`` or
    why the stock one is kept.  Components are found by their factory, so a
    pipeline that names them differently is handled too.
    """
    _register_factories()
    done: dict[str, str] = {}
    factories = {name: nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    for name, factory in factories.items():
        if factory == "attribute_ruler":
            check: Callable[[Any], object] = compile_rules
            fast = RULER_FACTORY
        elif factory == "lemmatizer":
            check, fast = check_lemmatizer, LEMMATIZER_FACTORY
        else:
            continue
        try:
            check(nlp.get_pipe(name))
        except UnsupportedError as reason:
            done[name] = f"stock ({reason})"
            logger.info("keeping spaCy's %s: %s", name, reason)
            continue
        _swap(nlp, name, fast)
        done[name] = "fast"
    return done
