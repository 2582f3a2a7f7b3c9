-- 0006_watch_feed_items: the feed items `ingest`/`watch` took, so a restarted watch
-- takes only new ones (by GUID or link, and by the hash of the fetched body).
CREATE TABLE feed_items (
    feed        TEXT NOT NULL,
    guid        TEXT NOT NULL,
    link        TEXT NOT NULL,
    body_sha256 TEXT,
    taken_at    TEXT NOT NULL,
    PRIMARY KEY (feed, guid)
);
CREATE INDEX feed_items_guid ON feed_items(guid);
CREATE INDEX feed_items_link ON feed_items(link);
CREATE INDEX feed_items_body ON feed_items(body_sha256);
