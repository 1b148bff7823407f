#!/usr/bin/env bash
# Backup and restore, timed (GNU time: wall, peak memory) and sized, on the
# demo workspace and on a national-scale one (bench/genosm -national:
# 100,000 synthetic cameras, 35,000 synthetic communes, 12 M camera-months of
# usage, 1 M incidents, and a register of 100,000 entries from 'log load'),
# then a backup taken while 'log load' appends (how long appends waited).
# Usage: bash bench/backup.sh [demo|national|both]   (national: ~5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
out=bench/out/backup
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
cv="$out/clairvoie"
step() { # step NAME command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/step.out" 2>"$out/step.err" || { cat "$out/step.err"; exit 1; }
  read -r wall kb <"$out/time.txt"
  printf '%-44s %8.2f s %8d MB\n' "$name" "$wall" $((kb / 1024))
}
size() { du -sm "$1" | cut -f1; }
measure() { # measure NAME DB REGISTER
  local name=$1 db=$2 reg=$3
  rm -rf "$out/$name.tar.gz" "$out/restored-$name"
  echo "== $name: database $(size "$db") MB, register $(size "$reg") MB ($(cat "$reg/checkpoint" | sed -n 2p) entries)"
  step "backup" "$cv" backup --db "$db" --register "$reg" --out "$out/$name.tar.gz"
  echo "   archive $(size "$out/$name.tar.gz") MB"
  step "restore --check" "$cv" restore "$out/$name.tar.gz" --check
  step "restore (verified: integrity, register)" "$cv" restore "$out/$name.tar.gz" --db "$out/restored-$name/clairvoie.db"
  step "doctor on the restored workspace" "$cv" doctor --db "$out/restored-$name/clairvoie.db"
}
if [ "$which" != national ]; then
  rm -rf "$out/demo"
  "$cv" demo --dir "$out/demo" --no-serve >/dev/null
  measure demo "$out/demo/clairvoie.db" "$out/demo/register"
fi
if [ "$which" != demo ]; then
  n=bench/out/national
  go build -o "$n/genosm" ./bench/genosm
  [ -f "$n/incidents.csv" ] || "$n/genosm" -n 100000 -out "$n/cameras.osm" -bboxes "$n/bboxes.txt" -national "$n"
  ws="$out/national"
  if [ ! -f "$ws/done" ]; then
    rm -rf "$ws"; mkdir -p "$ws"
    echo "== building the national workspace (synthetic)"
    "$cv" areas import --db "$ws/clairvoie.db" --kind commune "$n/communes.geojson" >/dev/null
    "$cv" import --db "$ws/clairvoie.db" --source osm "$n/cameras.osm" >/dev/null
    for y in $(seq 2016 2025); do "$cv" usage import --db "$ws/clairvoie.db" --source osm "$n/usage-$y.csv" >/dev/null; done
    "$cv" outcomes import --db "$ws/clairvoie.db" --source incidents --kind incidents --format csv --lon lon --lat lat --time time --synthetic "$n/incidents.csv" >/dev/null
    "$cv" log load --dir "$ws/register" --n 100000 --writers 64 >/dev/null
    touch "$ws/done"
  fi
  measure national "$ws/clairvoie.db" "$ws/register"
fi
# While appends go on: how long did they wait for the register's copy?
rm -rf "$out/live" "$out/live.tar.gz"; mkdir -p "$out/live"
"$cv" log load --dir "$out/live/register" --n 1000000 --writers 64 --acks "$out/live/acks" >/dev/null 2>&1 &
load=$!
sleep 3
"$cv" backup --register "$out/live/register" --out "$out/live.tar.gz" --json > "$out/live.json"
kill $load; wait $load 2>/dev/null || true   # SIGTERM: log load stops appending
echo "== during a burst of appends: $(grep -o '"register_size": [0-9]*' "$out/live.json") entries copied, appends held $(grep -o '"register_held_ms": [0-9]*' "$out/live.json" | grep -o '[0-9]*$') ms"
