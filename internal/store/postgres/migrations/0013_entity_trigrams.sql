-- A trigram index on entities' normalised names answers EntityQuery.Match
-- (keys LIKE '%fragment%') without reading every entity: the find-as-you-
-- type lookup of a person or organisation by part of a name.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so
-- a database owner may create it. It is made once per database, in
-- public, and its operator class is named with its schema wherever it
-- lives, since each store may have a search_path of its own. A server
-- without it, or a role not allowed to create it, gets no index: Match
-- then reads every entity and answers the same.
DO $$
DECLARE
    ns TEXT;
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    SELECT extnamespace::regnamespace::text INTO ns FROM pg_extension WHERE extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX entities_by_key_trigram ON entities USING GIN (keys %I.gin_trgm_ops)', ns);
EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported OR invalid_schema_name THEN
    RAISE NOTICE 'pg_trgm not available (%): entity name matching reads every entity', SQLERRM;
END $$;
