#!/usr/bin/env bash
# anpr-service --check on configurations it must refuse, each with the
# reason in its message, and on one it must accept.
#   service-check.sh ANPR_SERVICE
set -uo pipefail
service=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# check NAME WANT_RC MESSAGE_PART < CONFIG
check() {
  local name=$1 want=$2 part=$3 out rc
  cat > "$work/$name.conf"
  out=$("$service" -c "$work/$name.conf" --check 2>&1)
  rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -qF -- "$part" <<<"$out"; then
    echo "FAIL $name: exit $rc (want $want), said: $out"
    fail=1
  else
    echo "ok $name: $out"
  fi
}

head='[service]
mqtt-url=mqtt://127.0.0.1:1
'
check accepted 0 "1 camera(s), OK" <<EOF2
$head
[camera north-gate]
url=file:///nonexistent.mp4
EOF2
check slash 2 "without '/'" <<EOF2
$head
[camera a/b]
url=file:///nonexistent.mp4
EOF2
check hotlist 2 "camera id 'hotlist' is reserved" <<EOF2
$head
[camera hotlist]
url=file:///nonexistent.mp4
EOF2
check service 2 "camera id 'service' is reserved" <<EOF2
$head
[camera service]
url=file:///nonexistent.mp4
EOF2
check no-url 2 "no url" <<EOF2
$head
[camera north-gate]
EOF2
exit $fail
