-- 0008_query_speed: the reads that still grew with the store (issue 12's figures at
-- 100,000 articles) read a bounded number of index entries instead.
--
-- Quotes about an actor: one row per (quote, actor named inside one of its
-- content spans), so `quotes --about` and /api/quotes?about= read an index
-- instead of every quote of every article that mentions the actor.  A trigger
-- fills it as quotes are stored (an article's mentions are stored before its
-- quotes); the quote's rows go with it.
CREATE TABLE quote_about (
    article_sha256 TEXT NOT NULL,
    quote_id       TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    PRIMARY KEY (article_sha256, quote_id, actor_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO quote_about
    SELECT q.article_sha256, q.quote_id, m.actor_id
    FROM quotes q, json_each(q.record, '$.content_spans') s
    JOIN mentions m ON m.article_sha256 = q.article_sha256
        AND m.start >= json_extract(s.value, '$[0]') AND m.start < json_extract(s.value, '$[1]');
CREATE INDEX quote_about_actor ON quote_about(actor_id);
CREATE TRIGGER quote_about_add AFTER INSERT ON quotes BEGIN
    INSERT OR IGNORE INTO quote_about
        SELECT NEW.article_sha256, NEW.quote_id, m.actor_id
        FROM json_each(NEW.record, '$.content_spans') s
        JOIN mentions m ON m.article_sha256 = NEW.article_sha256
            AND m.start >= json_extract(s.value, '$[0]') AND m.start < json_extract(s.value, '$[1]');
END;
CREATE TRIGGER quote_about_drop AFTER DELETE ON quotes BEGIN
    DELETE FROM quote_about WHERE article_sha256 = OLD.article_sha256 AND quote_id = OLD.quote_id;
END;

-- `eventwatch check`: a claim's window of the subject's own events, counted by
-- modality, code and score straight from an index.  An actor's events as source
-- were already indexed with everything but the code (0005): the code joins them
-- (one index, so the planner keeps choosing it for the maps, stances and profiles
-- that read the same entries).  Every actor of the country a state names: the
-- country's own index.
DROP INDEX events_source_actor;
CREATE INDEX events_source_actor ON events(source_actor_id, attributed_to_author, event_date,
    target_actor_id, modality, quad_class, goldstein, place_name, place_lat, place_lon, cameo);
CREATE INDEX events_country_window ON events(source_country, attributed_to_author, event_date,
    modality, cameo, goldstein, source_actor_id);
