-- Stories: each article's place in a story, the merged stories and the
-- story each now redirects to, which articles the story stage has
-- processed (an article may be left unplaced), and the storylines. A
-- story has no row of its own: its counts, span and title are computed
-- from its members when read, so moving a member cannot leave them stale.
-- seq is the order placements were first made, which a replay follows; a
-- member moved by a repair keeps it. input is the clusterer's opaque
-- input for the article, why its decision as JSON text (kept as written,
-- not normalised, so it reads back byte for byte).
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL,
    seq        INTEGER NOT NULL UNIQUE,
    reason     TEXT NOT NULL DEFAULT '',
    why        TEXT NOT NULL DEFAULT '',
    input      BLOB
);
CREATE INDEX story_members_by_story ON story_members (story_id);

CREATE TABLE story_redirects (
    from_id TEXT PRIMARY KEY,
    into_id TEXT NOT NULL
);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
);

-- A story belongs to at most one storyline; position orders a line's
-- stories as they were given.
CREATE TABLE storylines (
    story_id TEXT PRIMARY KEY,
    id       TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX storylines_by_id ON storylines (id, position);
