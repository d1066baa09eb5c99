-- Duplicate detection: fingerprints to rebuild the index from, reuse links
-- (one row per pair, seen from the later article) and group membership.
CREATE TABLE dedup_fingerprints (
    seq        BIGSERIAL PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    data       BYTEA NOT NULL
);

CREATE TABLE article_links (
    article_id        TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    other_id          TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,
    copy              BOOLEAN NOT NULL,
    jaccard           DOUBLE PRECISION NOT NULL,
    containment       DOUBLE PRECISION NOT NULL,
    other_containment DOUBLE PRECISION NOT NULL,
    sentences         INTEGER NOT NULL,
    paragraphs        JSONB NOT NULL DEFAULT '[]',
    seq               BIGSERIAL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX article_links_by_other ON article_links (other_id);
CREATE INDEX article_links_by_seq ON article_links (seq DESC);

CREATE TABLE article_groups (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    origin_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_groups_by_origin ON article_groups (origin_id);
