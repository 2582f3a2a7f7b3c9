-- 0006_stories_event_mentions: stories (near-duplicate articles) and consolidated
-- events with their mentions, as GDELT keeps Events and Mentions apart.  The
-- per-article rows of `events` stay as they are: each is one mention.  These
-- tables are rebuilt as a whole by eventwatch.consolidate after each ingest.
CREATE TABLE article_signatures (
    article_sha256 TEXT PRIMARY KEY REFERENCES articles(sha256) ON DELETE CASCADE,
    signature      BLOB NOT NULL          -- MinHash values over the body's word shingles
);

CREATE TABLE story_articles (
    article_sha256 TEXT PRIMARY KEY REFERENCES articles(sha256) ON DELETE CASCADE,
    story_id       TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE consolidated_events (
    global_id            TEXT PRIMARY KEY,   -- ev:<16 hex>
    source_actor_id      TEXT,
    target_actor_id      TEXT,
    cameo                TEXT NOT NULL,
    modality             TEXT NOT NULL,
    attributed_to_author INTEGER NOT NULL,
    event_date           TEXT,               -- YYYY-MM-DD, the earliest mention's
    num_mentions         INTEGER NOT NULL,
    num_sources          INTEGER NOT NULL,
    num_articles         INTEGER NOT NULL,
    first_seen           TEXT,
    last_seen            TEXT
);
CREATE INDEX consolidated_events_date ON consolidated_events(event_date);

CREATE TABLE event_mentions (
    article_sha256 TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    event_id       TEXT NOT NULL,
    global_id      TEXT NOT NULL,
    position       INTEGER NOT NULL,          -- 0 for the mention the event is exported from
    story_id       TEXT,
    outlet         TEXT NOT NULL,
    published      TEXT,
    sentence       TEXT NOT NULL,             -- the mention's own sentence
    PRIMARY KEY (article_sha256, event_id)
);
CREATE INDEX event_mentions_global ON event_mentions(global_id);
