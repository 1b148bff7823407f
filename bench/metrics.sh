#!/usr/bin/env bash
# The cost of the metrics on request latency: GET /api/cameras/{id} (a small
# answer, where a fixed cost shows most) served with the per-request metering
# (latency histogram by route, status counter) and without (--no-metrics),
# 10 runs each interleaved; prints the medians and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./httpapi -run '^$' -bench MetricsCost -benchtime ${BENCHTIME:-1s} -count ${COUNT:-10} | tee bench/out/metrics.txt | grep Benchmark
awk '/metrics=off/ { off[++a] = $3 } /metrics=on/ { on[++b] = $3 }
function median(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
  return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
END { mo = median(off, a); mn = median(on, b)
  printf "median without metrics %.1f µs, with %.1f µs: ratio %.3f (%+.1f µs a request)\n", mo / 1000, mn / 1000, mn / mo, (mn - mo) / 1000 }' bench/out/metrics.txt
