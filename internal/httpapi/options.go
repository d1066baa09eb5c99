package httpapi

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/metrics"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
)

// Options configure the API beyond reading the store.
type Options struct {
	// Ingester, when set, stores what holders of a token POST to
	// /api/v1/articles; without it the route answers 503.
	Ingester *pipeline.Ingester
	// ReadAuth requires a token for reads as well as writes. Reads are
	// open otherwise, which is why `dossier serve` refuses to listen
	// beyond loopback without it unless told to.
	ReadAuth bool
	// MaxBodyBytes bounds a posted document; 0 means 5 MiB.
	MaxBodyBytes int64
	// Metrics is the registry GET /metrics writes; nil makes one.
	Metrics *metrics.Registry
	// StoryCache keeps up to this many rendered answers of the story
	// routes until their story changes (internal/httpcache), each at
	// most StoryTTL (0 means a minute); 0 is off.
	StoryCache int
	StoryTTL   time.Duration
	// ListingTTL keeps the answers of the listings (articles, stories,
	// storylines, dups, entities, quotes, stats) for this long, each
	// query string apart; 0 is off. Listings then lag writes by it.
	ListingTTL time.Duration
	// SearchTTL keeps the answers of /api/v1/search for this long, each
	// query string apart, at most 1,024 of them; 0 is off. Ranking is the
	// costliest read (tens of milliseconds for a common word) and readers
	// repeat the same searches, so a server under load answers a repeat
	// from memory; a search then lags writes by up to SearchTTL.
	SearchTTL time.Duration
}

func (o Options) withDefaults() Options {
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 5 << 20
	}
	if o.Metrics == nil {
		o.Metrics = metrics.NewRegistry()
	}
	if o.StoryTTL <= 0 {
		o.StoryTTL = time.Minute
	}
	return o
}

// serverMetrics are the series the API keeps.
type serverMetrics struct {
	reg      *metrics.Registry
	requests *metrics.CounterVec
	latency  *metrics.HistogramVec
	posted   *metrics.CounterVec
}

func newServerMetrics(reg *metrics.Registry, st store.Store) serverMetrics {
	m := serverMetrics{
		reg:      reg,
		requests: reg.Counter("dossier_http_requests_total", "HTTP requests by route pattern and status code.", "route", "code"),
		latency:  reg.Histogram("dossier_http_request_seconds", "HTTP request latency by route pattern.", metrics.LatencyBuckets, "route"),
		posted:   reg.Counter("dossier_api_documents_total", "Documents posted to the API by outcome (new, existing, failed).", "outcome"),
	}
	// Store size is read at scrape time; a failing store reads as -1
	// rather than failing the scrape.
	stat := func(f func(store.Stats) int) func() float64 {
		return func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			s, err := st.Stats(ctx)
			if err != nil {
				return -1
			}
			return float64(f(s))
		}
	}
	reg.GaugeFunc("dossier_store_articles", "Articles stored.", stat(func(s store.Stats) int { return s.Articles }))
	reg.GaugeFunc("dossier_store_stories", "Stories stored.", stat(func(s store.Stats) int { return s.Stories }))
	reg.GaugeFunc("dossier_store_failures", "Documents recorded as failed.", stat(func(s store.Stats) int { return s.Failures }))
	return m
}

// statusWriter remembers the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// instrument counts requests and their latency by route pattern (never
// by raw path, which would make a series per article).
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			// Rejected before routing (by authorize): ask the mux.
			if _, route = s.mux.Handler(r); route == "" {
				route = "unmatched"
			}
		}
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		s.m.requests.Add(1, route, itoa(sw.code))
		s.m.latency.Observe(time.Since(start).Seconds(), route)
	})
}

func itoa(n int) string {
	const digits = "0123456789"
	if n >= 100 && n < 1000 {
		return string([]byte{digits[n/100], digits[n/10%10], digits[n%10]})
	}
	return "other"
}

// authorize asks for a bearer token on writes, and on reads when
// ReadAuth is set. Health probes stay open so orchestrators can use
// them.
func (s *Server) authorize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		read := r.Method == http.MethodGet || r.Method == http.MethodHead
		probe := r.URL.Path == "/healthz" || r.URL.Path == "/readyz"
		if probe || (read && !s.opt.ReadAuth) {
			next.ServeHTTP(w, r)
			return
		}
		if !s.validToken(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dossier"`)
			writeError(w, http.StatusUnauthorized, "unauthorized", "a valid API token is required: Authorization: Bearer <token> (dossier token create)")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Protect applies the API's read rule to another handler (the web
// pages): with ReadAuth, a request without a valid bearer token is
// refused; without it, next serves everything.
func (s *Server) Protect(next http.Handler) http.Handler {
	if !s.opt.ReadAuth {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.validToken(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dossier"`)
			http.Error(w, "this server requires an API token for reading (Authorization: Bearer <token>)", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// validToken checks the request's bearer token against the stored
// hashes. The lookup is by hash, so the secret never reaches the store,
// and the final comparison is constant-time.
func (s *Server) validToken(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	secret, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || secret == "" {
		return false
	}
	hash := news.HashToken(strings.TrimSpace(secret))
	t, err := s.st.TokenByHash(r.Context(), hash)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(t.Hash), []byte(hash)) == 1
}

// ready serves GET /readyz: 200 when the store answers, 503 otherwise.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.st.Stats(ctx); err != nil {
		writeError(w, http.StatusServiceUnavailable, "not_ready", "store unavailable: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, Health{Status: "ready"})
}

// metrics serves GET /metrics in the Prometheus text format.
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.m.reg.WriteText(w)
}
