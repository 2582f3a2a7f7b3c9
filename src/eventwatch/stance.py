"""Stance: where an actor stands toward a target, period by period, from its coded events.

Reads ``Article.events`` (and ``Article.claims``); adds ``Article.stances``
through :func:`article_stances` (the pipeline's ``stance`` stage).

The scale is Goldstein's, -10 (pressure, conflict) to +10 (engagement,
cooperation).  A stance in one period is the **modality-weighted mean**
Goldstein value of the actor's events toward the target dated in that period::

    score = sum(weight(e.modality) * e.goldstein) / sum(weight(e.modality))

The weights and thresholds live in ``eventwatch/data/stance/weights.tsv``
(:func:`load_weights`): an asserted act counts in full, a proposal or an
intention half, a hypothetical a quarter; a negated event and an act someone
else demands of the source count nothing (weight 0 leaves an event out of the
stance altogether).  ``docs/stance.md`` explains the choices.

Public functions, each over any iterable of articles (a list, or
``Store.iter_articles()``):

* :func:`matches` — does an event's actor answer to a key (id, name, code, country)?
* :func:`stance_path` — one :class:`~eventwatch.records.Stance` per period
* :func:`evidence` — the events behind a stance, with their sentences
* :func:`compare`, :func:`compare_frame` — several actors side by side
* :func:`article_stances` — per-article stances for the pipeline stage
* :func:`check_claims` — does the record of the claimed actor bear a claim out?
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from eventwatch.actor_match import matches
from eventwatch.errors import ConfigError, EventwatchError
from eventwatch.events.modality import MODALITIES
from eventwatch.events.ontology import Ontology, load_ontology
from eventwatch.records import Article, Claim, Event, EventActor, Stance
from eventwatch.tables import read_rows

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]

Period = Literal["week", "month", "quarter", "year"]
PERIODS: tuple[str, ...] = ("week", "month", "quarter", "year")
Side = Literal["engagement", "pressure", "mixed", "no events"]
Verdict = Literal["supported", "not supported", "no record", "unclear"]

WEIGHTS_FILE = "data/stance/weights.tsv"
COMPARE_COLUMNS: tuple[str, ...] = (
    "actor",
    "actor_id",
    "actor_name",
    "period",
    "score",
    "events",
    "statements",
    "actions",
    "change",
    "side",
)
OVERALL = "overall"  # the ``period`` of compare's per-actor summary rows

_VERBAL = frozenset({1, 3})  # quad classes: verbal cooperation, verbal conflict
_MATERIAL = frozenset({2, 4})  # material cooperation, material conflict


# -- settings --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class ModalityWeights:
    """The weight of each event modality, and the thresholds of the stance scale.

    Read from ``data/stance/weights.tsv`` (see :func:`load_weights`); every
    field is one row of that file.
    """

    modality: Mapping[str, float]
    change_threshold: float = 3.0
    engagement_above: float = 1.0
    pressure_below: float = -1.0
    claim_window_days: int = 30
    claim_modalities: tuple[str, ...] = ("asserted", "historical")
    source: str = WEIGHTS_FILE

    def weight(self, modality: str) -> float:
        """The weight of an event of ``modality``; an unknown modality is an error."""
        try:
            return self.modality[modality]
        except KeyError:
            raise ConfigError(
                f"{self.source}: no weight for event modality {modality!r}; "
                f"add a 'modality.{modality}' row"
            ) from None

    def side(self, score: float | None) -> Side:
        """``engagement``, ``pressure`` or ``mixed`` for a score; ``no events`` for None."""
        if score is None:
            return "no events"
        if score > self.engagement_above:
            return "engagement"
        if score < self.pressure_below:
            return "pressure"
        return "mixed"


_NUMBERS = ("change_threshold", "engagement_above", "pressure_below")


def parse_weights(text: str, *, name: str = WEIGHTS_FILE) -> ModalityWeights:
    """Read a weights file's text (``name`` is used in error messages)."""
    modality: dict[str, float] = {}
    values: dict[str, Any] = {}
    for number, row in read_rows(text, name=name, columns=("name", "value")):
        key, raw = row["name"], row["value"]
        if not key or not raw:
            raise ConfigError(f"{name}:{number}: needs a name and a value, tab-separated")
        where = f"{name}:{number}: {key}"
        if key.startswith("modality."):
            kind = key.removeprefix("modality.")
            if kind not in MODALITIES:
                raise ConfigError(f"{where}: unknown modality (known: {', '.join(MODALITIES)})")
            weight = _float(raw, where)
            if not 0.0 <= weight <= 1.0:
                raise ConfigError(f"{where}: a weight runs from 0 to 1, not {raw}")
            modality[kind] = weight
        elif key in _NUMBERS:
            values[key] = _float(raw, where)
        elif key == "claim_window_days":
            if not raw.isdigit():
                raise ConfigError(f"{where}: needs a whole number of days, not {raw!r}")
            values[key] = int(raw)
        elif key == "claim_modalities":
            kinds = tuple(part.strip() for part in raw.split("|") if part.strip())
            unknown = [kind for kind in kinds if kind not in MODALITIES]
            if unknown or not kinds:
                raise ConfigError(f"{where}: unknown modality in {raw!r}")
            values[key] = kinds
        else:
            raise ConfigError(f"{where}: unknown setting (see docs/stance.md)")
    missing = [kind for kind in MODALITIES if kind not in modality]
    if missing:
        rows = ", ".join(f"modality.{kind}" for kind in missing)
        raise ConfigError(f"{name}: missing weights for {rows}")
    result = ModalityWeights(modality=modality, source=name, **values)
    if result.pressure_below > result.engagement_above:
        raise ConfigError(f"{name}: pressure_below must not exceed engagement_above")
    return result


def _float(raw: str, where: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{where}: needs a number, not {raw!r}") from None


def load_weights(path: str | Path | None = None) -> ModalityWeights:
    """The weights in ``path`` (a file like the shipped one), or the shipped ones."""
    if path is None:
        return weights()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read stance weights {file}: {error}") from error
    return parse_weights(text, name=str(file))


@lru_cache(maxsize=1)
def weights() -> ModalityWeights:
    """The shipped weights, read once."""
    source = resources.files("eventwatch").joinpath(WEIGHTS_FILE)
    return parse_weights(source.read_text(encoding="utf-8"))


# -- actors and periods -----------------------------------------------------------------------
def period_of(day: datetime.date, period: Period) -> tuple[datetime.date, str]:
    """``(first day, label)`` of the period holding ``day``.

    Labels: ``2013-W15`` (ISO week, Monday to Sunday, in its ISO year),
    ``2013-04``, ``2013-Q2``, ``2013``.
    """
    if period == "week":
        year, week, _ = day.isocalendar()
        return datetime.date.fromisocalendar(year, week, 1), f"{year}-W{week:02d}"
    if period == "month":
        return day.replace(day=1), f"{day.year}-{day.month:02d}"
    if period == "quarter":
        quarter = (day.month - 1) // 3 + 1
        return datetime.date(day.year, 3 * quarter - 2, 1), f"{day.year}-Q{quarter}"
    if period == "year":
        return datetime.date(day.year, 1, 1), str(day.year)
    raise ConfigError(f"unknown stance period {period!r}; use one of {', '.join(PERIODS)}")


def period_label(day: datetime.date, period: Period) -> str:
    """The label of the period holding ``day`` (see :func:`period_of`)."""
    return period_of(day, period)[1]


def event_date(event: Event, article: Article) -> datetime.date | None:
    """The event's own date, else the article's published date."""
    return event.date or article.published


# -- stance paths ------------------------------------------------------------------------------
def mean_score(total: float, weight: float) -> float:
    """``total / weight`` to two decimals, the same whatever order ``total`` and
    ``weight`` were summed in: both are rounded to six decimals first (Goldstein
    scores and modality weights carry one or two, so only the float noise of the
    summing order goes), so a path summed event by event, per group in SQL or
    from running totals per day scores a tie such as 11.7 / 4 alike."""
    return round(round(total, 6) / round(weight, 6), 2) if weight else 0.0


@dataclass(slots=True)
class _Bucket:
    start: datetime.date
    label: str
    weighted: float = 0.0
    weight: float = 0.0
    statements: int = 0
    actions: int = 0
    ids: list[tuple[datetime.date, str]] = field(default_factory=list)

    def add(self, event: Event, day: datetime.date, weight: float) -> None:
        self.weighted += weight * event.goldstein
        self.weight += weight
        if event.quad_class in _VERBAL:
            self.statements += 1
        elif event.quad_class in _MATERIAL:
            self.actions += 1
        self.ids.append((day, event.id))

    @property
    def score(self) -> float:
        return mean_score(self.weighted, self.weight)


def _directed(
    articles: Iterable[Article],
    *,
    actor: str,
    target: str,
    include_authored: bool,
    table: ModalityWeights,
) -> Iterator[tuple[Event, EventActor, EventActor, datetime.date, float]]:
    """Each scored event from ``actor`` toward ``target``, with its sides, date and weight."""
    for article in articles:
        for event in article.events:
            source, other = event.source, event.target
            if event.attributed_to_author and not include_authored:
                continue
            if source is None or other is None:
                continue  # a statement about the target names no target: not toward it
            if source.actor_id == other.actor_id:
                continue
            if not matches(source, actor) or not matches(other, target):
                continue
            day = event_date(event, article)
            weight = table.weight(event.modality)
            if day is None or weight == 0.0:
                continue
            yield event, source, other, day, weight


@dataclass(slots=True)
class _Path:
    """The buckets of one actor toward one target, and who matched on each side."""

    buckets: list[_Bucket]
    actor_id: str
    actor_name: str
    target_id: str
    target_name: str


def _collect(
    articles: Iterable[Article],
    *,
    actor: str,
    target: str,
    period: Period | None,
    include_authored: bool,
    table: ModalityWeights,
) -> _Path:
    """Bucket the events by period (``None``: one bucket for all), oldest first."""
    buckets: dict[str, _Bucket] = {}
    sources: list[EventActor] = []
    targets: list[EventActor] = []
    for event, source, other, day, weight in _directed(
        articles, actor=actor, target=target, include_authored=include_authored, table=table
    ):
        start, label = (day, OVERALL) if period is None else period_of(day, period)
        bucket = buckets.setdefault(label, _Bucket(start=start, label=label))
        bucket.start = min(bucket.start, start)
        bucket.add(event, day, weight)
        sources.append(source)
        targets.append(other)
    actor_id, actor_name = _label(sources, actor)
    target_id, target_name = _label(targets, target)
    return _Path(
        buckets=sorted(buckets.values(), key=lambda bucket: bucket.start),
        actor_id=actor_id,
        actor_name=actor_name,
        target_id=target_id,
        target_name=target_name,
    )


def _label(sides: Sequence[EventActor], key: str) -> tuple[str, str]:
    """The id and name a stance shows: the actor's own when one actor matched, else the key."""
    ids = {side.actor_id for side in sides}
    if len(ids) == 1:
        return sides[0].actor_id, sides[0].name
    return key, key


def stance_path(
    articles: Iterable[Article],
    *,
    actor: str,
    target: str,
    period: Period = "month",
    include_authored: bool = False,
    weights: ModalityWeights | None = None,
) -> list[Stance]:
    """One stance per period in which ``actor`` has events toward ``target``, oldest first.

    ``actor`` and ``target`` are keys for :func:`matches`.  Events without a
    target, events marked as the author's own judgement (unless
    ``include_authored``) and events whose modality weighs 0 are left out.
    ``change`` marks a period whose score moved by at least the change
    threshold from the previous period that has events.
    """
    if period not in PERIODS:
        raise ConfigError(f"unknown stance period {period!r}; use one of {', '.join(PERIODS)}")
    table = weights or _shipped()
    found = _collect(
        articles,
        actor=actor,
        target=target,
        period=period,
        include_authored=include_authored,
        table=table,
    )
    path: list[Stance] = []
    previous: float | None = None
    for bucket in found.buckets:
        score = bucket.score
        path.append(
            _stance(found, bucket, change=_changed(previous, score, table.change_threshold))
        )
        previous = score
    return path


def _changed(previous: float | None, score: float, threshold: float) -> bool:
    return previous is not None and abs(score - previous) >= threshold - 1e-9


def _stance(found: _Path, bucket: _Bucket, *, change: bool) -> Stance:
    return Stance(
        actor_id=found.actor_id,
        actor_name=found.actor_name,
        target_id=found.target_id,
        target_name=found.target_name,
        period=bucket.label,
        score=bucket.score,
        events=len(bucket.ids),
        statements=bucket.statements,
        actions=bucket.actions,
        change=change,
        evidence_event_ids=tuple(event_id for _, event_id in sorted(bucket.ids, key=_day)),
    )


def _day(item: tuple[datetime.date, str]) -> datetime.date:
    return item[0]  # a stable sort: events of one day stay in corpus and text order


def _shipped() -> ModalityWeights:
    return weights()


def evidence(articles: Iterable[Article], stance: Stance) -> list[dict[str, Any]]:
    """The events behind ``stance``, in its order, each with its sentence and provenance.

    Keys: ``event_id``, ``article_id``, ``date`` (ISO), ``code``, ``name``,
    ``goldstein``, ``quad_class``, ``modality``, ``source``, ``target``,
    ``location`` (place name or None), ``sentence`` (whitespace collapsed).
    An id no article holds is skipped.
    """
    wanted = set(stance.evidence_event_ids)
    found: dict[str, dict[str, Any]] = {}
    for article in articles:
        for event in article.events:
            if event.id in wanted and event.id not in found:
                found[event.id] = _event_row(event, article)
    return [found[event_id] for event_id in stance.evidence_event_ids if event_id in found]


def _event_row(event: Event, article: Article) -> dict[str, Any]:
    day = event_date(event, article)
    start, end = event.sentence
    return {
        "event_id": event.id,
        "article_id": article.id,
        "date": day.isoformat() if day else None,
        "code": event.cameo,
        "name": event.cameo_name,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "modality": event.modality,
        "source": event.source.name if event.source else None,
        "target": event.target.name if event.target else None,
        "location": event.location.name if event.location else None,
        "sentence": " ".join(article.text[start:end].split()),
    }


# -- comparing actors --------------------------------------------------------------------------
def compare(
    articles: Iterable[Article],
    *,
    actors: Sequence[str],
    target: str,
    period: Period = "month",
    include_authored: bool = False,
    weights: ModalityWeights | None = None,
) -> list[dict[str, Any]]:
    """Several actors' stances toward ``target`` side by side.

    One row per (period, actor) with events, ordered by period and then in the
    order of ``actors``; then one summary row per actor whose ``period`` is
    ``"overall"``: the weighted mean over all its events, its counts, and its
    side (``engagement`` / ``pressure`` / ``mixed``, or ``no events`` with a
    ``None`` score).  Every row has the keys in :data:`COMPARE_COLUMNS`.
    """
    table = weights or _shipped()
    corpus = list(articles)
    rows: list[tuple[datetime.date, int, dict[str, Any]]] = []
    overall: list[dict[str, Any]] = []
    for index, key in enumerate(actors):
        path = stance_path(
            corpus,
            actor=key,
            target=target,
            period=period,
            include_authored=include_authored,
            weights=table,
        )
        rows.extend((_period_start(s.period), index, _row(key, s, table)) for s in path)
        whole = _collect(
            corpus,
            actor=key,
            target=target,
            period=None,
            include_authored=include_authored,
            table=table,
        )
        if whole.buckets:
            summary = _row(key, _stance(whole, whole.buckets[0], change=False), table)
        else:
            summary = dict.fromkeys(COMPARE_COLUMNS, 0)
            summary.update(
                actor=key,
                actor_id=key,
                actor_name=key,
                score=None,
                change=False,
                side=table.side(None),
            )
        summary["period"] = OVERALL
        overall.append(summary)
    rows.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in rows] + overall


def _row(key: str, stance: Stance, table: ModalityWeights) -> dict[str, Any]:
    return {
        "actor": key,
        "actor_id": stance.actor_id,
        "actor_name": stance.actor_name,
        "period": stance.period,
        "score": stance.score,
        "events": stance.events,
        "statements": stance.statements,
        "actions": stance.actions,
        "change": stance.change,
        "side": table.side(stance.score),
    }


def _period_start(label: str) -> datetime.date:
    """The first day of a period label made by :func:`period_of`."""
    if "-W" in label:
        year, week = label.split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return datetime.date(int(year), 3 * int(quarter) - 2, 1)
    if "-" in label:
        year, month = label.split("-")
        return datetime.date(int(year), int(month), 1)
    return datetime.date(int(label), 1, 1)


def compare_frame(
    articles: Iterable[Article],
    *,
    actors: Sequence[str],
    target: str,
    period: Period = "month",
    include_authored: bool = False,
    weights: ModalityWeights | None = None,
) -> pd.DataFrame:
    """:func:`compare` as a pandas DataFrame with the columns :data:`COMPARE_COLUMNS`."""
    try:
        import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as error:
        raise EventwatchError(
            "compare_frame needs pandas: pip install 'eventwatch[tables]'"
        ) from error
    rows = compare(
        articles,
        actors=actors,
        target=target,
        period=period,
        include_authored=include_authored,
        weights=weights,
    )
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))


# -- the pipeline stage ------------------------------------------------------------------------
def article_stances(
    article: Article, *, weights: ModalityWeights | None = None
) -> tuple[Stance, ...]:
    """One stance per (source, target) actor pair of the article's events, in text order.

    Events need both sides; the author's own judgements and zero-weight
    modalities are left out.  The period is the month of the article's
    published date (the event's own date when the article has none).
    """
    table = weights or _shipped()
    found: dict[tuple[str, str, str], tuple[EventActor, EventActor, _Bucket]] = {}
    for event in article.events:
        source, other = event.source, event.target
        if event.attributed_to_author or source is None or other is None:
            continue
        if source.actor_id == other.actor_id:
            continue
        day = article.published or event.date
        weight = table.weight(event.modality)
        if day is None or weight == 0.0:
            continue
        start, label = period_of(day, "month")
        key = (source.actor_id, other.actor_id, label)
        if key not in found:
            found[key] = (source, other, _Bucket(start=start, label=label))
        found[key][2].add(event, event.date or day, weight)
    return tuple(
        _stance(
            _Path(
                buckets=[bucket],
                actor_id=source.actor_id,
                actor_name=source.name,
                target_id=other.actor_id,
                target_name=other.name,
            ),
            bucket,
            change=False,
        )
        for source, other, bucket in found.values()
    )


# -- claims ------------------------------------------------------------------------------------
def _direction(goldstein: float) -> str:
    if goldstein > 0:
        return "cooperative"
    if goldstein < 0:
        return "conflictual"
    return "neutral"


def is_state(subject: EventActor) -> bool:
    """Is a claim's subject a state (its code is its country: "Russia", not its minister),
    whose own events are those of every actor of the country?"""
    return subject.country is not None and (subject.code or "").upper() == subject.country


def _is_subject(actor: EventActor | None, subject: EventActor) -> bool:
    """The subject's own events: the same actor, or any actor of the country a state names."""
    if actor is None:
        return False
    if actor.actor_id == subject.actor_id:
        return True
    return is_state(subject) and actor.country == subject.country


def check_claims(
    articles: Iterable[Article],
    *,
    claimant: str | None = None,
    target: str | None = None,
    window_days: int | None = None,
    weights: ModalityWeights | None = None,
    ontology: Ontology | None = None,
) -> list[dict[str, Any]]:
    """Hold every claim in ``article.claims`` against the claimed actor's own coded events.

    ``ontology`` names the claimed CAMEO root (default: the shipped tables;
    pass :func:`eventwatch.knowledge.ontology_for` of the run's settings).

    For each claim (only those whose claimant matches ``claimant``, when
    given), the *subject's* events are gathered from every article: events
    whose source is the subject (or, when the subject is a state such as
    ``CHN``, any actor of that country), dated within ``window_days`` (default
    from the weights file, 30) either side of the claim's date (its own, else
    the article's), not the author's judgement, not in the claim's own
    sentence, and toward ``target`` when that is given.  Only events whose
    modality is in ``claim_modalities`` (asserted, historical) count as a
    record; the others are listed with ``counts: False``.  The verdict:

    * ``no record`` — no counting event in the window (or the claim has no date);
    * ``unclear`` — events exist, but the claim names no coded act to compare;
    * ``supported`` — a counting event has the claimed CAMEO root, or the same
      direction: cooperative (Goldstein > 0) or conflictual (< 0);
    * ``not supported`` — events exist, none in the claimed direction.
    """
    table = weights or _shipped()
    book = ontology or load_ontology()
    days = table.claim_window_days if window_days is None else window_days
    corpus = list(articles)
    rows: list[dict[str, Any]] = []
    for article in corpus:
        for claim in article.claims:
            if claimant is not None and not matches(claim.claimant, claimant):
                continue
            rows.append(
                _check(claim, article, corpus, target=target, days=days, table=table, book=book)
            )
    return rows


def _check(
    claim: Claim,
    article: Article,
    corpus: Sequence[Article],
    *,
    target: str | None,
    days: int,
    table: ModalityWeights,
    book: Ontology,
) -> dict[str, Any]:
    row, window = claim_row(
        claim, article_id=article.id, day=claim.date or article.published, days=days, book=book
    )
    if window is None:
        return row
    first, last = window
    root, claimed = row["claimed_root"], row["claimed_direction"]
    events: list[dict[str, Any]] = []
    for other in corpus:
        for event in other.events:
            when = event_date(event, other)
            if when is None or not first <= when <= last or event.attributed_to_author:
                continue
            if not _is_subject(event.source, claim.subject):
                continue
            if other.sha256 == article.sha256 and _overlaps(event.sentence, claim.sentence):
                continue  # the claim's own words are not a record of the subject
            if target is not None and not matches(event.target, target):
                continue
            counts = event.modality in table.claim_modalities
            supports = counts and supports_claim(
                cameo_root=event.cameo_root, goldstein=event.goldstein, root=root, claimed=claimed
            )
            events.append(_event_row(event, other) | {"counts": counts, "supports": supports})
    events.sort(key=lambda item: (item["date"] or "", item["article_id"], item["event_id"]))
    row["events"] = events
    judge(row, [(item["code"], item["supports"]) for item in events if item["counts"]], table=table)
    return row


def claim_row(
    claim: Claim, *, article_id: str, day: datetime.date | None, days: int, book: Ontology
) -> tuple[dict[str, Any], tuple[datetime.date, datetime.date] | None]:
    """A claim's row before it is judged (verdict ``no record``, no events) and its
    window of ``days`` either side of ``day`` (None when there is no date)."""
    root = claim.cameo_root[:2] if claim.cameo_root else None
    claimed_name: str | None = None
    claimed: str | None = None
    if root is not None and root in book:
        entry = book.cameo(root)
        claimed_name, claimed = entry.name, _direction(entry.goldstein)
    row: dict[str, Any] = {
        "claim_id": claim.id,
        "article_id": article_id,
        "claimant": claim.claimant.name,
        "subject": claim.subject.name,
        "subject_id": claim.subject.actor_id,
        "text": claim.text,
        "date": day.isoformat() if day else None,
        "window": None,
        "claimed_root": root,
        "claimed_name": claimed_name,
        "claimed_direction": claimed,
        "verdict": "no record",
        "reason": "",
        "events": [],
    }
    if day is None:
        row["reason"] = "the claim and its article have no date"
        return row, None
    first, last = day - datetime.timedelta(days=days), day + datetime.timedelta(days=days)
    row["window"] = [first.isoformat(), last.isoformat()]
    return row, (first, last)


def supports_claim(
    *, cameo_root: str, goldstein: float, root: str | None, claimed: str | None
) -> bool:
    """Whether a counting event with this code and score supports the claimed act:
    the claimed CAMEO root, or the same direction (cooperative or conflictual)."""
    return (root is not None and cameo_root == root) or (
        claimed not in (None, "neutral") and _direction(goldstein) == claimed
    )


def judge(
    row: dict[str, Any], counting: Sequence[tuple[str, bool]], *, table: ModalityWeights
) -> None:
    """Set ``row``'s verdict and reason from its counting events, each as (CAMEO code,
    whether it supports the claim)."""
    root, claimed = row["claimed_root"], row["claimed_direction"]
    window = f"{row['window'][0]}..{row['window'][1]}"
    if not counting:
        row["reason"] = f"no {'/'.join(table.claim_modalities)} events of the subject in {window}"
    elif root is None or claimed is None:
        row["verdict"] = "unclear"
        row["reason"] = "the claim names no coded act to compare with"
    elif any(supports for _, supports in counting):
        codes = sorted({code for code, supports in counting if supports})
        row["verdict"] = "supported"
        row["reason"] = f"{claimed} events in the window: {', '.join(codes)}"
    else:
        codes = sorted({code for code, _ in counting})
        row["verdict"] = "not supported"
        row["reason"] = (
            f"the subject's events in the window ({', '.join(codes)}) include no "
            f"{claimed} act and no code under root {root}"
        )


def _overlaps(one: tuple[int, int], two: tuple[int, int]) -> bool:
    return one[0] < two[1] and two[0] < one[1]
