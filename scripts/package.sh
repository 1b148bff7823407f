#!/usr/bin/env bash
# Builds the Debian package dist/clairvoie_VERSION_amd64.deb with Debian's own
# tools (dpkg-deb, no fakeroot needed: --root-owner-group):
#   /usr/bin/clairvoie                    the static binary (CGO off, time zones inside)
#   /lib/systemd/system/clairvoie.service a hardened unit (system user, no capability,
#                                         ProtectSystem=strict, StateDirectory)
#   /etc/clairvoie/clairvoie.toml         the configuration (a conffile: kept on upgrade)
#   /usr/share/man/man1/clairvoie.1.gz    the man page, from the commands' --help
#   /usr/share/doc/clairvoie/             README, operations guide, copyright
#   /usr/share/clairvoie/                 Grafana dashboard, Caddy and nginx examples
# VERSION defaults to 0.1.0+git<commits>.<commit>; set it to name a release.
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
VERSION=${VERSION:-0.1.0+git$(git rev-list --count HEAD 2>/dev/null || echo 0).$commit}
ARCH=${ARCH:-amd64}
out=${OUT:-dist}
mkdir -p "$out"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

echo "== building clairvoie $VERSION ($commit) for $ARCH"
CGO_ENABLED=0 GOOS=linux GOARCH=$ARCH go build -trimpath \
  -ldflags "-s -w -X main.Version=$VERSION -X main.Commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
  -o "$root/usr/bin/clairvoie" ./cmd/clairvoie

install -D -m 0644 packaging/clairvoie.service "$root/lib/systemd/system/clairvoie.service"
install -D -m 0644 packaging/clairvoie-witness.service "$root/lib/systemd/system/clairvoie-witness.service"
install -D -m 0640 packaging/clairvoie.toml "$root/etc/clairvoie/clairvoie.toml"
install -D -m 0644 README.md "$root/usr/share/doc/clairvoie/README.md"
install -D -m 0644 docs/operations.md "$root/usr/share/doc/clairvoie/operations.md"
install -D -m 0644 packaging/copyright "$root/usr/share/doc/clairvoie/copyright"
for f in packaging/grafana-dashboard.json packaging/Caddyfile packaging/nginx.conf; do
  install -D -m 0644 "$f" "$root/usr/share/clairvoie/$(basename "$f")"
done

# The man page: the command list and every command's --help, as written.
man="$root/usr/share/man/man1/clairvoie.1"
mkdir -p "$(dirname "$man")"
bin="$root/usr/bin/clairvoie"
{
  echo ".TH CLAIRVOIE 1 \"$(date -u +%Y-%m-%d)\" \"clairvoie $VERSION\" \"User Commands\""
  echo ".SH NAME"
  echo "clairvoie \\- a city's video-protection registry, open and verifiable"
  echo ".SH SYNOPSIS"
  echo ".B clairvoie"
  echo "\\fIcommand\\fR [\\fIflags\\fR]"
  echo ".SH DESCRIPTION"
  echo ".nf"
  "$bin" help | sed 's/\\/\\\\/g; s/^\./\\\&./'
  echo ".fi"
  echo ".SH COMMANDS"
  for c in $("$bin" help | awk '/^Commands:/{on=1; next} on && NF==0{exit} on{print $1}'); do
    echo ".SS $c"
    echo ".nf"
    "$bin" "$c" --help 2>&1 | sed 's/\\/\\\\/g; s/^\./\\\&./; s/^'"'"'/\\\&'"'"'/'
    echo ".fi"
  done
  echo ".SH FILES"
  echo "/etc/clairvoie/clairvoie.toml, /var/lib/clairvoie/, /usr/share/doc/clairvoie/operations.md"
} > "$man"
gzip -9n "$man"

mkdir -p "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: clairvoie
Version: $VERSION
Architecture: $ARCH
Maintainer: clairvoie <clairvoie@users.noreply.invalid>
Installed-Size: $size
Depends: adduser
Section: web
Priority: optional
Homepage: https://github.com/clairvoie/clairvoie
Description: video-protection registry of a city, open and verifiable
 clairvoie keeps the registry of a city's surveillance cameras (OpenStreetMap
 tags and the legal facts), accounts for their cost and usefulness, plans
 their reduction, keeps the legal register of viewings in a transparency log
 anyone can verify, and publishes all of it as open data. It holds no
 personal data and never analyses images.
CONTROL
echo /etc/clairvoie/clairvoie.toml > "$root/DEBIAN/conffiles"
install -m 0755 packaging/postinst "$root/DEBIAN/postinst"
install -m 0755 packaging/prerm "$root/DEBIAN/prerm"
install -m 0755 packaging/postrm "$root/DEBIAN/postrm"

deb="$out/clairvoie_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
