-- Webhooks: saved searches whose new stories are POSTed to a URL. The
-- secret is kept as given (not hashed, unlike api_tokens) because every
-- delivery is signed with it.
CREATE TABLE webhooks (
    id         TEXT PRIMARY KEY,
    query      TEXT NOT NULL,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- One row per webhook and story: what makes a story reach a receiver
-- once. at is the last attempt; next_attempt (0 when none is due) is
-- when a pending delivery is tried again.
CREATE TABLE webhook_deliveries (
    webhook_id   TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    story_id     TEXT NOT NULL,
    article_id   TEXT NOT NULL,
    attempts     INTEGER NOT NULL,
    status       TEXT NOT NULL,
    last_error   TEXT NOT NULL,
    at           INTEGER NOT NULL,
    next_attempt INTEGER NOT NULL,
    PRIMARY KEY (webhook_id, story_id)
);
CREATE INDEX webhook_deliveries_latest ON webhook_deliveries (webhook_id, at DESC);
