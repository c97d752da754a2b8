#!/usr/bin/env bash
# Accuracy and speed of the real elements on the shared dev sets, with
# anpr-eval, checked against the floors in tests/accuracy-floors.tsv: a set
# that falls more than 2 points below its floor fails the run.
#   tests/accuracy.sh BUILD_DIR DATA_DIR
set -euo pipefail
build=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
floors=$here/accuracy-floors.tsv
# this build's plugins and the source tree's models, uninstalled
. "$here/../tools/uninstalled-env.sh" "$build"
status=0
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# set  region
while read -r set region; do
  [ -d "$data/$set" ] || { echo "accuracy: $set absent, skipped"; continue; }
  echo "accuracy: $set (region $region)"
  "$build/tools/anpr-eval" --region "$region" --json "$results/$set.json" \
    "$data/$set" | tee "$results/$set.txt"
  last=$(tail -1 "$results/$set.txt")
  if [ -f "$floors" ]; then
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
  fi
done <<SETS
openalpr-eu eu
openalpr-us us
ro-dashcam eu
SETS
exit $status
