#!/usr/bin/env bash
# The package, installed as an admin would: build it, check its contents,
# install it with dpkg, check the unit with systemd-analyze, start the
# binary from the package as the service user against a fresh workspace,
# then the upgrade procedure (stop, back up, install the newer package,
# start; the camera ids and the register intact), then remove it.
# Needs root and dpkg; scripts/test.sh runs it when it can.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "package test: needs root (dpkg -i)"; exit 1; }
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  dpkg --purge clairvoie >/dev/null 2>&1 || true
  rm -rf /var/lib/clairvoie "$work"
  userdel clairvoie >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup_state() { rm -rf /var/lib/clairvoie; }

# Two packages of the same tree under two versions: the upgrade path.
old=$(VERSION=0.1.0~test1 OUT="$work/old" bash scripts/package.sh | tail -1)
new=$(VERSION=0.1.0~test2 OUT="$work/new" bash scripts/package.sh | tail -1)
dpkg-deb -c "$new" > "$work/contents"
for f in ./usr/bin/clairvoie ./lib/systemd/system/clairvoie.service ./lib/systemd/system/clairvoie-witness.service ./etc/clairvoie/clairvoie.toml \
         ./usr/share/man/man1/clairvoie.1.gz ./usr/share/doc/clairvoie/operations.md ./usr/share/clairvoie/grafana-dashboard.json; do
  grep -q " $f\$" "$work/contents" || { echo "package test: $f missing from $new"; cat "$work/contents"; exit 1; }
done
echo "package: $(basename "$new"), $(du -k "$new" | cut -f1) KiB, contents complete"

dpkg -i "$old" >/dev/null
getent passwd clairvoie >/dev/null || { echo "package test: postinst made no clairvoie user"; exit 1; }
[ "$(stat -c %U /var/lib/clairvoie)" = clairvoie ] || { echo "package test: /var/lib/clairvoie not owned by clairvoie"; exit 1; }
grep -q '0.1.0~test1' <<<"$(/usr/bin/clairvoie version)" || { echo "package test: the installed binary does not carry the package's version"; exit 1; }

if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /lib/systemd/system/clairvoie.service /lib/systemd/system/clairvoie-witness.service 2>&1 | grep -v -e 'Cannot open' -e 'not running' -e 'Failed to' || true
  exposure=$(systemd-analyze security --offline=true /lib/systemd/system/clairvoie.service 2>/dev/null | tail -1 || true)
  echo "unit: $exposure"
fi
grep -q '^\.SS backup' <<<"$(gzip -dc /usr/share/man/man1/clairvoie.1.gz)" || { echo "package test: the man page lacks the commands"; exit 1; }

# Start it as the service would: the service user, the packaged configuration
# (init = true makes the workspace), a register named by the environment.
start() {
  runuser -u clairvoie -- env CLAIRVOIE_ADDR=127.0.0.1:$port CLAIRVOIE_REGISTER=/var/lib/clairvoie/register \
    CLAIRVOIE_ORIGIN=test.invalid/package/register \
    /usr/bin/clairvoie serve --config /etc/clairvoie/clairvoie.toml >"$work/serve.out" 2>"$work/serve.err" &
  pid=$!
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "package test: the service did not become ready"; cat "$work/serve.err"; exit 1
}
stop() { kill "$pid"; wait "$pid" || true; pid=; }
start
# Into a file first: 'curl | grep -q' fails under pipefail when grep stops reading early.
curl -fsS -o "$work/metrics" "http://127.0.0.1:$port/metrics"
grep -q '^clairvoie_http_request_duration_seconds_bucket' "$work/metrics" || { echo "package test: /metrics lacks the latency histogram"; exit 1; }
grep -q '^clairvoie_register_checkpoint_age_seconds' "$work/metrics" || { echo "package test: /metrics lacks the register's checkpoint age"; exit 1; }
grep -q '^{"time"' <<<"$(head -c 300 "$work/serve.err")" || { echo "package test: the logs are not JSON"; head -3 "$work/serve.err"; exit 1; }
[ "$(stat -c %a /var/lib/clairvoie/register/private)" = 700 ] || { echo "package test: the register's private side is not 0700"; exit 1; }
stop
# Data, as the service user: cameras and a register entry.
runuser -u clairvoie -- /usr/bin/clairvoie import --db /var/lib/clairvoie/clairvoie.db --source osm osm/testdata/cameras.osm >/dev/null 2>&1 || \
  { cp osm/testdata/cameras.osm "$work/"; chmod 644 "$work/cameras.osm"; chmod 755 "$work";
    runuser -u clairvoie -- /usr/bin/clairvoie import --db /var/lib/clairvoie/clairvoie.db --source osm "$work/cameras.osm" >/dev/null; }
runuser -u clairvoie -- /usr/bin/clairvoie log append --dir /var/lib/clairvoie/register --kind viewing --agent ag-1 --role agent --camera C1 --live >/dev/null
before=$(runuser -u clairvoie -- /usr/bin/clairvoie export --db /var/lib/clairvoie/clairvoie.db --format csv | sha256sum)

# The upgrade procedure (docs/operations.md): stop, back up, install, start.
runuser -u clairvoie -- /usr/bin/clairvoie backup --db /var/lib/clairvoie/clairvoie.db --out /var/lib/clairvoie/before-upgrade.tar.gz >/dev/null
dpkg -i "$new" >/dev/null
grep -q '0.1.0~test2' <<<"$(/usr/bin/clairvoie version)" || { echo "package test: the upgrade did not install the new binary"; exit 1; }
start
stop
after=$(runuser -u clairvoie -- /usr/bin/clairvoie export --db /var/lib/clairvoie/clairvoie.db --format csv | sha256sum)
[ "$before" = "$after" ] || { echo "package test: the cameras changed across the upgrade"; exit 1; }
runuser -u clairvoie -- /usr/bin/clairvoie log verify --dir /var/lib/clairvoie/register >/dev/null || { echo "package test: the register does not verify after the upgrade"; exit 1; }
runuser -u clairvoie -- /usr/bin/clairvoie doctor --db /var/lib/clairvoie/clairvoie.db --register /var/lib/clairvoie/register --config /etc/clairvoie/clairvoie.toml >"$work/doctor" || { cat "$work/doctor"; exit 1; }

dpkg --remove clairvoie >/dev/null
[ ! -e /usr/bin/clairvoie ] || { echo "package test: the binary outlived dpkg --remove"; exit 1; }
[ -f /var/lib/clairvoie/clairvoie.db ] || { echo "package test: removing the package deleted the workspace"; exit 1; }
dpkg --purge clairvoie >/dev/null
echo "package test: installed, served as the clairvoie user (ready, metrics, JSON logs), upgraded keeping the cameras and the register, removed (the workspace kept)"
