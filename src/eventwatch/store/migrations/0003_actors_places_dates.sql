-- 0003_actors_places_dates: the actors stage's extra columns, each mention's
-- provenance ("how" it was resolved), and the places and dates stages' rows.
ALTER TABLE actors ADD COLUMN kind TEXT NOT NULL DEFAULT 'person';
ALTER TABLE actors ADD COLUMN office TEXT;
ALTER TABLE actors ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0;
CREATE INDEX actors_actor ON actors(actor_id);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);

ALTER TABLE mentions ADD COLUMN how TEXT;

CREATE TABLE places (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    place_id       TEXT NOT NULL,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    record         TEXT NOT NULL,
    PRIMARY KEY (article_sha256, place_id)
);
CREATE INDEX places_country ON places(country);

CREATE TABLE place_mentions (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    place_id       TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    role           TEXT NOT NULL,
    PRIMARY KEY (article_sha256, place_id, start)
);

CREATE TABLE dates (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    date           TEXT NOT NULL,     -- YYYY-MM-DD, first day of the period
    end_date       TEXT NOT NULL,     -- last day of the period
    period         TEXT NOT NULL,
    relative       INTEGER NOT NULL,
    rule           TEXT NOT NULL,
    PRIMARY KEY (article_sha256, start)
);
CREATE INDEX dates_date ON dates(date);
