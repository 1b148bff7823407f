#!/usr/bin/env bash
# Runs every test of clairvoie: formatting, vet, staticcheck, unit, golden and end-to-end
# tests (the built binary), the race detector where state is shared, and
# every fuzz target for a few seconds. This is the README's test command and
# what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-4s}

echo "== what the tests need (scripts/deps.sh installs it as root, or names the command)"
bash scripts/deps.sh

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== staticcheck (honnef.co/go/tools, from the module proxy)"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

echo "== PostgreSQL + PostGIS (the server store's tests)"
if [ -z "${CLAIRVOIE_TEST_POSTGRES:-}" ]; then
  source scripts/postgres.sh
fi

echo "== the reference witness (transparency-dev/witness's omniwitness, built from the module proxy)"
# The interoperability test runs clairvoie's register against it (TestOmniwitnessInterop).
OMNIWITNESS_VERSION=v0.0.0-20260720115447-2e1c6971d19e
export CLAIRVOIE_OMNIWITNESS="$PWD/bin/omniwitness-$OMNIWITNESS_VERSION"
if [ ! -x "$CLAIRVOIE_OMNIWITNESS" ]; then
  mkdir -p bin
  tmpbin=$(mktemp -d)
  GOBIN="$tmpbin" go install "github.com/transparency-dev/witness/cmd/omniwitness@$OMNIWITNESS_VERSION"
  mv "$tmpbin/omniwitness" "$CLAIRVOIE_OMNIWITNESS"
  rmdir "$tmpbin"
fi

echo "== go test"
go test -count=1 ./...

echo "== go test -race (packages with shared state)"
go test -count=1 -race ./sqlite/... ./httpapi/... ./cmd/...

echo "== fuzz targets, $FUZZTIME each"
# Go 1.26's fuzz coordinator can report a bare "context deadline exceeded" when -fuzztime
# ends while a worker is mid-call (golang/go#75804, fixed in Go 1.27). That failure writes
# no failing input; it is retried, twice at most. Any other failure, or one with an input, fails.
fuzz() {
  for attempt in 1 2 3; do
    go test -run '^$' -fuzz "^$2\$" -fuzztime "$FUZZTIME" "$1" >/tmp/clairvoie-fuzz.log 2>&1 && return 0
    if ! grep -q 'context deadline exceeded' /tmp/clairvoie-fuzz.log || grep -q 'Failing input written' /tmp/clairvoie-fuzz.log; then
      break
    fi
    echo "   deadline race of Go's fuzz coordinator (golang/go#75804), no failing input (attempt $attempt)"
  done
  cat /tmp/clairvoie-fuzz.log
  return 1
}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "-- $pkg $target"
    fuzz "$pkg" "$target" || exit 1
  done
done

echo "== the Debian package: built, installed with dpkg, served as its user, upgraded, removed"
if [ "$(id -u)" = 0 ] && command -v dpkg >/dev/null; then
  bash scripts/package-test.sh
else
  echo "   skipped: needs root and dpkg (run: sudo bash scripts/package-test.sh)"
fi

echo "== browser tests (Debian's Chromium driven by playwright-core; screenshots in test-output/)"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing: sudo apt-get install -y chromium (scripts/deps.sh)"; exit 1
fi
bin_dir=$(mktemp -d)
go build -o "$bin_dir/clairvoie" ./cmd/clairvoie
(cd web/e2e && npm ci --no-audit --no-fund --loglevel=error)
CLAIRVOIE_BIN="$bin_dir/clairvoie" node --test --test-concurrency=1 web/e2e/
rm -rf "$bin_dir"

echo "== all tests passed"
