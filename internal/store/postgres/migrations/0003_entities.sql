-- Entities: identities, their mentions, and the articles the entity stage
-- has processed. keys holds the resolver's normalised names, one per line.
CREATE TABLE entities (
    seq  BIGSERIAL PRIMARY KEY,
    id   TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    keys TEXT NOT NULL DEFAULT '',
    -- the tagger's class votes, JSON: {"PER": 3, "LOC": 1}
    type_votes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX entities_by_name ON entities (lower(name));

CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    entity_id  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, span_start)
);
CREATE INDEX entity_mentions_by_entity ON entity_mentions (entity_id, article_id);
CREATE INDEX entity_mentions_by_text ON entity_mentions (lower(text));

CREATE TABLE entity_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
);
