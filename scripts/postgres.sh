#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts a throwaway PostgreSQL cluster with
# PostGIS on loopback for the server store's tests, exports
# CLAIRVOIE_TEST_POSTGRES, and stops and removes it when the shell exits.
# As root, the cluster runs as the postgres user (initdb refuses root).
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "PostgreSQL is missing: apt-get install postgresql-15-postgis-3 (what .ci/run does)"; exit 1
fi
pgdir=$(mktemp -d /tmp/clairvoie-pg.XXXXXX)
# Below Linux's ephemeral range (32768 on), so that no outgoing connection holds it.
pgport=$((21000 + RANDOM % 4000))
run_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$pgdir"
run_pg "'$pgbin/initdb' -D '$pgdir/data' -A trust -U postgres >'$pgdir/initdb.log' 2>&1" || { cat "$pgdir/initdb.log"; exit 1; }
for attempt in 1 2 3; do # a port taken by chance: another one
  run_pg "'$pgbin/pg_ctl' -D '$pgdir/data' -l '$pgdir/server.log' -w -o \"-k '$pgdir' -p $pgport -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null" && break
  [ "$attempt" = 3 ] && { cat "$pgdir/server.log"; exit 1; }
  pgport=$((21000 + RANDOM % 4000))
done
trap "run_pg \"'$pgbin/pg_ctl' -D '$pgdir/data' -m immediate stop\" >/dev/null 2>&1; rm -rf '$pgdir'" EXIT
psql -h 127.0.0.1 -p "$pgport" -U postgres -q -c 'CREATE EXTENSION IF NOT EXISTS postgis' \
  || { echo "PostGIS is missing: apt-get install postgresql-15-postgis-3 (what .ci/run does)"; exit 1; }
export CLAIRVOIE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pgport/postgres"
echo "   PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') with PostGIS on 127.0.0.1:$pgport"
