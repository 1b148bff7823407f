#!/usr/bin/env bash
# Slow clients (issue 14): 100 hostile connections from one address (half ask
# for the 6.6 MB monthly usage file and never read it, half send a login's body a byte a
# second) against the demo server, while a legitimate client from another
# address asks for district windows at 50 requests a second. Prints both
# latency distributions and the ratio; exits 1 if the legitimate p99 under
# attack is over 250 ms or a legitimate request failed.
# Usage: bench/slowclients.sh [HOSTILE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
hostile=${1:-100}
secs=${2:-15}
out=$(pwd)/bench/out/slowclients
rm -rf "$out" && mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
go build -o "$out/slowload" ./bench/slowload
"$out/clairvoie" demo --dir "$out/ws" --no-serve >/dev/null
"$out/clairvoie" serve --db "$out/ws/clairvoie.db" --addr 127.0.0.1:18172 >/dev/null 2>"$out/serve.log" &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null || true' EXIT
for i in $(seq 1 100); do curl -sf http://127.0.0.1:18172/healthz >/dev/null && break; sleep 0.1; done
"$out/slowload" --url http://127.0.0.1:18172 --hostile "$hostile" --duration "${secs}s"
