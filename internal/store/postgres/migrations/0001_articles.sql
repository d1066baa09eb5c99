-- Articles, their credits, full-text search and failed inputs. Times are
-- Unix nanoseconds, as in the SQLite store, so both round-trip exactly.
CREATE TABLE articles (
    seq           BIGSERIAL PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    key           TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    title_derived BOOLEAN NOT NULL DEFAULT FALSE,
    source_name   TEXT NOT NULL DEFAULT '',
    source_domain TEXT NOT NULL DEFAULT '',
    authors       JSONB NOT NULL DEFAULT '[]',
    published     BIGINT,
    language      TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    paragraphs    JSONB NOT NULL DEFAULT '[]',
    content_hash  TEXT NOT NULL,
    format        TEXT NOT NULL DEFAULT '',
    origin        TEXT NOT NULL DEFAULT '',
    ingested_at   BIGINT NOT NULL,
    sort_time     BIGINT NOT NULL,
    -- 'simple': no stemming and no stop words, like the SQLite store's
    -- unicode61 tokenizer, so both answer the same queries the same way.
    fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', text), 'B')) STORED
);
CREATE INDEX articles_by_time ON articles (sort_time DESC, id DESC);
CREATE INDEX articles_by_hash ON articles (content_hash);
CREATE INDEX articles_by_origin ON articles (origin);
CREATE INDEX articles_by_domain ON articles (source_domain);
CREATE INDEX articles_fts ON articles USING GIN (fts);

CREATE TABLE article_credits (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    line       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_credits_by_name ON article_credits (name);

CREATE TABLE failures (
    origin TEXT PRIMARY KEY,
    kind   TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     BIGINT NOT NULL
);
CREATE INDEX failures_by_time ON failures (at DESC);
