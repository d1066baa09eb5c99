package bus

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dossier-news/dossier/internal/pipeline"
)

// leadLoop waits for the lease, applies the stream while it holds it,
// and waits again when it loses it.
func (w *Worker) leadLoop(ctx context.Context, an *pipeline.Analyser, cfg pipeline.Config) error {
	for ctx.Err() == nil {
		lease, err := w.Lead(ctx, w.Bus.cfg.Name)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.logf("waiting for the lease: %v", err)
			time.Sleep(time.Second)
			continue
		}
		err = w.lead(ctx, lease, an, cfg)
		lease.Release()
		if ctx.Err() != nil {
			return nil
		}
		// The store or the bus failed under us; another worker may take
		// over while this one waits for the lease again.
		w.logf("leader stopped: %v", err)
		time.Sleep(time.Second)
	}
	return nil
}

// lead applies the stream from the recorded position, one batch at a
// time, cut as the embedded pipeline cuts them (see read).
func (w *Worker) lead(ctx context.Context, lease Lease, an *pipeline.Analyser, cfg pipeline.Config) error {
	// Open loads the serial stages' state from the store — which a
	// previous leader may have left with a batch stored but not every
	// stage run: Open catches up on it.
	in, err := pipeline.Open(ctx, w.Store, cfg)
	if err != nil {
		return err
	}
	pos, err := lease.Position(ctx)
	if err != nil {
		return err
	}
	w.logf("leading from position %d", pos)
	oc, err := w.Bus.stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:   pos + 1,
	})
	if err != nil {
		return fmt.Errorf("bus: ordered consumer: %w", err)
	}
	it, err := oc.Messages()
	if err != nil {
		return fmt.Errorf("bus: ordered consumer: %w", err)
	}
	defer it.Stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Next takes a wait or a context, not both: stopping the iterator is
	// how ctx ends a wait.
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	// The next batch is read and its results gathered while this one is
	// applied: the serial stages are the bottleneck, so they should not
	// also wait for the bus.
	batches := make(chan batch, 1)
	go func() {
		defer close(batches)
		for {
			b := w.read(ctx, it, cfg)
			if b.err == nil && len(b.msgs) == 0 {
				continue
			}
			if b.err == nil {
				b.rs, b.err = w.gather(ctx, an, b.msgs, cfg.Workers)
			}
			select {
			case batches <- b:
			case <-ctx.Done():
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	for b := range batches {
		if b.err != nil {
			return b.err
		}
		if err := lease.Check(ctx); err != nil {
			return err
		}
		stats, err := in.Apply(ctx, b.rs)
		if err != nil {
			return err
		}
		if b.stalled {
			// Caught up: relink storylines, as a run does at its end,
			// before the position says this batch is done.
			if err := in.Link(ctx); err != nil {
				return err
			}
		}
		md, err := b.msgs[len(b.msgs)-1].Metadata()
		if err != nil {
			return fmt.Errorf("bus: message metadata: %w", err)
		}
		pos = md.Sequence.Stream
		if err := lease.SetPosition(ctx, pos); err != nil {
			return err
		}
		w.logf("applied %d documents up to %d: %d new, %d already stored, %d failed", len(b.msgs), pos, stats.New, stats.Existing, stats.Failed)
		if stats.Foreign > 0 {
			w.logf("%d of them were stored by another worker (a lost lease); state reloaded from the store", stats.Foreign)
		}
		w.forget(b.msgs, pos)
	}
	return ctx.Err()
}

// batch is a run of the stream to apply together, with its results.
type batch struct {
	msgs    []jetstream.Msg
	rs      []pipeline.Result
	stalled bool // the stream had nothing more when the batch was cut
	err     error
}

// read cuts the next batch from the stream: when full, when the stream
// stalls for FlushEvery, or MaxWait after the batch's first document.
func (w *Worker) read(ctx context.Context, it jetstream.MessagesContext, cfg pipeline.Config) batch {
	var b batch
	var first time.Time
	for len(b.msgs) < cfg.BatchSize {
		msg, err := it.Next(jetstream.NextMaxWait(cfg.FlushEvery))
		if ctx.Err() != nil {
			return batch{err: ctx.Err()}
		}
		if isTimeout(err) {
			b.stalled = true
			return b
		}
		if err != nil {
			return batch{err: fmt.Errorf("bus: reading the stream: %w", err)}
		}
		b.msgs = append(b.msgs, msg)
		if first.IsZero() {
			first = time.Now()
		} else if time.Since(first) >= cfg.MaxWait {
			return b
		}
	}
	return b
}

// gather collects the chunk's results in order: from the bucket when a
// worker has left them there, else computed here once AnalyseWait has
// passed. Waiting runs for every message at once; computing on at most
// n at a time.
func (w *Worker) gather(ctx context.Context, an *pipeline.Analyser, chunk []jetstream.Msg, n int) ([]pipeline.Result, error) {
	rs := make([]pipeline.Result, len(chunk))
	errs := make([]error, len(chunk))
	sem := make(chan struct{}, n)
	deadline := time.Now().Add(w.Bus.cfg.AnalyseWait)
	var wg sync.WaitGroup
	for i, msg := range chunk {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := key(msg)
			for {
				e, err := w.Bus.results.Get(ctx, k)
				if err == nil {
					if errs[i] = rs[i].UnmarshalBinary(e.Value()); errs[i] == nil {
						return
					}
					break // an unreadable result is recomputed
				}
				if !errors.Is(err, jetstream.ErrKeyNotFound) && ctx.Err() != nil {
					errs[i] = ctx.Err()
					return
				}
				if time.Now().After(deadline) {
					break
				}
				select {
				case <-ctx.Done():
					errs[i] = ctx.Err()
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
			sem <- struct{}{}
			rs[i], errs[i] = compute(an, msg), nil
			<-sem
		}()
	}
	wg.Wait()
	return rs, errors.Join(errs...)
}

// forget drops what the applied messages left behind — their results
// and the stream's copy — in the background: both are only an
// optimisation once the position has moved past them.
func (w *Worker) forget(chunk []jetstream.Msg, pos uint64) {
	keys := make([]string, len(chunk))
	for i, m := range chunk {
		keys[i] = key(m)
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for _, k := range keys {
			w.Bus.results.Purge(ctx, k)
		}
		w.Bus.stream.Purge(ctx, jetstream.WithPurgeSequence(pos+1))
	}()
}
