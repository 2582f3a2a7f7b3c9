-- 0001_articles: one row per article, keyed by the SHA-256 of its clean body.
CREATE TABLE articles (
    sha256             TEXT PRIMARY KEY,
    id                 TEXT NOT NULL,
    source             TEXT NOT NULL,
    source_kind        TEXT NOT NULL,
    title              TEXT,
    published          TEXT,              -- YYYY-MM-DD
    publisher          TEXT,
    first_published_in TEXT,
    url                TEXT,
    genre              TEXT NOT NULL,
    language           TEXT,
    text               TEXT NOT NULL,
    model              TEXT,              -- spaCy pipeline that parsed it, NULL if not parsed
    record             TEXT NOT NULL,     -- the full public JSON record
    ingested_at        TEXT NOT NULL
);
CREATE INDEX articles_id ON articles(id);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE authors (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    role           TEXT,
    PRIMARY KEY (article_sha256, position)
);
CREATE INDEX authors_name ON authors(name);

CREATE TABLE entities (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    label          TEXT NOT NULL,
    text           TEXT NOT NULL,
    PRIMARY KEY (article_sha256, start, end, label)
);
CREATE INDEX entities_text ON entities(label, text);
