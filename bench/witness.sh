#!/usr/bin/env bash
# Witnesses (issue 18), measured in one run on this machine:
# 1. cosigning latency: bench/witnesslat plays a log growing by 8 entries per
#    checkpoint and submits N checkpoints one after the other (add-checkpoint
#    with its consistency proof) to clairvoie's witness, then to
#    transparency-dev's omniwitness (the reference, built from the module
#    proxy), and prints the ratio of their medians;
# 2. durable appends per second of 'clairvoie log load' without a witness and
#    with one (clairvoie's), the same writers and entries.
# Usage: bench/witness.sh [CHECKPOINTS] [ENTRIES] [WRITERS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
entries=${2:-20000}
writers=${3:-64}
out=$(pwd)/bench/out/witness
rm -rf "$out" && mkdir -p "$out"
go build -o "$out/clairvoie" ./cmd/clairvoie
go build -o "$out/witnesslat" ./bench/witnesslat
omni_version=v0.0.0-20260720115447-2e1c6971d19e
omni="bin/omniwitness-$omni_version"
if [ ! -x "$omni" ]; then
  mkdir -p bin && GOBIN="$out" go install "github.com/transparency-dev/witness/cmd/omniwitness@$omni_version" && mv "$out/omniwitness" "$omni"
fi
c="$out/clairvoie"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

echo "== cosigning latency: $n checkpoints, one after the other"
logkey=$("$out/witnesslat" keygen --out "$out/log.key")
"$c" witness follow --dir "$out/cw" --key "$logkey" --name bench.clairvoie.invalid/witness >/dev/null
"$c" witness serve --dir "$out/cw" --addr 127.0.0.1:18190 >/dev/null 2>&1 & pids+=($!)
"$out/witnesslat" keygen --out "$out/omni.key" --origin bench.clairvoie.invalid/omniwitness >/dev/null
printf 'Logs:\n  - Origin: bench.clairvoie.invalid/witnesslat\n    PublicKey: %s\n    URL: http://127.0.0.1:9/\n' "$logkey" > "$out/logs.yaml"
"$omni" --listen 127.0.0.1:18191 --metrics_listen 127.0.0.1:18192 --private_key_path "$out/omni.key" \
  --db_file "$out/omni.db" --additional_logs "$out/logs.yaml" 2>"$out/omni.log" & pids+=($!)
sleep 2
"$out/witnesslat" run --key "$out/log.key" --url http://127.0.0.1:18190 --n "$n" | tee "$out/clairvoie.json"
"$out/witnesslat" run --key "$out/log.key" --url http://127.0.0.1:18191 --n "$n" | tee "$out/omniwitness.json"
python3 - "$out" <<'PY'
import json, sys
d = sys.argv[1]
c, o = (json.load(open(f"{d}/{n}.json")) for n in ("clairvoie", "omniwitness"))
print(f"clairvoie witness p50 {c['p50_ms']:.2f} ms, p95 {c['p95_ms']:.2f} ms; omniwitness p50 {o['p50_ms']:.2f} ms, p95 {o['p95_ms']:.2f} ms; "
      f"omniwitness/clairvoie median ratio {o['p50_ms']/c['p50_ms']:.2f}")
PY

echo "== durable appends per second ($entries entries, $writers writers): without, then with a witness"
"$c" log load --dir "$out/plain" --n "$entries" --writers "$writers" | tee "$out/plain.txt"
"$c" log load --dir "$out/witnessed" --n 1 --writers 1 >/dev/null
"$c" witness follow --dir "$out/lw" --key "$("$c" log key --dir "$out/witnessed")" >/dev/null
"$c" witness serve --dir "$out/lw" --addr 127.0.0.1:18193 >/dev/null 2>&1 & pids+=($!)
sleep 1
"$c" log witness --dir "$out/witnessed" --url http://127.0.0.1:18193 --key "$("$c" witness key --dir "$out/lw")" >/dev/null
"$c" log load --dir "$out/witnessed" --n "$entries" --writers "$writers" | tee "$out/witnessed.txt"
"$c" log verify --dir "$out/witnessed" --witness "$("$c" witness key --dir "$out/lw")" --json > "$out/verify.json"
python3 - "$out/verify.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"witnessed register: {r['size']} entries, cosigned by {len(r['witnessed']['cosignatures'])} witness, verify ok={r['ok']}")
PY

echo "== one 'log append' (open, append, a checkpoint published, close), 5 times each: without, then with the witness"
for d in plain witnessed; do
  for i in 1 2 3 4 5; do
    s=$(date +%s.%N)
    "$c" log append --dir "$out/$d" --kind viewing --at "$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%SZ)" --agent ag-1 --role agent --camera C1 --live >/dev/null
    e=$(date +%s.%N)
    echo "$d $(echo "$e - $s" | bc)"
  done
done > "$out/append-times.txt"
python3 - "$out/append-times.txt" <<'PY'
import sys, collections
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    k, v = line.split()
    t[k].append(float(v))
m = {k: sorted(v)[len(v) // 2] for k, v in t.items()}
print(f"median: without a witness {m['plain'] * 1000:.0f} ms, with one {m['witnessed'] * 1000:.0f} ms")
PY
