-- Article text, paragraphs and search vector move to article_texts, a
-- table partitioned by month of the article's sort time. Identities stay
-- in articles, unpartitioned: a partitioned table needs its partition key
-- in every unique constraint, and ids, keys and the ten tables whose
-- foreign keys point at articles must stay unique across all months.
-- What partitions buy is per month: a GIN index the size of one month
-- (the recent one stays in memory while old ones rest), vacuum and
-- analyse of one month at a time, and months that can be detached to
-- archive text without rewriting the rest.
CREATE TABLE article_texts (
    article_seq BIGINT NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    -- the article's sort_time, copied so that a join on both prunes to
    -- one partition
    sort_time   BIGINT NOT NULL,
    text        TEXT NOT NULL,
    paragraphs  JSONB NOT NULL DEFAULT '[]',
    -- filled after the insert by IndexPending (see 0011)
    fts         tsvector,
    PRIMARY KEY (article_seq, sort_time)
) PARTITION BY RANGE (sort_time);
CREATE INDEX article_texts_fts ON article_texts USING GIN (fts);
CREATE INDEX article_texts_pending ON article_texts (article_seq) WHERE fts IS NULL;

-- Partitions are made as months appear, by this function: the store
-- calls it before inserting into a month it has not seen. Times before
-- 1900 or from 2200 on (unparseable or joke dates) share one partition
-- at each end rather than making one per month. The advisory lock makes
-- concurrent callers take turns, so a partition is never made twice.
CREATE FUNCTION article_text_partitions(times BIGINT[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    early CONSTANT BIGINT := -2208988800 * 1000000000::BIGINT; -- 1900-01-01
    late  CONSTANT BIGINT := 7258118400 * 1000000000::BIGINT;  -- 2200-01-01
    month TIMESTAMP;
    part  TEXT;
    lo    TEXT;
    hi    TEXT;
    locked BOOLEAN;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('dossier article_texts partitions'));
    locked := FALSE;
    FOR month IN
        -- whole seconds, rounded down (integer division rounds towards
        -- zero, and numeric division rounds the last nanosecond of a
        -- month into the next)
        SELECT DISTINCT date_trunc('month', to_timestamp(
            t / 1000000000 - CASE WHEN t < 0 AND t % 1000000000 <> 0 THEN 1 ELSE 0 END) AT TIME ZONE 'UTC')
        FROM unnest(times) AS t
    LOOP
        IF month < TIMESTAMP '1900-01-01' THEN
            part := 'article_texts_early'; lo := 'MINVALUE'; hi := early::TEXT;
        ELSIF month >= TIMESTAMP '2200-01-01' THEN
            part := 'article_texts_late'; lo := late::TEXT; hi := 'MAXVALUE';
        ELSE
            part := 'article_texts_' || to_char(month, 'YYYYMM');
            lo := (EXTRACT(EPOCH FROM month)::BIGINT * 1000000000)::TEXT;
            hi := (EXTRACT(EPOCH FROM month + INTERVAL '1 month')::BIGINT * 1000000000)::TEXT;
        END IF;
        IF to_regclass(part) IS NULL THEN
            -- Making a partition adds foreign-key triggers to articles.
            -- Taking that lock first, before the one on article_texts,
            -- waits for inserts in flight (which lock articles, then
            -- article_texts) instead of deadlocking with them.
            IF NOT locked THEN
                LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE;
                locked := TRUE;
            END IF;
            EXECUTE format('CREATE TABLE %I PARTITION OF article_texts FOR VALUES FROM (%s) TO (%s)', part, lo, hi);
        END IF;
    END LOOP;
END $$;

-- lz4 as in 0011, where the server has it; partitions made later take
-- the parent's setting.
DO $$
BEGIN
    ALTER TABLE article_texts ALTER COLUMN text SET COMPRESSION lz4;
    ALTER TABLE article_texts ALTER COLUMN paragraphs SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 not supported by this server: article texts keep pglz compression';
END $$;

SELECT article_text_partitions(ARRAY(SELECT DISTINCT sort_time FROM articles));
INSERT INTO article_texts (article_seq, sort_time, text, paragraphs, fts)
    SELECT seq, sort_time, text, paragraphs, fts FROM articles;
ALTER TABLE articles DROP COLUMN text, DROP COLUMN paragraphs, DROP COLUMN fts;
