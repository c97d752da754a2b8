#!/usr/bin/env bash
# Installs the Debian packages in tools/debian-packages.txt that are not
# installed yet.  Used by pipelines/demo.sh, tests/run.sh and the Dockerfile,
# so that one list says what gst-anpr needs.
#   install-deps.sh             what building, testing and running need:
#                               the list's first part and [runtime]
#   install-deps.sh --runtime   only the [runtime] section: running the
#                               installed elements and anpr-service, with
#                               no compiler or headers (the Dockerfile's
#                               runtime stage)
#   install-deps.sh --train     also the [train] section: retraining the
#                               models (tools/train), not needed otherwise
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-}" in
  "") sections="main runtime" ;;
  --runtime) sections="runtime" ;;
  --train) sections="main runtime train" ;;
  *) echo "usage: install-deps.sh [--runtime | --train]" >&2; exit 2 ;;
esac
# A line "[name]" starts a section; what comes before the first is "main".
mapfile -t wanted < <(awk -v sections=" $sections " '
  /^\[[a-z]+\][[:space:]]*$/ { section = substr($1, 2, length($1) - 2); next }
  /^[[:space:]]*(#|$)/ { next }
  index(sections, " " (section == "" ? "main" : section) " ") { print $1 }' \
  "$here/debian-packages.txt")

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
