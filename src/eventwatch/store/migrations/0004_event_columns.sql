-- 0004_event_columns: the event columns analysts filter on, split out of the
-- record: codes, countries of both sides, PLOVER type, date and authorship.
ALTER TABLE events ADD COLUMN cameo_root TEXT;
ALTER TABLE events ADD COLUMN goldstein REAL;
ALTER TABLE events ADD COLUMN quad_class INTEGER;
ALTER TABLE events ADD COLUMN plover_type TEXT;
ALTER TABLE events ADD COLUMN source_code TEXT;
ALTER TABLE events ADD COLUMN source_country TEXT;
ALTER TABLE events ADD COLUMN target_code TEXT;
ALTER TABLE events ADD COLUMN target_country TEXT;
ALTER TABLE events ADD COLUMN event_date TEXT;
ALTER TABLE events ADD COLUMN attributed_to_author INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_date ON events(event_date);
