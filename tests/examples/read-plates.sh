#!/usr/bin/env bash
# Runs an example program of examples/ on a generated GB still whose plate
# the pipeline reads, and checks that it printed that plate both from the
# buffer's GstAnprPlateMeta and from the anpr-read bus message, with
# candidates.  Exits 77 (skip) when something the example needs was not
# built or is not installed, so a missing part never passes for working.
#   read-plates.sh c PROGRAM
#   read-plates.sh python SCRIPT TYPELIB_DIR
set -u
kind=$1
prog=$2
still=00002.png

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

samples=${ANPR_SAMPLES_DIR:-}
[ -n "$samples" ] && [ -f "$samples/images/$still" ] ||
  skip "no sample stills (anpr-synth was not built)"
plate=$(awk -F'\t' -v f="$still" '$1 == f { print $2; exit }' \
  "$samples/truth.tsv")
[ -n "$plate" ] || fail "$still has no plate in $samples/truth.tsv"
# Under `meson test --setup asan` (tests/meson.build) the plugins and the
# library are instrumented: the system's programs that load them
# (gst-inspect-1.0, python3) need ASan's runtime first; their own leaks
# are not ours to report (the C example's are).
sys=()
if [ -n "${ANPR_ASAN_RUNTIME:-}" ]; then
  sys=(env LD_PRELOAD="$ANPR_ASAN_RUNTIME" ASAN_OPTIONS=detect_leaks=0)
fi
for e in platedetect plateocr; do
  "${sys[@]}" gst-inspect-1.0 "$e" >/dev/null 2>&1 ||
    skip "element $e was not built"
done

case $kind in
  c)
    cmd=("$prog" "$samples/images/$still")
    ;;
  python)
    typelibs=$3
    [ -f "$typelibs/GstAnpr-1.0.typelib" ] ||
      skip "no GstAnpr-1.0.typelib in $typelibs (introspection disabled)"
    # The interpreter python3-gi is installed for: the first python3 on
    # PATH may be another one.
    python=
    for p in python3 /usr/bin/python3; do
      if "${sys[@]}" "$p" -c 'import gi
gi.require_version("Gst", "1.0")
from gi.repository import Gst
Gst.ValueList' 2>/dev/null; then
        python=$p
        break
      fi
    done
    [ -n "$python" ] ||
      skip "no python3 with python3-gi and python3-gst-1.0 (Gst overrides)"
    cmd=("${sys[@]}" "$python" "$prog" "$samples/images/$still")
    ;;
  *)
    fail "unknown kind '$kind'"
    ;;
esac

echo "running: ${cmd[*]} (truth: $plate)"
out=$("${cmd[@]}")
rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "exit status $rc"
grep -q "^plate $plate " <<<"$out" || fail "no 'plate $plate' line (meta)"
grep -q "^anpr-read $plate " <<<"$out" ||
  fail "no 'anpr-read $plate' line (bus message)"
# the truth plate as a candidate under the meta's line and the message's
n=$(grep -c "^  candidate $plate " <<<"$out")
[ "$n" -ge 2 ] || fail "$plate printed as a candidate $n times, not twice"
echo "PASS"
