#!/usr/bin/env bash
# A calendar feed's refresh (issue 17): one refresh of a 5,000-event iCalendar (1.1 MB, a tenth recurring) over HTTP
# — fetch, parse, replace the source's events in one transaction — against the same calendar read from memory and
# stored, in one run. Usage: bench/feeds.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(go test -run '^$' -bench '5000$' -benchtime "${1:-5}x" ./feed)
echo "$out" | grep -E '^Benchmark'
echo "$out" | awk '/^BenchmarkRefresh5000/ {r=$3} /^BenchmarkImport5000/ {i=$3} END {printf "refresh over HTTP %.0f ms, import from memory %.0f ms: ratio %.2f\n", r/1e6, i/1e6, r/i}'
