#!/usr/bin/env bash
# The personal-data screen (issue 14): precision and recall on the labelled
# corpus (testdata/personal/, plus the real public names the demo ships), and
# its cost per value. The test holds it to ≥ 99 % of contacts refused and no
# public place, body or code refused; this prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -count=1 -run '^TestScreenCorpus$' -v . | grep -v '^=== RUN' | sed 's/^ *personal_corpus_test.go:[0-9]*: //'
go test -run '^$' -bench '^BenchmarkScreen$' -benchmem . | grep Benchmark
