#!/usr/bin/env bash
# Configures (once) and builds gst-anpr in build/ (or $ANPR_BUILD_DIR).
# Extra arguments go to meson setup, e.g. -Dwerror=true.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${ANPR_BUILD_DIR:-$top/build}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" "$@"
elif [ $# -gt 0 ]; then
  meson configure "$build" "$@"
fi
ninja -C "$build"
