-- 0009_store_totals: the row counts `eventwatch stats` shows, kept by triggers as
-- rows come and go, so the command reads a handful of rows instead of counting
-- every event, quote, entity and consolidated event of the store.
CREATE TABLE store_totals (
    name TEXT PRIMARY KEY,
    rows INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO store_totals VALUES
    ('events', (SELECT count(*) FROM events)),
    ('quotes', (SELECT count(*) FROM quotes)),
    ('entities', (SELECT count(*) FROM entities)),
    ('consolidated_events', (SELECT count(*) FROM consolidated_events));
CREATE TRIGGER store_totals_event_add AFTER INSERT ON events BEGIN
    UPDATE store_totals SET rows = rows + 1 WHERE name = 'events';
END;
CREATE TRIGGER store_totals_event_drop AFTER DELETE ON events BEGIN
    UPDATE store_totals SET rows = rows - 1 WHERE name = 'events';
END;
CREATE TRIGGER store_totals_quote_add AFTER INSERT ON quotes BEGIN
    UPDATE store_totals SET rows = rows + 1 WHERE name = 'quotes';
END;
CREATE TRIGGER store_totals_quote_drop AFTER DELETE ON quotes BEGIN
    UPDATE store_totals SET rows = rows - 1 WHERE name = 'quotes';
END;
CREATE TRIGGER store_totals_entity_add AFTER INSERT ON entities BEGIN
    UPDATE store_totals SET rows = rows + 1 WHERE name = 'entities';
END;
CREATE TRIGGER store_totals_entity_drop AFTER DELETE ON entities BEGIN
    UPDATE store_totals SET rows = rows - 1 WHERE name = 'entities';
END;
CREATE TRIGGER store_totals_consolidated_add AFTER INSERT ON consolidated_events BEGIN
    UPDATE store_totals SET rows = rows + 1 WHERE name = 'consolidated_events';
END;
CREATE TRIGGER store_totals_consolidated_drop AFTER DELETE ON consolidated_events BEGIN
    UPDATE store_totals SET rows = rows - 1 WHERE name = 'consolidated_events';
END;
