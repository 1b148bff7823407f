#!/usr/bin/env bash
# Runs every test of clairvoie: formatting, vet, unit, golden and end-to-end
# tests (the built binary), the race detector where state is shared, and
# every fuzz target for a few seconds. This is the README's test command and
# what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-4s}

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test"
go test -count=1 ./...

echo "== go test -race (packages with shared state)"
go test -count=1 -race ./sqlite/... ./httpapi/... ./cmd/...

echo "== fuzz targets, $FUZZTIME each"
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "-- $pkg $target"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$pkg" >/tmp/clairvoie-fuzz.log 2>&1 || { cat /tmp/clairvoie-fuzz.log; exit 1; }
  done
done

echo "== all tests passed"
