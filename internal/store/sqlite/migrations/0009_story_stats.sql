-- One row per live story with what listings show: its counts, span and
-- title. PutStories rewrites the rows of the stories a batch touches in
-- the same transaction, from their members, so a row is never stale;
-- listings then read a row per story instead of grouping every member
-- of every story (which cost over a second at 100,000 articles).
-- version changes whenever the row is rewritten, so readers can cache
-- what they build from a story until it changes.
CREATE TABLE story_stats (
    story_id TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    outlets  INTEGER NOT NULL,
    first_t  INTEGER NOT NULL,
    last_t   INTEGER NOT NULL,
    title    TEXT NOT NULL,
    version  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX story_stats_latest ON story_stats (last_t DESC, story_id);
CREATE INDEX story_stats_size ON story_stats (articles DESC, last_t DESC, story_id);

INSERT INTO story_stats (story_id, articles, outlets, first_t, last_t, title)
SELECT m.story_id, COUNT(*),
    COUNT(DISTINCT CASE WHEN a.source_name <> '' THEN lower(a.source_name) WHEN a.source_domain <> '' THEN a.source_domain END),
    COALESCE(MIN(a.published), MIN(a.sort_time)), COALESCE(MAX(a.published), MAX(a.sort_time)),
    (SELECT a2.title FROM story_members m2 JOIN articles a2 ON a2.id = m2.article_id
        WHERE m2.story_id = m.story_id ORDER BY a2.sort_time, m2.seq LIMIT 1)
FROM story_members m JOIN articles a ON a.id = m.article_id
GROUP BY m.story_id;
