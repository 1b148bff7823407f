#!/usr/bin/env bash
# Local scores and windows over ten years of Chicago aggravated assaults (issue 17): the time of a backtest scored
# only near the events (--event-days KIND --near METRES) and of a window forecast (--hours), against the
# city-wide backtest on the same workspace. Chicago has no event calendar here, so the calendar is a SYNTHETIC one,
# for timing only: a "festival" in Grant Park every Saturday evening, 18:00-23:00 America/Chicago. Its scores
# measure nothing (no effect is planted); only the times are reported.
# Usage: bench/localscores.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/chicago.db
"$out/clairvoie" workspace --db "$db" --timezone America/Chicago >/dev/null
"$out/clairvoie" outcomes import --db "$db" --source chicago-assaults --kind incidents --format csv --lon longitude --lat latitude --time date \
  bench/data/incidents/chicago_aggravated_assaults.csv.gz >/dev/null
{
  echo "ref,kind,name,start,end,lon,lat,attendance,organiser,rrule,synthetic"
  echo "grant-park,festival,Grant Park evening (SYNTHETIC: timing only),2010-01-02 18:00,2010-01-02 23:00,-87.6194,41.8757,20000,public,FREQ=WEEKLY;BYDAY=SA,true"
} >"$dir/events.csv"
"$out/clairvoie" events import --db "$db" --source synthetic-timing "$dir/events.csv" >/dev/null
s=$(date +%s.%N); "$out/clairvoie" backtest --db "$db" --json >/dev/null; e=$(date +%s.%N)
city=$(echo "$e - $s" | bc)
s=$(date +%s.%N); "$out/clairvoie" backtest --db "$db" --event-days festival --near 1000 --json >/dev/null; e=$(date +%s.%N)
near=$(echo "$e - $s" | bc)
s=$(date +%s.%N); "$out/clairvoie" forecast --db "$db" --date 2019-12-28 --hours 18-24 --kind festival --json >/dev/null; e=$(date +%s.%N)
win=$(echo "$e - $s" | bc)
printf 'Chicago 2010-2019, 148,636 assaults, America/Chicago, a SYNTHETIC weekly calendar (timing only)\n'
printf '  backtest, city-wide, every day:                      %6.1f s\n' "$city"
printf '  backtest, Saturdays only, cells within 1 km (local):  %6.1f s  (target < 60 s)\n' "$near"
printf '  window forecast 18-24 h within 1 km, with its skill:  %6.1f s\n' "$win"
printf '  ratio local / city-wide: %.2f\n' "$(echo "$near / $city" | bc -l)"
