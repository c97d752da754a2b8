#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, runs every test
# and the fuzzers for a short while (ANPR_FUZZ_SECONDS a target), the
# ASan/UBSan suite when ANPR_SANITIZE=1, and measures accuracy on
# ../shared/data when it is there.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${ANPR_BUILD_DIR:-$top/build}
export ANPR_BUILD_DIR=$build

./tools/install-deps.sh
./tools/build.sh -Dwerror=true

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
meson test -C "$build" --print-errorlogs --num-processes 1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
count() { sed -n "s/^$1: *\([0-9]*\) *\$/\1/p" "$log" | tail -1; }
passed=$(count Ok) failed=$(count Fail) timeouts=$(count Timeout) skipped=$(count Skipped)
echo "tests: ${passed:-0} passed, $(( ${failed:-0} + ${timeouts:-0} )) failed, ${skipped:-0} skipped"
[ "$rc" -eq 0 ] || exit "$rc"

# Fuzzing, short: each libFuzzer target on its seeds and what it finds in
# that time (tests/fuzz/run.sh); a crash fails the run.
./tests/fuzz/run.sh "$build/fuzz" "${ANPR_FUZZ_SECONDS:-20}"

# ASan and UBSan: a build of their own and a slow suite, so only when asked
# (ANPR_SANITIZE=1); README, Tests.
if [ "${ANPR_SANITIZE:-0}" = 1 ]; then
  asan=${ANPR_ASAN_BUILD_DIR:-$top/build-asan}
  if [ ! -f "$asan/build.ninja" ]; then
    meson setup "$asan" "$top" -Dwerror=true \
      -Db_sanitize=address,undefined -Db_lundef=false
  fi
  ninja -C "$asan"
  meson test -C "$asan" --setup asan --print-errorlogs --num-processes 1
fi

# The installed tree works alone (staging root, build tree moved away).
./tests/install-check.sh "$build"

# Accuracy on the real photos (measurement only; absent in a plain clone)
# and on the project's generated GB sets.
data=$top/../shared/data
if [ -d "$data" ]; then
  ./tests/accuracy.sh "$build" "$data"
else
  echo "accuracy: $data not present, the real photos skipped"
  ./tests/accuracy.sh "$build"
fi
