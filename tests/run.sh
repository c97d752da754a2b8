#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, runs every test,
# and measures accuracy on ../shared/data when it is there.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${ANPR_BUILD_DIR:-$top/build}
export ANPR_BUILD_DIR=$build

./tools/install-deps.sh
./tools/build.sh -Dwerror=true

meson test -C "$build" --print-errorlogs --num-processes 1

# Accuracy on the real photos (measurement only; absent in a plain clone).
data=$top/../shared/data
if [ -d "$data" ]; then
  ./tests/accuracy.sh "$build" "$data"
else
  echo "accuracy: $data not present, skipped"
fi
