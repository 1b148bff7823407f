#!/usr/bin/env bash
# The OSM XML reader against its peer, paulmach/osm's osmxml, in one run:
# 10,000 tagged cameras; prints each and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./osm -run '^$' -bench 'ReadXML' -benchtime 3s -count 1 | tee /tmp/clairvoie-osm-bench.txt
awk '/^BenchmarkReadXML-/{ours=$3} /^BenchmarkReadXMLPeerOSMXML-/{peer=$3}
     END {printf "peer (osmxml, nodes only) / clairvoie (full camera decoding): %.1fx\n", peer/ours}' /tmp/clairvoie-osm-bench.txt
