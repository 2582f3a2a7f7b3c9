-- 0005_query_indexes: every read the CLI, the web app and the API make reads
-- only the rows it needs.  Indexes on the columns queries filter and join on,
-- an actor directory (one row per actor id, with its article and mention
-- counts) kept current by triggers, so resolving "John Kerry", "USAGOV" or
-- "PRK" to actor ids never scans the per-article actor rows, and the event
-- place columns read from each event's record.  ANALYZE runs after it (see
-- store/sqlite.py) so the planner knows which index is selective.
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_actor_id);
CREATE INDEX IF NOT EXISTS events_source_code ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target_code ON events(target_code);
CREATE INDEX IF NOT EXISTS events_event_id ON events(event_id);
-- Lists leave the author's judgements out unless asked, and walk in date order:
-- (filter, attributed_to_author, event_date) answers both from the index.
CREATE INDEX IF NOT EXISTS events_shown ON events(attributed_to_author, event_date);
CREATE INDEX IF NOT EXISTS events_cameo_root ON events(cameo_root, attributed_to_author, event_date);
CREATE INDEX IF NOT EXISTS events_plover ON events(plover_type, attributed_to_author, event_date);
CREATE INDEX IF NOT EXISTS events_modality ON events(modality, attributed_to_author, event_date);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
-- `eventwatch stats` counts articles by these; `eventwatch articles` lists newest first
CREATE INDEX IF NOT EXISTS articles_genre ON articles(genre);
CREATE INDEX IF NOT EXISTS articles_language ON articles(language);
CREATE INDEX IF NOT EXISTS articles_source_kind ON articles(source_kind);
CREATE INDEX IF NOT EXISTS articles_recent ON articles(published IS NULL, published DESC, id);

-- where an event happened, read from its record (virtual: nothing is stored twice)
ALTER TABLE events ADD COLUMN place_name TEXT
    GENERATED ALWAYS AS (json_extract(record, '$.location.name')) VIRTUAL;
ALTER TABLE events ADD COLUMN place_lat REAL
    GENERATED ALWAYS AS (json_extract(record, '$.location.lat')) VIRTUAL;
ALTER TABLE events ADD COLUMN place_lon REAL
    GENERATED ALWAYS AS (json_extract(record, '$.location.lon')) VIRTUAL;
-- An actor's events as source (and as target): the other side, the class, the
-- score and the place ride along in the index, so counting them, a stance
-- toward one target, a profile and a map read the index, not the event rows.
CREATE INDEX events_source_actor ON events(source_actor_id, attributed_to_author, event_date,
    target_actor_id, modality, quad_class, goldstein, place_name, place_lat, place_lon);
CREATE INDEX events_target_actor ON events(target_actor_id, attributed_to_author, event_date,
    source_actor_id, modality, quad_class, goldstein, place_name, place_lat, place_lon);
-- the stretch of text a quotation's content covers (first to last content span)
ALTER TABLE quotes ADD COLUMN content_start INTEGER
    GENERATED ALWAYS AS (json_extract(record, '$.content_spans[0][0]')) VIRTUAL;
ALTER TABLE quotes ADD COLUMN content_end INTEGER
    GENERATED ALWAYS AS (json_extract(record, '$.content_spans[#-1][1]')) VIRTUAL;

CREATE TABLE actor_directory (
    actor_id TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT,
    country  TEXT,
    sector   TEXT,
    code     TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0
);
INSERT INTO actor_directory (actor_id, name, kind, country, sector, code, articles)
    SELECT actor_id, max(name), max(kind), max(country), max(sector), max(code),
           count(DISTINCT article_sha256)
    FROM actors GROUP BY actor_id;
UPDATE actor_directory SET mentions =
    (SELECT count(*) FROM mentions m WHERE m.actor_id = actor_directory.actor_id);
CREATE INDEX actor_directory_name ON actor_directory(name COLLATE NOCASE);
CREATE INDEX actor_directory_code ON actor_directory(code);
CREATE INDEX actor_directory_country ON actor_directory(country);
CREATE INDEX actor_directory_rank ON actor_directory(mentions DESC, articles DESC, actor_id);

CREATE TRIGGER actor_directory_add AFTER INSERT ON actors BEGIN
    INSERT OR IGNORE INTO actor_directory (actor_id, name, kind, country, sector, code)
        VALUES (NEW.actor_id, NEW.name, NEW.kind, NEW.country, NEW.sector, NEW.code);
    UPDATE actor_directory SET articles = articles + 1 WHERE actor_id = NEW.actor_id;
END;
CREATE TRIGGER actor_directory_drop AFTER DELETE ON actors BEGIN
    UPDATE actor_directory SET articles = articles - 1 WHERE actor_id = OLD.actor_id;
END;
CREATE TRIGGER actor_directory_mention AFTER INSERT ON mentions BEGIN
    UPDATE actor_directory SET mentions = mentions + 1 WHERE actor_id = NEW.actor_id;
END;
CREATE TRIGGER actor_directory_unmention AFTER DELETE ON mentions BEGIN
    UPDATE actor_directory SET mentions = mentions - 1 WHERE actor_id = OLD.actor_id;
END;

-- Running totals the overview and the dyad list read instead of grouping every
-- event: per (source, target) actor pair, and per month and quad class.  Like
-- the lists they feed, they leave out the opinion author's own judgements.
CREATE TABLE dyad_totals (
    source_actor_id TEXT NOT NULL,
    target_actor_id TEXT NOT NULL,
    events          INTEGER NOT NULL DEFAULT 0,
    goldstein_sum   REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (source_actor_id, target_actor_id)
);
INSERT INTO dyad_totals
    SELECT source_actor_id, target_actor_id, count(*), total(goldstein) FROM events
    WHERE attributed_to_author = 0 AND source_actor_id IS NOT NULL
      AND target_actor_id IS NOT NULL AND source_actor_id <> target_actor_id
    GROUP BY source_actor_id, target_actor_id;
CREATE INDEX dyad_totals_rank ON dyad_totals(events DESC);
CREATE INDEX dyad_totals_target ON dyad_totals(target_actor_id);

CREATE TABLE month_totals (
    month         TEXT NOT NULL,     -- YYYY-MM of the event date
    quad_class    INTEGER NOT NULL,
    events        INTEGER NOT NULL DEFAULT 0,
    goldstein_sum REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (month, quad_class)
);
INSERT INTO month_totals
    SELECT substr(event_date, 1, 7), coalesce(quad_class, 0), count(*), total(goldstein)
    FROM events WHERE attributed_to_author = 0 AND event_date IS NOT NULL
    GROUP BY 1, 2;

CREATE TRIGGER event_totals_add AFTER INSERT ON events WHEN NEW.attributed_to_author = 0 BEGIN
    INSERT OR IGNORE INTO dyad_totals (source_actor_id, target_actor_id)
        SELECT NEW.source_actor_id, NEW.target_actor_id
        WHERE NEW.source_actor_id IS NOT NULL AND NEW.target_actor_id IS NOT NULL
          AND NEW.source_actor_id <> NEW.target_actor_id;
    UPDATE dyad_totals SET events = events + 1, goldstein_sum = goldstein_sum + coalesce(NEW.goldstein, 0)
        WHERE source_actor_id = NEW.source_actor_id AND target_actor_id = NEW.target_actor_id
          AND NEW.source_actor_id <> NEW.target_actor_id;
    INSERT OR IGNORE INTO month_totals (month, quad_class)
        SELECT substr(NEW.event_date, 1, 7), coalesce(NEW.quad_class, 0)
        WHERE NEW.event_date IS NOT NULL;
    UPDATE month_totals SET events = events + 1, goldstein_sum = goldstein_sum + coalesce(NEW.goldstein, 0)
        WHERE month = substr(NEW.event_date, 1, 7) AND quad_class = coalesce(NEW.quad_class, 0);
END;
CREATE TRIGGER event_totals_drop AFTER DELETE ON events WHEN OLD.attributed_to_author = 0 BEGIN
    UPDATE dyad_totals SET events = events - 1, goldstein_sum = goldstein_sum - coalesce(OLD.goldstein, 0)
        WHERE source_actor_id = OLD.source_actor_id AND target_actor_id = OLD.target_actor_id;
    DELETE FROM dyad_totals WHERE source_actor_id = OLD.source_actor_id
        AND target_actor_id = OLD.target_actor_id AND events <= 0;
    UPDATE month_totals SET events = events - 1, goldstein_sum = goldstein_sum - coalesce(OLD.goldstein, 0)
        WHERE month = substr(OLD.event_date, 1, 7) AND quad_class = coalesce(OLD.quad_class, 0);
    DELETE FROM month_totals WHERE month = substr(OLD.event_date, 1, 7)
        AND quad_class = coalesce(OLD.quad_class, 0) AND events <= 0;
END;

-- whether every mention of an actor was inferred (as `eventwatch actors` shows it)
ALTER TABLE actor_directory ADD COLUMN inferred INTEGER NOT NULL DEFAULT 1;
UPDATE actor_directory SET inferred =
    coalesce((SELECT min(a.inferred) FROM actors a WHERE a.actor_id = actor_directory.actor_id), 1);
CREATE TRIGGER actor_directory_inferred AFTER INSERT ON actors WHEN NEW.inferred = 0 BEGIN
    UPDATE actor_directory SET inferred = 0 WHERE actor_id = NEW.actor_id;
END;

-- Events by place, and each event's own words for the text filter (full-text,
-- one row per event, its rowid the event's).
CREATE TABLE place_totals (
    place_name TEXT NOT NULL,
    place_lat  REAL NOT NULL,
    place_lon  REAL NOT NULL,
    events     INTEGER NOT NULL DEFAULT 0,
    first      TEXT,
    last       TEXT,
    PRIMARY KEY (place_name, place_lat, place_lon)
);
INSERT INTO place_totals
    SELECT place_name, place_lat, place_lon, count(*), min(event_date), max(event_date)
    FROM events WHERE attributed_to_author = 0 AND place_lat IS NOT NULL
    GROUP BY place_name, place_lat, place_lon;
CREATE TRIGGER place_totals_add AFTER INSERT ON events
    WHEN NEW.attributed_to_author = 0 AND NEW.place_lat IS NOT NULL BEGIN
    INSERT OR IGNORE INTO place_totals (place_name, place_lat, place_lon)
        VALUES (NEW.place_name, NEW.place_lat, NEW.place_lon);
    UPDATE place_totals SET events = events + 1,
        first = CASE WHEN first IS NULL OR NEW.event_date < first THEN NEW.event_date ELSE first END,
        last = CASE WHEN last IS NULL OR NEW.event_date > last THEN NEW.event_date ELSE last END
        WHERE place_name = NEW.place_name AND place_lat = NEW.place_lat
          AND place_lon = NEW.place_lon;
END;
CREATE TRIGGER place_totals_drop AFTER DELETE ON events
    WHEN OLD.attributed_to_author = 0 AND OLD.place_lat IS NOT NULL BEGIN
    UPDATE place_totals SET events = events - 1
        WHERE place_name = OLD.place_name AND place_lat = OLD.place_lat
          AND place_lon = OLD.place_lon;
    DELETE FROM place_totals WHERE place_name = OLD.place_name AND place_lat = OLD.place_lat
        AND place_lon = OLD.place_lon AND events <= 0;
END;

-- keyed by the event's own key, not its rowid (VACUUM may renumber rowids)
CREATE VIRTUAL TABLE event_text USING fts5(
    text, article_sha256 UNINDEXED, event_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO event_text (text, article_sha256, event_id)
    SELECT substr(a.text, e.span_start + 1, e.span_end - e.span_start), e.article_sha256,
           e.event_id
    FROM events e JOIN articles a ON a.sha256 = e.article_sha256;
CREATE TRIGGER event_text_add AFTER INSERT ON events BEGIN
    INSERT INTO event_text (text, article_sha256, event_id)
        SELECT substr(a.text, NEW.span_start + 1, NEW.span_end - NEW.span_start),
               NEW.article_sha256, NEW.event_id
        FROM articles a WHERE a.sha256 = NEW.article_sha256;
END;
CREATE TRIGGER event_text_drop AFTER DELETE ON events BEGIN
    DELETE FROM event_text
        WHERE article_sha256 = OLD.article_sha256 AND event_id = OLD.event_id;
END;

-- Claims ("Kerry is hopeful that Beijing will …"), split out of each article's
-- record by SQLite's JSON functions, so `eventwatch check` reads claims and the
-- events in their windows instead of every stored article.
CREATE TABLE claims (
    article_sha256    TEXT NOT NULL REFERENCES articles(sha256) ON DELETE CASCADE,
    claim_id          TEXT NOT NULL,
    claimant_actor_id TEXT,
    subject_actor_id  TEXT,
    record            TEXT NOT NULL,
    PRIMARY KEY (article_sha256, claim_id)
);
CREATE INDEX claims_claimant ON claims(claimant_actor_id);
INSERT OR IGNORE INTO claims
    SELECT a.sha256, json_extract(c.value, '$.id'), json_extract(c.value, '$.claimant.actor_id'),
           json_extract(c.value, '$.subject.actor_id'), c.value
    FROM articles a, json_each(a.record, '$.claims') c;
CREATE TRIGGER claims_add AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO claims
        SELECT NEW.sha256, json_extract(c.value, '$.id'),
               json_extract(c.value, '$.claimant.actor_id'),
               json_extract(c.value, '$.subject.actor_id'), c.value
        FROM json_each(NEW.record, '$.claims') c;
END;
