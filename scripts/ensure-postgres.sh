#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers, and prints the port it answers on (last line of output).
# Uses the local server on 127.0.0.1:5432 when one answers; otherwise starts one from the Debian binaries
# (installing them with apt-get when missing) in a temporary directory on port 55432, as user postgres.
set -euo pipefail

answers() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

if answers 5432; then
  echo "PostgreSQL answers on 127.0.0.1:5432" >&2
  echo 5432
  exit 0
fi

port=55432
if answers "$port"; then
  echo "PostgreSQL (started earlier) answers on 127.0.0.1:$port" >&2
  echo "$port"
  exit 0
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "Installing PostgreSQL from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

data=$(mktemp -d /tmp/stallkeeper-pg.XXXXXX)
chown postgres:postgres "$data" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 >/dev/null
as_pg "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $port -k $data -c listen_addresses=127.0.0.1" -w start >&2
echo "PostgreSQL started in $data on 127.0.0.1:$port" >&2
echo "$port"
