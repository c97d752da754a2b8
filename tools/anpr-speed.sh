#!/usr/bin/env bash
# Speed of the whole pipeline as a ratio to decoding the same video alone,
# measured in one run (shared machines are noisy: ratios hold, absolute
# times do not).  Runs alternate, the best of each is kept.
#
#   tools/anpr-speed.sh [VIDEO] [RUNS]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${ANPR_BUILD_DIR:-$top/build}
video=${1:-$build/tests/traffic.mp4}
runs=${2:-3}
[ -f "$build/build.ninja" ] && . "$top/tools/uninstalled-env.sh" "$build"
# One OpenCV thread, as anpr-eval measures (plateocr keeps Tesseract's
# OpenMP to one thread itself).
export OPENCV_FOR_THREADS_NUM=1

if [ ! -f "$video" ] || [ ! -d "$build/plugins" ]; then
  echo "anpr-speed: no build in $build or no video $video (build first, or set ANPR_BUILD_DIR)" >&2
  exit 1
fi

dur=$(gst-discoverer-1.0 "$video" 2>/dev/null | sed -n 's/.*Duration: \([0-9:.]*\).*/\1/p' || true)
dur=${dur%%$'\n'*}

time_of() {
  local t0 t1
  t0=$(date +%s.%N)
  gst-launch-1.0 -q "$@" >/dev/null || { echo "anpr-speed: pipeline failed: $*" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
src=(filesrc location="$video" ! decodebin)
best_dec=999999 best_all=999999
for _ in $(seq "$runs"); do
  d=$(time_of "${src[@]}" ! fakesink sync=false) || exit 1
  a=$(time_of "${src[@]}" ! platedetect ! plateocr region=gb ! hotlistmatch ! fakesink sync=false) || exit 1
  best_dec=$(echo "if ($d < $best_dec) $d else $best_dec" | bc -l)
  best_all=$(echo "if ($a < $best_all) $a else $best_all" | bc -l)
done
printf 'video=%s duration=%s\n' "$(basename "$video")" "$dur"
printf 'decode_s=%.2f pipeline_s=%.2f ratio=%.1f realtime_factor=%.2f\n' \
  "$best_dec" "$best_all" "$(echo "$best_all / $best_dec" | bc -l)" \
  "$(echo "$(echo "$dur" | awk -F: '{print $1*3600+$2*60+$3}') / $best_all" | bc -l)"
