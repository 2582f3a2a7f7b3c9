-- 0011_claim_totals: `eventwatch check` counts a claim's window of its subject's
-- events (the author's judgements left out) by modality, code and score.  A
-- state's window is every event of its country: at 100,000 articles half a
-- million index entries for the USA, read again for each claim about it.  These
-- totals hold the same counts per day, so a window reads a few rows per day.
--
-- An event's day is its own date, else its article's published date (as
-- `check` reads it; 0010 keeps the article in sight while its events go).
-- Events with no Goldstein score cannot be judged and are not counted.
CREATE TABLE claim_actor_totals (
    source_actor_id TEXT NOT NULL,
    day             TEXT NOT NULL,
    modality        TEXT NOT NULL,
    cameo           TEXT NOT NULL,
    goldstein       REAL NOT NULL,
    source_country  TEXT NOT NULL,   -- '' when the event names none
    events          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_actor_id, day, modality, cameo, goldstein, source_country)
) WITHOUT ROWID;
INSERT INTO claim_actor_totals
    SELECT e.source_actor_id, coalesce(e.event_date, a.published), e.modality, e.cameo,
           e.goldstein, coalesce(e.source_country, ''), count(*)
    FROM events e JOIN articles a ON a.sha256 = e.article_sha256
    WHERE e.attributed_to_author = 0 AND e.source_actor_id IS NOT NULL
      AND e.goldstein IS NOT NULL AND coalesce(e.event_date, a.published) IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TABLE claim_country_totals (
    source_country TEXT NOT NULL,
    day            TEXT NOT NULL,
    modality       TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    goldstein      REAL NOT NULL,
    events         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_country, day, modality, cameo, goldstein)
) WITHOUT ROWID;
INSERT INTO claim_country_totals
    SELECT e.source_country, coalesce(e.event_date, a.published), e.modality, e.cameo,
           e.goldstein, count(*)
    FROM events e JOIN articles a ON a.sha256 = e.article_sha256
    WHERE e.attributed_to_author = 0 AND e.source_country IS NOT NULL
      AND e.goldstein IS NOT NULL AND coalesce(e.event_date, a.published) IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER claim_totals_add AFTER INSERT ON events
    WHEN NEW.attributed_to_author = 0 AND NEW.goldstein IS NOT NULL BEGIN
    INSERT INTO claim_actor_totals
        SELECT NEW.source_actor_id, d.day, NEW.modality, NEW.cameo, NEW.goldstein,
               coalesce(NEW.source_country, ''), 1
        FROM (SELECT coalesce(NEW.event_date, (SELECT a.published FROM articles a
                                               WHERE a.sha256 = NEW.article_sha256)) AS day) d
        WHERE d.day IS NOT NULL AND NEW.source_actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET events = events + 1;
    INSERT INTO claim_country_totals
        SELECT NEW.source_country, d.day, NEW.modality, NEW.cameo, NEW.goldstein, 1
        FROM (SELECT coalesce(NEW.event_date, (SELECT a.published FROM articles a
                                               WHERE a.sha256 = NEW.article_sha256)) AS day) d
        WHERE d.day IS NOT NULL AND NEW.source_country IS NOT NULL
        ON CONFLICT DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER claim_totals_drop AFTER DELETE ON events
    WHEN OLD.attributed_to_author = 0 AND OLD.goldstein IS NOT NULL BEGIN
    UPDATE claim_actor_totals SET events = events - 1
        WHERE source_actor_id = OLD.source_actor_id
          AND day = coalesce(OLD.event_date, (SELECT a.published FROM articles a
                                              WHERE a.sha256 = OLD.article_sha256))
          AND modality = OLD.modality AND cameo = OLD.cameo AND goldstein = OLD.goldstein
          AND source_country = coalesce(OLD.source_country, '');
    DELETE FROM claim_actor_totals WHERE source_actor_id = OLD.source_actor_id
        AND day = coalesce(OLD.event_date, (SELECT a.published FROM articles a
                                            WHERE a.sha256 = OLD.article_sha256))
        AND events <= 0;
    UPDATE claim_country_totals SET events = events - 1
        WHERE source_country = OLD.source_country
          AND day = coalesce(OLD.event_date, (SELECT a.published FROM articles a
                                              WHERE a.sha256 = OLD.article_sha256))
          AND modality = OLD.modality AND cameo = OLD.cameo AND goldstein = OLD.goldstein;
    DELETE FROM claim_country_totals WHERE source_country = OLD.source_country
        AND day = coalesce(OLD.event_date, (SELECT a.published FROM articles a
                                            WHERE a.sha256 = OLD.article_sha256))
        AND events <= 0;
END;
