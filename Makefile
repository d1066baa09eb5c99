# Dossier developer targets. `make test` is what CI runs (via .ci/run).
GO      ?= go
SHARED  ?= ../shared
FUZZTIME ?= 30s

.PHONY: all build test test-race bench fuzz eval lint demo clean soak

all: build

build:
	CGO_ENABLED=0 $(GO) build -o bin/dossier ./cmd/dossier

test:
	$(GO) vet ./...
	$(GO) test ./...

test-race:
	$(GO) test -race ./...

# Benchmarks read the evaluation pages from $(SHARED); they skip without it.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu 2 ./...

# Each fuzz target runs for FUZZTIME; `go test -fuzz` takes one target at a time.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

eval:
	$(GO) run ./cmd/dossier eval --shared $(SHARED) extract
	$(GO) run ./cmd/dossier eval --shared $(SHARED) dedup
	$(GO) run ./cmd/dossier eval --shared $(SHARED) ner
	$(GO) run ./cmd/dossier eval --shared $(SHARED) timex
	$(GO) run ./cmd/dossier eval --shared $(SHARED) quotes
	$(GO) run ./cmd/dossier eval --shared $(SHARED) stories
	$(GO) run ./cmd/dossier eval --shared $(SHARED) summaries
	$(GO) run ./cmd/dossier eval --shared $(SHARED) timelines

lint:
	@test -z "$$(gofmt -l .)" || (echo "gofmt needed:"; gofmt -l .; exit 1)
	$(GO) vet ./...

demo:
	$(GO) run ./cmd/dossier demo

# A 15-minute loopback soak of the server — concurrent reads and posts —
# writing docs/soak.png and docs/soak.csv (docs/BENCHMARKS.md, "Soak").
# DURATION, RATE, READERS, ARTICLES… override it: see scripts/soak.sh.
soak:
	GO=$(GO) sh scripts/soak.sh

clean:
	rm -rf bin
