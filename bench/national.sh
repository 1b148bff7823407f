#!/usr/bin/env bash
# A France-wide workspace on both stores (issue 9, part 3): 35,000 synthetic
# communes, 100,000 synthetic cameras, ten years of monthly usage (12,000,000
# camera-months in ten yearly files) and 1,000,000 synthetic incidents counted
# on the 250 m grid; then check, plan, publish and the API. Every step's wall
# time and peak memory (GNU time), on SQLite then on PostgreSQL + PostGIS
# (scripts/postgres.sh starts a throwaway cluster). All data is generated
# (bench/genosm -national) and says so.
# Usage: bench/national.sh [sqlite|postgres|both]   (about 15 minutes for both)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
out=bench/out/national
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
go build -o "$out/genosm" ./bench/genosm
go build -o "$out/ratelimit" ./bench/ratelimit
[ -f "$out/incidents.csv" ] || "$out/genosm" -n 100000 -out "$out/cameras.osm" -bboxes "$out/bboxes.txt" -national "$out"
cv="$out/clairvoie"
step() { # step NAME command...: wall time and peak RSS of one command
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/step.out" 2>"$out/step.err" || { cat "$out/step.err"; exit 1; }
  read -r wall kb <"$out/time.txt"
  printf '%-28s %8.1f s %8d MB\n' "$name" "$wall" $((kb / 1024))
}
run_store() {
  local store=$1 db=$2
  echo "== $store"
  step "areas import (35,000)" "$cv" areas import --db "$db" --kind commune "$out/communes.geojson"
  step "import cameras (100,000)" "$cv" import --db "$db" --source osm "$out/cameras.osm"
  local t0 max=0
  t0=$(date +%s.%N)
  for y in $(seq 2016 2025); do
    /usr/bin/time -f "%M" -o "$out/time.txt" "$cv" usage import --db "$db" --source osm "$out/usage-$y.csv" >/dev/null
    kb=$(cat "$out/time.txt"); [ "$kb" -gt "$max" ] && max=$kb
  done
  printf '%-28s %8.1f s %8d MB\n' "usage import (10 × 1.2 M)" "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" $((max / 1024))
  step "outcomes import (1 M)" "$cv" outcomes import --db "$db" --source incidents --kind incidents --format csv \
    --lon lon --lat lat --time time --synthetic "$out/incidents.csv"
  step "check" "$cv" check --db "$db" --json
  step "plan" "$cv" plan --db "$db" --json
  rm -rf "$out/pub-$store"
  step "publish (no pages)" "$cv" publish --db "$db" --out "$out/pub-$store" --no-pages
  step "validate the package" "$cv" validate "$out/pub-$store"
  "$cv" serve --db "$db" --addr 127.0.0.1:18089 >"$out/serve-$store.log" 2>&1 &
  local pid=$!
  for _ in $(seq 600); do curl -sf http://127.0.0.1:18089/healthz >/dev/null && break; sleep 0.1; done
  kill -0 "$pid" || { cat "$out/serve-$store.log"; exit 1; }
  # The load first, on a fresh server; then the heavy answers one by one
  # (the second /api/plan and /opendata/ come from the server's caches).
  echo "GET /api/cameras?bbox at 200 requests/s for 20 s:"
  "$out/ratelimit" -rate 200 -duration 20s -bboxes "$out/bboxes.txt" -url "http://127.0.0.1:18089/api/cameras?status=active&bbox="
  echo "-- $store server after the load: RSS $(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status) MB"
  for path in "api/cameras/50000" "api/cameras?bbox=$(head -1 "$out/bboxes.txt")" "api/checks" "api/map/cameras" \
      "api/plan" "api/plan" "opendata/datapackage.json" "opendata/datapackage.json"; do
    printf 'GET /%-40.40s ' "$path"
    curl -s -o /dev/null -w '%{http_code} %{time_total} s %{size_download} B\n' "http://127.0.0.1:18089/$path"
  done
  echo "-- $store server: peak RSS $(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$store" = sqlite ]; then echo "-- database file: $(du -m "$db" | cut -f1) MB"; fi
}
if [ "$which" != postgres ]; then
  rm -f "$out/national.db" "$out/national.db-wal" "$out/national.db-shm"
  run_store sqlite "$out/national.db"
fi
if [ "$which" != sqlite ]; then
  source scripts/postgres.sh
  run_store postgres "$CLAIRVOIE_TEST_POSTGRES"
  echo "-- database size: $(psql "$CLAIRVOIE_TEST_POSTGRES" -Atc 'select pg_database_size(current_database())/1048576') MB"
fi
