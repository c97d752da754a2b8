#!/bin/sh
# Trains plateocr's whole-plate recogniser and writes
# data/models/platerec.onnx (platerec.h says what it is).  Everything it
# learns from is made here: anpr-synth plates in all three regions' styles
# and many Debian fonts (--variety), with the surroundings a detector's box
# takes in (--margin).  No real photograph is used (they are for
# measurement only, ../shared/data/README.md).
# Needs `tools/install-deps.sh --train` (PyTorch, OpenCV for Python, the
# fonts).  Same build, fonts and seed: the same plates, and a model equal
# up to the order of floating-point sums across threads.  About an hour
# and a quarter on two cores (3.5 minutes per epoch).
#
#   tools/train/train-platerec.sh [BUILD_DIR] [OUT]
#   PLATES=32000 EPOCHS=22 SEED=... override the defaults
#   WORK=DIR keeps the generated plates there (reused when present)
#   STYLED=N also N GB plates drawn to spell a word, labelled as written
#   (default 0: the committed model was trained without them)
#   CHECKPOINT=FILE also saves the PyTorch weights; INIT=FILE starts from
#   saved ones, INIT_ONNX=FILE from an exported network such as the
#   committed one (fine-tuning; give fewer PLATES and EPOCHS and a lower LR)
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-"$src/build"}
out=${2:-"$src/data/models/platerec.onnx"}
seed=${SEED:-20261121}
plates=${PLATES:-32000}
epochs=${EPOCHS:-22}
styled=${STYLED:-0}
[ "$styled" -gt 0 ] && STYLED_DATA=1 || STYLED_DATA=
work=${WORK:-$(mktemp -d)}
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT INT TERM

if [ ! -x "$build/tools/anpr-synth" ]; then
  echo "$build/tools/anpr-synth missing: build first (meson setup $build && ninja -C $build)" >&2
  exit 1
fi
python3=/usr/bin/python3
if ! $python3 -c 'import torch, cv2, numpy' 2>/dev/null; then
  echo "PyTorch / OpenCV for Python missing: tools/install-deps.sh --train" >&2
  exit 1
fi

# Seeds differ from every seed the tests and measurements use.  Most plates
# are varied; a sixth are in the plain styles the other tools draw; with
# STYLED, GB plates drawn to spell a word (an O where the registration has
# a 0, an S for a 5...), labelled as written, for a network that reads a
# drawn O as an O rather than as the 0 a GB number would hold.
if [ ! -f "$work/varied/truth.tsv" ]; then
  "$build/tools/anpr-synth" plates --variety --margin 0.5 --out "$work/varied" \
    --count "$plates" --formats gb,eu,us --seed "$seed" >/dev/null
  "$build/tools/anpr-synth" plates --margin 0.5 --out "$work/plain" \
    --count $((plates / 6)) --formats gb,eu,us --seed $((seed + 1)) >/dev/null
  "$build/tools/anpr-synth" plates --variety --margin 0.5 --out "$work/held-out" \
    --count 600 --formats gb,eu,us --seed $((seed + 2)) >/dev/null
fi
if [ "$styled" -gt 0 ] && [ ! -f "$work/styled/truth.tsv" ]; then
  "$build/tools/anpr-synth" plates --variety --margin 0.5 --out "$work/styled" \
    --count "$styled" --formats gb-styled --seed $((seed + 3)) >/dev/null
fi

mkdir -p "$(dirname "$out")"
$python3 "$src/tools/train/train-platerec.py" --data "$work/varied" \
  --data "$work/plain" ${STYLED_DATA:+--data "$work/styled"} \
  --val "$work/held-out" --out "$out" \
  --epochs "$epochs" --seed "$seed" ${LR:+--lr "$LR"} \
  ${CHECKPOINT:+--checkpoint "$CHECKPOINT"} ${INIT:+--init "$INIT"} \
  ${INIT_ONNX:+--init-onnx "$INIT_ONNX"}
ls -l "$out"
