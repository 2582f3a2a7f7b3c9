-- 0010_stance_totals: the reads that still grew with one busy actor's events at
-- 100,000 articles (issue 12) read running totals, or an index bounded by the
-- answer, instead.
--
-- An event's day for a stance is its own date, else its article's published
-- date (as queries.stance reads it), so a trigger must still see the article
-- when an event goes.  A foreign-key cascade deletes an article's events after
-- the article row is gone; deleting them first, before the article, keeps it
-- in sight (the cascade then finds nothing left to delete).
CREATE TRIGGER article_events_first BEFORE DELETE ON articles BEGIN
    DELETE FROM events WHERE article_sha256 = OLD.sha256;
END;

-- Stance paths: per (source actor, target actor, day, modality, quad class,
-- the author's own or not), the events and their summed Goldstein score, so a
-- stance or comparison sums a few rows per day instead of every event.  Only
-- events between two different actors, with a day, count (as in a stance);
-- quad_class -1 stands for none.
CREATE TABLE stance_totals (
    source_actor_id      TEXT NOT NULL,
    target_actor_id      TEXT NOT NULL,
    day                  TEXT NOT NULL,
    modality             TEXT NOT NULL,
    quad_class           INTEGER NOT NULL,
    attributed_to_author INTEGER NOT NULL,
    events               INTEGER NOT NULL DEFAULT 0,
    goldstein_sum        REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (source_actor_id, target_actor_id, day, modality, quad_class,
                 attributed_to_author)
) WITHOUT ROWID;
INSERT INTO stance_totals
    SELECT e.source_actor_id, e.target_actor_id,
           coalesce(e.event_date, a.published), e.modality, coalesce(e.quad_class, -1),
           e.attributed_to_author, count(*), total(e.goldstein)
    FROM events e JOIN articles a ON a.sha256 = e.article_sha256
    WHERE e.source_actor_id IS NOT NULL AND e.target_actor_id IS NOT NULL
      AND e.source_actor_id <> e.target_actor_id
      AND coalesce(e.event_date, a.published) IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;

-- The same toward a whole country: keyed by the three-letter key a target
-- answers to as a country (its directory country, and its code's first three
-- letters; see actor_match), so "toward USA" reads one key instead of the
-- thousands of actor ids of the country.  Directory rows never change country.
CREATE TABLE stance_country_totals (
    source_actor_id      TEXT NOT NULL,
    country              TEXT NOT NULL,
    day                  TEXT NOT NULL,
    modality             TEXT NOT NULL,
    quad_class           INTEGER NOT NULL,
    attributed_to_author INTEGER NOT NULL,
    events               INTEGER NOT NULL DEFAULT 0,
    goldstein_sum        REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (source_actor_id, country, day, modality, quad_class, attributed_to_author)
) WITHOUT ROWID;
INSERT INTO stance_country_totals
    SELECT s.source_actor_id, k.country, s.day, s.modality, s.quad_class,
           s.attributed_to_author, sum(s.events), sum(s.goldstein_sum)
    FROM stance_totals s JOIN (
        SELECT actor_id, upper(country) AS country FROM actor_directory WHERE country IS NOT NULL
        UNION SELECT actor_id, upper(substr(code, 1, 3)) FROM actor_directory WHERE code IS NOT NULL
    ) k ON k.actor_id = s.target_actor_id
    GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER stance_totals_add AFTER INSERT ON events
    WHEN NEW.source_actor_id IS NOT NULL AND NEW.target_actor_id IS NOT NULL
     AND NEW.source_actor_id <> NEW.target_actor_id BEGIN
    INSERT INTO stance_totals
        SELECT NEW.source_actor_id, NEW.target_actor_id, d.day, NEW.modality,
               coalesce(NEW.quad_class, -1), NEW.attributed_to_author, 1,
               coalesce(NEW.goldstein, 0)
        FROM (SELECT coalesce(NEW.event_date, (SELECT a.published FROM articles a
                                               WHERE a.sha256 = NEW.article_sha256)) AS day) d
        WHERE d.day IS NOT NULL
        ON CONFLICT DO UPDATE SET events = events + 1,
            goldstein_sum = goldstein_sum + excluded.goldstein_sum;
    INSERT INTO stance_country_totals
        SELECT NEW.source_actor_id, k.country, d.day, NEW.modality,
               coalesce(NEW.quad_class, -1), NEW.attributed_to_author, 1,
               coalesce(NEW.goldstein, 0)
        FROM (SELECT coalesce(NEW.event_date, (SELECT a.published FROM articles a
                                               WHERE a.sha256 = NEW.article_sha256)) AS day) d,
             (SELECT upper(country) AS country FROM actor_directory
                WHERE actor_id = NEW.target_actor_id AND country IS NOT NULL
              UNION SELECT upper(substr(code, 1, 3)) FROM actor_directory
                WHERE actor_id = NEW.target_actor_id AND code IS NOT NULL) k
        WHERE d.day IS NOT NULL
        ON CONFLICT DO UPDATE SET events = events + 1,
            goldstein_sum = goldstein_sum + excluded.goldstein_sum;
END;
CREATE TRIGGER stance_totals_drop AFTER DELETE ON events
    WHEN OLD.source_actor_id IS NOT NULL AND OLD.target_actor_id IS NOT NULL
     AND OLD.source_actor_id <> OLD.target_actor_id BEGIN
    UPDATE stance_totals SET events = events - 1,
            goldstein_sum = goldstein_sum - coalesce(OLD.goldstein, 0)
        WHERE source_actor_id = OLD.source_actor_id AND target_actor_id = OLD.target_actor_id
          AND day = coalesce(OLD.event_date, (SELECT a.published FROM articles a
                                              WHERE a.sha256 = OLD.article_sha256))
          AND modality = OLD.modality AND quad_class = coalesce(OLD.quad_class, -1)
          AND attributed_to_author = OLD.attributed_to_author;
    DELETE FROM stance_totals
        WHERE source_actor_id = OLD.source_actor_id AND target_actor_id = OLD.target_actor_id
          AND events <= 0;
    UPDATE stance_country_totals SET events = events - 1,
            goldstein_sum = goldstein_sum - coalesce(OLD.goldstein, 0)
        WHERE source_actor_id = OLD.source_actor_id
          AND country IN (SELECT upper(country) FROM actor_directory
                            WHERE actor_id = OLD.target_actor_id AND country IS NOT NULL
                          UNION SELECT upper(substr(code, 1, 3)) FROM actor_directory
                            WHERE actor_id = OLD.target_actor_id AND code IS NOT NULL)
          AND day = coalesce(OLD.event_date, (SELECT a.published FROM articles a
                                              WHERE a.sha256 = OLD.article_sha256))
          AND modality = OLD.modality AND quad_class = coalesce(OLD.quad_class, -1)
          AND attributed_to_author = OLD.attributed_to_author;
    DELETE FROM stance_country_totals WHERE source_actor_id = OLD.source_actor_id
        AND day = coalesce(OLD.event_date, (SELECT a.published FROM articles a
                                            WHERE a.sha256 = OLD.article_sha256))
        AND events <= 0;
END;

-- An actor's profile: its events as source and as target per day and quad
-- class (the author's judgements and undated events left out, as the profile
-- counts them).
CREATE TABLE actor_day_totals (
    actor_id      TEXT NOT NULL,
    side          TEXT NOT NULL,     -- 'source' or 'target'
    day           TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,  -- -1: none
    events        INTEGER NOT NULL DEFAULT 0,
    goldstein_sum REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, side, day, quad_class)
) WITHOUT ROWID;
INSERT INTO actor_day_totals
    SELECT source_actor_id, 'source', event_date, coalesce(quad_class, -1), count(*),
           total(goldstein)
    FROM events WHERE attributed_to_author = 0 AND event_date IS NOT NULL
      AND source_actor_id IS NOT NULL
    GROUP BY 1, 3, 4;
INSERT INTO actor_day_totals
    SELECT target_actor_id, 'target', event_date, coalesce(quad_class, -1), count(*),
           total(goldstein)
    FROM events WHERE attributed_to_author = 0 AND event_date IS NOT NULL
      AND target_actor_id IS NOT NULL
    GROUP BY 1, 3, 4;
CREATE TRIGGER actor_day_totals_add AFTER INSERT ON events
    WHEN NEW.attributed_to_author = 0 AND NEW.event_date IS NOT NULL BEGIN
    INSERT INTO actor_day_totals
        SELECT side.actor_id, side.name, NEW.event_date, coalesce(NEW.quad_class, -1), 1,
               coalesce(NEW.goldstein, 0)
        FROM (SELECT NEW.source_actor_id AS actor_id, 'source' AS name
              UNION ALL SELECT NEW.target_actor_id, 'target') side
        WHERE side.actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET events = events + 1,
            goldstein_sum = goldstein_sum + excluded.goldstein_sum;
END;
CREATE TRIGGER actor_day_totals_drop AFTER DELETE ON events
    WHEN OLD.attributed_to_author = 0 AND OLD.event_date IS NOT NULL BEGIN
    UPDATE actor_day_totals SET events = events - 1,
            goldstein_sum = goldstein_sum - coalesce(OLD.goldstein, 0)
        WHERE actor_id = OLD.source_actor_id AND side = 'source' AND day = OLD.event_date
          AND quad_class = coalesce(OLD.quad_class, -1);
    UPDATE actor_day_totals SET events = events - 1,
            goldstein_sum = goldstein_sum - coalesce(OLD.goldstein, 0)
        WHERE actor_id = OLD.target_actor_id AND side = 'target' AND day = OLD.event_date
          AND quad_class = coalesce(OLD.quad_class, -1);
    DELETE FROM actor_day_totals WHERE actor_id = OLD.source_actor_id AND side = 'source'
        AND day = OLD.event_date AND events <= 0;
    DELETE FROM actor_day_totals WHERE actor_id = OLD.target_actor_id AND side = 'target'
        AND day = OLD.event_date AND events <= 0;
END;

-- Event texts with their actors: each side's actor id as one token ('s' or 't'
-- and the id's UTF-8 bytes in hex), and 'authored' for the author's own
-- judgements, so "words said by one actor" is one full-text query that
-- intersects the lists in the index (and counts them there), instead of every
-- event with the words matched to every event of the actor.  It takes the
-- place of 0005's event_text (keyed the same way, by the event's own key).
DROP TRIGGER event_text_add;
DROP TRIGGER event_text_drop;
DROP TABLE event_text;
CREATE VIRTUAL TABLE event_words USING fts5(
    text, actors, article_sha256 UNINDEXED, event_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO event_words (text, actors, article_sha256, event_id)
    SELECT substr(a.text, e.span_start + 1, e.span_end - e.span_start),
           's' || hex(e.source_actor_id) || ' t' || hex(e.target_actor_id)
               || iif(e.attributed_to_author, ' authored', ''),
           e.article_sha256, e.event_id
    FROM events e JOIN articles a ON a.sha256 = e.article_sha256;
CREATE TRIGGER event_words_add AFTER INSERT ON events BEGIN
    INSERT INTO event_words (text, actors, article_sha256, event_id)
        SELECT substr(a.text, NEW.span_start + 1, NEW.span_end - NEW.span_start),
               's' || hex(NEW.source_actor_id) || ' t' || hex(NEW.target_actor_id)
               || iif(NEW.attributed_to_author, ' authored', ''),
               NEW.article_sha256, NEW.event_id
        FROM articles a WHERE a.sha256 = NEW.article_sha256;
END;
CREATE TRIGGER event_words_drop AFTER DELETE ON events BEGIN
    DELETE FROM event_words
        WHERE article_sha256 = OLD.article_sha256 AND event_id = OLD.event_id;
END;

-- Quotes about a whole country: how many quotations name at least one actor of
-- the country (by the same three-letter keys as stance_country_totals), kept as
-- quote_about rows come and go, so "quotes about USA" counts from one row
-- instead of telling apart a million quotations among their quote_about rows.
-- A quotation counts once for a key however many of the country's actors it
-- names: added with its first such row, taken back with its last.
CREATE TABLE quote_country_totals (
    country TEXT PRIMARY KEY,
    quotes  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO quote_country_totals
    SELECT country, count(*) FROM (
        SELECT DISTINCT k.country, x.article_sha256, x.quote_id
        FROM quote_about x JOIN (
            SELECT actor_id, upper(country) AS country FROM actor_directory
                WHERE country IS NOT NULL
            UNION SELECT actor_id, upper(substr(code, 1, 3)) FROM actor_directory
                WHERE code IS NOT NULL
        ) k ON k.actor_id = x.actor_id
    ) GROUP BY country;
CREATE TRIGGER quote_country_totals_add AFTER INSERT ON quote_about BEGIN
    INSERT INTO quote_country_totals (country, quotes)
        SELECT k.country, 1 FROM (
            SELECT upper(country) AS country FROM actor_directory
                WHERE actor_id = NEW.actor_id AND country IS NOT NULL
            UNION SELECT upper(substr(code, 1, 3)) FROM actor_directory
                WHERE actor_id = NEW.actor_id AND code IS NOT NULL
        ) k
        WHERE NOT EXISTS (
            SELECT 1 FROM quote_about x JOIN actor_directory d ON d.actor_id = x.actor_id
            WHERE x.article_sha256 = NEW.article_sha256 AND x.quote_id = NEW.quote_id
              AND x.actor_id <> NEW.actor_id
              AND (upper(d.country) = k.country OR upper(substr(d.code, 1, 3)) = k.country))
        ON CONFLICT DO UPDATE SET quotes = quotes + 1;
END;
CREATE TRIGGER quote_country_totals_drop AFTER DELETE ON quote_about BEGIN
    UPDATE quote_country_totals SET quotes = quotes - 1
        WHERE country IN (
            SELECT upper(country) FROM actor_directory
                WHERE actor_id = OLD.actor_id AND country IS NOT NULL
            UNION SELECT upper(substr(code, 1, 3)) FROM actor_directory
                WHERE actor_id = OLD.actor_id AND code IS NOT NULL)
          AND NOT EXISTS (
            SELECT 1 FROM quote_about x JOIN actor_directory d ON d.actor_id = x.actor_id
            WHERE x.article_sha256 = OLD.article_sha256 AND x.quote_id = OLD.quote_id
              AND (upper(d.country) = quote_country_totals.country
                   OR upper(substr(d.code, 1, 3)) = quote_country_totals.country));
END;
