package ingest

import (
	"context"
	"time"
)

// reserve books the next request start to h at or after now, at least
// interval after the previous booking, and returns how long the caller
// must wait for it. Bookings are first come, first served, so waiting
// requests to one host start in the order they asked. Call with the
// Reader's mu held.
func (h *hostSlots) reserve(now time.Time, interval time.Duration) time.Duration {
	start := now
	if h.next.After(now) {
		start = h.next
	}
	h.next = start.Add(interval)
	return start.Sub(now)
}

// pace waits until a request to host may start: HostInterval after the
// previous request to it started (a booking, not a measurement, so
// concurrent Reads of one Reader share it). It returns ctx.Err() if ctx
// ends first; the booking is then not given back, which only delays the
// next request by at most one interval.
func (r *Reader) pace(ctx context.Context, host string) error {
	interval := r.cfg.hostInterval()
	if interval <= 0 {
		return ctx.Err()
	}
	r.mu.Lock()
	h, leave := r.hostRef(host)
	wait := h.reserve(time.Now(), interval)
	r.mu.Unlock()
	// Dropping the reference now is safe: the entry is not idle until its
	// booking has passed, so the next request to host still finds it.
	leave()
	if wait <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
