package bus

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// PublishStats counts what Publish did.
type PublishStats struct {
	// Published documents are new on the stream; Duplicates were already
	// on it within the duplicate window; Unreadable ones were published
	// as failures, to be recorded with their reason.
	Published, Duplicates, Unreadable int
}

// publishWindow is how many publishes are in flight before Publish waits
// for their acknowledgements: enough to hide the round trip.
const publishWindow = 256

// Publish puts every document of docs on the stream, in order, and
// returns once all are acknowledged (stored by the stream's replicas).
// A publish that fails is retried with the same message id until ctx
// ends, so a server dying mid-run neither loses nor doubles a document.
func (b *Bus) Publish(ctx context.Context, docs <-chan ingest.Document) (PublishStats, error) {
	type inflight struct {
		fut  jetstream.PubAckFuture
		data []byte
		id   string
	}
	var stats PublishStats
	var window []inflight
	count := func(ack *jetstream.PubAck) {
		if ack.Duplicate {
			stats.Duplicates++
		} else {
			stats.Published++
		}
	}
	settle := func() error {
		for _, p := range window {
			var ack *jetstream.PubAck
			var err error
			select {
			case ack = <-p.fut.Ok():
			case err = <-p.fut.Err():
			case <-ctx.Done():
				return ctx.Err()
			}
			if err != nil {
				if ack, err = b.publishSync(ctx, p.data, p.id); err != nil {
					return err
				}
			}
			count(ack)
		}
		window = window[:0]
		return nil
	}
	for doc := range docs {
		data, err := b.message(doc)
		if err != nil {
			return stats, err
		}
		if doc.Err != nil {
			stats.Unreadable++
		}
		id := messageID(data)
		fut, err := b.js.PublishAsync(b.cfg.subject(), data, jetstream.WithMsgID(id))
		if err != nil {
			ack, err := b.publishSync(ctx, data, id)
			if err != nil {
				return stats, err
			}
			count(ack)
			continue
		}
		window = append(window, inflight{fut, data, id})
		if len(window) >= publishWindow {
			if err := settle(); err != nil {
				return stats, err
			}
		}
	}
	return stats, settle()
}

// message encodes doc; a document too large for the servers' payload
// limit is published as a failure, so that it is recorded, not lost.
func (b *Bus) message(doc ingest.Document) ([]byte, error) {
	data, err := encode(doc)
	if err != nil {
		return nil, fmt.Errorf("bus: encoding %s: %w", doc.Origin, err)
	}
	if len(data) > b.maxMsg-1024 { // headers need room too
		doc = ingest.Document{Origin: doc.Origin, Kind: doc.Kind,
			Err: fmt.Errorf("document of %d bytes is over the bus's message limit of %d: %w", len(doc.Body), b.maxMsg, news.ErrTooLarge)}
		if data, err = encode(doc); err != nil {
			return nil, fmt.Errorf("bus: encoding %s: %w", doc.Origin, err)
		}
	}
	return data, nil
}

// publishSync publishes one message until it is acknowledged or ctx
// ends, backing off between attempts.
func (b *Bus) publishSync(ctx context.Context, data []byte, id string) (*jetstream.PubAck, error) {
	wait := 100 * time.Millisecond
	for {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ack, err := b.js.Publish(pctx, b.cfg.subject(), data, jetstream.WithMsgID(id))
		cancel()
		if err == nil {
			return ack, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bus: publish: %w", err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}
