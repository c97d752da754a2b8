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
# Without --runtime, in a tree that has web/ (not the Dockerfile's build
# stage, which copies tools/ alone), also the operator view's npm
# packages: Debian's nodejs and npm ([node]) if no node or npm is on the
# PATH, then `npm ci` in web/ from its lockfile, skipped while
# web/node_modules was installed from the same package.json and lockfile.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
web=$(dirname "$here")/web
case "${1:-}" in
  "") sections="main runtime" ;;
  --runtime) sections="runtime" ;;
  --train) sections="main runtime train" ;;
  *) echo "usage: install-deps.sh [--runtime | --train]" >&2; exit 2 ;;
esac
with_web=false
if [ "${1:-}" != --runtime ] && [ -f "$web/package-lock.json" ]; then
  with_web=true
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    sections="$sections node"
  fi
fi
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
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The operator view's packages, exactly as locked; no install scripts run
# (neither mqtt nor playwright-core has one, and playwright-core fetches
# no browser: the test uses Debian's chromium).
if $with_web; then
  stamp=$(cat "$web/package.json" "$web/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$web/node_modules/.install-deps-stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "install-deps: npm ci in $web"
    (cd "$web" && npm ci --ignore-scripts --no-audit --no-fund)
    echo "$stamp" > "$web/node_modules/.install-deps-stamp"
  fi
fi
