#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan and UBSan,
# the library's sources compiled in, apart from the meson build) into
# BUILD_DIR, then runs each for SECONDS on a copy of its seed corpus
# (tests/fuzz/corpus/TARGET).  Fails if a target crashes, leaks, hits
# undefined behaviour or a GLib critical; the input that did is left in
# BUILD_DIR/artifacts/.  Reproduce with BUILD_DIR/fuzz-TARGET FILE.
#   run.sh BUILD_DIR SECONDS [TARGET...]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
secs=$2
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(hotlist platerules event hotlistmsg)
fi

cc=${FUZZ_CC:-clang}
command -v "$cc" >/dev/null || { echo "fuzz: $cc not found (tools/install-deps.sh)" >&2; exit 1; }
read -r -a pkgflags < <(pkg-config --cflags gstreamer-1.0 gstreamer-video-1.0 \
  gio-2.0 json-glib-1.0)
read -r -a pkglibs < <(pkg-config --libs gstreamer-1.0 gstreamer-video-1.0 \
  gio-2.0 json-glib-1.0)
# -O1 as libFuzzer's documentation advises: fast enough, still debuggable;
# undefined behaviour stops the run instead of scrolling past
cflags=(-std=c11 -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE
  -DG_LOG_DOMAIN='"GstAnpr"' -Wall -Wextra -Wno-unused-parameter -Werror
  -fsanitize=address,undefined -fno-sanitize-recover=all
  -I"$top" -I"$top/gst/anpr" "${pkgflags[@]}")

# the library, once, with coverage for the fuzzer; rebuilt when a source
# or header changed
mkdir -p "$out/obj"
pids=()
for src in "$top"/gst/anpr/*.c; do
  obj=$out/obj/$(basename "$src" .c).o
  if [ -f "$obj" ] && [ -z "$(find "$src" "$top"/gst/anpr/*.h -newer "$obj")" ]; then
    continue
  fi
  "$cc" "${cflags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" &
  pids+=($!)
done
for p in "${pids[@]}"; do
  wait "$p"
done
for t in "${targets[@]}"; do
  "$cc" "${cflags[@]}" -fsanitize=fuzzer "$here/fuzz-$t.c" "$out"/obj/*.o \
    "${pkglibs[@]}" -lm -o "$out/fuzz-$t"
done

# GLib criticals are bugs here (a g_return_if_fail () that fired), and the
# leak check runs at each input that allocated more than it freed
export G_DEBUG=fatal-criticals
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
rc=0
for t in "${targets[@]}"; do
  # new inputs go to a working corpus in the build dir, never to the
  # committed seeds
  work=$out/corpus/$t
  mkdir -p "$work" "$out/artifacts"
  echo "fuzz: $t for ${secs}s"
  if ! "$out/fuzz-$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -max_len=4096 -print_final_stats=1 \
      -artifact_prefix="$out/artifacts/$t-" "$work" "$here/corpus/$t" \
      >"$out/$t.log" 2>&1; then
    tail -60 "$out/$t.log" >&2
    echo "fuzz: $t FAILED (input in $out/artifacts/, log $out/$t.log)" >&2
    rc=1
    continue
  fi
  # one line: execs, coverage, corpus
  grep -E '^#[0-9]+.*(DONE|pulse|NEW)' "$out/$t.log" | tail -1 || true
  sed -n 's/^stat::\(number_of_executed_units\|average_exec_per_sec\|peak_rss_mb\): *//p' \
    "$out/$t.log" | paste -sd' ' | sed 's/^/  execs, execs\/s, rss MB: /'
done
exit $rc
