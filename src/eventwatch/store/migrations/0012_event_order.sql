-- 0012_event_order: a page of the events whose text holds some words (said by
-- some actor, see 0010) is read from the text index in the order the page
-- shows, so only the page's own events are looked up, instead of every match
-- sorted by date (17,000 of them for "said" by the busiest actor at 100,000
-- articles; 1.2 million for "said" alone).
--
-- Events are listed by (event_date, rowid), undated ones first.  Each event
-- gets a position in that order: its day (the integer part of its Julian day,
-- 0 when undated) times 2^36, plus a sequence number that grows with every
-- event stored.  Rowids of the events table grow the same way (a new row gets
-- one more than the largest), and VACUUM, which may renumber them, keeps their
-- order, so within a day the sequence orders events as their rowids do.  The
-- sequence starts from the events' rowids at this migration; 2^36 events fit in
-- a day's range.
--
-- The text index is keyed by position (FTS5 walks its rowids in order, and in
-- ranges, natively); `event_order` maps a position to its event.  Its position
-- is an explicit INTEGER PRIMARY KEY, which VACUUM never renumbers (FTS5's own
-- rowids are kept the same way), and its (article, event id) key lets an event
-- going find its row in the text index directly (0010's index was searched
-- through for it).
CREATE TABLE event_sequence (last INTEGER NOT NULL);
INSERT INTO event_sequence SELECT coalesce(max(rowid), 0) FROM events;

CREATE TABLE event_order (
    position       INTEGER PRIMARY KEY,
    article_sha256 TEXT NOT NULL,
    event_id       TEXT NOT NULL,
    UNIQUE (article_sha256, event_id)
);
INSERT INTO event_order (position, article_sha256, event_id)
    SELECT coalesce(CAST(julianday(event_date) AS INTEGER), 0) * 68719476736 + rowid,
           article_sha256, event_id
    FROM events;

-- The same words and actor tokens as 0010's index, keyed by position: copied
-- from it (not cut from the article texts again), then it goes.
DROP TRIGGER event_words_add;
DROP TRIGGER event_words_drop;
ALTER TABLE event_words RENAME TO event_words_0010;
CREATE VIRTUAL TABLE event_words USING fts5(
    text, actors, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO event_words (rowid, text, actors)
    SELECT o.position, w.text, w.actors
    FROM event_words_0010 w
    JOIN event_order o ON o.article_sha256 = w.article_sha256 AND o.event_id = w.event_id
    ORDER BY o.position;
DROP TABLE event_words_0010;

CREATE TRIGGER event_order_add AFTER INSERT ON events BEGIN
    UPDATE event_sequence SET last = last + 1;
    INSERT INTO event_order (position, article_sha256, event_id)
        SELECT coalesce(CAST(julianday(NEW.event_date) AS INTEGER), 0) * 68719476736 + last,
               NEW.article_sha256, NEW.event_id
        FROM event_sequence;
    INSERT INTO event_words (rowid, text, actors)
        SELECT o.position, substr(a.text, NEW.span_start + 1, NEW.span_end - NEW.span_start),
               's' || hex(NEW.source_actor_id) || ' t' || hex(NEW.target_actor_id)
               || iif(NEW.attributed_to_author, ' authored', '')
        FROM event_order o, articles a
        WHERE o.article_sha256 = NEW.article_sha256 AND o.event_id = NEW.event_id
          AND a.sha256 = NEW.article_sha256;
END;
CREATE TRIGGER event_order_drop AFTER DELETE ON events BEGIN
    DELETE FROM event_words WHERE rowid = (
        SELECT position FROM event_order
        WHERE article_sha256 = OLD.article_sha256 AND event_id = OLD.event_id);
    DELETE FROM event_order
        WHERE article_sha256 = OLD.article_sha256 AND event_id = OLD.event_id;
END;
