-- 0005_query_indexes: every read the CLI, the web app and the API make reads
-- only the rows it needs.  Indexes on the columns queries filter and join on,
-- an actor directory (one row per actor id, with its article and mention
-- counts) kept current by triggers, so resolving "John Kerry", "USAGOV" or
-- "PRK" to actor ids never scans the per-article actor rows, and the event
-- place columns read from each event's record.  ANALYZE runs after it (see
-- store/sqlite.py) so the planner knows which index is selective.
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_actor_id);
CREATE INDEX IF NOT EXISTS events_source_actor ON events(source_actor_id, event_date);
CREATE INDEX IF NOT EXISTS events_target_actor ON events(target_actor_id, event_date);
CREATE INDEX IF NOT EXISTS events_source_code ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target_code ON events(target_code);
CREATE INDEX IF NOT EXISTS events_cameo_root ON events(cameo_root, event_date);
CREATE INDEX IF NOT EXISTS events_plover ON events(plover_type, event_date);
CREATE INDEX IF NOT EXISTS events_event_id ON events(event_id);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);

-- where an event happened, read from its record (virtual: nothing is stored twice)
ALTER TABLE events ADD COLUMN place_name TEXT
    GENERATED ALWAYS AS (json_extract(record, '$.location.name')) VIRTUAL;
ALTER TABLE events ADD COLUMN place_lat REAL
    GENERATED ALWAYS AS (json_extract(record, '$.location.lat')) VIRTUAL;
ALTER TABLE events ADD COLUMN place_lon REAL
    GENERATED ALWAYS AS (json_extract(record, '$.location.lon')) VIRTUAL;
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
