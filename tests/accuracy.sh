#!/usr/bin/env bash
# Accuracy and speed of the real elements with anpr-eval, checked against
# the floors in tests/accuracy-floors.tsv: a set that falls more than 2
# points below its floor fails the run.  The shared dev sets are measured
# when DATA_DIR holds them; the project's own generated GB sets (made here
# with this build's generator: the same seed gives the same set) always.
#   tests/accuracy.sh BUILD_DIR [DATA_DIR]
set -euo pipefail
build=$1
data=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
floors=$here/accuracy-floors.tsv
# this build's plugins and the source tree's models, uninstalled
. "$here/../tools/uninstalled-env.sh" "$build"
status=0
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# measure SET REGION DIR: anpr-eval on DIR, against SET's floors
measure() {
  local set=$1 region=$2 dir=$3 last fdet fread det rd
  echo "accuracy: $set (region $region)"
  "$build/tools/anpr-eval" --region "$region" --json "$results/$set.json" \
    "$dir" | tee "$results/$set.txt"
  last=$(tail -1 "$results/$set.txt")
  [ -f "$floors" ] || return 0
  # floors: set  detected  read
  read -r _ fdet fread < <(awk -v s="$set" '$1 == s' "$floors") || true
  det=$(sed -n 's/.* detected=\([0-9.]*\)%.*/\1/p' <<<"$last")
  rd=$(sed -n 's/.* read=\([0-9.]*\)%.*/\1/p' <<<"$last")
  # detected=n/a: a set whose truth has text and no boxes
  if [ -n "${fdet:-}" ] && [ -n "$det" ] && awk -v a="$det" -v f="$fdet" 'BEGIN { exit !(a < f - 2) }'; then
    echo "accuracy: FAIL $set detected $det% is more than 2 points below its floor $fdet%"
    status=1
  fi
  if [ -n "${fread:-}" ] && [ -n "$rd" ] && awk -v a="$rd" -v f="$fread" 'BEGIN { exit !(a < f - 2) }'; then
    echo "accuracy: FAIL $set read $rd% is more than 2 points below its floor $fread%"
    status=1
  fi
}

# set  region
while read -r set region; do
  if [ -z "$data" ] || [ ! -d "$data/$set" ]; then
    echo "accuracy: $set absent, skipped"
    continue
  fi
  measure "$set" "$region" "$data/$set"
done <<SETS
openalpr-eu eu
openalpr-us us
ro-dashcam eu
SETS

# set  anpr-synth --formats  images  seed  [options]: GB plates as on the
# road, every GB format in equal shares (Crown dependencies, diplomatic),
# plates drawn to spell a word, to be read as written (non-standard), and
# every format as a night camera sees them in infrared, a condition no
# model was trained on, and every format in the wider styles drawn in
# fonts no model was trained on
if [ -x "$build/tools/anpr-synth" ]; then
  while read -r set formats count seed options; do
    # shellcheck disable=SC2086 # options are words
    "$build/tools/anpr-synth" stills --formats "$formats" --count "$count" \
      --seed "$seed" $options --out "$results/$set" >/dev/null
    measure "$set" gb "$results/$set"
  done <<SETS
generated-gb gb 100 4242
generated-gb-every gb-every 200 6161
generated-gb-styled gb-styled 100 7373
generated-gb-infrared gb-every 200 9191 --infrared
generated-gb-fonts gb-every 200 1717 --variety --held-out-fonts
SETS
else
  echo "accuracy: no anpr-synth in $build, generated sets skipped"
fi
exit $status
