-- Time: whether an article's publication date was inferred from its text,
-- the time expressions of each article resolved to TimeML values (with the
-- calendar days a date covers, for searching by event date), and which
-- articles the time stage has processed.
ALTER TABLE articles ADD COLUMN published_inferred INTEGER NOT NULL DEFAULT 0;

CREATE TABLE time_expressions (
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    text           TEXT NOT NULL,
    type           TEXT NOT NULL,
    value          TEXT NOT NULL,
    mod            TEXT NOT NULL DEFAULT '',
    -- first and last calendar day covered, 'YYYY-MM-DD'; NULL when the
    -- value is not a calendar date (a duration, a set, PRESENT_REF ...)
    day_first      TEXT,
    day_last       TEXT,
    PRIMARY KEY (article_id, span_start)
);
CREATE INDEX time_expressions_by_day ON time_expressions (day_first, day_last);

CREATE TABLE time_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
);
