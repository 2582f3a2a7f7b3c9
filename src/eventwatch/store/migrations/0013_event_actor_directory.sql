-- 0013_event_actor_directory: every actor an event names is in the actor
-- directory before the event is stored.
--
-- 0010's country totals read a target's country from the directory when the
-- event is stored.  An event may name an actor its own article does not list
-- (a place standing for its country: "a visit to Oslo" → country:NOR), and that
-- actor entered the directory only when some later article listed it; from
-- then on the per-actor path counted the event toward its country and the
-- country totals did not.  The store now adds such sides to the directory with
-- the event (articles and mentions 0: no article lists them), and this
-- migration does the same for the events already stored and sums the country
-- totals again.
INSERT OR IGNORE INTO actor_directory (actor_id, name, kind, country, sector, code)
    SELECT e.target_actor_id,
           coalesce(max(json_extract(e.record, '$.target.name')), e.target_actor_id),
           CASE substr(e.target_actor_id, 1, instr(e.target_actor_id, ':') - 1)
               WHEN 'country' THEN 'country' WHEN 'group' THEN 'group'
               WHEN 'person' THEN 'person' WHEN 'org' THEN 'organization'
               WHEN 'igo' THEN 'organization' END,
           max(e.target_country), max(json_extract(e.record, '$.target.sector')),
           max(e.target_code)
    FROM events e
    WHERE e.target_actor_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM actor_directory d WHERE d.actor_id = e.target_actor_id)
    GROUP BY e.target_actor_id;
INSERT OR IGNORE INTO actor_directory (actor_id, name, kind, country, sector, code)
    SELECT e.source_actor_id,
           coalesce(max(json_extract(e.record, '$.source.name')), e.source_actor_id),
           CASE substr(e.source_actor_id, 1, instr(e.source_actor_id, ':') - 1)
               WHEN 'country' THEN 'country' WHEN 'group' THEN 'group'
               WHEN 'person' THEN 'person' WHEN 'org' THEN 'organization'
               WHEN 'igo' THEN 'organization' END,
           max(e.source_country), max(json_extract(e.record, '$.source.sector')),
           max(e.source_code)
    FROM events e
    WHERE e.source_actor_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM actor_directory d WHERE d.actor_id = e.source_actor_id)
    GROUP BY e.source_actor_id;

DELETE FROM stance_country_totals;
INSERT INTO stance_country_totals
    SELECT s.source_actor_id, k.country, s.day, s.modality, s.quad_class,
           s.attributed_to_author, sum(s.events), sum(s.goldstein_sum)
    FROM stance_totals s JOIN (
        SELECT actor_id, upper(country) AS country FROM actor_directory WHERE country IS NOT NULL
        UNION SELECT actor_id, upper(substr(code, 1, 3)) FROM actor_directory WHERE code IS NOT NULL
    ) k ON k.actor_id = s.target_actor_id
    GROUP BY 1, 2, 3, 4, 5, 6;
