-- How far each distributed log (a NATS JetStream stream) has been applied
-- to this store: the worker holding the log's lease advances it after
-- each batch of the serial stages.
CREATE TABLE bus_positions (
    name TEXT PRIMARY KEY,
    seq  BIGINT NOT NULL
);
