-- Duplicate detection: fingerprints to rebuild the in-memory index from,
-- reuse links between articles, and syndication group membership. Kept
-- out of the articles table so that updating them never touches the
-- full-text index.
CREATE TABLE dedup_fingerprints (
    seq        INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    data       BLOB NOT NULL
);

-- One row per related pair, seen from the article that arrived later.
CREATE TABLE article_links (
    article_id        TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    other_id          TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,
    copy              INTEGER NOT NULL,
    jaccard           REAL NOT NULL,
    containment       REAL NOT NULL,
    other_containment REAL NOT NULL,
    sentences         INTEGER NOT NULL,
    paragraphs        TEXT NOT NULL DEFAULT '[]',
    seq               INTEGER NOT NULL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX article_links_by_other ON article_links (other_id);
CREATE INDEX article_links_by_seq ON article_links (seq DESC);

-- Members of syndication groups of two or more; origin_id is the member
-- published first, and is itself a member.
CREATE TABLE article_groups (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    origin_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_groups_by_origin ON article_groups (origin_id);
