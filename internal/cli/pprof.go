package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// pprofHandler is net/http/pprof on a mux of its own. The package's
// init registers on http.DefaultServeMux, which dossier never serves;
// mounting the handlers explicitly here keeps profiles off the public
// mux whatever else imports the package.
func pprofHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // heap, goroutine, allocs, block, mutex, threadcreate by name
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// startPprof serves pprofHandler on addr, on its own listener and
// http.Server, until the returned stop is called. It listens before it
// returns, so that a taken port fails `dossier serve` at once rather
// than in a goroutine nobody watches.
func startPprof(env Env, addr string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--pprof-addr: %w", err)
	}
	srv := &http.Server{
		Handler:           pprofHandler(),
		ReadHeaderTimeout: 10 * time.Second,
		// No WriteTimeout: a CPU profile or trace streams for as long
		// as its ?seconds= asks.
		IdleTimeout:    120 * time.Second,
		MaxHeaderBytes: 1 << 16,
	}
	fmt.Fprintf(env.Stdout, "profiles on http://%s/debug/pprof/\n", ln.Addr())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
			fmt.Fprintf(env.Stderr, "dossier serve: --pprof-addr: %v\n", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(ctx) //nolint:errcheck // a profile cut short at exit is no loss
		<-done
	}, nil
}
