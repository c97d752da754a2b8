#!/usr/bin/env bash
# The runtime image checked without Docker: a minimal Debian 12 root
# (debootstrap --variant=minbase) gets only the [runtime] section of
# tools/debian-packages.txt (tools/install-deps.sh --runtime), the files a
# build configured as docker/Dockerfile's installs, and the image's user;
# then, as that user:
#   - every installed program and library finds its libraries (ldd), and
#     there is no compiler;
#   - gst-inspect-1.0 finds the three elements, and gst-launch-1.0 reads
#     the listed plates of a generated clip;
#   - anpr-service runs the clip as a camera with docker/cameras.conf,
#     over TLS to a mosquitto configured by docker/mosquitto/ (on the
#     host's loopback), its password from a secret file, all made by
#     docker/make-secrets.sh; a subscriber logged in as dispatch receives
#     the match; the broker serves the operator view's page over TLS;
#     --check-health says healthy; SIGTERM stops it with 0.
# Opt-in (root, debootstrap, a Debian mirror, a few minutes): neither
# meson test nor tests/run.sh runs it.
#   tests/runtime-chroot.sh BUILD_DIR [CLIP HOTLIST]
# BUILD_DIR is configured with the Dockerfile's options if new, and built.
# CLIP and HOTLIST: a video whose hotlist lists some of its plates
# (default: made with anpr-synth, $ANPR_SYNTH or on PATH).
# ANPR_MINBASE (default /var/tmp/anpr-minbase-bookworm.tar) keeps the
# debootstrapped root between runs; each run unpacks a fresh copy.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "runtime-chroot: $*"; }
fail() { echo "runtime-chroot: FAIL: $*" >&2; exit 1; }
[ $# -eq 1 ] || [ $# -eq 3 ] || { sed -n 2,24p "$0" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot)"
for p in debootstrap mosquitto mosquitto_sub openssl mosquitto_passwd setpriv; do
  command -v "$p" >/dev/null || fail "$p not found (tools/install-deps.sh; apt-get install debootstrap)"
done
build=$(realpath -m "$1")
minbase=${ANPR_MINBASE:-/var/tmp/anpr-minbase-bookworm.tar}
start=$(date +%s)
work=$(mktemp -d /var/tmp/anpr-runtime.XXXXXX)
root=$work/root
broker_pid=
service_pid=
sub_pid=
cleanup() {
  local pid
  for pid in "$service_pid" "$sub_pid" "$broker_pid"; do
    [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  done
  if mountpoint -q "$root/proc" && ! umount "$root/proc"; then
    echo "runtime-chroot: $root/proc still mounted, $work left" >&2
    return
  fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
elapsed() { echo "$(( $(date +%s) - start )) s"; }

# The mirror this machine uses for Debian itself.
mirror=$( { grep -hoE '^(URIs:|deb) +[^ ]+/debian/?( |$)' /etc/apt/sources.list \
  /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
  || true; } | awk '{print $2}' | head -1)
mirror=${mirror:-http://deb.debian.org/debian}

# 1. The build, as the Dockerfile's build stage makes it.
if [ ! -f "$build/build.ninja" ]; then
  ANPR_BUILD_DIR=$build "$top/tools/build.sh" --prefix=/usr \
    --buildtype=release -Dtests=disabled -Dtools=disabled \
    -Dexamples=disabled -Dintrospection=disabled
else
  ninja -C "$build"
fi
prefix=$(meson introspect --buildoptions "$build" | python3 -c \
  'import json, sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')
[ "$prefix" = /usr ] || fail "$build has prefix $prefix, the image /usr: use a build dir of its own"
meson install -C "$build" --no-rebuild --destdir "$work/staging" > /dev/null
say "staged $(find "$work/staging" -type f | wc -l) installed files ($(elapsed))"

# 2. A fresh minimal Debian 12 root with only the [runtime] section.
if [ ! -f "$minbase" ]; then
  say "debootstrap --variant=minbase bookworm from $mirror (once, kept in $minbase)"
  debootstrap --variant=minbase bookworm "$work/minbase" "$mirror" > "$work/debootstrap.log" \
    || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
  tar -C "$work/minbase" -cf "$minbase" .
  rm -rf "$work/minbase"
fi
mkdir "$root"
tar -C "$root" -xf "$minbase"
# the sources of Debian's own images: the release, its updates, security
rm -f "$root/etc/apt/sources.list"
cat > "$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian*}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mkdir -p "$root/tmp/deps"
cp "$top/tools/debian-packages.txt" "$top/tools/install-deps.sh" "$root/tmp/deps/"
chroot "$root" /tmp/deps/install-deps.sh --runtime > "$work/install.log" 2>&1 \
  || { tail -20 "$work/install.log"; fail "install-deps.sh --runtime"; }
rm -rf "$root/tmp/deps" "$root/var/lib/apt/lists"/*
# shellcheck disable=SC2016 # dpkg-query's own ${...}
say "[runtime]: $(chroot "$root" dpkg-query -W -f='${Installed-Size}\n' \
  | awk '{s += $1} END {printf "%d packages, %.0f MB", NR, s / 1024}') installed in all ($(elapsed))"

# 3. The installed files and the user, as the Dockerfile's runtime stage.
cp -a "$work/staging/." "$root/"
chroot "$root" sh -ec 'ldconfig
  groupadd --gid 10001 anpr
  useradd --uid 10001 --gid anpr --no-create-home --home-dir /var/lib/gst-anpr --shell /usr/sbin/nologin anpr
  install -d -m 0700 -o anpr -g anpr /var/lib/gst-anpr
  install -d -m 0755 -o anpr -g anpr /var/cache/gst-anpr
  install -d -m 0755 /etc/gst-anpr/hotlists /etc/gst-anpr/tls'
# the image's user and environment (a command, not a function: run in
# the background, its $! is the program's own PID)
as_anpr=(chroot --userspec=10001:10001 "$root" env -i HOME=/var/lib/gst-anpr
  PATH=/usr/sbin:/usr/bin:/sbin:/bin STATE_DIRECTORY=/var/lib/gst-anpr
  GST_REGISTRY_1_0=/var/cache/gst-anpr/registry.bin)

missing=0
while read -r f; do
  if chroot "$root" ldd "$f" | grep 'not found'; then
    echo "  in $f" >&2
    missing=1
  fi
done < <(cd "$work/staging" && find . -type f \( -perm -u+x -o -name '*.so*' \) | sed 's/^\.//')
[ "$missing" -eq 0 ] || fail "libraries missing from [runtime]"
say "every installed program and library finds its libraries"
for c in cc gcc g++ c++ clang ld make meson ninja pkg-config; do
  "${as_anpr[@]}" sh -c "command -v $c" > /dev/null && fail "$c is in the runtime root"
done
say "no compiler or build tool"
for e in platedetect plateocr hotlistmatch; do
  "${as_anpr[@]}" gst-inspect-1.0 "$e" > /dev/null || fail "gst-inspect-1.0 $e"
done
say "gst-inspect-1.0 finds platedetect, plateocr, hotlistmatch as user anpr"

# 4. A clip with listed plates, through gst-launch-1.0.
if [ $# -eq 3 ]; then
  clip=$2 hotlist=$3
else
  synth=${ANPR_SYNTH:-$(command -v anpr-synth || true)}
  [ -x "$synth" ] || fail "no anpr-synth: give CLIP HOTLIST or set ANPR_SYNTH"
  clip=$work/clip.mp4 hotlist=$work/hotlist.csv
  "$synth" video --out "$clip" --truth "$work/truth.tsv" --hotlist "$hotlist" \
    --seconds 10 --vehicles 4 --seed 7 > /dev/null
fi
cp "$clip" "$root/tmp/clip.mp4"
cp "$hotlist" "$root/etc/gst-anpr/hotlists/sample-hotlist.csv"
chmod 0644 "$root/tmp/clip.mp4" "$root/etc/gst-anpr/hotlists/sample-hotlist.csv"
"${as_anpr[@]}" gst-launch-1.0 -m filesrc location=/tmp/clip.mp4 ! decodebin \
  ! videoconvert ! platedetect ! plateocr region=gb \
  ! hotlistmatch hotlist=/etc/gst-anpr/hotlists/sample-hotlist.csv ! fakesink \
  > "$work/launch.log" 2>&1 || { tail "$work/launch.log"; fail "gst-launch-1.0 on the clip"; }
matches=$(grep -o 'anpr-match, .*plate=(string)[A-Z0-9]*' "$work/launch.log" \
  | sed 's/.*plate=(string)//' | tr '\n' ' ')
[ -n "$matches" ] || fail "gst-launch-1.0: no hotlist match on the clip"
say "gst-launch-1.0 matched $matches($(elapsed))"

# 5. The service and the compose file's broker: TLS, passwords, ACL.
"$top/docker/make-secrets.sh" "$work/docker" > /dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
wsport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# the operator view's WebSockets listener on lo, by name: Debian 12's
# mosquitto ignores an address there (every interface); its page from web/
sed -e "s|^listener 8883$|listener $port 127.0.0.1|" \
    -e "s|^listener 8884$|listener $wsport lo|" \
    -e "s|^http_dir .*|http_dir $top/web|" \
    -e "s|/mosquitto/config/passwd|$work/docker/secrets/mosquitto-passwd|" \
    -e "s|/mosquitto/config/acl|$top/docker/mosquitto/acl|" \
    -e "s|/mosquitto/certs/|$work/docker/tls/|" \
    -e "s|^persistence true|persistence false|" -e "/^persistence_location/d" \
    "$top/docker/mosquitto/mosquitto.conf" > "$work/mosquitto.conf"
chmod 0644 "$work/mosquitto.conf"
chmod 0755 "$work" "$work/docker" "$work/docker/tls" "$work/docker/secrets"
# as the compose file runs it: UID 1883, never root
setpriv --reuid=1883 --regid=1883 --clear-groups \
  mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
broker_pid=$!
sed -e "s|mqtts://broker:8883|mqtts://broker:$port|" \
    -e "s|^url = .*|url = file:///tmp/clip.mp4|" \
    "$top/docker/cameras.conf" > "$root/etc/gst-anpr/cameras.conf"
cp "$work/docker/tls/ca.crt" "$root/etc/gst-anpr/tls/ca.crt"
install -D -m 0400 -o 10001 -g 10001 "$work/docker/secrets/mqtt-password" \
  "$root/run/secrets/mqtt_password"
echo "127.0.0.1 broker" >> "$root/etc/hosts"
"${as_anpr[@]}" anpr-service --check --config /etc/gst-anpr/cameras.conf > /dev/null \
  || fail "anpr-service --check on docker/cameras.conf"
mosquitto_sub -h localhost -p "$port" --cafile "$work/docker/tls/ca.crt" \
  -u dispatch -P "$(cat "$work/docker/secrets/dispatch-password")" \
  -t 'anpr/+/match' -C 1 -W 60 > "$work/match.json" 2> "$work/sub.log" &
sub_pid=$!
sleep 1
"${as_anpr[@]}" anpr-service --config /etc/gst-anpr/cameras.conf > "$work/service.log" 2>&1 &
service_pid=$!
healthy=
for _ in $(seq 40); do
  if healthy=$("${as_anpr[@]}" anpr-service --check-health 2>&1); then break; fi
  healthy=
  sleep 0.5
done
[ -n "$healthy" ] || { cat "$work/service.log"; fail "--check-health never healthy"; }
say "anpr-service --check-health: $healthy"
rc=0
wait "$sub_pid" || rc=$?
sub_pid=
[ "$rc" -eq 0 ] || { cat "$work/sub.log" "$work/service.log" "$work/mosquitto.log"; fail "no match over TLS"; }
say "dispatch received over TLS: $(grep -o '"plate":{"text":"[A-Z0-9]*"' "$work/match.json")"
python3 - "$wsport" "$work/docker/tls/ca.crt" <<'PY' || { cat "$work/mosquitto.log"; fail "the operator view's page over TLS"; }
import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2])
page = urllib.request.urlopen("https://localhost:%s/operator/" % sys.argv[1], context=ctx, timeout=10).read()
assert b"ANPR operator view" in page, page[:200]
PY
# (over HTTP/1.1: Debian's libwebsockets also offers HTTP/2 on TLS, which
# browsers then fail on; the compose file's image is built without it)
say "the operator view's page served over TLS on the WebSockets port"
kill -TERM "$service_pid"
rc=0
wait "$service_pid" || rc=$?
service_pid=
[ "$rc" -eq 0 ] || { cat "$work/service.log"; fail "anpr-service exited $rc on SIGTERM"; }
"${as_anpr[@]}" anpr-service --check-health > /dev/null 2>&1 && fail "--check-health healthy after the stop"
say "SIGTERM: exit 0, then unhealthy"
say "OK ($(elapsed))"
