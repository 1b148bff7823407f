#!/usr/bin/env bash
# Writes testdata/upgrade/sqlite-NNNN/: a small workspace written by the
# clairvoie of each SQLite migration level (the last commit before the next
# migration; the newest level from HEAD), with what that version could
# store: cameras, events, outcomes, a token, a register entry. Beside it,
# the old binary's own view of what it wrote (its export, sources, token,
# register size), which cmd/clairvoie/upgrade_e2e_test.go checks the
# current binary keeps after migrating. Run once per new migration:
#   bash scripts/upgrade-fixtures.sh            (every level, ~1 min each)
#   bash scripts/upgrade-fixtures.sh 9          (one level, from HEAD)
# Fixtures are never rewritten for an old level: they are what was released.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
declare -A rev
# level → the commit that wrote it (the last before migration level+1 was added).
for n in $(seq 1 20); do
  f=$(ls sqlite/migrations/ | grep "^$(printf %04d $((n+1)))_" || true)
  cur=$(ls sqlite/migrations/ | grep "^$(printf %04d $n)_" || true)
  [ -n "$cur" ] || break
  if [ -n "$f" ]; then
    rev[$n]=$(git log --diff-filter=A --format=%H -- "sqlite/migrations/$f" | tail -1)^
  else
    rev[$n]=HEAD
  fi
done
levels=${1:-${!rev[@]}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; git worktree prune' EXIT
cp osm/testdata/cameras.osm "$tmp/cameras.osm"
printf 'ref,kind,name,start,end,lon,lat,attendance\nom-1,match,Match au Vélodrome,2026-03-07T21:00:00+01:00,2026-03-07T23:00:00+01:00,5.3958,43.2698,60000\nmarche-1,market,Marché du Prado,2026-03-08T07:00:00+01:00,2026-03-08T13:00:00+01:00,5.3889,43.2742,3000\n' > "$tmp/events.csv"
printf 'date,lon,lat\n2026-03-07,5.3950,43.2700\n2026-03-07,5.3960,43.2695\n2026-03-08,5.3890,43.2740\n' > "$tmp/outcomes.csv"
for n in $levels; do
  out="testdata/upgrade/sqlite-$(printf %04d "$n")"
  if [ -e "$out" ] && [ -z "${FORCE:-}" ]; then echo "$out exists: kept (FORCE=1 rewrites it)"; continue; fi
  r=$(git rev-parse "${rev[$n]}")
  echo "== level $n from $(git log -1 --format='%h %ad %s' --date=short "$r" | cut -c1-90)"
  wt="$tmp/wt-$n"
  git worktree add --detach -q "$wt" "$r"
  (cd "$wt" && go build -o "$tmp/cv-$n" ./cmd/clairvoie)
  git worktree remove --force "$wt"
  cv="$tmp/cv-$n"
  rm -rf "$out"; mkdir -p "$out"
  db="$out/clairvoie.db"
  steps=()
  try() { local name=$1; shift; if "$@" >"$tmp/out" 2>"$tmp/err"; then steps+=("$name"); cp "$tmp/out" "$out/$name.out"; else echo "   $name: not in this version ($(head -c 120 "$tmp/err" | tr '\n' ' '))"; fi; }
  try import "$cv" import --db "$db" --source osm "$tmp/cameras.osm"
  try events "$cv" events import --db "$db" --source ville --json "$tmp/events.csv"
  try outcomes "$cv" outcomes import --db "$db" --source accidents --kind accidents --format csv --lon lon --lat lat --time date --json "$tmp/outcomes.csv"
  try token "$cv" access token add --db "$db" --id ag-fixture --role dpo --json
  try register "$cv" log append --dir "$out/register" --origin "fixture.invalid/sqlite-$(printf %04d "$n")" --kind viewing --agent ag-1 --role agent --camera C1 --live --json
  try export "$cv" export --db "$db" --format geojson
  try sources "$cv" sources --db "$db" --json
  [ -d "$out/register" ] && try verify "$cv" log verify --dir "$out/register" --json
  # The last connection's close folds the WAL into the file: one file.
  if [ -e "$db-wal" ]; then echo "$db-wal left behind: the fixture would lose what it holds"; exit 1; fi
  printf '{"level": %d, "commit": "%s", "written": "%s", "steps": [%s]}\n' "$n" "$r" "$(git log -1 --format=%cI "$r")" \
    "$(printf '"%s",' "${steps[@]}" | sed 's/,$//')" > "$out/fixture.json"
  du -sh "$out" | cut -f1
done
