#!/usr/bin/env bash
# The suite behind `make test`: pytest on SQLite and, when a PostgreSQL address is given, the same
# suite on PostgreSQL at the same time. Each run is mostly one busy core, so on a two-core machine
# side by side takes about as long as the slower run instead of the sum of both.
#
# The SQLite run writes to the terminal as it goes; the PostgreSQL run writes to .uji/postgresql.log,
# printed whole when it ends. It moves its Redis databases up by 8 (tests/redis_bantu.py) and keeps
# no pytest cache, so the two runs share nothing but the read-only project files. Exit status: the
# first failing run's, else 0.
#
# Usage: scripts/uji.sh BIN [POSTGRESQL_URL]
set -uo pipefail
BIN=$1
PG=${2:-}
mkdir -p .uji

# Static copies (instance/statis) are built by the first app of a process; build them once here so
# two runs starting together never write the same gzip file at the same moment.
"$BIN/python" -c 'from app import create_app; create_app("testing")' >/dev/null 2>&1 || true

pg_pid=
if [ -n "$PG" ]; then
  echo "== pytest on PostgreSQL (in the background: .uji/postgresql.log, shown when it ends)"
  SIGAP_TEST_DATABASE_URL="$PG" SIGAP_TEST_REDIS_GESER=8 \
    "$BIN/pytest" -p no:cacheprovider >.uji/postgresql.log 2>&1 &
  pg_pid=$!
else
  echo "== DATABASE_URL not set: PostgreSQL run skipped (CI always sets it)"
fi

echo "== pytest on SQLite"
mulai=$SECONDS
"$BIN/pytest"
sqlite_rc=$?
echo "== SQLite run: exit $sqlite_rc after $((SECONDS - mulai)) s"

pg_rc=0
if [ -n "$pg_pid" ]; then
  wait "$pg_pid"
  pg_rc=$?
  echo "== pytest on PostgreSQL (exit $pg_rc, both runs done after $((SECONDS - mulai)) s):"
  cat .uji/postgresql.log
fi

if [ "$sqlite_rc" -ne 0 ]; then exit "$sqlite_rc"; fi
exit "$pg_rc"
