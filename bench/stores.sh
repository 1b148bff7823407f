#!/usr/bin/env bash
# The two stores side by side (issue 9): 100,000 generated cameras imported
# into SQLite, copied to PostgreSQL + PostGIS (migrate-store), then
# GET /api/cameras?bbox on each under an open-loop load at 200, 500 and
# 1,000 requests/s (bench/ratelimit: latency from the scheduled time), and
# the server's peak memory. Needs PostgreSQL 15 + PostGIS (scripts/postgres.sh
# starts a throwaway cluster) and GNU time.
# With SOAK minutes (issue 9: 10), each server then takes 200 requests/s
# for that long, and its resident memory is printed minute by minute: it
# must stay flat (no leak), which the script checks (growth after the first
# minute under 15 %).
# Usage: bench/stores.sh [N] [SECONDS] [SOAK]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
secs=${2:-20}
soak=${3:-0}
out=bench/out
mkdir -p "$out"
source scripts/postgres.sh
go build -o "$out/clairvoie" ./cmd/clairvoie
go build -o "$out/genosm" ./bench/genosm
go build -o "$out/ratelimit" ./bench/ratelimit
"$out/genosm" -n "$n" -out "$out/cameras.osm" -bboxes "$out/bboxes.txt"
# The 200 district windows repeat, so after their first answers the server's
# answer cache serves them; 20,000 windows shifted by up to ±1 km never repeat
# within a 20 s run: the cost of answers computed every time.
awk -F, 'BEGIN { srand(7) } { for (i = 0; i < 100; i++) { dx = (rand() - 0.5) * 0.025; dy = (rand() - 0.5) * 0.018;
  printf "%.5f,%.5f,%.5f,%.5f\n", $1 + dx, $2 + dy, $3 + dx, $4 + dy } }' "$out/bboxes.txt" | shuf --random-source=<(yes) >"$out/bboxes-cold.txt"
rm -f "$out/stores.db" "$out/stores.db-wal" "$out/stores.db-shm"
echo "== import of $n cameras into SQLite"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$out/clairvoie" import --db "$out/stores.db" --source osm "$out/cameras.osm" 2>&1 >/dev/null
echo "== migrate-store SQLite -> PostgreSQL"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$out/clairvoie" migrate-store --from "$out/stores.db" --to "$CLAIRVOIE_TEST_POSTGRES" 2>&1
for store in sqlite postgres; do
  db="$out/stores.db"
  [ "$store" = postgres ] && db="$CLAIRVOIE_TEST_POSTGRES"
  "$out/clairvoie" serve --db "$db" --addr 127.0.0.1:18088 >"$out/serve-$store.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf http://127.0.0.1:18088/healthz >/dev/null && break; sleep 0.1; done
  kill -0 "$pid" || { cat "$out/serve-$store.log"; exit 1; }
  for rate in 200 500 1000; do
    echo "== $store: GET /api/cameras?bbox at $rate requests/s, $secs s"
    "$out/ratelimit" -rate "$rate" -duration "${secs}s" -bboxes "$out/bboxes.txt" -url "http://127.0.0.1:18088/api/cameras?status=active&bbox="
  done
  # Lines not sent before to this server (a new process: an empty cache).
  from=1
  for rate in 200 500; do
    n=$((rate * secs))
    sed -n "${from},$((from + n - 1))p" "$out/bboxes-cold.txt" >"$out/bboxes-now.txt"
    from=$((from + n))
    echo "== $store: the same at $rate requests/s, every window new (no answer cached), $secs s"
    "$out/ratelimit" -rate "$rate" -duration "${secs}s" -bboxes "$out/bboxes-now.txt" -url "http://127.0.0.1:18088/api/cameras?status=active&bbox="
  done
  echo "-- $store server: peak RSS $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
  if [ "$soak" -gt 0 ]; then
    echo "== $store: soak, 200 requests/s for $soak minutes; resident memory (MB) after each minute"
    first=0
    for minute in $(seq "$soak"); do
      "$out/ratelimit" -rate 200 -duration 60s -bboxes "$out/bboxes.txt" -url "http://127.0.0.1:18088/api/cameras?status=active&bbox=" >"$out/soak.txt"
      rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
      [ "$minute" = 1 ] && first=$rss
      printf 'minute %2d: RSS %5d MB, %s, %s\n' "$minute" "$rss" "$(grep -o 'errors [0-9]*' "$out/soak.txt")" "$(grep '^p99 ' "$out/soak.txt")"
    done
    awk -v a="$first" -v b="$rss" -v s="$store" 'BEGIN { g = 100 * (b - a) / a; printf "-- %s soak: %d MB after minute 1, %d MB at the end (%+.1f %%)\n", s, a, b, g; exit (g > 15) }' \
      || { echo "-- $store: memory grew by more than 15 % during the soak"; exit 1; }
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
