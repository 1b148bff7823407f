#!/usr/bin/env bash
# Installs what the tests need that Go does not fetch itself, when it can
# (root and apt-get); otherwise names what is missing and the one command
# that installs it. Called by scripts/test.sh, so that the README's test
# command alone passes on a fresh Debian machine.
#   zlib1g-dev: the cgo zlib of paulmach/osm's PBF decoder, the tests' reference (and go test -race);
#   chromium: the browser tests (driven by playwright-core from npm, no download);
#   coinor-cbc: the exact solver the planner is checked against;
#   postgresql-15-postgis-3: the server store (scripts/postgres.sh starts a throwaway cluster);
#   time: GNU time measures the peak memory of the hostile imports;
#   curl: the package test's probes; nodejs and npm (if absent): the browser tests' driver.
set -euo pipefail
has() { [ -e "$1" ] || command -v "$1" >/dev/null 2>&1; }
missing=()
has /usr/include/zlib.h || missing+=(zlib1g-dev)
has "${CHROMIUM:-/usr/bin/chromium}" || missing+=(chromium)
has cbc || missing+=(coinor-cbc)
has /usr/share/postgresql/15/extension/postgis.control || missing+=(postgresql-15-postgis-3)
has /usr/bin/time || missing+=(time)
has curl || missing+=(curl)
has node || missing+=(nodejs)
has npm || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" >/dev/null
  exit 0
fi
echo "missing: ${missing[*]}"
echo "install them with: sudo apt-get install -y ${missing[*]}"
exit 1
