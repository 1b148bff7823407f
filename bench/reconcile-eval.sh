#!/usr/bin/env bash
# Reconciliation report (issue 2, report only — not tuned on): the Paris 2019 official list (707 geocoded
# cameras, shipped in demo/data) against the 1,389 camera points of the Paris police plan of 2013, an
# evaluation set kept outside the repository. Usage: bench/reconcile-eval.sh [PATH_TO_SHARED_EVAL]
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:-../shared/eval}
out=bench/out
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
db="$out/reconcile.db"
rm -f "$db" "$db-wal" "$db-shm"
"$out/clairvoie" import --db "$db" --source paris-2019 --mapping paris-2019 demo/data/paris-2019/data.csv
"$out/clairvoie" import --db "$db" --source prefecture-2013 --licence etalab-2.0 \
  "$eval_dir/cameras/paris-prefecture-2013/derived_camera_pref_points.geojson"
for within in 10 25 50 100; do
  "$out/clairvoie" reconcile --db "$db" --a paris-2019 --b prefecture-2013 --within "$within"
done
echo "== Monaco (16 real OpenStreetMap nodes, a tagging fixture)"
"$out/clairvoie" import --db "$db" --source monaco --licence ODbL-1.0 --json \
  "$eval_dir/cameras/monaco-osm/derived_man_made_surveillance_nodes.geojson" | head -4
