#!/usr/bin/env bash
# The reduction planner's figures (issue 4), in one run:
#  1. each year's choice at 2,000 cameras against CBC's proven optimum (quality and time);
#  2. a national-scale plan: 100,000 cameras over 10 years (time and peak memory);
#  3. the demo's plan (real pipeline: workspace, ledger, costs, usefulness, plan, placement).
# Needs coinor-cbc and GNU time (apt-get install coinor-cbc time).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
go build -o "$out/plancbc" ./bench/plancbc
go build -o "$out/plannational" ./bench/plannational
go build -o "$out/clairvoie" ./cmd/clairvoie
echo "== one year at 2,000 cameras against CBC (5 seeded instances per mode)"
"$out/plancbc" -n 2000 -runs 5 -dir "$out"
echo "== national scale"
/usr/bin/time -f "peak RSS %M KB, wall %e s" "$out/plannational" -n 100000 -years 10
echo "== the demo's plan (synthetic Marseille), end to end"
[ -f "$out/demo/clairvoie.db" ] || "$out/clairvoie" demo --dir "$out/demo" --no-serve >/dev/null
/usr/bin/time -f "peak RSS %M KB, wall %e s" "$out/clairvoie" plan --db "$out/demo/clairvoie.db" --start 2027 | head -9
