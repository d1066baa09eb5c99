#!/bin/sh
# scripts/soak.sh (make soak): a bounded loopback soak of dossier serve,
# as recorded in docs/BENCHMARKS.md, "Soak". It builds the binary, makes
# a synthetic store, creates a write token, serves the store with
# --writes on a loopback port, runs `dossier loadtest --soak` (the read
# mix closed-loop and fresh articles posted at a fixed rate) and writes
# the figure and the rows to docs/, then stops the server and removes
# the store. It exits non-zero when the soak fails its verdict.
#
# Environment (defaults in brackets): ARTICLES [20000] in the store,
# DURATION [15m], INTERVAL [10s], RATE [5] posts/s, READERS [16]
# closed-loop readers, PORT [18931], OUT [docs] for soak.png and
# soak.csv, KEEP=1 to keep the work directory (store, server log).
# Finding what grows: PPROF=127.0.0.1:6060 serves Go's profiles there
# (dossier serve --pprof-addr) and saves the live heap as
# $PROFILES/heap-early.pb.gz PPROF_EARLY [120] seconds into the soak and
# as $PROFILES/heap-end.pb.gz at its end (PROFILES [$OUT]); compare with
#   go tool pprof -sample_index=inuse_space -top -base heap-early.pb.gz bin/dossier heap-end.pb.gz
# REPOST=1 is the control: the posts are the store's own articles
# (dossier loadtest --repost-synth), answered "existing", so the data
# does not grow while the reads and posts go on.
set -eu
GO=${GO:-go}
ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-15m}
INTERVAL=${INTERVAL:-10s}
RATE=${RATE:-5}
READERS=${READERS:-16}
PORT=${PORT:-18931}
OUT=${OUT:-docs}
KEEP=${KEEP:-}
PPROF=${PPROF:-}
PPROF_EARLY=${PPROF_EARLY:-120}
PROFILES=${PROFILES:-$OUT}
REPOST=${REPOST:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/dossier-soak.XXXXXX")
server=
early=
cleanup() {
	if [ -n "$early" ]; then kill "$early" 2>/dev/null || true; fi
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null || true # SIGTERM: graceful shutdown
		wait "$server" 2>/dev/null || true
	fi
	if [ -n "$KEEP" ]; then echo "soak: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CGO_ENABLED=0 "$GO" build -o bin/dossier ./cmd/dossier
start=$(date +%s)
bin/dossier synth --articles "$ARTICLES" -o "$work/corpus.jsonl"
bin/dossier ingest --db "$work/soak.db" "$work/corpus.jsonl" >"$work/ingest.log" 2>&1
tail -n 1 "$work/ingest.log"
DOSSIER_TOKEN=$(bin/dossier token create soak --db "$work/soak.db" 2>/dev/null)
export DOSSIER_TOKEN # not on a command line, where ps would show it
echo "soak: store of $ARTICLES synthetic articles made in $(($(date +%s) - start)) s"

pprof=
if [ -n "$PPROF" ]; then pprof="--pprof-addr=$PPROF"; fi
# $pprof unquoted: no argument at all when it is empty.
# shellcheck disable=SC2086
bin/dossier serve --db "$work/soak.db" --addr "127.0.0.1:$PORT" --writes $pprof >"$work/serve.log" 2>&1 &
server=$!
# The server loads its indexes before it listens; wait for it, or for
# its death.
i=0
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do
	if ! kill -0 "$server" 2>/dev/null || [ $i -ge 120 ]; then
		echo "soak: the server did not come up:" >&2
		cat "$work/serve.log" >&2
		exit 1
	fi
	i=$((i + 1))
	sleep 1
done

mkdir -p "$OUT"
# heap saves the server's heap profile (after a collection: gc=1, so
# that inuse is what is live) to $PROFILES/heap-$1.pb.gz.
heap() {
	curl -sf -o "$PROFILES/heap-$1.pb.gz" "http://$PPROF/debug/pprof/heap?gc=1" &&
		echo "soak: saved $PROFILES/heap-$1.pb.gz"
}
if [ -n "$PPROF" ]; then
	mkdir -p "$PROFILES"
	(sleep "$PPROF_EARLY" && heap early) &
	early=$!
fi
repost=
if [ -n "$REPOST" ]; then repost="--repost-synth=$ARTICLES"; fi
rc=0
# shellcheck disable=SC2086
bin/dossier loadtest --soak --url "http://127.0.0.1:$PORT" --duration "$DURATION" --interval "$INTERVAL" \
	--ingest-rate "$RATE" -c "$READERS" $repost --csv "$OUT/soak.csv" --png "$OUT/soak.png" || rc=$?
if [ -n "$PPROF" ]; then
	wait "$early" || true
	early=
	heap end || true
fi
# What the server logged (warnings and errors) counts too: show it.
quiet='^(serving|profiles) on '
lines=$(grep -Evc "$quiet" "$work/serve.log" || true)
echo "soak: the server logged $lines lines besides its addresses"
grep -Ev "$quiet" "$work/serve.log" | tail -n 20 || true
if [ "$lines" -gt 0 ] && [ "$rc" -eq 0 ]; then
	echo "soak: FAIL: the server logged warnings or errors" >&2
	rc=1
fi
echo "soak: wrote $OUT/soak.png and $OUT/soak.csv"
exit "$rc"
