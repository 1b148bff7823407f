#!/usr/bin/env bash
# Registry figures (issue 2), printed for BENCHMARKS.md:
#  1. import of a generated 100,000-camera .osm file: wall time and peak memory;
#  2. GET /api/cameras?bbox=… over those 100,000 cameras under wrk on loopback:
#     throughput and latency percentiles, at saturation and at 200 requests/s.
# Usage: bench/registry.sh [N]   (needs wrk and GNU time: apt-get install wrk time)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
out=bench/out
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
go build -o "$out/genosm" ./bench/genosm
go build -o "$out/ratelimit" ./bench/ratelimit
"$out/genosm" -n "$n" -out "$out/cameras.osm" -bboxes "$out/bboxes.txt"
echo "== import of $n cameras ($(du -h "$out/cameras.osm" | cut -f1) of .osm XML), 3 runs"
for i in 1 2 3; do
  rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
  /usr/bin/time -f "wall %e s, peak RSS %M KB" "$out/clairvoie" import --db "$out/bench.db" --source osm "$out/cameras.osm" >/dev/null
done 2>&1
echo "== same file, re-imported (every record unchanged)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$out/clairvoie" import --db "$out/bench.db" --source osm "$out/cameras.osm" 2>&1 >/dev/null
"$out/clairvoie" serve --db "$out/bench.db" --addr 127.0.0.1:18089 >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:18089/healthz >/dev/null && break; sleep 0.1; done
avg=$(awk -F, 'NR<=200{print}' "$out/bboxes.txt" | head -20 | while read -r b; do
  curl -s "http://127.0.0.1:18089/api/cameras?status=active&bbox=$b" | grep -o '"total":[0-9]*' | cut -d: -f2; done | awk '{s+=$1} END {printf "%.0f", s/NR}')
echo "== GET /api/cameras?bbox (district windows, ~2 km; $avg cameras per answer on average)"
echo "-- wrk, 2 threads, 8 connections, 20 s (saturation)"
BBOXES="$out/bboxes.txt" wrk -t2 -c8 -d20s -s bench/wrk-bbox.lua http://127.0.0.1:18089 | sed -n '/^requests/,$p'
echo "-- open loop at 200 requests/s, 30 s (bench/ratelimit: fixed schedule, latency from the scheduled time)"
"$out/ratelimit" -rate 200 -duration 30s -bboxes "$out/bboxes.txt" -url "http://127.0.0.1:18089/api/cameras?status=active&bbox="
