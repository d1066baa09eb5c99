package bus

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
)

// Lease is the right to run the serial stages, held by one worker at a
// time, with the stream position applied so far (see postgres.Lease).
type Lease interface {
	Position(ctx context.Context) (uint64, error)
	SetPosition(ctx context.Context, seq uint64) error
	// Check fails once the lease has been lost.
	Check(ctx context.Context) error
	Release()
}

// Worker consumes the stream into a store: it analyses documents like
// every other worker and, while it holds the lease, applies the stream.
type Worker struct {
	Bus   *Bus
	Store store.Store
	// Lead blocks until this worker holds the lease named name.
	Lead func(ctx context.Context, name string) (Lease, error)
	// Applied reads the position applied so far without the lease.
	Applied  func(ctx context.Context, name string) (uint64, error)
	Pipeline pipeline.Config
	// Drain makes Run return once everything published so far has been
	// applied, rather than wait for more.
	Drain bool
	// Logf, when set, is told what the worker does (lead changes,
	// batches applied).
	Logf func(format string, args ...any)

	analysed atomic.Int64
}

// Analysed is how many documents this worker has analysed for the
// bucket (not counting what it computed as leader).
func (w *Worker) Analysed() int64 { return w.analysed.Load() }

func (w *Worker) logf(format string, args ...any) {
	if w.Logf != nil {
		w.Logf(format, args...)
	}
}

// errDrained ends a draining worker's loops.
var errDrained = errors.New("drained")

// Run works until ctx ends (or, with Drain, until the stream is applied).
func (w *Worker) Run(ctx context.Context) error {
	cfg := w.Pipeline.WithDefaults()
	// The lease holder only stores; every worker's indexLoop builds the
	// search index beside it.
	cfg.DeferIndex = true
	an, err := pipeline.NewAnalyser(cfg)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for _, loop := range []func(context.Context) error{
		func(ctx context.Context) error { return w.analyse(ctx, an, cfg.Workers) },
		func(ctx context.Context) error { return w.leadLoop(ctx, an, cfg) },
		w.indexLoop,
		w.drained,
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := loop(ctx); err != nil {
				errs <- err
				cancel(err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, errDrained) && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	if cause := context.Cause(ctx); errors.Is(cause, errDrained) {
		// Drained means searchable too: index what is still pending.
		if ix, ok := w.Store.(indexer); ok {
			for {
				n, err := ix.IndexPending(context.Background(), 500)
				if err != nil {
					return err
				}
				if n < 500 {
					break
				}
			}
		}
		return nil
	}
	return ctx.Err()
}

// drained returns errDrained, with Drain, once the position applied has
// reached the stream's last message.
func (w *Worker) drained(ctx context.Context) error {
	if !w.Drain {
		return nil
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(200 * time.Millisecond):
		}
		last, err := w.Bus.Last(ctx)
		if err != nil {
			continue // a cluster electing a leader answers again soon
		}
		applied, err := w.Applied(ctx, w.Bus.cfg.Name)
		if err != nil {
			return err
		}
		if applied >= last {
			return errDrained
		}
	}
}

// key names a message's result in the bucket: its content-derived id,
// or its sequence for a message published without one.
func key(msg jetstream.Msg) string {
	if id := msg.Headers().Get(jetstream.MsgIDHeader); id != "" {
		return id
	}
	if md, err := msg.Metadata(); err == nil {
		return "seq-" + strconv.FormatUint(md.Sequence.Stream, 10)
	}
	return ""
}

// analyse runs the stateless half on documents from the shared
// consumer, n at a time, leaving results in the bucket.
func (w *Worker) analyse(ctx context.Context, an *pipeline.Analyser, n int) error {
	var cons jetstream.Consumer
	var err error
	for cons == nil {
		cons, err = w.Bus.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
			Durable:       "analyse",
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       w.Bus.cfg.AckWait,
			MaxDeliver:    5, // a document that keeps killing workers is left to the leader
			MaxAckPending: 64 * n,
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.logf("analyse consumer: %v (retrying)", err)
			time.Sleep(500 * time.Millisecond)
		}
	}
	jobs := make(chan jetstream.Msg)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for msg := range jobs {
				w.analyseOne(ctx, an, msg)
			}
		}()
	}
	defer func() { close(jobs); wg.Wait() }()
	for ctx.Err() == nil {
		batch, err := cons.Fetch(2*n, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			time.Sleep(250 * time.Millisecond) // server gone or electing: the client reconnects
			continue
		}
		for msg := range batch.Messages() {
			select {
			case jobs <- msg:
			case <-ctx.Done():
				return nil
			}
		}
	}
	return nil
}

func (w *Worker) analyseOne(ctx context.Context, an *pipeline.Analyser, msg jetstream.Msg) {
	doc, err := decode(msg.Data())
	if err != nil {
		msg.Term() // the leader records it as failed
		return
	}
	r := an.Analyse(doc)
	if b, err := r.MarshalBinary(); err == nil {
		// A result too large for the bucket is not an error: the leader
		// computes what it does not find.
		w.Bus.results.Put(ctx, key(msg), b)
	}
	msg.Ack()
	w.analysed.Add(1)
}

// compute is what the leader does for a message no worker analysed in
// time.
func compute(an *pipeline.Analyser, msg jetstream.Msg) pipeline.Result {
	doc, err := decode(msg.Data())
	if err != nil {
		md, _ := msg.Metadata()
		origin := "bus message"
		if md != nil {
			origin = fmt.Sprintf("bus message %d", md.Sequence.Stream)
		}
		doc.Origin, doc.Err = origin, err
	}
	return an.Analyse(doc)
}

// isTimeout reports an iterator's wait running out, which is how the
// leader sees that the stream has stalled.
func isTimeout(err error) bool { return errors.Is(err, nats.ErrTimeout) }
