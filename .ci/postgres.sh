#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a loopback port for the tests
# and prints its connection URL on stdout. Installs Debian's server when
# it is missing. Data lives in a temporary directory owned by the
# postgres user, since initdb refuses to run as root.
set -euo pipefail
PORT="${PGPORT_TEST:-55432}"
bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
if [ -z "$bindir" ]; then
	echo "installing postgresql" >&2
	if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
	for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
fi
[ -n "$bindir" ] || { echo "no PostgreSQL server available" >&2; exit 1; }
id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
data="$(mktemp -d /tmp/dossier-pg.XXXXXX)"
chown postgres "$data"
as_pg() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi; }
as_pg "$bindir/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 --locale=C >&2
as_pg "$bindir/pg_ctl" -D "$data/db" -l "$data/log" -w -o "-p $PORT -k $data -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
echo "postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
