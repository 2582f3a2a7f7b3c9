"""The pipeline: an ordered list of named stages, mapped over batches of documents.

Stages (see :data:`REGISTRY`; ``settings.stages`` chooses and orders them)::

    ingest   needs raw document        adds article (clean body + metadata)
    nlp      needs article             adds doc, article.sentences, article.entities
    actors   needs doc, metadata       adds article.actors (codes, offices, coreference)
    places   needs doc (and actors)    adds article.places (geocoded, with roles)
    dates    needs doc, metadata       adds article.dates (resolved against the date)
    encode   needs doc, actors         adds readings (the shared encoder, once per
                                       candidate sentence; skipped when coder = rules)
    events   needs doc, actors, places, dates
                                       adds article.events (CAMEO, PLOVER, modality)
    quotes   needs doc, actors, dates, events
                                       adds article.quotes, article.claims
    stance   needs events              adds article.stances (per actor and target)

Each stage declares what it needs and adds; the order in the settings is
checked against those contracts before anything runs.

:func:`run` is a pure function of its inputs: it yields, in input order, one
:class:`Article`, :class:`Failure` or :class:`Skipped` per input item.  A failing
item never stops the batch.  ``workers > 1`` maps the same batch function over
worker processes (each loads the model once); the caller stays the only writer.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from eventwatch.errors import ConfigError, EventwatchError
from eventwatch.ingest.sources import RawDocument
from eventwatch.ingest.stage import ingest_document
from eventwatch.nlp import annotate, load_pipeline, parse
from eventwatch.records import Article, Failure, Place
from eventwatch.settings import Settings

logger = logging.getLogger(__name__)

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker process
BATCH_CHARS = 200_000  # body characters parsed and analysed together within a batch


@dataclass(frozen=True, slots=True, kw_only=True)
class Work:
    """One document on its way through the stages."""

    raw: RawDocument
    article: Article | None = None
    doc: Any = None  # spacy.tokens.Doc once the nlp stage ran; never leaves the worker
    readings: Any = None  # sentence start → encoder Reading once 'encode' ran; never stored
    unparsed: bool = False  # the nlp stage left it out on purpose (see Article.notes)


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An item left out on purpose (already in the store)."""

    item: str
    sha256: str
    reason: str


Result = Article | Failure | Skipped
StageFn = Callable[[list[Work]], list[Work | Failure]]
ArticleFn = Callable[[Work, Article], Article]
SkipFn = Callable[[str], bool]


@dataclass(frozen=True, slots=True, kw_only=True)
class StageInfo:
    """A stage's contract and how to build it from settings."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    build: Callable[[Settings], StageFn]
    help: str


def _build_ingest(settings: Settings) -> StageFn:
    def ingest(batch: list[Work]) -> list[Work | Failure]:
        out: list[Work | Failure] = []
        for work in batch:
            try:
                out.append(replace(work, article=ingest_document(work.raw)))
            except EventwatchError as error:
                out.append(
                    Failure(item=work.raw.label, stage="ingest", message=_strip(error, work))
                )
            except (Exception, RecursionError) as error:  # one item's bug fails that item only
                logger.exception("stage ingest failed on %s", work.raw.label)
                out.append(_failure_for(work, "ingest", error))
        return out

    return ingest


def _build_nlp(settings: Settings) -> StageFn:
    nlp = load_pipeline(
        model=settings.model,
        use_blis=settings.use_blis,
        blas_threads=settings.blas_threads,
        fast_components=settings.fast_components,
    )
    limit = settings.max_text_chars

    language = str(nlp.lang)

    def parse_stage(batch: list[Work]) -> list[Work | Failure]:
        foreign = {id(work) for work in batch if _article(work).language not in (None, language)}
        fits = [
            work for work in batch if len(_article(work).text) <= limit and id(work) not in foreign
        ]
        parsed: dict[int, Any] = {}
        errors: dict[int, Exception] = {}
        try:
            docs = parse(nlp, [_article(w).text for w in fits], batch_size=settings.batch_size)
            parsed = {id(work): doc for work, doc in zip(fits, docs, strict=True)}
        except Exception:  # find the item at fault: parse one at a time
            logger.exception("parse failed on a batch; parsing its items one by one")
            for work in fits:
                try:
                    (parsed[id(work)],) = parse(nlp, [_article(work).text], batch_size=1)
                except Exception as error:  # that item fails, the others go on
                    logger.exception("parse failed on %s", work.raw.label)
                    errors[id(work)] = error
        out: list[Work | Failure] = []
        for work in batch:
            doc = parsed.get(id(work))
            if id(work) in foreign:
                article = _article(work)
                note = (
                    f"not parsed: the text is in language '{article.language}' and the"
                    f" pipeline '{settings.model}' reads '{language}' only; the stages after"
                    " ingest were skipped"
                )
                article = replace(article, notes=(*article.notes, note))
                out.append(replace(work, article=article, unparsed=True))
            elif id(work) in errors:
                out.append(_failure_for(work, "nlp", errors[id(work)]))
            elif doc is None:
                size = len(_article(work).text)
                message = f"body is {size:,} characters, over max_text_chars ({limit:,})"
                out.append(Failure(item=work.raw.label, stage="nlp", message=message))
            else:
                out.append(replace(work, article=annotate(_article(work), doc), doc=doc))
        return out

    return parse_stage


def per_article(name: str, update: ArticleFn) -> StageFn:
    """A stage that updates each parsed article on its own.

    ``update(work, article)`` returns the article with the stage's fields set.
    An error on one article fails that article only (a :class:`Failure` naming
    it); the rest of the batch goes on.
    """

    def stage(batch: list[Work]) -> list[Work | Failure]:
        out: list[Work | Failure] = []
        for work in batch:
            if work.unparsed:  # the nlp stage left it out and said why
                out.append(work)
                continue
            try:
                article = update(work, _article(work))
            except Exception as error:  # one article's bug must not take the batch down
                logger.exception("stage %s failed on %s", name, work.raw.label)
                out.append(_failure_for(work, name, error))
                continue
            out.append(replace(work, article=article))
        return out

    return stage


def _build_actors(settings: Settings) -> StageFn:
    from eventwatch.actors.resolve import Resolver
    from eventwatch.actors.stage import resolve_actors
    from eventwatch.knowledge import knowledge_base_for
    from eventwatch.places import Gazetteer

    nlp = load_pipeline(
        model=settings.model,
        use_blis=settings.use_blis,
        blas_threads=settings.blas_threads,
        fast_components=settings.fast_components,
    )
    resolver = Resolver(kb=knowledge_base_for(settings), nlp=nlp, gazetteer=Gazetteer.load())

    def actors(work: Work, article: Article) -> Article:
        found = resolve_actors(work.doc, resolver=resolver, published=article.published)
        return replace(article, actors=found)

    return per_article("actors", actors)


def group_places(mentions: Sequence[Any]) -> tuple[Place, ...]:
    """One :class:`Place` per geocoded place, with every mention span and its role."""
    grouped: dict[str, list[Any]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        grouped.setdefault(mention.place.id, []).append(mention)
    return tuple(
        Place(
            id=key,
            name=items[0].place.name,
            kind=items[0].place.kind,
            country=items[0].place.country,
            lat=items[0].place.lat,
            lon=items[0].place.lon,
            mentions=tuple((m.start, m.end) for m in items),
            roles=tuple(m.role for m in items),
        )
        for key, items in grouped.items()
    )


def _build_places(settings: Settings) -> StageFn:
    from eventwatch.actors.stage import article_countries
    from eventwatch.knowledge import knowledge_base_for
    from eventwatch.places import Gazetteer, find_places

    gazetteer = Gazetteer.load()
    kb = knowledge_base_for(settings)

    def places(work: Work, article: Article) -> Article:
        # the actors stage (when it ran first) and the publisher give the article's countries
        context = article_countries(article, kb=kb)
        found = find_places(work.doc, gazetteer=gazetteer, context_countries=context)
        return replace(article, places=group_places(found))

    return per_article("places", places)


def _build_dates(settings: Settings) -> StageFn:
    from eventwatch.dates import resolve_doc_dates

    def dates(work: Work, article: Article) -> Article:
        found = tuple(resolve_doc_dates(work.doc, anchor=article.published))
        return replace(article, dates=found)

    return per_article("dates", dates)


def _build_events(settings: Settings) -> StageFn:
    from eventwatch.events.coder import Coder
    from eventwatch.events.stage import code_events
    from eventwatch.knowledge import associates_for, ontology_for, patterns_for
    from eventwatch.places import Gazetteer

    coder = Coder(
        patterns=patterns_for(settings),
        ontology=ontology_for(settings),
        associates=associates_for(settings),
    )
    gazetteer = Gazetteer.load()

    def events(work: Work, article: Article) -> Article:
        found = code_events(
            work.doc,
            article=article,
            coder=coder,
            gazetteer=gazetteer,
            readings=work.readings,
        )
        return replace(article, events=found)

    return per_article("events", events)


def _build_encode(settings: Settings) -> StageFn:
    from pathlib import Path

    from eventwatch.encoder.runtime import Encoder
    from eventwatch.encoder.stage import SentenceReadings, read_sentences

    if settings.coder != "learned":

        def skip(batch: list[Work]) -> list[Work | Failure]:
            return list(batch)  # the rules-only coder: nothing to read

        return skip
    encoder = Encoder(
        None if settings.encoder_model == "packaged" else Path(settings.encoder_model),
        threads=settings.blas_threads,
    )

    def encode(batch: list[Work]) -> list[Work | Failure]:
        parsed = [work for work in batch if not work.unparsed]  # the others said why
        try:
            found: list[SentenceReadings] = read_sentences(
                [(work.doc, _article(work)) for work in parsed], encoder=encoder
            )
        except Exception as error:  # the batch fails item by item, named
            logger.exception("stage encode failed on a batch")
            return [_failure_for(work, "encode", error) for work in batch]
        readings = {id(work): read for work, read in zip(parsed, found, strict=True)}
        return [
            replace(work, readings=readings[id(work)]) if id(work) in readings else work
            for work in batch
        ]

    return encode


def _build_quotes(settings: Settings) -> StageFn:
    from eventwatch.events.stage import sentence_locator
    from eventwatch.knowledge import associates_for
    from eventwatch.places import Gazetteer
    from eventwatch.quotes import extract_claims, extract_quotes

    gazetteer = Gazetteer.load()
    associates = associates_for(settings)

    def quotes(work: Work, article: Article) -> Article:
        locate = sentence_locator(article, gazetteer)
        found = extract_quotes(
            work.doc,
            article=article,
            locate=locate,
            readings=_quote_readings(work.readings),
            associates=associates,
        )
        claims = extract_claims(work.doc, article=article)
        return replace(article, quotes=found, claims=claims)

    return per_article("quotes", quotes)


def _quote_readings(readings: Any) -> Any:
    """The encode stage's readings when its model tags attributions, else None (rules only)."""
    return readings if getattr(readings, "quotes", False) else None


def _build_stance(settings: Settings) -> StageFn:
    from eventwatch.stance import article_stances

    def stance(work: Work, article: Article) -> Article:
        return replace(article, stances=article_stances(article))

    return per_article("stance", stance)


REGISTRY: dict[str, StageInfo] = {
    "ingest": StageInfo(
        name="ingest",
        requires=("raw",),
        assigns=("article", "article.text", "article.metadata"),
        build=_build_ingest,
        help="decode, extract the clean body and metadata (pasted text, HTML, JSONL)",
    ),
    "nlp": StageInfo(
        name="nlp",
        requires=("article.text",),
        assigns=("doc", "article.sentences", "article.entities"),
        build=_build_nlp,
        help="spaCy parse of the clean body: sentences, tokens, entities, dependencies",
    ),
    "actors": StageInfo(
        name="actors",
        requires=("doc", "article.metadata"),
        assigns=("article.actors",),
        build=_build_actors,
        help="mentions resolved to actors: country + sector codes, dated offices, coreference",
    ),
    "places": StageInfo(
        name="places",
        requires=("doc",),
        assigns=("article.places",),
        build=_build_places,
        help="places named in the text, geocoded, with their role (location, origin, ...)",
    ),
    "dates": StageInfo(
        name="dates",
        requires=("doc", "article.metadata"),
        assigns=("article.dates",),
        build=_build_dates,
        help="date expressions resolved against the article date: a day and its period",
    ),
    "encode": StageInfo(
        name="encode",
        requires=("doc", "article.actors"),
        assigns=("readings",),
        build=_build_encode,
        help="the shared encoder reads each candidate sentence once: event root, source/target",
    ),
    "events": StageInfo(
        name="events",
        requires=("doc", "article.actors", "article.places", "article.dates"),
        assigns=("article.events",),
        build=_build_events,
        help="CAMEO and PLOVER events with modality, date, place and the words that gave them",
    ),
    "quotes": StageInfo(
        name="quotes",
        requires=("doc", "article.actors", "article.dates", "article.events"),
        assigns=("article.quotes", "article.claims"),
        build=_build_quotes,
        help="direct and indirect quotations with speaker, cue, content, place; claims",
    ),
    "stance": StageInfo(
        name="stance",
        requires=("article.events",),
        assigns=("article.stances",),
        build=_build_stance,
        help="each actor's position toward each target in the article (Goldstein, by modality)",
    ),
}


def _article(work: Work) -> Article:
    """The article of a work item past the ingest stage (the contract check ensures it)."""
    if work.article is None:
        raise ConfigError(f"{work.raw.label}: a stage ran before 'ingest' added the article")
    return work.article


def _strip(error: Exception, work: Work) -> str:
    """The error message without a leading item label (the Failure carries it)."""
    message = str(error)
    prefix = f"{work.raw.label}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def check_stages(names: Sequence[str]) -> tuple[StageInfo, ...]:
    """Resolve stage names and check every stage's needs are met by earlier ones."""
    if not names or names[0] != "ingest":
        raise ConfigError("setting 'stages' must start with 'ingest'")
    available = {"raw"}
    infos = []
    for name in names:
        info = REGISTRY.get(name)
        if info is None:
            raise ConfigError(
                f"unknown stage '{name}' in setting 'stages'; known: {', '.join(REGISTRY)}"
            )
        missing = [need for need in info.requires if need not in available]
        if missing:
            raise ConfigError(
                f"stage '{name}' needs {', '.join(missing)}, which no earlier stage adds"
            )
        available.update(info.assigns)
        infos.append(info)
    return tuple(infos)


class BatchRunner:
    """The stages built once (model loaded once), applied to one batch at a time."""

    def __init__(self, settings: Settings, *, skip: SkipFn | None = None) -> None:
        infos = check_stages(settings.stages)
        self._stages = [(info.name, info.build(settings)) for info in infos]
        self._skip = skip

    def __call__(self, raws: Sequence[RawDocument]) -> list[Result]:
        results: dict[int, Result] = {}
        live = [Work(raw=raw) for raw in raws]
        index = {id(work): position for position, work in enumerate(live)}
        (first, *rest) = self._stages
        live = self._apply([first], live, index, results)
        # parse and analyse in groups of bounded size, so the parsed Docs held at
        # once stay bounded whatever the batch size and the size of each body
        for group in _char_groups(live, BATCH_CHARS):
            for work in self._apply(rest, group, index, results):
                results[index[id(work)]] = _article(work)
        return [results[position] for position in range(len(raws))]

    def _apply(
        self,
        stages: Sequence[tuple[str, StageFn]],
        live: list[Work],
        index: dict[int, int],
        results: dict[int, Result],
    ) -> list[Work]:
        for name, stage in stages:
            if not live:
                break
            try:
                outcome = stage(live)
            except Exception as error:  # a stage bug must not take the batch down
                logger.exception("stage %s failed on a batch", name)
                outcome = [_failure_for(w, name, error) for w in live]
            nxt: list[Work] = []
            for work, out in zip(live, outcome, strict=True):
                position = index[id(work)]
                if isinstance(out, Failure):
                    results[position] = out
                    continue
                index[id(out)] = position
                if (
                    name == "ingest"
                    and self._skip
                    and out.article
                    and self._skip(out.article.sha256)
                ):
                    results[position] = Skipped(
                        item=out.raw.label, sha256=out.article.sha256, reason="already stored"
                    )
                    continue
                nxt.append(out)
            live = nxt
        return live


def _char_groups(works: list[Work], budget: int) -> Iterator[list[Work]]:
    """``works`` in order, in groups whose bodies add up to at most ``budget``
    characters (a longer body makes a group of its own)."""
    group: list[Work] = []
    size = 0
    for work in works:
        length = len(work.article.text) if work.article else 0
        if group and size + length > budget:
            yield group
            group, size = [], 0
        group.append(work)
        size += length
    if group:
        yield group


def _failure_for(work: Work, stage: str, error: Exception) -> Failure:
    return Failure(
        item=work.raw.label, stage=stage, message=f"internal error: {type(error).__name__}: {error}"
    )


def _batches(
    items: Iterable[RawDocument | Failure], size: int
) -> Iterator[list[RawDocument | Failure]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _run_chunk(
    runner: Callable[[Sequence[RawDocument]], list[Result]], chunk: list[RawDocument | Failure]
) -> list[Result]:
    raws = [item for item in chunk if isinstance(item, RawDocument)]
    done = iter(runner(raws)) if raws else iter(())
    return [item if isinstance(item, Failure) else next(done) for item in chunk]


run_chunk = _run_chunk  # for executors (eventwatch.executors): failures pass through in place


# -- worker processes --------------------------------------------------------------

_WORKER_RUNNER: list[BatchRunner | EventwatchError] = []  # one per worker, set at its start


def _init_worker(settings: Settings, skip: SkipFn | None) -> None:
    from eventwatch.nlp import limit_blas_threads

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit_blas_threads(settings.blas_threads)
    try:
        _WORKER_RUNNER.append(BatchRunner(settings, skip=skip))
    except EventwatchError as error:  # raised again with the first batch, in the parent
        _WORKER_RUNNER.append(error)


def _worker_batch(chunk: list[RawDocument | Failure]) -> list[Result]:
    runner = _WORKER_RUNNER[0]
    if isinstance(runner, EventwatchError):
        raise runner
    return _run_chunk(runner, chunk)


@dataclass(slots=True)
class _Pending:
    """A batch sent (or to be sent) to the worker pool."""

    chunk: list[RawDocument | Failure]
    future: Future[list[Result]] | None = None


def _lost_batch(chunk: list[RawDocument | Failure]) -> list[Result]:
    """The results of a batch whose worker process died: each item fails by name."""
    message = (
        "the worker process died while analysing this item's batch (killed, or out of"
        " memory); the rest of the run went on. Run it again alone or with fewer workers"
    )
    return [
        item
        if isinstance(item, Failure)
        else Failure(item=item.label, stage="worker", message=message)
        for item in chunk
    ]


class _Pool:
    """A spawn process pool that is replaced when one of its workers dies."""

    def __init__(self, settings: Settings, skip: SkipFn | None) -> None:
        self._settings = settings
        self._skip = skip
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._settings.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self._settings, self._skip),
        )

    def restart(self) -> None:
        self.close()
        self.executor = self._start()

    def close(self) -> None:
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # a worker stuck on a batch must not outlive the run
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


def _run_pool(
    items: Iterable[RawDocument | Failure], *, settings: Settings, skip: SkipFn | None
) -> Iterator[Result]:
    """The batches mapped over worker processes, results in input order.

    When a worker dies (killed, out of memory) the pool breaks and every batch
    in flight is lost with it.  The pool is restarted and those batches are run
    again one at a time, so the one that killed its worker is known: its items
    fail by name (:func:`_lost_batch`) and the others are analysed as usual.
    """
    pool = _Pool(settings, skip)
    queue: deque[_Pending] = deque()
    source = _batches(items, settings.batch_size)
    exhausted = False
    suspects = 0  # batches to run alone, after a worker died
    limit = IN_FLIGHT_PER_WORKER * settings.workers
    try:
        while True:
            while not exhausted and len(queue) < limit:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                else:
                    queue.append(_Pending(chunk))
            if not queue:
                return
            head = queue[0]
            alone = bool(suspects)
            try:  # a pool may break at submit too, when a worker died meanwhile
                if head.future is None:
                    head.future = pool.executor.submit(_worker_batch, head.chunk)
                future = head.future
                for pending in [] if alone else list(queue)[1:]:
                    if pending.future is None:
                        pending.future = pool.executor.submit(_worker_batch, pending.chunk)
                results = future.result()
            except BrokenProcessPool:
                logger.warning("a worker process died; restarting the pool")
                pool.restart()
                if alone:  # it ran alone: this batch killed its worker
                    queue.popleft()
                    suspects -= 1
                    yield from _lost_batch(head.chunk)
                else:  # the batches in flight run again, one at a time
                    flying = [n for n, pending in enumerate(queue) if pending.future is not None]
                    suspects = max(flying, default=0) + 1
                for pending in queue:
                    pending.future = None
                continue
            queue.popleft()
            suspects = max(suspects - 1, 0)
            yield from results
    finally:
        pool.close()


def run(
    items: Iterable[RawDocument | Failure],
    *,
    settings: Settings,
    skip: SkipFn | None = None,
) -> Iterator[Result]:
    """Run the configured stages over ``items``; yield one result per item, in order.

    ``skip`` (a picklable callable taking a sha256) marks articles to leave out
    after ingest, e.g. those already stored.  With ``settings.workers > 1`` the
    batches go to worker processes, at most :data:`IN_FLIGHT_PER_WORKER` batches
    in flight per worker (enough that a slow batch at the head of the line does
    not leave the other workers idle, few enough that memory stays flat).  A
    worker that dies costs only its own batch (see :func:`_run_pool`).
    """
    check_stages(settings.stages)
    if settings.executor != "local":  # scale-out backends (eventwatch.executors)
        from eventwatch.executors import executor_for

        backend = executor_for(settings)
        if backend is not None:
            for results in backend.map_chunks(
                _batches(items, settings.batch_size), settings=settings, skip=skip
            ):
                yield from results
            return
    if settings.workers <= 1:
        runner = BatchRunner(settings, skip=skip)
        for chunk in _batches(items, settings.batch_size):
            yield from _run_chunk(runner, chunk)
        return
    yield from _run_pool(items, settings=settings, skip=skip)
