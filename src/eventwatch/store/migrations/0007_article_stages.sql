-- 0007_article_stages: the stages that ran on each article (comma-separated), so
-- that a store built with fewer stages can be completed by a later, fuller run.
-- NULL on articles stored before: complete if parsed (model set), else ingest only.
ALTER TABLE articles ADD COLUMN stages TEXT;
