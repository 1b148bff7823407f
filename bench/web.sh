#!/usr/bin/env bash
# The web app's figures (issue 3): first load of the demo (from the browser
# tests' metrics) and the map with 100,000 synthetic cameras.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
go build -o "$out/genosm" ./bench/genosm
(cd web/e2e && npm ci --no-audit --no-fund --loglevel=error)
echo "== demo: first load (browser test metrics)"
CLAIRVOIE_BIN="$out/clairvoie" node --test --test-name-pattern "first load" web/e2e/ >/dev/null
cat test-output/metrics.json
echo "== 100,000 cameras"
[ -f "$out/cameras.osm" ] || "$out/genosm" -n 100000 -out "$out/cameras.osm" -bboxes "$out/bboxes.txt"
rm -f "$out/web.db" "$out/web.db-wal" "$out/web.db-shm"
"$out/clairvoie" import --db "$out/web.db" --source osm "$out/cameras.osm" >/dev/null
"$out/clairvoie" serve --db "$out/web.db" --addr 127.0.0.1:18091 >"$out/web-serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:18091/healthz >/dev/null && break; sleep 0.1; done
curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w "GET /api/map/cameras: %{size_download} bytes gzip, %{time_total} s\n" http://127.0.0.1:18091/api/map/cameras
node bench/web-100k.mjs http://127.0.0.1:18091
