// Package bus distributes ingest over NATS JetStream, so that one store
// can be fed by many worker processes on many machines.
//
// The design, and the consistency model it gives:
//
//   - `dossier ingest --bus` reads inputs as usual and publishes each
//     document to one stream. A message's id is derived from the
//     document's content and origin, so JetStream drops a republished
//     document (a retried publish, a replayed input) within its
//     duplicate window; past the window, the store's identity keys make
//     a replay harmless.
//   - Every worker runs the stateless half of the pipeline (extract and
//     analyse, the costly part) on documents it pulls from a shared
//     durable consumer, and leaves each result in a key-value bucket
//     under the message's id. This half scales with workers.
//   - The serial half (store, duplicate index, entity identities,
//     quotes, stories) is a single log applier: one worker at a time —
//     the holder of a PostgreSQL advisory lock, its lease — reads the
//     stream in order from the position recorded in the store, takes each
//     document's result from the bucket (computing it itself when no
//     worker has within AnalyseWait), applies batches exactly as the
//     embedded pipeline does, and then records the new position. The
//     stateful stages therefore see documents in publication order, one
//     at a time, as on one machine: the results equal the embedded
//     mode's for the same input order and batch cuts.
//   - Exactly once: a batch applied but not yet recorded (the leader died
//     in between) is applied again by the next leader, and applying is
//     idempotent by article identity; a new leader first catches up on
//     articles stored without every stage (pipeline.Open). A worker killed
//     mid-analysis leaves its message unacknowledged; it is redelivered,
//     and the leader does not wait for it past AnalyseWait.
package bus

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dossier-news/dossier/internal/news"
)

// Config says where the bus is and how its stream is laid out.
type Config struct {
	// URL is one or more nats:// URLs, comma-separated (the servers of
	// one cluster).
	URL string
	// Name names the stream, its subject, consumer and bucket; one store
	// is fed by one stream. Default "dossier".
	Name string
	// Replicas is the stream's replication factor in a cluster (1 or 3).
	Replicas int
	// Duplicates is JetStream's duplicate window for message ids.
	Duplicates time.Duration
	// AnalyseWait is how long the leader waits for another worker's
	// result before computing it itself.
	AnalyseWait time.Duration
	// AckWait is how long a worker may hold a document before JetStream
	// gives it to another.
	AckWait time.Duration
}

// WithDefaults fills zero fields.
func (c Config) WithDefaults() Config {
	if c.Name == "" {
		c.Name = "dossier"
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.Duplicates <= 0 {
		c.Duplicates = 10 * time.Minute
	}
	if c.AnalyseWait <= 0 {
		c.AnalyseWait = 10 * time.Second
	}
	if c.AckWait <= 0 {
		c.AckWait = time.Minute
	}
	return c
}

// Validate reports a configuration that cannot work.
func (c Config) Validate() error {
	if c.URL == "" {
		return fmt.Errorf("bus: no nats:// URL: %w", news.ErrInvalid)
	}
	for _, r := range c.Name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return fmt.Errorf("bus: name %q: use lower-case letters, digits, _ and -: %w", c.Name, news.ErrInvalid)
		}
	}
	if c.Replicas > 5 {
		return fmt.Errorf("bus: %d replicas: JetStream allows at most 5: %w", c.Replicas, news.ErrInvalid)
	}
	return nil
}

// Bus is a connection to the stream and bucket of one Config.
type Bus struct {
	cfg     Config
	nc      *nats.Conn
	js      jetstream.JetStream
	stream  jetstream.Stream
	results jetstream.KeyValue
	maxMsg  int
}

func (c Config) streamName() string {
	return "DOSSIER_" + strings.ToUpper(strings.ReplaceAll(c.Name, "-", "_"))
}
func (c Config) subject() string { return c.Name + ".docs" }
func (c Config) bucket() string  { return c.Name + "_results" }

// Connect connects to the servers and creates the stream and bucket when
// they do not exist yet.
func Connect(ctx context.Context, cfg Config) (*Bus, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	// A worker outlives server restarts and leader elections: reconnect
	// for as long as it runs.
	nc, err := nats.Connect(cfg.URL, nats.Name("dossier"), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond))
	if err != nil {
		return nil, fmt.Errorf("bus: connect %s: %w", cfg.URL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("bus: %w", err)
	}
	b := &Bus{cfg: cfg, nc: nc, js: js, maxMsg: int(nc.MaxPayload())}
	if err := b.ensure(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return b, nil
}

// ensure creates the stream and bucket, retrying while a cluster elects
// its leaders.
func (b *Bus) ensure(ctx context.Context) error {
	var err error
	for attempt := 0; attempt < 40; attempt++ {
		if err = b.create(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	return err
}

func (b *Bus) create(ctx context.Context) error {
	cfg := b.cfg
	s, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.streamName(),
		Description: "documents to ingest, in publication order",
		Subjects:    []string{cfg.subject()},
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
		Duplicates:  cfg.Duplicates,
	})
	if err != nil {
		return fmt.Errorf("bus: stream %s: %w", cfg.streamName(), err)
	}
	kv, err := b.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      cfg.bucket(),
		Description: "analysed documents waiting for the leader, by message id",
		TTL:         24 * time.Hour,
		Replicas:    cfg.Replicas,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("bus: bucket %s: %w", cfg.bucket(), err)
	}
	b.stream, b.results = s, kv
	return nil
}

// Close drains and closes the connection.
func (b *Bus) Close() error {
	return b.nc.Drain()
}

// Last is the sequence of the last document published so far.
func (b *Bus) Last(ctx context.Context) (uint64, error) {
	info, err := b.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("bus: stream info: %w", err)
	}
	return info.State.LastSeq, nil
}

// temporary reports errors worth retrying: a cluster electing a leader,
// a server restarting, a timeout.
func temporary(err error) bool {
	return errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, jetstream.ErrNoStreamResponse) || errors.Is(err, nats.ErrNoResponders) ||
		errors.Is(err, nats.ErrConnectionReconnecting) || errors.Is(err, jetstream.ErrNoHeartbeat)
}
