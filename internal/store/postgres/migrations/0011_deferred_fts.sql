-- The search vector is filled after the insert, by IndexPending, rather
-- than generated in it: computing it and maintaining its GIN index cost
-- ~1.2 ms of server CPU per article, six times the rest of the insert,
-- and in the distributed mode it would sit on the one serial path.
-- Search matches rows still pending by computing their vector on the fly
-- (search.go), so results are exact at every moment.
-- DROP EXPRESSION keeps the stored vectors of existing rows: they stay
-- indexed, and only rows inserted from now on start out pending.
ALTER TABLE articles ALTER COLUMN fts DROP EXPRESSION;
CREATE INDEX articles_fts_pending ON articles (seq) WHERE fts IS NULL;
-- lz4 compresses article text and paragraphs (TOASTed past 2 KB) at a
-- fraction of pglz's CPU cost, most of what an insert still spends. A
-- server built without lz4 refuses it (feature_not_supported); it then
-- keeps pglz, slower but equal, rather than failing to open the store.
DO $$
BEGIN
    ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
    ALTER TABLE articles ALTER COLUMN paragraphs SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 not supported by this server: articles keep pglz compression';
END $$;
