-- Quotes: one row per statement (its id hashes the normalised content, so
-- syndicated copies share it), one row per article that carries it with
-- the spans and the speaker that article names, and which articles the
-- quote stage has processed (an article may quote nobody).
CREATE TABLE quotes (
    id      TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    content TEXT NOT NULL
);

CREATE TABLE quote_carriers (
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    content_start  INTEGER NOT NULL,
    content_end    INTEGER NOT NULL,
    quote_id       TEXT NOT NULL REFERENCES quotes (id),
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    cue_start      INTEGER NOT NULL,
    cue_end        INTEGER NOT NULL,
    source_text    TEXT NOT NULL DEFAULT '',
    cue_text       TEXT NOT NULL DEFAULT '',
    speaker_entity TEXT NOT NULL DEFAULT '',
    speaker_name   TEXT NOT NULL DEFAULT '',
    speaker_type   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, content_start)
);
CREATE INDEX quote_carriers_by_quote ON quote_carriers (quote_id);
CREATE INDEX quote_carriers_by_speaker ON quote_carriers (speaker_entity);

CREATE TABLE quote_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
);
