-- 0002_analysis_tables: room for the records later stages add.  Each row keeps
-- its article and span (provenance) and the record's full JSON; the columns
-- analysts filter on are split out.  Later migrations add columns as the
-- actors, events, quotes and stance stages land.
CREATE TABLE actors (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    actor_id       TEXT NOT NULL,
    name           TEXT NOT NULL,
    country        TEXT,
    sector         TEXT,
    code           TEXT,
    record         TEXT NOT NULL,
    PRIMARY KEY (article_sha256, actor_id)
);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE mentions (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    actor_id       TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    PRIMARY KEY (article_sha256, actor_id, start)
);

CREATE TABLE events (
    article_sha256  TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    event_id        TEXT NOT NULL,
    source_actor_id TEXT,
    target_actor_id TEXT,
    cameo           TEXT NOT NULL,
    modality        TEXT NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    record          TEXT NOT NULL,
    PRIMARY KEY (article_sha256, event_id)
);
CREATE INDEX events_cameo ON events(cameo);

CREATE TABLE quotes (
    article_sha256   TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    quote_id         TEXT NOT NULL,
    speaker_actor_id TEXT,
    direct           INTEGER NOT NULL,
    record           TEXT NOT NULL,
    PRIMARY KEY (article_sha256, quote_id)
);

CREATE TABLE stances (
    article_sha256  TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    actor_id        TEXT NOT NULL,
    target_actor_id TEXT NOT NULL,
    period          TEXT NOT NULL,
    score           REAL NOT NULL,
    record          TEXT NOT NULL,
    PRIMARY KEY (article_sha256, actor_id, target_actor_id, period)
);
