#!/usr/bin/env bash
# Location solvers (issue 4): p-median on OR-Library pmed1–20 (shipped in bench/data)
# and pmed21–40 (evaluation set, report only: never tuned on), gap to the known optima,
# time per instance. Usage: bench/locate.sh [PATH_TO_SHARED_EVAL]
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:-../shared/eval}
out=bench/out
mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
run() { # dir from to optfile
  local dir=$1 from=$2 to=$3 opt=$4 sum=0 n=0 worst=0 total=0
  for k in $(seq "$from" "$to"); do
    f="$dir/pmed$k.txt"
    [ -f "$f" ] || continue
    res=$("$out/clairvoie" locate pmedian "$f" --json)
    obj=$(echo "$res" | grep -o '"objective": [0-9.]*' | awk '{print $2}')
    sec=$(echo "$res" | grep -o '"seconds": [0-9.e-]*' | awk '{print $2}')
    best=$(awk -v k="pmed$k" '$1==k {print $2}' "$opt")
    gap=$(awk -v o="$obj" -v b="$best" 'BEGIN {printf "%.4f", 100*(o-b)/b}')
    printf "pmed%-3s objective %-6s optimum %-6s gap %s%%  %.2f s\n" "$k" "$obj" "$best" "$gap" "$sec"
    sum=$(awk -v s="$sum" -v g="$gap" 'BEGIN {print s+g}'); n=$((n+1))
    worst=$(awk -v w="$worst" -v g="$gap" 'BEGIN {print (g>w)?g:w}')
    total=$(awk -v t="$total" -v s="$sec" 'BEGIN {print t+s}')
  done
  awk -v s="$sum" -v n="$n" -v w="$worst" -v t="$total" 'BEGIN {printf "mean gap %.3f%% over %d instances, worst %.3f%%, total %.1f s\n", s/n, n, w, t}'
}
echo "== pmed1–20 (development set)"
run bench/data/pmedian 1 20 bench/data/pmedian/pmedopt.txt
echo "== pmed21–40 (evaluation set, report only)"
run "$eval_dir/bench/pmedian" 21 40 "$eval_dir/bench/pmedian/pmedopt.txt"
