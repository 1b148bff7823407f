#!/usr/bin/env bash
# Steiner trees (issue 6): clairvoie against NetworkX's steiner_tree (Debian python3-networkx,
# run with /usr/bin/python3) on SteinLib sets B and C (shipped in bench/data/steinlib) and,
# report only, D and E (evaluation sets, never tuned on), in one run: gap to the known optimum
# and total time per set. Usage: bench/steiner.sh [SETS] [PATH_TO_SHARED_EVAL] [TIME_LIMIT]
# NX=0 skips NetworkX (to re-measure clairvoie alone; its figures are then not a side-by-side run).
set -euo pipefail
cd "$(dirname "$0")/.."
sets=${1:-"B C D E"}
eval_dir=${2:-../shared/eval}
limit=${3:-60s}
out=bench/out
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
for set in $sets; do
  dir=bench/data/steinlib/$set; opt=bench/data/steinlib/optimal.csv
  if [ ! -d "$dir" ]; then dir=$eval_dir/bench/steinlib/$set; opt=$eval_dir/bench/steinlib/optimal.csv; fi
  files=$(ls "$dir"/*.stp | sort)
  ours=$( { time -p (for f in $files; do "$out/clairvoie" steiner "$f" --json --time-limit "$limit" | grep -o '"cost": [0-9.e+]*' | awk -v f="$(basename "$f")" '{print f, $2}'; done > "$out/steiner-$set-ours.txt") ; } 2>&1 | awk '/^real/ {print $2}')
  nx=skipped
  if [ "${NX:-1}" != 0 ]; then
    nx=$( { time -p /usr/bin/python3 bench/networkx_steiner.py $files > "$out/steiner-$set-nx.txt" ; } 2>&1 | awk '/^real/ {print $2}')
  fi
  awk -F, -v set="$set" 'NR>1 && $1==set {print $2, $6}' "$opt" | sort > "$out/steiner-$set-opt.txt"
  gap() { join <(sort "$1") "$out/steiner-$set-opt.txt" | awk '{g=($2-$3)/$3; s+=g; if (g<1e-9) o++; if (g>w) w=g; n++} END {printf "mean gap %.3f %%, worst %.3f %%, optimal %d of %d", 100*s/n, 100*w, o, n}'; }
  if [ "$nx" = skipped ]; then
    echo "set $set: clairvoie $(gap "$out/steiner-$set-ours.txt"), total ${ours} s | NetworkX not run (NX=0)"
  else
    echo "set $set: clairvoie $(gap "$out/steiner-$set-ours.txt"), total ${ours} s | NetworkX $(gap "$out/steiner-$set-nx.txt"), total ${nx} s"
  fi
done
