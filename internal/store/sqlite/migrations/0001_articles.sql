-- Articles, their credits, the full-text index and failed inputs.
CREATE TABLE articles (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    key           TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    title_derived INTEGER NOT NULL DEFAULT 0,
    source_name   TEXT NOT NULL DEFAULT '',
    source_domain TEXT NOT NULL DEFAULT '',
    authors       TEXT NOT NULL DEFAULT '[]',
    published     INTEGER,
    language      TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    paragraphs    TEXT NOT NULL DEFAULT '[]',
    content_hash  TEXT NOT NULL,
    format        TEXT NOT NULL DEFAULT '',
    origin        TEXT NOT NULL DEFAULT '',
    ingested_at   INTEGER NOT NULL,
    sort_time     INTEGER NOT NULL
);
CREATE INDEX articles_by_time ON articles (sort_time DESC, id DESC);
CREATE INDEX articles_by_hash ON articles (content_hash);
CREATE INDEX articles_by_origin ON articles (origin);
CREATE INDEX articles_by_domain ON articles (source_domain);

CREATE TABLE article_credits (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    line       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_credits_by_name ON article_credits (name);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE failures (
    origin TEXT PRIMARY KEY,
    kind   TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX failures_by_time ON failures (at DESC);
