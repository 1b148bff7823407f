#!/usr/bin/env bash
# The forecast backtest (issue 5): one day ahead, rolling origin, every method against the baselines, on the
# development data shipped in bench/data/incidents and, report only, on the evaluation sets (never tuned on).
# Usage: bench/backtest.sh [PATH_TO_SHARED_EVAL]
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:-../shared/eval}
out=bench/out
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
run() { # name file lon lat time [from] [more flags]
  echo "== $1"
  /usr/bin/time -f "(%e s wall, %M KB peak)" "$out/clairvoie" backtest --incidents "$2" --lon "$3" --lat "$4" --time "$5" ${6:+--from "$6"} "${@:7}"
}
run "Chicago aggravated assaults 2010-2019 (dev)" bench/data/incidents/chicago_aggravated_assaults.csv.gz longitude latitude date
run "San Francisco robbery 2019 (dev)" bench/data/incidents/san_francisco_robbery.csv longitude latitude date_time 2019-03-01
run "Tempe opioid calls (dev)" bench/data/incidents/tempe_opioid_calls.csv longitude latitude incident_date
run "Vancouver thefts 2020 (dev; one year: Jan-Feb train)" bench/data/incidents/vancouver_thefts.csv.gz X Y YEAR,MONTH,DAY 2020-03-01 --utm 10N
# The demo's SYNTHETIC accidents (planted effects: matches, holidays, the market) from a workspace, with the calendar.
demo_dir=$(mktemp -d)
"$out/clairvoie" demo --dir "$demo_dir" --no-serve >/dev/null
echo "== demo: synthetic accidents 2016-2024, every day (SYNTHETIC)"
/usr/bin/time -f "(%e s wall, %M KB peak)" "$out/clairvoie" backtest --db "$demo_dir/clairvoie.db" --source accidents-synthetiques --from 2016-01-01
echo "== demo: synthetic accidents 2016-2024, match days only (SYNTHETIC)"
"$out/clairvoie" backtest --db "$demo_dir/clairvoie.db" --source accidents-synthetiques --from 2016-01-01 --event-days match
rm -rf "$demo_dir"
if [ -d "$eval_dir/incidents" ]; then
  e=$eval_dir/incidents
  run "NYC homicides 2016-2018 (eval)" "$e/nyc_homicides.csv" longitude latitude offense_date
  run "NYC shootings 2019 (eval)" "$e/nyc_shootings.csv" longitude latitude occur_date 2019-03-01
  run "Bronx shootings 2019 (eval)" "$e/bronx_shootings.csv" longitude latitude occur_date 2019-03-01
  run "Cincinnati burglary 2016-2018 (eval)" "$e/cincinnati_burglary.csv.gz" longitude latitude offense_date
  run "Medellin homicides 2010-2019 (eval)" "$e/medellin_homicides.csv" longitud latitud fecha_hecho
fi
